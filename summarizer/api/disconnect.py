"""Stop a request's work when its caller hangs up, instead of finishing it for nobody."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Coroutine
from typing import Any, TypeVar

from fastapi import Request

from summarizer.api.errors import ApiError

T = TypeVar("T")

log = logging.getLogger("summarizer.api")


async def _disconnected(request: Request) -> None:
    """Return once the client has closed the connection (the request body was read already)."""
    while (await request.receive())["type"] != "http.disconnect":
        pass


async def cancel_on_disconnect(request: Request, work: Coroutine[Any, Any, T]) -> T:
    """Await ``work``; if the caller hangs up first, cancel it (its worker process stops too)."""
    task = asyncio.ensure_future(work)
    watcher = asyncio.ensure_future(_disconnected(request))
    try:
        await asyncio.wait({task, watcher}, return_when=asyncio.FIRST_COMPLETED)
    except asyncio.CancelledError:  # the server is stopping
        task.cancel()
        raise
    finally:
        watcher.cancel()
    if task.done():
        return task.result()
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    log.info("%s %s: the client hung up; its work was cancelled", request.method, request.url.path)
    # Nobody reads this answer; 499 is what access logs conventionally show for it.
    raise ApiError(499, "client_closed_request", "the client closed the connection before the answer")
