"""``summarizer batch`` over a folder of mixed inputs: text, HTML, PDF and Word all summarised."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from .conftest import SEED_IDS, SEEDS_DIR

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "inputs"))  # the file makers
import makers


def test_batch_handles_a_mixed_folder(cli, tmp_path):
    folder = tmp_path / "mixed"
    (folder / "sub").mkdir(parents=True)
    texts = {doc_id: (SEEDS_DIR / f"{doc_id}.txt").read_text(encoding="utf-8") for doc_id in SEED_IDS}
    a, b, c, d, e = SEED_IDS
    (folder / f"{a}.txt").write_text(texts[a], encoding="utf-8")
    html = "<!DOCTYPE html><html><body>" + "".join(f"<p>{p}</p>" for p in makers.seed_paragraphs(texts[b]))
    (folder / f"{b}.html").write_text(html + "</body></html>", encoding="utf-8")
    (folder / f"{c}.pdf").write_bytes(makers.make_pdf(makers.seed_paragraphs(texts[c]), print_stamp=True))
    (folder / "sub" / f"{d}.docx").write_bytes(makers.make_docx(makers.seed_paragraphs(texts[d]), header="页眉"))
    (folder / f"{e}.PDF").write_bytes(makers.make_pdf(makers.seed_paragraphs(texts[e])))
    (folder / "notes.xlsx").write_bytes(b"PK\x03\x04 not a report")  # not a report suffix: not taken
    out = tmp_path / "out.jsonl"
    result = cli("batch", folder, "--out", out, "--backend", "rules", "--csv", tmp_path / "csv")
    assert result.exit_code == 0, result.output
    assert "done 5, failed 0" in result.output
    lines = {json.loads(x)["name"]: json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()}
    kinds = {name: line["summary"]["provenance"]["input_kind"] for name, line in lines.items()}
    assert kinds == {f"{a}.txt": "text", f"{b}.html": "html", f"{c}.pdf": "pdf", f"{d}.docx": "docx",
                     f"{e}.PDF": "pdf"}
    for line in lines.values():
        assert line["summary"]["achievements"], line["name"]
    rows = list(csv.DictReader((tmp_path / "csv" / "items.csv").open(encoding="utf-8-sig")))
    pdf_pages = {row["page"] for row in rows if row["name"] == f"{c}.pdf"}
    assert pdf_pages and all(p.isdigit() for p in pdf_pages) and len(pdf_pages) > 1
    assert {row["page"] for row in rows if row["name"] == f"{a}.txt"} == {""}
    page = tmp_path / "report.html"
    assert cli("report", out, "--out", page).exit_code == 0
    assert '<span class="note">p. 2</span>' in page.read_text(encoding="utf-8")  # PDF items show their page
