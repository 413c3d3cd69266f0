"""Fixtures of the hostile tests."""

from __future__ import annotations

import pytest

from tests.tiers import mark_folder_slow


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test here is in the slow tier (see tests/tiers.py)."""
    mark_folder_slow(__file__, items)
