"""Reports given to the API by URL: fetched only where the operator turned it on, and then SSRF-safe."""

from __future__ import annotations

import asyncio

from starlette.datastructures import State

from summarizer.api.bodies import Upload
from summarizer.api.errors import ApiError


async def fetch_upload(upload: Upload, state: State, field: str) -> Upload:
    """``upload`` with its ``url`` fetched (public addresses only); others unchanged.

    Raises ``ApiError`` 403 when the server does not take URLs, ``InputError``
    when the address is refused or cannot be fetched."""
    if upload.url is None:
        return upload
    if not state.settings.api.url_input:
        raise ApiError(403, "url_input_disabled", "this server does not fetch reports by URL", field=field,
                       hint="upload the report file, or ask the operator to set SUMMARIZER_API_URL_INPUT=true")
    fetched = await asyncio.to_thread(state.service.fetch, upload.url,
                                      follow_attachments=upload.follow_attachments, public_only=True)
    return Upload(fetched.data, upload.name or fetched.url)
