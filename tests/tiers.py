"""The test tiers: ``pytest -m "not slow"`` is the fast tier (the pipeline core), the whole
suite is the full tier. A folder whose tests start servers, worker pools, browsers or grow
hostile inputs marks all its tests slow from its conftest with :func:`mark_folder_slow`."""

from __future__ import annotations

from pathlib import Path

import pytest


def mark_folder_slow(conftest_file: str, items: list[pytest.Item]) -> None:
    """Mark every collected test under the folder of ``conftest_file`` as ``slow``.

    ``pytest_collection_modifyitems`` sees the whole session's items, whichever conftest
    declares it, so each folder marks only the tests below itself."""
    folder = Path(conftest_file).resolve().parent
    for item in items:
        if item.path.is_relative_to(folder):
            item.add_marker(pytest.mark.slow)
