"""One lock for every call into PDFium.

PDFium is not thread-safe (pypdfium2's documentation says so): two threads reading PDFs at
once crash the process (seen: summarising several PDFs with one service, whose inputs are
read in threads, ended in SIGSEGV). Every PDFium call holds ``PDFIUM``; OCR holds it only
while a page is drawn, not while tesseract reads it. Re-entrant, so nested helpers may take it.
"""

from __future__ import annotations

import threading

PDFIUM = threading.RLock()
