"""The garbage collector around the rules path: what the process imported is frozen once, when
the service is built, so full collections stop re-scanning it (service.freeze_long_lived)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

_PROBE = textwrap.dedent(
    """
    import gc
    from summarizer.service import SummaryService
    from summarizer.settings import Settings

    before = gc.get_freeze_count()
    SummaryService(Settings(cache_enabled=False))
    first = gc.get_freeze_count()
    gc.unfreeze()
    SummaryService(Settings(cache_enabled=False))
    print(before, first, gc.get_freeze_count())
    """
)


def test_building_the_service_freezes_the_imported_objects_once() -> None:
    # A fresh process: the test process's own service may already have frozen everything.
    out = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True)
    before, first, second = (int(n) for n in out.stdout.split())
    assert before == 0
    assert first > 10_000  # the imported modules, regexes and validators
    assert second == 0  # a second service does not freeze again (it would take its caller's objects too)
