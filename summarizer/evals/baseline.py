"""The CI gate: recorded scores a run must not drop below.

``evals/baselines/<dataset>.json`` holds the headline scores of a rules-backend
run over each bundled dataset (``seeds.json``, ``devset.json``). Raising them is a
deliberate commit made with
``summarizer eval --dataset evals/datasets/seeds --dataset evals/datasets/devset --backend rules --write-baseline evals/baselines``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from summarizer.errors import InputError
from summarizer.evals.formats import FORMATS
from summarizer.evals.scoring import RunReport, headline_scores

OTHER_FORMATS = tuple(f for f in FORMATS if f != "text")
TOLERANCE = 1e-9  # float noise only: any real drop fails
WRITE_COMMAND = "summarizer eval --dataset {dataset} --backend {backend}{formats} --write-baseline {path}"


class Baseline(BaseModel):
    """Scores recorded from one run, and how to record them again."""

    backend: str
    dataset: str
    matching_rule_version: str
    summarizer_version: str
    recorded_at: str
    command: str
    scores: dict[str, float]


@dataclass(frozen=True)
class Regression:
    """A recorded score the run fell below (``current`` None: the run no longer has it)."""

    name: str
    recorded: float
    current: float | None

    def __str__(self) -> str:
        now = "missing" if self.current is None else f"{self.current:.4f}"
        return f"{self.name}: {now} < baseline {self.recorded:.4f}"


def baseline_path(target: Path, dataset_dir: Path) -> Path:
    """The baseline file of a dataset: ``target`` itself when it names a .json file, else
    ``target/<dataset folder name>.json`` (one folder holds the baselines of all datasets)."""
    target = Path(target)
    if target.suffix.lower() == ".json":
        return target
    return target / f"{Path(dataset_dir).name}.json"


def run_scores(report: RunReport) -> dict[str, float]:
    """The scores a baseline records: the text run's headline scores, and each other format's
    (``--formats``) prefixed with it (``pdf.figures.recall``)."""
    scores = dict(headline_scores(report.overall))
    for fmt, fmt_scores in report.formats.items():
        scores.update({f"{fmt}.{k}": v for k, v in fmt_scores.items()})
    return scores


def baseline_from_run(report: RunReport, *, dataset: str, path: str) -> Baseline:
    """The baseline that records ``report``'s headline scores."""
    return Baseline(
        backend=report.run.backend,
        dataset=dataset,
        matching_rule_version=report.run.matching_rule_version,
        summarizer_version=report.run.summarizer_version,
        recorded_at=report.run.created_at.isoformat(timespec="seconds"),
        command=WRITE_COMMAND.format(dataset=dataset, backend=report.run.backend, path=path,
                                     formats=f" --formats text,{','.join(report.formats)}" if report.formats else ""),
        scores={k: round(v, 6) for k, v in run_scores(report).items()},
    )


def write_baseline(baseline: Baseline, path: Path) -> None:
    """Write the baseline file (stable key order, so diffs show what moved)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(baseline.model_dump(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def load_baseline(path: Path) -> Baseline:
    """Read a baseline file; clear error when it is missing or malformed."""
    try:
        return Baseline.model_validate_json(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read the baseline: {exc.strerror}", source=str(path),
                         hint="record one with --write-baseline") from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(x) for x in first["loc"]) or "(top level)"
        raise InputError(f"invalid baseline: field {field}: {first['msg']}", source=str(path),
                         hint="re-record it with --write-baseline") from exc


def check_against_baseline(report: RunReport, baseline: Baseline) -> list[Regression]:
    """Every recorded score the run dropped below (rounding to 6 places is allowed for)."""
    if report.run.matching_rule_version != baseline.matching_rule_version:
        raise InputError(
            f"the baseline was recorded with matching rule {baseline.matching_rule_version}, "
            f"this run uses {report.run.matching_rule_version}",
            hint=f"re-record the baseline deliberately: {baseline.command}",
        )
    current = run_scores(report)
    regressions = []
    for name, recorded in baseline.scores.items():
        fmt = name.split(".", 1)[0]
        if fmt in OTHER_FORMATS and fmt not in report.formats:
            continue  # this run did not make the format: its recorded scores are checked when it does
        now = current.get(name)
        if now is None or round(now, 6) < recorded - TOLERANCE:
            regressions.append(Regression(name, recorded, now))
    return regressions
