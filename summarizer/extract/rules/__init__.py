"""The rule-based extraction backend (``name = "rules"``).

Modules, one job each:

- ``parts``: which statutory part each paragraph belongs to (heading cues,
  merged headings, unheaded paragraph openers);
- ``items``: units of the section tree → ``Item`` with verbatim evidence,
  plus causes and leaders' duties found sentence by sentence;
- ``figures``: ``find_figures(text, start, end)``, reusable by other backends;
- ``metadata``: title, issuer, level, year, publication date;
- ``backend``: ``RulesBackend`` putting them together.
"""

from summarizer.extract.rules.backend import RulesBackend, extract_with_rules
from summarizer.extract.rules.figures import find_figures

__all__ = ["RulesBackend", "extract_with_rules", "find_figures"]
