"""A 政府工作报告's views show each item's figures and plan period the way the rule-of-law views do:
terminal, Markdown, the HTML page and the batch CSV files, all through ``render.figures_text``."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from lxml import html as lxml_html
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.corpus.table import corpus_rows
from summarizer.genre_views import to_html_section, to_markdown
from summarizer.genres import GOVERNMENT_WORK_REPORT
from summarizer.govwork_schema import GovWorkSummary
from summarizer.render import TERMINAL_FIGURES, figures_text
from summarizer.render import to_markdown as rule_of_law_markdown
from summarizer.schema import Figure

DATA = Path(__file__).resolve().parents[2] / "evals" / "datasets"
# g05: a year's report whose plans give ranges (1—2家) and decreases (下降43.75%);
# g08: a report closing a plan period (“十三五”时期 review, “十四五”时期目标 goals)
PERIOD_REPORT = DATA / "govwork" / "g08.txt"
YEAR_REPORT = DATA / "govwork" / "g05.txt"
SEED = DATA / "seeds" / "001_b013c1bd2a4005fb.txt"
runner = CliRunner()


def _summary(path: Path) -> GovWorkSummary:
    shown = runner.invoke(app, ["summarize", str(path), "--json"])
    assert shown.exit_code == 0, shown.output
    return GovWorkSummary.model_validate(json.loads(shown.stdout), context={"clean_text": None})


@pytest.fixture(scope="module")
def period() -> GovWorkSummary:
    return _summary(PERIOD_REPORT)


@pytest.fixture(scope="module")
def year() -> GovWorkSummary:
    return _summary(YEAR_REPORT)


def _items(summary: GovWorkSummary):
    return [(p.name, i) for p in GOVERNMENT_WORK_REPORT.parts if p.shape == "items" for i in summary.items(p.name)]


def _figure(evidence: str, **fields) -> Figure:
    return Figure(evidence=evidence, **fields)


def test_one_function_shows_an_items_figures_for_every_view():
    figures = [_figure("设立5—7家", label="机构", value=5, value_high=7, unit="家"),
               _figure("同比下降35%", label="各类事故死亡人数", value=35, unit="%", change="decrease",
                       change_text="下降", scope="comparison", scope_text="同比"),
               _figure("增长12.5%", value=12.5, unit="%", change="increase", change_text="增长"),
               _figure("分别增长7%", label="城镇、农村居民人均可支配收入", value=7, unit="%", change="increase",
                       change_text="增长", label_lists=True),
               _figure("超过7200家", label="国家高新技术企业", value=7200, unit="家", qualifier="more_than",
                       qualifier_text="超过")]
    assert figures_text(figures) == ("机构 5—7家；各类事故死亡人数 下降35%（同比）；“增长12.5%”；"
                                     "城镇、农村居民人均可支配收入（分别） 增长7%；国家高新技术企业 超过7200家")
    assert figures_text(figures, 2) == "机构 5—7家；各类事故死亡人数 下降35%（同比） …"
    assert figures_text(figures, 5) == figures_text(figures)  # no mark when nothing is left out
    assert figures_text([]) == ""


def test_markdown_of_the_cli_shows_each_items_figures_and_period(period, year):
    for path, summary in ((PERIOD_REPORT, period), (YEAR_REPORT, year)):
        shown = runner.invoke(app, ["summarize", str(path), "--markdown"])
        assert shown.exit_code == 0, shown.output
        lines = shown.stdout.splitlines()
        with_figures = [(part, i) for part, i in _items(summary) if i.figures]
        assert with_figures
        for _, item in with_figures:
            head = next(n for n, line in enumerate(lines) if line.endswith(f"**{item.summary}**" + (
                f" _[{item.category}]_" if item.category else "")))
            assert lines[head + 1] == f"   - Figures: {figures_text(item.figures)}"
        assert "| indicator |" in shown.stdout  # the targets table as before
    markdown = to_markdown(period)
    assert "_[“十三五”时期]_" in markdown and "_[“十四五”时期目标]_" in markdown
    assert "—" in figures_text([f for _, i in _items(year) for f in i.figures if f.value_high is not None])
    assert any(f.change == "decrease" and f"{f.change_text}{f.value:g}" in to_markdown(year)
               for _, i in _items(year) for f in i.figures)


def test_the_terminal_shows_the_first_figures_of_each_item(period):
    shown = runner.invoke(app, ["summarize", str(PERIOD_REPORT)], env={"COLUMNS": "2000"})
    assert shown.exit_code == 0, shown.output
    lines = [line.strip() for line in shown.stdout.splitlines()]
    for _, item in _items(period):
        if item.figures:
            assert figures_text(item.figures, TERMINAL_FIGURES) in lines
    assert "[“十三五”时期]" in shown.stdout


def test_the_html_page_shows_each_items_figures_and_period(period, tmp_path):
    page = tmp_path / "g08.html"
    shown = runner.invoke(app, ["summarize", str(PERIOD_REPORT), "-o", str(page)])
    assert shown.exit_code == 0, shown.output
    tree = lxml_html.fromstring(page.read_text(encoding="utf-8"))
    entries = tree.xpath('//section[@class="genre-summary"]//ol/li')
    items = [i for _, i in _items(period)]
    assert len(entries) == len(items)
    for li, item in zip(entries, items, strict=True):
        assert li.xpath("string(b)") == item.summary
        assert li.xpath('string(div[@class="figures"])') == figures_text(item.figures)
        assert li.xpath('string(span[@class="note"])') == (f"[{item.category}]" if item.category else "")
    assert tree.xpath('//span[@class="note"][.="[“十四五”时期目标]"]')


def test_untrusted_figure_text_is_escaped_in_the_html_view(period):
    item = next(i for _, i in _items(period) if i.figures)
    item.figures[0] = item.figures[0].model_copy(update={"label": "<script>x</script>"})
    section = str(to_html_section(period))
    assert "<script>" not in section and "&lt;script&gt;x&lt;/script&gt;" in section


def test_batch_csv_carries_the_figures_of_both_genres(period, tmp_path):
    from summarizer.batch.store import read_results_file

    results, out = tmp_path / "results.jsonl", tmp_path / "csv"
    done = runner.invoke(app, ["batch", str(PERIOD_REPORT), str(SEED), "--backend", "rules", "--out", str(results),
                               "--csv", str(out)])
    assert done.exit_code == 0, done.output
    summaries = {o.name: o.summary for o in read_results_file(results)}

    def rows(name: str) -> list[dict[str, str]]:
        with (out / name).open(encoding="utf-8-sig", newline="") as fh:
            return list(csv.DictReader(fh))

    govwork = summaries[PERIOD_REPORT.name]
    items = [i for _, i in _items(govwork)]
    reports = {r["name"]: r for r in rows("reports.csv")}
    assert int(reports[PERIOD_REPORT.name]["n_figures"]) == sum(len(i.figures) for i in items) > 0
    item_rows = [r for r in rows("items.csv") if r["name"] == PERIOD_REPORT.name]
    assert [(r["category"], r["figures"]) for r in item_rows] == [
        (i.category or "", figures_text(i.figures)) for i in items]
    figure_rows = [r for r in rows("figures.csv") if r["name"] == PERIOD_REPORT.name]
    assert [(r["label"], r["change"], r["value_high"]) for r in figure_rows] == [
        (f.label or "", f.change or "", "" if f.value_high is None else str(f.value_high))
        for i in items for f in i.figures]
    corpus = corpus_rows(read_results_file(results))[0]  # the corpus page's and corpus.csv's counts
    assert (corpus.items, corpus.figures) == (len(items), sum(len(i.figures) for i in items))
    seed = summaries[SEED.name]
    seed_item = next(i for p in ("achievements", "plans") for i in seed.items(p) if i.figures)
    assert any(r["figures"] == figures_text(seed_item.figures) for r in rows("items.csv") if r["name"] == SEED.name)
    assert f"   - Figures: {figures_text(seed_item.figures)}" in rule_of_law_markdown(seed)
