"""docs/tour.md: every command runs as written, and the pictures it shows are taken here.

Run with ``SUMMARIZER_UPDATE_TOUR=1`` to write the pictures into docs/tour/ (else into a
temporary folder, checked the same way)."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOUR = ROOT / "docs" / "tour.md"
SUMMARIZER = Path(sys.executable).with_name("summarizer")
# Read at import: the tests' own fixture clears SUMMARIZER_* variables before each test.
UPDATE_PICTURES = os.environ.get("SUMMARIZER_UPDATE_TOUR") == "1"


def tour_commands() -> list[str]:
    """The commands of the tour's ```bash blocks, in order."""
    blocks = re.findall(r"```bash\n(.*?)```", TOUR.read_text(encoding="utf-8"), flags=re.DOTALL)
    return [line for block in blocks for line in block.splitlines() if line.strip()]


def test_the_tour_runs_as_written_and_its_pictures_are_taken(tmp_path, chromium_run):
    commands = tour_commands()
    assert len(commands) >= 4 and all(c.startswith("summarizer ") for c in commands)
    (tmp_path / "evals").symlink_to(ROOT / "evals")
    outputs = {}
    for command in commands:
        argv = [str(SUMMARIZER), *shlex.split(command)[1:]]
        done = subprocess.run(argv, cwd=tmp_path, capture_output=True, text=True, timeout=600, check=False)
        assert done.returncode == 0, f"{command}\n{done.stderr[-2000:]}"
        outputs[command] = done.stdout
    for made in ("results.jsonl", "corpus.html", "corpus-reports.html", "corpus-csv/corpus.csv",
                 "corpus-csv/follow.csv", "report.html", "corpus-from-report.html"):
        assert (tmp_path / made).stat().st_size > 0, made
    follows = [out for cmd, out in outputs.items() if cmd.startswith("summarizer follow")]
    assert "苏平片区: 2022 → 2023" in follows[0]
    assert "罗湖区: 2014 → 2015" in follows[1]  # a government work report pair, by session year
    # every picture the tour shows is taken from the pages just made
    pictures = re.findall(r"!\[[^\]]*\]\((tour/[^)]+\.png)\)", TOUR.read_text(encoding="utf-8"))
    assert set(pictures) == {"tour/corpus.png", "tour/table.png", "tour/follow.png"}
    target = ROOT / "docs" if UPDATE_PICTURES else tmp_path / "docs"
    (target / "tour").mkdir(parents=True, exist_ok=True)
    page = tmp_path / "corpus.html"
    shots = {"tour/corpus.png": ("1200,900", ""), "tour/table.png": ("1200,1100", "table-view"),
             "tour/follow.png": ("1200,900", "follow-view")}
    for picture, (size, view) in shots.items():
        fragment = {"": "", "table-view": "sort=year&dir=desc", "follow-view": "q=苏平片区"}[view]
        shown = page
        if view == "follow-view":  # the follow-through section, on a page of its own pair
            shown = tmp_path / "follow-only.html"
            html = page.read_text(encoding="utf-8")
            start = html.index('<section class="follow">')
            shown.write_text(html[: html.index("<main>") + 6] + html[start:], encoding="utf-8")
        chromium_run(shown, f"--screenshot={target / picture}", f"--window-size={size}",
                     "--hide-scrollbars", fragment=fragment)
        assert (target / picture).read_bytes().startswith(b"\x89PNG"), picture
