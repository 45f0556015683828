"""The curated data cramptext reasons with: concepts, kind cues, negation and hedging cues,
and the link rules (remedy-targets-cause facts, link cues).

It is YAML under the repository's ``rules/`` folder, shipped inside the wheel
as the data package ``cramptext.data`` and read through importlib.resources,
each file validated against a JSON Schema in ``cramptext/knowledge/schemas``.
"""
from __future__ import annotations

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
    for name in KNOWLEDGE_FILES:
        if not (rules_dir / name).is_file():
            raise RuleError(f"{rules_dir / name}: missing rules file")
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
