"""Old name of ``summarizer.cli.arguments`` (renamed so as not to be taken for the
``summarizer.inputs`` layer); kept for one release. Import the new names."""

from summarizer.cli.arguments import local_argument, report_argument

read_input = report_argument  # the old name of report_argument
read_source = local_argument  # the old name of local_argument (was in cli/common.py)

__all__ = ["read_input", "read_source"]
