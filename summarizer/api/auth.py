"""API keys: callers send ``Authorization: Bearer KEY`` or ``X-API-Key: KEY``."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from summarizer.api.errors import ApiError
from summarizer.errors import ConfigError
from summarizer.jobs.store import OPEN_ACCESS_OWNER, owner_of_key
from summarizer.settings import ServerSettings

_bearer = HTTPBearer(auto_error=False, description="An API key from SUMMARIZER_API_KEYS")
_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="An API key from SUMMARIZER_API_KEYS")

OPEN_ACCESS_HINT = (
    "set SUMMARIZER_API_KEYS=key1,key2 (callers send 'Authorization: Bearer KEY'), or set "
    "SUMMARIZER_API_OPEN_ACCESS=true to serve without authentication on a trusted network"
)


def _sendable(key: str) -> bool:
    """True when ``key`` can travel in an HTTP header as is: printable ASCII, no spaces at the ends."""
    return key.isascii() and key.isprintable() and key == key.strip()


class KeyChecker:
    """Checks a presented key against the configured ones in constant time."""

    def __init__(self, server: ServerSettings):
        secrets = [k.get_secret_value() for k in server.keys if k.get_secret_value()]
        for number, key in enumerate(secrets, start=1):
            if not _sendable(key):
                raise ConfigError(
                    f"refusing to start the API: API key #{number} in SUMMARIZER_API_KEYS has characters "
                    "outside printable ASCII, which an HTTP header cannot carry, so no caller could use it",
                    hint="use keys of letters, digits and punctuation only (e.g. from 'openssl rand -hex 32')",
                )
        keys = [key.encode("ascii") for key in secrets]
        if not keys and not server.open_access:
            raise ConfigError("refusing to start the API: no API keys are configured", hint=OPEN_ACCESS_HINT)
        self.open_access = server.open_access and not keys
        self._keys = keys

    def accepts(self, presented: str) -> bool:
        """True when ``presented`` is one of the keys; every key is compared, each in constant time."""
        candidate = presented.encode("utf-8", "surrogateescape")
        matched = False
        for key in self._keys:
            matched |= hmac.compare_digest(candidate, key)
        return matched


async def require_api_key(
    request: Request,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    header_key: Annotated[str | None, Depends(_header)],
) -> None:
    """Dependency: let the request through only with a valid key (or in open access)."""
    checker: KeyChecker = request.app.state.key_checker
    if checker.open_access:
        request.state.owner = OPEN_ACCESS_OWNER
        return
    presented = bearer.credentials if bearer is not None else header_key
    if not presented:
        raise ApiError(401, "unauthorized", "this endpoint needs an API key",
                       field="Authorization", hint="send 'Authorization: Bearer KEY' or 'X-API-Key: KEY'",
                       headers={"WWW-Authenticate": "Bearer"})
    if not checker.accepts(presented):
        raise ApiError(401, "unauthorized", "the API key is not valid", field="Authorization",
                       hint="check the key with the server's operator", headers={"WWW-Authenticate": "Bearer"})
    request.state.owner = owner_of_key(presented)
