"""The curated data cramptext reasons with: concepts, kind cues, negation and hedging cues,
and the link rules (remedy-targets-cause facts, link cues).

It is YAML under the repository's ``rules/`` folder, shipped inside the wheel
as the data package ``cramptext.data`` and read through importlib.resources,
each file validated against a JSON Schema in ``cramptext/knowledge/schemas``.
"""
from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import RuleError
from .cues import ContextCues, Cues, load_context, load_cues
from .lexicon import Concept, Condition, Lexicon, load_lexicon
from .links import LinkCues, LinkRules, load_links

DATA_PACKAGE = "cramptext.data"
KNOWLEDGE_FILES = ("concepts.yaml", "cues.yaml", "context.yaml", "links.yaml")


def data_dir() -> Path:
    """The folder of the shipped rule data (``rules/`` in a checkout)."""
    return Path(str(resources.files(DATA_PACKAGE)))


@dataclass(frozen=True)
class Knowledge:
    lexicon: Lexicon
    cues: Cues
    context: ContextCues
    links: LinkRules
    rules_dir: Path

    def to_disk(self, path: Path) -> None:
        """Copy the data files into ``path``, so a saved spaCy pipeline carries its own lexicon."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for name in KNOWLEDGE_FILES:
            shutil.copyfile(self.rules_dir / name, path / name)


def load_knowledge(rules_dir: str | Path | None = None) -> Knowledge:
    """The data in ``rules_dir`` (default: the data package), loaded once per folder."""
    return _load_knowledge(Path(rules_dir).resolve() if rules_dir else data_dir())


@lru_cache(maxsize=8)
def _load_knowledge(rules_dir: Path) -> Knowledge:
    """Validating the YAML takes a quarter of a second at every start: the loaded data is kept in
    the cache folder under the hash of its files, the folder and the code of this package (which
    reads them and defines what is kept)."""
    from ..io.cachedir import kept

    digest = hashlib.sha256(str(rules_dir).encode("utf-8", "surrogatepass"))
    for name in KNOWLEDGE_FILES:
        if not (rules_dir / name).is_file():
            raise RuleError(f"{rules_dir / name}: missing rules file")
        digest.update(b"\0" + hashlib.sha256((rules_dir / name).read_bytes()).digest())
    code = Path(__file__).resolve().parent
    for path in sorted(p for p in code.rglob("*") if p.suffix in (".py", ".json") and p.is_file()):
        digest.update(b"\0" + path.read_bytes())
    return kept(f"knowledge-{digest.hexdigest()[:24]}.pickle", lambda: _read(rules_dir),
                lambda value: isinstance(value, Knowledge) and value.rules_dir == rules_dir)


def _read(rules_dir: Path) -> Knowledge:
    lexicon = load_lexicon(rules_dir / "concepts.yaml")
    return Knowledge(
        lexicon=lexicon,
        cues=load_cues(rules_dir / "cues.yaml"),
        context=load_context(rules_dir / "context.yaml"),
        links=load_links(rules_dir / "links.yaml", lexicon),
        rules_dir=rules_dir,
    )


__all__ = ["Concept", "Condition", "ContextCues", "Cues", "KNOWLEDGE_FILES", "Knowledge", "Lexicon", "LinkCues",
           "LinkRules", "data_dir", "load_context", "load_cues", "load_knowledge", "load_lexicon", "load_links"]
