"""API keys: callers send ``Authorization: Bearer KEY`` or ``X-API-Key: KEY``."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from summarizer.api.errors import ApiError
from summarizer.errors import ConfigError
from summarizer.settings import ServerSettings

_bearer = HTTPBearer(auto_error=False, description="An API key from SUMMARIZER_API_KEYS")
_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="An API key from SUMMARIZER_API_KEYS")

OPEN_ACCESS_HINT = (
    "set SUMMARIZER_API_KEYS=key1,key2 (callers send 'Authorization: Bearer KEY'), or set "
    "SUMMARIZER_API_OPEN_ACCESS=true to serve without authentication on a trusted network"
)


class KeyChecker:
    """Checks a presented key against the configured ones in constant time."""

    def __init__(self, server: ServerSettings):
        keys = [k.get_secret_value().encode("utf-8") for k in server.keys if k.get_secret_value()]
        if not keys and not server.open_access:
            raise ConfigError("refusing to start the API: no API keys are configured", hint=OPEN_ACCESS_HINT)
        self.open_access = server.open_access and not keys
        self._keys = keys

    def accepts(self, presented: str) -> bool:
        """True when ``presented`` is one of the keys; every key is compared, each in constant time."""
        candidate = presented.encode("utf-8")
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
        return
    presented = bearer.credentials if bearer is not None else header_key
    if not presented:
        raise ApiError(401, "unauthorized", "this endpoint needs an API key",
                       field="Authorization", hint="send 'Authorization: Bearer KEY' or 'X-API-Key: KEY'",
                       headers={"WWW-Authenticate": "Bearer"})
    if not checker.accepts(presented):
        raise ApiError(401, "unauthorized", "the API key is not valid", field="Authorization",
                       hint="check the key with the server's operator", headers={"WWW-Authenticate": "Bearer"})
