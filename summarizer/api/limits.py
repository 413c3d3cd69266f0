"""Refuse request bodies above ``max_request_bytes`` (by Content-Length, and while streaming)."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from summarizer.api.errors import ApiError, error_response


def _too_large(limit: int) -> ApiError:
    return ApiError(413, "request_too_large", f"the request body is larger than {limit} bytes",
                    hint="send fewer or smaller documents per request, or ask the operator to raise "
                    "SUMMARIZER_API_MAX_REQUEST_BYTES")


class BodySizeLimit:
    """ASGI middleware: 413 in the API's error shape for oversized bodies."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            err = _too_large(self.max_bytes)
            response = error_response(413, err.code, err.message, hint=err.hint,
                                      headers={"Connection": "close"})
            await response(scope, receive, send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # An HTTPException, so route code and FastAPI's body parsing pass it on unchanged.
                    raise _too_large(self.max_bytes)
            return message

        await self.app(scope, counting_receive, send)
