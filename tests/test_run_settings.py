"""Worker settings are not the HTTP API's: SUMMARIZER_RUN_WORKERS, SUMMARIZER_RUN_CPU_BUDGET_S and
SUMMARIZER_JOBS_RETENTION_HOURS; the old SUMMARIZER_API_* names keep working for one release,
with a deprecation warning, and lose to the new names."""

from __future__ import annotations

import warnings

import pytest

from summarizer.settings import RunSettings, ServerSettings, Settings

OLD_AND_NEW = [
    ("SUMMARIZER_API_WORKERS", "SUMMARIZER_RUN_WORKERS", "5", lambda s: s.run.workers, 5),
    ("SUMMARIZER_API_CPU_BUDGET_S", "SUMMARIZER_RUN_CPU_BUDGET_S", "7.5", lambda s: s.run.cpu_budget_s, 7.5),
    ("SUMMARIZER_API_JOB_RETENTION_HOURS", "SUMMARIZER_JOBS_RETENTION_HOURS", "12",
     lambda s: s.jobs.retention_hours, 12.0),
]
# Ids from the names, not from the lambdas' addresses, which differ between processes (and
# pytest-xdist's workers must collect the same ids).
OLD_AND_NEW_IDS = [f"{old}-{new}" for old, new, *_ in OLD_AND_NEW]


@pytest.fixture(autouse=True)
def _no_env_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no .env of the checkout
    for old, new, *_ in OLD_AND_NEW:
        monkeypatch.delenv(old, raising=False)
        monkeypatch.delenv(new, raising=False)


def test_defaults_without_a_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        settings = Settings()
    assert (settings.run.workers, settings.run.cpu_budget_s, settings.jobs.retention_hours) == (2, 60.0, 168.0)


@pytest.mark.parametrize(("old", "new", "value", "read", "expected"), OLD_AND_NEW, ids=OLD_AND_NEW_IDS)
def test_the_new_name_is_read_without_a_warning(monkeypatch, old, new, value, read, expected):
    monkeypatch.setenv(new, value)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert read(Settings()) == expected


@pytest.mark.parametrize(("old", "new", "value", "read", "expected"), OLD_AND_NEW, ids=OLD_AND_NEW_IDS)
def test_the_old_name_still_works_and_names_the_new_one(monkeypatch, old, new, value, read, expected):
    monkeypatch.setenv(old, value)
    with pytest.warns(DeprecationWarning, match=new):
        assert read(Settings()) == expected


@pytest.mark.parametrize(("old", "new", "value", "read", "expected"), OLD_AND_NEW, ids=OLD_AND_NEW_IDS)
def test_the_new_name_wins_over_the_old(monkeypatch, old, new, value, read, expected):
    monkeypatch.setenv(old, "99")
    monkeypatch.setenv(new, value)
    with pytest.warns(DeprecationWarning, match="wins"):
        assert read(Settings()) == expected


def test_the_old_name_in_a_dotenv_file_still_works(tmp_path):
    (tmp_path / ".env").write_text("SUMMARIZER_API_WORKERS=3\n", encoding="utf-8")
    with pytest.warns(DeprecationWarning, match="SUMMARIZER_RUN_WORKERS"):
        assert Settings().run.workers == 3


def test_settings_built_in_code_carry_the_old_field_too():
    with pytest.warns(DeprecationWarning):
        settings = Settings(api=ServerSettings(cpu_budget_s=3.0))
    assert settings.run.cpu_budget_s == 3.0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert Settings(run=RunSettings(workers=4)).run.workers == 4
