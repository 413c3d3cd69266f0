"""``summarizer report`` of both genres, as Chromium builds the page: each item of a 政府工作报告 shows
its figures and plan period next to it, in the same words as a rule-of-law report's items."""

from __future__ import annotations

from pathlib import Path

import lxml.html
from typer.testing import CliRunner

from summarizer.batch.store import read_results_file
from summarizer.cli import app
from summarizer.genres import GOVERNMENT_WORK_REPORT
from summarizer.render import figures_text
from summarizer.schema import PART_NAMES

DATA = Path(__file__).resolve().parents[2] / "evals" / "datasets"
PERIOD_REPORT = DATA / "govwork" / "g08.txt"  # “十三五”时期 review, “十四五”时期目标 goals
SEED = DATA / "seeds" / "001_b013c1bd2a4005fb.txt"
RUNNER = CliRunner()


def test_the_page_shows_the_figures_of_both_genres_items(tmp_path, dump_dom):
    results, page = tmp_path / "results.jsonl", tmp_path / "report.html"
    for args in (["batch", str(PERIOD_REPORT), str(SEED), "--backend", "rules", "--out", str(results)],
                 ["report", str(results), "--out", str(page)]):
        done = RUNNER.invoke(app, args)
        assert done.exit_code == 0, done.output
    summaries = {o.name: o.summary for o in read_results_file(results)}
    tree = lxml.html.document_fromstring(dump_dom(page))

    govwork = summaries[PERIOD_REPORT.name]
    items = [i for p in GOVERNMENT_WORK_REPORT.parts if p.shape == "items" for i in govwork.items(p.name)]
    entries = tree.xpath('//section[@data-genre="government_work_report"]//ol/li')
    assert len(entries) == len(items) and any(i.figures for i in items)
    for li, item in zip(entries, items, strict=True):
        assert li.xpath('string(div[@class="figures"])') == figures_text(item.figures)
        assert li.xpath('string(span[@class="note"])') == (f"[{item.category}]" if item.category else "")

    seed = summaries[SEED.name]
    seed_figures = [figures_text(i.figures) for p in PART_NAMES for i in seed.items(p) if i.figures]
    shown = [d.text_content() for d in tree.xpath('//section[@class="report"]//div[@class="figures"]')]
    assert shown == seed_figures and seed_figures
