"""The ``--genre`` option of summarize and batch, built from the genre table."""

from __future__ import annotations

from enum import Enum

from summarizer.genres import GENRE_NAMES

# auto: decided by the document's kind (a 政府工作报告 is a government_work_report).
GenreOption = Enum("GenreOption", {name: name for name in ("auto", *GENRE_NAMES)}, type=str)  # type: ignore[misc]  # members from the table
GENRE_HELP = ("Which genre's parts to extract: auto decides from the document (a 政府工作报告 is a "
              "government_work_report, anything else rule_of_law); " + ", ".join(GENRE_NAMES) + " force one.")
AUTO_GENRE = GenreOption("auto")  # the default of every --genre
