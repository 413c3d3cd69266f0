"""Load and render the versioned prompt templates in ``prompts/<name>/<version>/``.

Where the folder is found: ``LLMSettings.prompts_dir`` when set, else the
``prompts/`` folder at the top of the source tree (a checkout or an editable
install), else ``<sys.prefix>/share/summarizer/prompts`` (where a wheel
installs it as data files). Rendering fails loudly on a missing variable.
"""

from __future__ import annotations

import hashlib
import string
import sys
from dataclasses import dataclass, field
from pathlib import Path

from summarizer.errors import ConfigError

_FILES = ("system.md", "user.md", "examples.md")
_HINT = "set SUMMARIZER_LLM_PROMPTS_DIR to the folder holding <name>/<version>/system.md"


def prompt_roots(configured: Path | None) -> list[Path]:
    """The folders searched for prompts, in order."""
    if configured is not None:
        return [Path(configured)]
    source_tree = Path(__file__).resolve().parents[2] / "prompts"
    installed = Path(sys.prefix) / "share" / "summarizer" / "prompts"
    return [source_tree, installed]


@dataclass(frozen=True)
class PromptTemplate:
    """A system and a user template plus few-shot examples, with name, version and content hash."""

    name: str
    version: str
    system: str
    user: str
    examples: str
    sha256: str
    others: dict[str, str] = field(default_factory=dict)  # further templates by file name (``extra``)

    @property
    def label(self) -> str:
        """``name/version``, as recorded in provenance."""
        return f"{self.name}/{self.version}"

    def render_system(self, **variables: object) -> str:
        """The system message; ``${examples}`` is the examples file, other ``${name}``s must be given."""
        return _substitute(self.system, {"examples": self.examples, **variables}, f"{self.label}/system.md")

    def render_user(self, **variables: object) -> str:
        """The user message; every ``${name}`` in the template must be given."""
        return _substitute(self.user, variables, f"{self.label}/user.md")

    def render_other(self, filename: str, **variables: object) -> str:
        """One of the ``extra`` templates; every ``${name}`` in it must be given."""
        return _substitute(self.others[filename], variables, f"{self.label}/{filename}")


def _substitute(template: str, variables: dict[str, object], where: str) -> str:
    try:
        return string.Template(template).substitute({k: str(v) for k, v in variables.items()})
    except KeyError as exc:
        raise ConfigError(f"prompt template {where} needs the variable {exc.args[0]!r}") from exc
    except ValueError as exc:
        raise ConfigError(f"prompt template {where} is malformed: {exc}") from exc


def load_prompt(
    name: str, version: str, prompts_dir: Path | None = None, extra: tuple[str, ...] = ()
) -> PromptTemplate:
    """Read ``<root>/<name>/<version>/{system,user,examples}.md`` and the ``extra`` files; ConfigError when missing."""
    roots = prompt_roots(prompts_dir)
    for root in roots:
        folder = root / name / version
        if folder.is_dir():
            break
    else:
        searched = ", ".join(str(r / name / version) for r in roots)
        raise ConfigError(f"prompt {name}/{version} not found (searched {searched})", hint=_HINT)
    texts: dict[str, str] = {}
    digest = hashlib.sha256()
    for filename in (*_FILES, *extra):
        path = folder / filename
        if not path.is_file():
            raise ConfigError(f"prompt {name}/{version} lacks {filename} in {folder}", hint=_HINT)
        texts[filename] = path.read_text(encoding="utf-8")
        digest.update(filename.encode() + b"\0" + texts[filename].encode("utf-8") + b"\0")
    return PromptTemplate(
        name=name,
        version=version,
        system=texts["system.md"],
        user=texts["user.md"],
        examples=texts["examples.md"],
        sha256=digest.hexdigest(),
        others={filename: texts[filename] for filename in extra},
    )
