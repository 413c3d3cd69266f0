"""The LLM and hybrid backends for the genres beyond rule-of-law (summarizer.genres).

Built from the genre table: the answer model from the genre's parts and metadata
(``answer``), the prompts from ``prompts/<genre>/`` with the parts' wording filled in
from the table, evidence grounded by sentence citations as in the rule-of-law LLM
backend (``summarizer.extract.llm.citations``), a target narrowed to the clause that
states it (``grounding``).
"""
