"""A self-contained HTML page for people: each report's summary beside its clean text,
every item's evidence highlighted at its span, and the compliance checklist."""

from summarizer.htmlreport.page import ReportEntry, item_anchor, render_page

__all__ = ["ReportEntry", "item_anchor", "render_page"]
