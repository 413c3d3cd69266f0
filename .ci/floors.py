"""Print a pip constraints file pinning every direct dependency to its floor (``>=X`` → ``==X``).

    python .ci/floors.py > floors.txt && pip install -c floors.txt -e '.[dev]'

Used by ``.ci/floors`` to check that the lowest versions pyproject.toml allows
install and pass the tests.
"""

import re
import sys
import tomllib
from pathlib import Path

pyproject = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text())
project = pyproject["project"]
requirements = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
for requirement in requirements:
    match = re.match(r"^([A-Za-z0-9_.\-]+)(\[[^\]]*\])?\s*>=\s*([0-9][^,;\s]*)", requirement)
    if match:
        sys.stdout.write(f"{match.group(1)}=={match.group(3)}\n")
