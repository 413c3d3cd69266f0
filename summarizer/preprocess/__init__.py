"""Preprocessing: raw report (text, bytes, or a text, HTML, PDF or Word file) -> ``CleanDocument``.

``clean(source, name=None)`` is the one entry point; see docs/preprocessing.md.
"""

from summarizer.preprocess.document import CleanDocument, DateSeen, Hints, Paragraph, Repair
from summarizer.preprocess.pipeline import clean

__all__ = ["CleanDocument", "DateSeen", "Hints", "Paragraph", "Repair", "clean"]
