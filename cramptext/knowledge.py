"""The curated data cramptext reasons with: concepts, kind cues, negation cues.

Everything here is loaded from YAML under ``rules/`` (shipped inside the
package as ``cramptext.rules``), validated against ``cramptext/schemas``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .datafiles import load_yaml, node_line
from .errors import RuleError


def default_rules_dir() -> Path:
    """``rules/`` of a source checkout (editable install), else the installed copy."""
    checkout = Path(__file__).resolve().parent.parent / "rules"
    if (checkout / "concepts.yaml").is_file():
        return checkout
    return Path(str(resources.files("cramptext.rules")))


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

    def name_for(self, kind: str) -> str:
        """The canonical name this concept takes in a claim of ``kind``."""
        return self.names.get(kind, self.name)


@dataclass(frozen=True)
class Condition:
    """What the articles are about (leg cramps), with its codes; not a claim."""

    id: str
    name: str
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

    def with_tag(self, tag: str) -> list[Concept]:
        return [c for c in self if tag in c.tags]


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
            synonyms=tuple(dict.fromkeys([raw["name"], *raw.get("synonyms", ())])),
            patterns=tuple(raw.get("patterns", ())),
        )
    conditions = {raw["id"]: Condition(raw["id"], raw["name"], dict(raw["codes"]), tuple(raw.get("synonyms", ())))
                  for raw in data.get("conditions", ())}
    return Lexicon(concepts, conditions)


@dataclass(frozen=True)
class Cues:
    """Lemma lists from ``rules/cues.yaml``."""

    condition: frozenset
    headings: dict
    verbs: dict
    deficiency: frozenset
    supplement: frozenset
    effect_verbs: frozenset
    population_cues: frozenset
    professional: tuple
    consult: frozenset
    generic_heads: frozenset


def load_cues(path: Path) -> Cues:
    data = load_yaml(path, "cues")
    return Cues(
        condition=frozenset(data["condition"]),
        headings={k: tuple(v) for k, v in data["headings"].items()},
        verbs={k: frozenset(v) for k, v in data["verbs"].items()},
        deficiency=frozenset(data["deficiency"]),
        supplement=frozenset(data["supplement"]),
        effect_verbs=frozenset(data["effect_verbs"]),
        population_cues=frozenset(data["population_cues"]),
        professional=tuple(data["professional"]),
        consult=frozenset(data["consult"]),
        generic_heads=frozenset(data["generic_heads"]),
    )


@dataclass(frozen=True)
class ContextCues:
    """ConText-style negation and hedging triggers from ``rules/context.yaml``."""

    negation: dict
    hedge: dict
    terminators: frozenset


def load_context(path: Path) -> ContextCues:
    data = load_yaml(path, "context")
    return ContextCues(
        negation={k: tuple(v) for k, v in data["negation"].items()},
        hedge={k: tuple(v) for k, v in data["hedge"].items()},
        terminators=frozenset(data["terminators"]),
    )


@dataclass(frozen=True)
class Knowledge:
    lexicon: Lexicon
    cues: Cues
    context: ContextCues
    rules_dir: Path


@lru_cache(maxsize=8)
def load_knowledge(rules_dir: Path | None = None) -> Knowledge:
    rules_dir = Path(rules_dir) if rules_dir else default_rules_dir()
    for name in ("concepts.yaml", "cues.yaml", "context.yaml"):
        if not (rules_dir / name).is_file():
            raise RuleError(f"{rules_dir / name}: missing rules file")
    return Knowledge(
        lexicon=load_lexicon(rules_dir / "concepts.yaml"),
        cues=load_cues(rules_dir / "cues.yaml"),
        context=load_context(rules_dir / "context.yaml"),
        rules_dir=rules_dir,
    )
