"""The test tiers: ``pytest -m "not slow" -n auto`` is the fast tier (the pipeline core), the
whole suite is the full tier.

The folders whose tests start servers, worker pools or browsers, or grow hostile inputs, are
in the slow tier as a whole: :data:`SLOW_FOLDERS` names them, and the root conftest marks
their tests ``slow`` (:func:`mark_slow_folders`). When the ``-m`` expression leaves out every
slow test, those folders are not even collected (:func:`skips_slow_folders`): importing their
modules costs each process (and each xdist worker) about a second of CPU for tests that would
only be deselected. A single slow test elsewhere says ``@pytest.mark.slow`` and why.

The fast tier also draws fewer hypothesis examples: the root conftest loads the ``fast``
profile (:data:`FAST_EXAMPLES` examples instead of hypothesis' 100) and a property that asks
for its own count says ``max_examples=examples(300)`` (:func:`examples`), a quarter of it
here. The whole suite draws every example; each fast run draws new ones (on CI, with the
``ci`` profile under it, the same ones)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import settings

TESTS = Path(__file__).resolve().parent

# Folder under tests/ -> why all its tests are slow.
SLOW_FOLDERS: dict[str, str] = {
    "api": "starts the HTTP API (uvicorn on loopback, worker processes) and hostile uploads",
    "jobs": "the job store on SQLite and a real PostgreSQL, its workers and their restarts",
    "batch": "batch runs through the CLI in worker processes, killed and resumed",
    "hostile": "hostile documents through the library and the CLI under a memory cap, their growth timed",
    "htmlreport": "opens the HTML pages in a real headless browser",
    "realserver": "a real model server (llama-cpp-python) on loopback",
}
SLOW_PATHS = tuple(TESTS / name for name in SLOW_FOLDERS)
# Fixture -> why every test that uses it (directly or through another fixture) is slow: these
# are the integration tests of the model path; the backends' own tests replay cassettes.
SLOW_FIXTURES: dict[str, str] = {
    "scripted_server": "talks to the scripted OpenAI-compatible server on loopback (sockets, retries, timeouts)",
}

# Hypothesis examples per property in the fast tier, where hypothesis' default is 100.
FAST_EXAMPLES = 25
_FULL_EXAMPLES = settings.get_profile("default").max_examples
_FEWEST_EXAMPLES = 10  # below this a property hardly explores

_NAME = re.compile(r"[^\s()]+")
_OPERATORS = {"and", "or", "not"}


def in_slow_folder(path: Path) -> bool:
    """Whether ``path`` lies in one of :data:`SLOW_FOLDERS`."""
    return any(path.is_relative_to(folder) for folder in SLOW_PATHS)


def mark_slow_folders(items: list[pytest.Item]) -> None:
    """Mark every collected test under one of :data:`SLOW_FOLDERS`, or using one of
    :data:`SLOW_FIXTURES`, as ``slow``."""
    for item in items:
        if in_slow_folder(item.path) or SLOW_FIXTURES.keys() & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


def excludes_every_slow_test(markexpr: str) -> bool:
    """Whether the ``-m`` expression is false for every test marked ``slow``, whatever its other
    marks: then a slow folder's tests would all be deselected, and it need not be collected.

    Every combination of the expression's other marker names is tried; an expression this
    cannot judge (keyword arguments, many names) counts as keeping slow tests."""
    if not markexpr.strip() or "=" in markexpr:
        return False
    try:  # pytest's own evaluator of -m (a private module: if it moves, everything is collected)
        from _pytest.mark import expression as pytest_expression
    except ImportError:
        return False
    # A malformed expression: SyntaxError in recent pytest, its own ParseError in older ones.
    malformed = (SyntaxError, getattr(pytest_expression, "ParseError", SyntaxError))
    try:
        expression = pytest_expression.Expression.compile(markexpr)
    except malformed:
        return False  # pytest reports it when it deselects
    others = sorted(set(_NAME.findall(markexpr)) - _OPERATORS - {"slow"})
    if len(others) > 8:
        return False
    for values in itertools.product((False, True), repeat=len(others)):
        marks = {"slow": True, **dict(zip(others, values, strict=True))}
        if expression.evaluate(marks.get):  # a matcher: marker name -> whether the test has it
            return False
    return True


def skips_slow_folders(config: pytest.Config) -> bool:
    """Whether this run leaves the slow folders uncollected (see the module docstring)."""
    return excludes_every_slow_test(config.getoption("markexpr", "") or "")


def load_fast_examples(config: pytest.Config) -> None:
    """In the fast tier, unless ``--hypothesis-profile`` names one, load the ``fast`` profile: the
    current one (``ci`` on CI) with :data:`FAST_EXAMPLES` examples per property."""
    if skips_slow_folders(config) and not config.getoption("hypothesis_profile", None):
        settings.register_profile("fast", settings.default, max_examples=FAST_EXAMPLES)
        settings.load_profile("fast")


def examples(full: int) -> int:
    """The examples a property that draws ``full`` in the whole suite draws in this run: scaled
    like the loaded profile's count (all of them unless the fast tier, or a profile, asks fewer),
    never fewer than ten (or ``full``). Called where the property is defined, at collection."""
    scaled = full * settings.default.max_examples // _FULL_EXAMPLES
    return max(scaled, min(full, _FEWEST_EXAMPLES))
