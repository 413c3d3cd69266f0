"""The summary of any genre, as the API, the jobs and the batch results carry it.

``ReportSummary`` (rule-of-law) or the output model of another genre of the table
(summarizer.genres); a summary of another genre names it in its ``genre`` field.
"""

from __future__ import annotations

from summarizer.govwork_schema import GovWorkSummary
from summarizer.schema import ReportSummary

AnySummary = ReportSummary | GovWorkSummary
