"""The typer application; each command lives in its own module beside this one."""

import typer

app = typer.Typer(
    name="summarizer",
    help="Checked, structured summaries of Chinese 法治政府建设年度报告.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def main() -> None:
    """Checked, structured summaries of Chinese 法治政府建设年度报告 (annual rule-of-law reports)."""
