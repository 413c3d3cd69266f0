"""Bytes on their way into the job store, kept in a temporary file rather than in memory."""

from __future__ import annotations

import tempfile


class SpooledBytes:
    """Bytes kept in an anonymous temporary file, not in memory, until the job store reads them
    (fetched pages on their way into the store: a request holds one page at a time)."""

    def __init__(self, data: bytes):
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 - closed by read(), or with the object
        self._file.write(data)
        self.size = len(data)

    def read(self) -> bytes:
        """The bytes, once; the file is then closed (and gone)."""
        self._file.seek(0)
        data = self._file.read()
        self._file.close()
        return data
