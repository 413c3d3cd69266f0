"""Extraction backends: turn a clean, structured report into items.

A backend implements ``Backend``: ``async extract(doc, structure) -> Extraction``.
``rules`` (``summarizer.extract.rules``) reads the report's structure and needs
nothing else; ``llm`` (``summarizer.extract.llm``) asks an OpenAI-compatible
endpoint. The service assembles the final ``ReportSummary`` from an
``Extraction``.
"""

from summarizer.extract.base import Backend, Extraction

__all__ = ["Backend", "Extraction"]
