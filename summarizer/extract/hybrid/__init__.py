"""The hybrid extraction backend (``name = "hybrid"``): rules find, a model words.

The rule-based extractor finds the units and their parts; the model writes
each unit's concise summary, re-labels the units whose part the rules are
unsure of, and fills the metadata the rules could not find. Each call holds
one or a few units, so a small model with an 8 k window serves it; evidence
stays the unit's own span (exact by construction); a unit whose call fails
keeps the rules' output.

Modules, one job each:

- ``units``: the rules' items as units, which of them have an unsure part, and
  how they are grouped into calls;
- ``answer``: what the model is asked to return;
- ``checks``: whether a model's summary may replace the rules' one;
- ``backend``: ``HybridBackend`` putting them together.
"""

from summarizer.extract.hybrid.backend import HybridBackend

__all__ = ["HybridBackend"]
