"""Space set aside beside a database, given up when the disk is full so that freeing space can work.

On a full disk SQLite cannot even open a connection to the jobs file (it
creates the write-ahead log and its index first), so a caller could not
``DELETE`` the jobs that fill it. A file of reserved bytes is kept next to the
database; when a delete fails for lack of space, the reserve is removed and
the delete tried again. The reserve is made again once the disk has room for
it twice over (checked by the readiness probe), so that it never takes the
space a freed job just gave back.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from pathlib import Path

log = logging.getLogger("summarizer.api")

DEFAULT_RESERVE_BYTES = 4 * 1024 * 1024  # the WAL and index a delete of a large job needs, with room to spare
_CHUNK = 64 * 1024


class DiskReserve:
    """``size`` bytes of zeros at ``path``, written out (not sparse), so that removing them frees them."""

    def __init__(self, path: Path, size: int = DEFAULT_RESERVE_BYTES):
        self.path, self.size = Path(path), size

    def ensure(self) -> bool:
        """Make the reserve when it is missing and the disk has room for it twice; best effort.
        True when the reserve is in place afterwards."""
        if self.size <= 0:
            return False
        with contextlib.suppress(OSError):
            if self.path.stat().st_size >= self.size:
                return True
        try:
            if shutil.disk_usage(self.path.parent).free < 2 * self.size:
                return False
            with self.path.open("wb", buffering=0) as out:
                for _ in range(0, self.size, _CHUNK):
                    out.write(b"\0" * _CHUNK)
                os.fsync(out.fileno())
        except OSError as exc:
            log.warning("could not set aside %d bytes of disk in %s: %s", self.size, self.path, exc)
            with contextlib.suppress(OSError):
                self.path.unlink()
            return False
        return True

    def release(self) -> bool:
        """Remove the reserve, freeing its space; True when there was one."""
        try:
            self.path.unlink()
        except OSError:
            return False
        log.warning("the disk is full: released the %d bytes set aside in %s", self.size, self.path)
        return True
