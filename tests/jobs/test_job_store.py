"""One job-store suite, run on both implementations: the SQLite file and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from summarizer.api.app import open_job_store
from summarizer.api.bodies import Upload
from summarizer.api.job_store import JobLimits, JobOptions, QueueFullError, split_key
from summarizer.batch.outcome import DocumentOutcome
from summarizer.settings import JobsSettings, Settings

OPTIONS = JobOptions("rules", include_text=False, include_repairs=False)
ROOMY = JobLimits(max_jobs=100, max_documents=1000, max_jobs_per_owner=100, max_documents_per_owner=1000)


@pytest.fixture
async def store(jobs_url, tmp_path):
    opened = open_job_store(Settings(cache_dir=tmp_path / "cache", jobs=JobsSettings(url=jobs_url)))
    yield opened
    await opened.close()


def uploads(n: int, prefix: str = "doc") -> list[Upload]:
    return [Upload(content=f"第{i}份报告的内容。" if i % 2 == 0 else f"报告{i}".encode("gb18030"),
                   name=f"{prefix}-{i}.txt") for i in range(n)]


def outcome(key: str, name: str, status: str = "done") -> DocumentOutcome:
    return DocumentOutcome(key=key, name=name, sha256="0" * 64, backend="rules", status=status,
                           elapsed_ms=1.0, finished_at=dt.datetime.now(dt.UTC),
                           error={"code": "input_error", "message": "bad"} if status == "failed" else None)


async def test_a_new_job_is_pending_with_its_documents_in_order(store):
    job_id = await store.create_job("alice", uploads(3), OPTIONS, ROOMY)
    status = await store.status(job_id, "alice", offset=0, limit=10)
    assert status.status == "pending" and status.progress.total == 3 and status.progress.pending == 3
    assert [d.name for d in status.documents] == ["doc-0.txt", "doc-1.txt", "doc-2.txt"]
    assert await store.status(job_id, "bob", offset=0, limit=10) is None, "another key sees no such job"
    assert await store.options(job_id) == OPTIONS
    assert await store.probe() is None


async def test_contents_come_back_as_sent_text_or_bytes(store):
    job_id = await store.create_job("alice", uploads(2), OPTIONS, ROOMY)
    refs = await store.pending_documents(job_id)
    assert [split_key(r.key) for r in refs] == [(job_id, 0), (job_id, 1)]
    assert await store.content(refs[0].key) == "第0份报告的内容。"
    assert await store.content(refs[1].key) == "报告1".encode("gb18030")


async def test_documents_run_and_finish_and_the_job_with_them(store):
    job_id = await store.create_job("alice", uploads(2), OPTIONS, ROOMY)
    first, second = await store.pending_documents(job_id)
    await store.mark_running(first.key)
    status = await store.status(job_id, "alice", offset=0, limit=10)
    assert status.status == "running" and status.progress.running == 1
    await store.record(first.key, outcome(first.key, first.name))
    await store.record(second.key, outcome(second.key, second.name, "failed"))
    status = await store.status(job_id, "alice", offset=0, limit=10)
    assert status.status == "done" and (status.progress.done, status.progress.failed) == (1, 1)
    assert status.documents[1].error.code == "input_error"
    assert await store.content(first.key) is None, "a finished document's input is dropped"
    assert await store.unfinished_job_ids() == []


async def test_results_are_paged(store):
    job_id = await store.create_job("alice", uploads(5), OPTIONS, ROOMY)
    page = await store.status(job_id, "alice", offset=2, limit=2)
    assert [d.index for d in page.documents] == [2, 3] and page.next_offset == 4
    last = await store.status(job_id, "alice", offset=4, limit=2)
    assert [d.index for d in last.documents] == [4] and last.next_offset is None


async def test_limits_on_unfinished_work_per_key_and_overall(store):
    limits = JobLimits(max_jobs=3, max_documents=5, max_jobs_per_owner=2, max_documents_per_owner=4)
    await store.create_job("alice", uploads(2), OPTIONS, limits)
    with pytest.raises(QueueFullError, match="unfinished documents for this API key"):
        await store.create_job("alice", uploads(3), OPTIONS, limits)
    await store.create_job("alice", uploads(1), OPTIONS, limits)
    with pytest.raises(QueueFullError, match="unfinished jobs for this API key"):
        await store.create_job("alice", uploads(1), OPTIONS, limits)
    with pytest.raises(QueueFullError, match="unfinished documents on this server"):
        await store.create_job("bob", uploads(3), OPTIONS, limits)
    await store.create_job("bob", uploads(1), OPTIONS, limits)
    with pytest.raises(QueueFullError, match="unfinished jobs on this server"):
        await store.create_job("carol", uploads(1), OPTIONS, limits)


async def test_finished_work_no_longer_counts_against_the_limits(store):
    limits = JobLimits(max_jobs=1, max_documents=10, max_jobs_per_owner=1, max_documents_per_owner=10)
    job_id = await store.create_job("alice", uploads(1), OPTIONS, limits)
    (ref,) = await store.pending_documents(job_id)
    await store.record(ref.key, outcome(ref.key, ref.name))
    await store.create_job("alice", uploads(1), OPTIONS, limits)


async def test_delete_only_by_its_owner_and_then_gone(store):
    job_id = await store.create_job("alice", uploads(2), OPTIONS, ROOMY)
    (ref, _) = await store.pending_documents(job_id)
    assert not await store.delete(job_id, "bob")
    assert await store.delete(job_id, "alice")
    assert await store.status(job_id, "alice", offset=0, limit=10) is None
    assert await store.content(ref.key) is None
    assert not await store.delete(job_id, "alice")


async def test_retention_purges_finished_jobs_only(store):
    done_id = await store.create_job("alice", uploads(1), OPTIONS, ROOMY)
    open_id = await store.create_job("alice", uploads(1), OPTIONS, ROOMY)
    (ref,) = await store.pending_documents(done_id)
    await store.record(ref.key, outcome(ref.key, ref.name))
    assert await store.purge_finished(dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)) == 0, "not old enough"
    assert await store.purge_finished(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)) == 1
    assert await store.status(done_id, "alice", offset=0, limit=1) is None
    assert await store.status(open_id, "alice", offset=0, limit=1) is not None


async def test_interrupted_documents_are_requeued(store):
    job_id = await store.create_job("alice", uploads(3), OPTIONS, ROOMY)
    refs = await store.pending_documents(job_id)
    await store.mark_running(refs[0].key)
    await store.mark_running(refs[1].key)
    assert len(await store.pending_documents(job_id)) == 1
    assert await store.requeue_interrupted(job_id) == 2
    assert len(await store.pending_documents(job_id)) == 3
    assert await store.unfinished_job_ids() == [job_id]


def test_an_unreachable_postgresql_is_a_one_line_error_without_the_password():
    import socket

    from summarizer.errors import StorageError

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nothing listens there once closed
    url = f"postgresql://summarizer:s3cret@127.0.0.1:{port}/jobs"
    with pytest.raises(StorageError) as caught:
        open_job_store(Settings(jobs=JobsSettings(url=url)))
    assert "cannot be opened" in caught.value.message and "\n" not in caught.value.message
    assert "s3cret" not in str(caught.value.to_dict()) and "SUMMARIZER_JOBS_URL" in caught.value.hint


async def test_admission_is_checked_before_a_job_is_made_and_stores_nothing(store):
    limits = JobLimits(max_jobs=3, max_documents=5, max_jobs_per_owner=2, max_documents_per_owner=4)
    await store.admit("alice", 4, limits)  # fits: nothing stored, nothing counted
    await store.create_job("alice", uploads(2), OPTIONS, limits)
    with pytest.raises(QueueFullError, match="unfinished documents for this API key"):
        await store.admit("alice", 3, limits)
    with pytest.raises(QueueFullError, match="unfinished documents on this server"):
        await store.admit("bob", 4, limits)
    await store.admit("bob", 3, limits)
    assert len(await store.unfinished_job_ids()) == 1  # admit made no job


async def test_spooled_pages_are_stored_as_bytes(store):
    from summarizer.api.bodies import SpooledBytes

    page = "<html><p>法治政府建设年度报告</p></html>".encode("gb18030")
    job_id = await store.create_job("alice", [Upload(SpooledBytes(page), "https://example.gov.cn/a.html"),
                                              Upload("正文", "b.txt")], OPTIONS, ROOMY)
    first, second = await store.pending_documents(job_id)
    assert await store.content(first.key) == page and await store.content(second.key) == "正文"


async def test_a_jobs_genre_is_kept_with_its_options(store):
    chosen = JobOptions("rules", include_text=True, include_repairs=False, genre="government_work_report")
    job_id = await store.create_job("alice", uploads(1), chosen, ROOMY)
    assert await store.options(job_id) == chosen
    assert (await store.status(job_id, "alice", offset=0, limit=10)).genre == "government_work_report"
    plain = await store.create_job("alice", uploads(1), OPTIONS, ROOMY)
    assert (await store.options(plain)).genre is None  # auto: each document's kind decides
