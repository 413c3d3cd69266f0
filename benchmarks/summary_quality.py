"""How well the rules backend's summaries and figures read, on the bundled reports.

Not a speed benchmark: it counts, over every item of every report in the given
datasets (default: the seeds and the devset), the defects a reader notices at
once (issue 16):

- **stitched** summaries: made of more than two pieces of the text, or of a
  heading and a piece that is not a whole run of clauses (``heading：figure
  phrase`` torn out of its clause);
- **torn** summaries: a piece that does not start and end at a clause boundary
  of the text (``，；。：`` or a sentence end; after a numbering marker or a
  leading connective counts as a start);
- figures whose **unit is cut** (the text right after the number spells a
  longer unit than the figure's: 家次 stated, 家 kept);
- figure **labels that mislead**: a lone verb or a label ending in a verb
  (``废止``, ``推动涉及``), a time phrase (``相较去年``), or a torn word (its ends
  are not word ends of the text).

Run: ``.venv/bin/python benchmarks/summary_quality.py [DATASET_DIR ...]``
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from summarizer.extract.phrases import is_word_boundary, tagged_spans
from summarizer.extract.rules.figures import TIME_LABEL, VERBAL_NOUNS
from summarizer.extract.rules.summaries import clause_bounded
from summarizer.parts import PART_NAMES
from summarizer.service import SummaryService
from summarizer.settings import Settings

_ROOT = Path(__file__).resolve().parents[1]
_DEFAULT = [_ROOT / "evals" / "datasets" / "seeds", _ROOT / "evals" / "datasets" / "devset"]
_JOINS = "：，"
# Units as reports write them, longest first: a figure whose unit is a shorter one of these
# while the text goes on to spell a longer one (家次 stated, 家 kept) has its unit cut.
FULL_UNITS = sorted(
    ["人次", "家次", "场次", "户次", "件次", "批次", "车次", "架次", "个工作日", "工作日", "个小时", "小时", "课时", "学时", "个月", "个百分点", "百分点", "平方公里", "平方米", "公里", "万元", "亿元", "元", "件", "宗", "起", "人", "名", "位", "次", "场", "个", "家", "项", "条", "份", "期", "批", "天", "日", "户", "%"],
    key=len, reverse=True,
)


def pieces(summary: str, text: str) -> list[tuple[int, int]] | None:
    """The summary as maximal verbatim pieces of ``text`` joined by ``：`` or ``，`` (None: it is not)."""
    out: list[tuple[int, int]] = []
    pos = 0
    while pos < len(summary):
        best = None
        for end in range(len(summary), pos, -1):
            at = text.find(summary[pos:end])
            if at != -1:
                best = (at, at + end - pos)
                break
        if best is None:
            return None
        out.append(best)
        pos += best[1] - best[0]
        if pos < len(summary) and summary[pos] in _JOINS:
            pos += 1
    return out


def bounded_somewhere(text: str, start: int, end: int) -> bool:
    """True when some occurrence of ``text[start:end]`` in the text is clause-bounded."""
    piece, at = text[start:end], text.find(text[start:end])
    while at != -1:
        if clause_bounded(text, at, at + len(piece)):
            return True
        at = text.find(piece, at + 1)
    return False


def label_problem(text: str, figure) -> str | None:
    """Why a figure label misleads a reader (None: it does not or there is none)."""
    label = figure.label
    if label is None:
        return None
    if TIME_LABEL.search(label):
        return "time phrase"
    at = text.find(label, figure.span.start, figure.span.end)
    if at == -1:
        return "not verbatim"
    after_unit = bool(figure.unit) and text.endswith(figure.unit[-1], 0, at)  # 389个|村
    # jieba glues a rate's filler to it (率达, 率为): 配备率|达 ends a whole phrase all the same.
    rate_end = label.endswith(("率", "数", "量", "额")) and text[at + len(label) : at + len(label) + 1] in ("达", "为")
    end_ok = rate_end or is_word_boundary(text, at + len(label))
    if not ((after_unit or is_word_boundary(text, at)) and end_ok):
        return "torn word"
    tags = tagged_spans(text, at, at + len(label))
    last = text[tags[-1][0] : tags[-1][1]] if tags else ""
    # jieba tags some things the genre counts as verbs (投诉, 申请, 学习会, 办结率, 占比): not a verb label.
    counted = last in VERBAL_NOUNS or label.endswith(("率", "数", "量", "额", "会", "比"))
    if tags and tags[-1][2] in ("v", "vd", "vi", "d", "p", "c", "u") and not counted:
        return "ends in a verb or particle"
    return None


def unit_cut(text: str, figure) -> bool:
    """True when the text right after the number spells a longer unit than the figure keeps."""
    assert figure.span is not None
    evidence = text[figure.span.start : figure.span.end]
    number = f"{figure.value:g}"
    m = re.search(re.escape(number).replace(r"\.", "[.．]") + r"(?:余|多)?(?:万亿|万|亿|千|百)?(?:余|多)?", evidence)
    if m is None:
        return False
    after = figure.span.start + m.end()
    core = figure.unit.lstrip("万亿千百")
    longer = [u for u in FULL_UNITS if text.startswith(u, after) and len(u) > len(core)]
    return bool(longer)


def measure(dirs: list[Path]) -> None:
    service = SummaryService(Settings(backend="rules"))
    for folder in dirs:
        n_sum = stitched = torn = n_fig = cut = no_label = scoped = 0
        bad_labels: dict[str, int] = {}
        examples: list[str] = []
        for path in sorted(folder.glob("*.txt")):
            result = service.summarize_sync(path)
            text = result.document.text
            for part in PART_NAMES:
                for item in getattr(result.summary, part):
                    n_sum += 1
                    found = pieces(item.summary, text)
                    if found is None or len(found) > 2 or (
                        len(found) == 2 and not bounded_somewhere(text, *found[1])
                    ):
                        stitched += 1
                        examples.append(f"stitched {path.name}: {item.summary}")
                    elif not all(bounded_somewhere(text, s, e) for s, e in found):
                        torn += 1
                        bad = next((s, e) for s, e in found if not bounded_somewhere(text, s, e))
                        examples.append(f"torn     {path.name}: {item.summary}  <<{text[bad[0] - 6:bad[0]]}|"
                                        f"{text[bad[0]:bad[1]]}|{text[bad[1]:bad[1] + 4]}>>")
                    for figure in item.figures:
                        n_fig += 1
                        assert figure.span is not None
                        no_label += figure.label is None
                        scoped += getattr(figure, "scope", None) is not None
                        if unit_cut(text, figure):
                            cut += 1
                            examples.append(f"unit cut {path.name}: {figure.evidence} -> {figure.unit}")
                        why = label_problem(text, figure)
                        if why:
                            bad_labels[why] = bad_labels.get(why, 0) + 1
                            examples.append(f"label    {path.name}: {figure.label!r} ({why}) in {figure.evidence}")
        print(f"== {folder.name}")
        print(f"summaries {n_sum}: stitched {stitched / n_sum:.1%}, torn {torn / n_sum:.1%}")
        print(f"figures {n_fig}: unit cut {cut / max(n_fig, 1):.1%}, misleading labels {sum(bad_labels.values())} {bad_labels}, "
              f"no label {no_label}, scoped {scoped}")
        if "-v" in sys.argv:
            print("\n".join(examples))


if __name__ == "__main__":
    args = [Path(a) for a in sys.argv[1:] if a != "-v"]
    measure(args or _DEFAULT)
