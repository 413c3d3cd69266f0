"""Command-line interface: ``summarizer COMMAND``.

Each command is a small module that registers itself on ``app``; they all call
``summarizer.service`` (or ``summarizer.preprocess``) and only format output.
"""

from summarizer.cli.app import app

# Importing a command module registers its command on ``app``.
from summarizer.cli import schema_cmd  # noqa: E402,F401
from summarizer.cli import summarize_cmd  # noqa: E402,F401
from summarizer.cli import eval_cmd  # noqa: E402,F401
from summarizer.cli import batch_cmd  # noqa: E402,F401
from summarizer.cli import report_cmd  # noqa: E402,F401
from summarizer.cli import serve_cmd  # noqa: E402,F401
from summarizer.cli import clean_cmd  # noqa: E402,F401

__all__ = ["app"]
