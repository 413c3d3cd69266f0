"""Command-line interface: ``summarizer COMMAND``.

Each command is a small module that registers itself on ``app``; they all call
``summarizer.service`` (or ``summarizer.preprocess``) and only format output.
"""

# Importing a command module registers its command on ``app``; the order here
# is the order ``summarizer --help`` lists them in.
from summarizer.cli import (  # noqa: I001,F401
    summarize_cmd,
    clean_cmd,
    batch_cmd,
    report_cmd,
    corpus_cmd,
    follow_cmd,
    serve_cmd,
    worker_cmd,
    eval_cmd,
    schema_cmd,
)
from summarizer.cli.app import app

__all__ = ["app"]
