"""The concept lexicon (``concepts.yaml``): concepts claims are named by, and the conditions articles are about."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import RuleError
from .datafiles import load_yaml, node_line


@dataclass(frozen=True)
class Concept:
    id: str
    name: str
    kinds: tuple[str, ...]
    names: dict = field(default_factory=dict, hash=False, compare=False)
    codes: dict = field(default_factory=dict, hash=False, compare=False)
    tags: frozenset = frozenset()
    synonyms: tuple[str, ...] = ()
    patterns: tuple = field(default=(), hash=False, compare=False)
    named_by_text: bool = False  # a family of products: each claim is named by its own words

    def name_for(self, kind: str) -> str:
        """The canonical name this concept takes in a claim of ``kind``."""
        return self.names.get(kind, self.name)


@dataclass(frozen=True)
class Condition:
    """What the articles are about (leg cramps), with its codes; not a claim."""

    id: str
    name: str
    topic: str  # conditions with the same topic are one subject ("cramps")
    codes: dict = field(default_factory=dict, hash=False, compare=False)
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lexicon:
    concepts: dict[str, Concept]
    conditions: dict[str, Condition] = field(default_factory=dict)

    def __getitem__(self, concept_id: str) -> Concept:
        return self.concepts[concept_id]

    def __iter__(self):
        return iter(self.concepts.values())

    def __len__(self) -> int:
        return len(self.concepts)


def load_lexicon(path: Path) -> Lexicon:
    data = load_yaml(path, "concepts")
    concepts: dict[str, Concept] = {}
    for index, raw in enumerate(data["concepts"]):
        if raw["id"] in concepts:
            line = node_line(path, ["concepts", index, "id"])
            raise RuleError(f"{path}:{line}: duplicate concept id {raw['id']!r}")
        unknown = set(raw.get("names", {})) - set(raw["kinds"])
        if unknown:
            line = node_line(path, ["concepts", index, "names"])
            raise RuleError(f"{path}:{line}: names given for kinds the concept cannot take: {sorted(unknown)}")
        concepts[raw["id"]] = Concept(
            id=raw["id"],
            name=raw["name"],
            kinds=tuple(raw["kinds"]),
            names=dict(raw.get("names", {})),
            codes=dict(raw.get("codes", {})),
            tags=frozenset(raw.get("tags", ())),
            # a family's name ("homeopathic remedy") is not one of its members' words
            synonyms=tuple(dict.fromkeys([*([] if raw.get("named_by_text") else [raw["name"]]),
                                          *raw.get("synonyms", ())])),
            patterns=tuple(raw.get("patterns", ())),
            named_by_text=bool(raw.get("named_by_text", False)),
        )
    conditions = {raw["id"]: Condition(raw["id"], raw["name"], raw["topic"], dict(raw.get("codes", {})),
                                       tuple(dict.fromkeys([raw["name"], *raw.get("synonyms", ())])))
                  for raw in data.get("conditions", ())}
    return Lexicon(concepts, conditions)
