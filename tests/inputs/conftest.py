"""Make ``makers`` (PDF and Word files drawn by the tests) importable by the tests beside it.

pytest runs with ``--import-mode=importlib``, which puts no test folder on
``sys.path``; the helpers are plain functions, so a path entry is all they need.
"""

import sys
from pathlib import Path

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)
