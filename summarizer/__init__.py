"""summarizer: checked, structured summaries of 法治政府建设年度报告.

Library use::

    from pathlib import Path
    from summarizer import Settings, SummaryService, clean

    doc = clean(Path("report.html"))            # CleanDocument
    service = SummaryService(Settings())
    result = service.summarize_sync(Path("report.txt"))
    print(result.summary.model_dump_json(indent=2))
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # what the lazy attributes below are, for type checkers
    from summarizer.preprocess import clean
    from summarizer.schema import ReportSummary
    from summarizer.service import SummaryService
    from summarizer.settings import Settings

__version__ = "0.1.0"

__all__ = ["ReportSummary", "Settings", "SummaryService", "__version__", "clean"]


def __getattr__(name: str) -> object:
    # Lazy, so that ``import summarizer`` stays cheap and free of import cycles.
    if name == "clean":
        from summarizer.preprocess import clean

        return clean
    if name == "Settings":
        from summarizer.settings import Settings

        return Settings
    if name == "SummaryService":
        from summarizer.service import SummaryService

        return SummaryService
    if name == "ReportSummary":
        from summarizer.schema import ReportSummary

        return ReportSummary
    raise AttributeError(name)
