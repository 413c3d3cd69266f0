"""Reports given to the API by URL: fetched only where the operator turned it on, and then SSRF-safe,
within byte budgets checked before anything is fetched.

A request of a few hundred bytes can name many addresses of many megabytes
each. So before the first fetch, the request reserves what its pages may come
to - ``min(url_request_bytes, its URLs × SUMMARIZER_FETCH_MAX_BYTES)`` -
against what its API key and the whole server may hold at once
(``url_key_bytes``, ``url_server_bytes``); past either it is refused with 429
and nothing is fetched. Its pages are then fetched one after another, each
capped at what is left of the reservation, and the reservation is released
once the job is stored (or the request failed). Fetches are asynchronous I/O on
the event loop: they hold no thread, and stop when the caller hangs up or the
fetch deadline passes.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterator

from starlette.datastructures import State

from summarizer.api.bodies import SpooledBytes, Upload
from summarizer.api.errors import ApiError
from summarizer.inputs.web import AnswerTooLargeError
from summarizer.settings import Settings

# How long a caller refused for a full fetch budget is asked to wait: about one fetch deadline.
RETRY_AFTER_S = 20


class FetchBudget:
    """Bytes that URL fetches in progress may come to: per API key and over the server (one event loop)."""

    def __init__(self, per_key: int, total: int):
        self.per_key, self.total = per_key, total
        self._held: Counter[str] = Counter()

    @property
    def held(self) -> int:
        """Bytes reserved now, over all keys."""
        return sum(self._held.values())

    @contextlib.contextmanager
    def reserve(self, owner: str, size: int) -> Iterator[None]:
        """Hold ``size`` bytes for ``owner`` while in the block; ``ApiError`` 429 when that would pass a budget."""
        for held, limit, whose, setting in ((self._held[owner], self.per_key, "this API key", "URL_KEY_BYTES"),
                                            (self.held, self.total, "this server", "URL_SERVER_BYTES")):
            if held + size > limit:
                raise ApiError(
                    429, "fetch_budget_full",
                    f"the addresses of this request may come to {size:,} bytes, and {whose} is already "
                    f"fetching {held:,} of its {limit:,}",
                    hint=f"retry when running requests have finished, or send fewer addresses per request; the "
                    f"operator sets the budget with SUMMARIZER_API_{setting}",
                    headers={"Retry-After": str(RETRY_AFTER_S)},
                )
        self._held[owner] += size
        try:
            yield
        finally:
            self._held[owner] -= size
            if self._held[owner] <= 0:
                del self._held[owner]


def url_input_allowed(uploads: list[Upload], state: State, field: str) -> None:
    """``ApiError`` 403 when an upload is a URL and the server does not take URLs."""
    if any(u.url is not None for u in uploads) and not state.settings.api.url_input:
        raise ApiError(403, "url_input_disabled", "this server does not fetch reports by URL", field=field,
                       hint="upload the report file, or ask the operator to set SUMMARIZER_API_URL_INPUT=true")


def request_budget(uploads: list[Upload], state: State) -> int:
    """What the URLs of one request may come to, in bytes (0 without URLs)."""
    count = sum(u.url is not None for u in uploads)
    settings: Settings = state.settings
    return min(settings.api.url_request_bytes, count * settings.fetch.max_bytes)


async def fetch_uploads(uploads: list[Upload], state: State, fields: list[str], budget: int, *,
                        spool: bool = True) -> list[Upload]:
    """``uploads`` with each ``url`` fetched (public addresses only), one after another, within
    ``budget`` bytes in all; others unchanged. With ``spool``, each page waits in a temporary file.

    Raises ``ApiError`` 413 when the pages pass the request's budget, ``InputError`` when an
    address is refused or cannot be fetched (naming which, by ``fields``)."""
    left = budget
    fetched_uploads = []
    for upload, field in zip(uploads, fields, strict=True):
        if upload.url is None:
            fetched_uploads.append(upload)
            continue
        try:
            fetched = await state.service.fetch_async(upload.url, follow_attachments=upload.follow_attachments,
                                                      public_only=True, max_bytes=left)
        except AnswerTooLargeError:
            if left >= state.settings.fetch.max_bytes:
                raise  # the page alone passes the fetch cap: an unreadable input
            raise ApiError(413, "request_too_large",
                           f"the pages this request names pass its budget of {budget:,} bytes", field=field,
                           hint="send fewer addresses per request, or ask the operator to raise "
                           "SUMMARIZER_API_URL_REQUEST_BYTES") from None
        left -= len(fetched.data)
        # Spooled to a file: the request holds one page in memory at a time, the store reads each in turn.
        content = SpooledBytes(fetched.data) if spool else fetched.data
        fetched_uploads.append(Upload(content, upload.name or fetched.url))
        del fetched
    return fetched_uploads
