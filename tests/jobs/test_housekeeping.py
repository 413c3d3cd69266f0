"""The worker's housekeeping round: a process that was itself frozen judges no other worker stalled."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import time

from summarizer.jobs.worker import _housekeeping
from summarizer.settings import JobsSettings, Settings


class _Manager:
    def __init__(self) -> None:
        self.stalled_checks: list[float] = []

    async def get_stalled_jobs(self, **_: object) -> list[object]:
        self.stalled_checks.append(time.monotonic())
        return []


class _App:
    def __init__(self) -> None:
        self.job_manager = _Manager()


class _Store:
    def __init__(self) -> None:
        self.rounds: list[float] = []

    async def unqueued(self, older_than: dt.timedelta) -> list[str]:
        self.rounds.append(time.monotonic())
        return []

    async def purge_finished(self, before: dt.datetime) -> int:
        return 0


def test_a_round_after_the_process_froze_retries_no_one() -> None:
    app, store, thawed = _App(), _Store(), []
    settings = Settings(jobs=JobsSettings(heartbeat_s=0.05, stalled_after_s=1.0))

    async def scenario() -> None:
        keeper = asyncio.create_task(_housekeeping(app, store, settings, dt.timedelta(hours=1)))  # type: ignore[arg-type]
        while len(store.rounds) < 3:
            await asyncio.sleep(0.01)
        time.sleep(1.2)  # noqa: ASYNC251 - the point: the whole loop blocked, the heartbeat task with it
        thawed.append(time.monotonic())
        rounds_before = len(store.rounds)
        while len(store.rounds) < rounds_before + 3:
            await asyncio.sleep(0.01)
        keeper.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await keeper

    asyncio.run(scenario())
    # A round checks for stalled workers, then for unqueued documents.
    woke = next(t for t in store.rounds if t > thawed[0])
    before = max(t for t in store.rounds if t < thawed[0])
    assert not [t for t in app.job_manager.stalled_checks if before < t < woke], "the round after the freeze"
    assert [t for t in app.job_manager.stalled_checks if t > woke], "the rounds after it check again"
