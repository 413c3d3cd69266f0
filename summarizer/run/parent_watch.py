"""Worker processes end with the process that started them, however it ends (even ``kill -9``).

When that process is the worker's parent, on Linux the kernel sends the worker
``SIGKILL`` as the parent dies (``PR_SET_PDEATHSIG``). Otherwise (another
platform, or a worker forked by a fork server on its owner's behalf, whose
parent is the fork server) a small thread in the worker checks every half
second that the owner still runs. Either way no orphan keeps burning CPU after
a batch or a server was killed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time
from pathlib import Path

_PR_SET_PDEATHSIG = 1
_CHECK_EVERY_S = 0.5


def die_with(owner_pid: int) -> None:
    """Call first thing in a worker process working for ``owner_pid``."""
    if owner_pid == os.getppid() and sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
            if os.getppid() != owner_pid:  # the owner died before the request took effect
                os._exit(1)
            return
    threading.Thread(target=_watch, args=(owner_pid,), daemon=True, name="owner-watch").start()


def _watch(owner_pid: int) -> None:
    while _running(owner_pid):
        time.sleep(_CHECK_EVERY_S)
    os._exit(1)


def _running(pid: int) -> bool:
    """True while ``pid`` runs (a zombie, dead but not yet reaped, does not count)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    except OSError:  # no /proc here: ask the kernel whether the pid exists
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    return stat.rsplit(")", 1)[1].split()[0] != "Z"
