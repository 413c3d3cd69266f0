"""Schemathesis fuzzes the live API from its own OpenAPI document: no request may get a 5xx,
and every answer must match the documented response schema.

Bounded (``MAX_EXAMPLES`` per operation) to stay fast; for a longer run against a
served API see docs/serving.md (``schemathesis run .../openapi.json``).
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error, response_schema_conformance

from .conftest import API_KEY, LiveServer, make_settings

MAX_EXAMPLES = 12


@pytest.fixture
def fuzz_server(tmp_path):
    with LiveServer(make_settings(tmp_path, max_request_bytes=256 * 1024)) as server:
        yield server


def test_api_never_answers_5xx(fuzz_server):
    # schemathesis' own pytest plugin (``from_fixture``) does not run under pytest 9, so loop here:
    # every operation, every request media type, valid (positive) and invalid (negative) data.
    schema = schemathesis.openapi.from_url(f"{fuzz_server.url}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.label for op in operations} >= {"POST /v1/summaries", "POST /v1/jobs", "GET /v1/jobs/{job_id}"}
    failures = []
    for operation in operations:
        media_types = [body.media_type for body in operation.body] or [None]
        modes = [GenerationMode.POSITIVE]
        if operation.body or operation.path_parameters:
            modes.append(GenerationMode.NEGATIVE)
        for mode in modes:
            for media_type in media_types:

                @given(case=operation.as_strategy(mode, media_type=media_type))
                @settings(max_examples=MAX_EXAMPLES, deadline=None, database=None,
                          suppress_health_check=list(HealthCheck))
                def fuzz(case):
                    case.call_and_validate(headers={"Authorization": f"Bearer {API_KEY}"},
                                           checks=[not_a_server_error, response_schema_conformance],
                                           timeout=30)

                try:
                    fuzz()
                except Exception as exc:  # noqa: BLE001 - report every failing operation, not just the first
                    failures.append(f"{operation.label} {mode.value} {media_type}: {exc}")
    assert not failures, "\n\n".join(failures)
