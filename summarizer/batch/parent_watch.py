"""Worker processes end with the process that started them, however it ends (even ``kill -9``).

On Linux the kernel sends the worker ``SIGKILL`` when its parent dies
(``PR_SET_PDEATHSIG``); elsewhere a worker notices that its parent is gone
(``getppid`` changes) from a small watcher thread. Either way no orphan keeps
burning CPU after a batch or a server was killed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int) -> None:
    """Call first thing in a worker process started by ``parent_pid``."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
            if os.getppid() != parent_pid:  # the parent died before the request took effect
                os._exit(1)
            return
    threading.Thread(target=_watch, args=(parent_pid,), daemon=True, name="parent-watch").start()


def _watch(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(1.0)
    os._exit(1)
