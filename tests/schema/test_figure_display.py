"""What the views show of a figure: its label and number, its quote when it has no label, its scope."""

from __future__ import annotations

from summarizer.render import format_figure
from summarizer.schema import Figure, Span

TEXT = "2021年以来，全县共受理行政复议案件57件，废止12件。"


def _figure(evidence: str, **fields) -> Figure:
    start = TEXT.index(evidence)
    return Figure(evidence=evidence, span=Span(start=start, end=start + len(evidence)), **fields)


def test_a_labelled_figure_shows_label_and_number():
    assert format_figure(_figure("受理行政复议案件57件", label="行政复议案件", value=57, unit="件")) == "行政复议案件 57件"


def test_a_figure_without_label_shows_its_quote_not_a_made_up_name():
    fig = _figure("废止12件", value=12, unit="件")
    assert fig.label is None
    assert format_figure(fig) == "“废止12件”"


def test_a_scoped_figure_says_its_scope():
    fig = _figure("受理行政复议案件57件", label="行政复议案件", value=57, unit="件",
                  scope="earlier_period", scope_text="2021年以来")
    assert format_figure(fig) == "行政复议案件 57件（2021年以来）"
    assert Figure.model_validate(fig.model_dump(), context={"clean_text": TEXT}) == fig
