"""Cue words: which kind of claim a sentence makes (``cues.yaml``), and what
negates or hedges it (``context.yaml``)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .datafiles import load_yaml


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
    frames: dict
    vague_modifiers: frozenset


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
        frames={k: frozenset(v) for k, v in data["frames"].items()},
        vague_modifiers=frozenset(data["vague_modifiers"]),
    )


@dataclass(frozen=True)
class ContextCues:
    """ConText-style negation and hedging triggers from ``rules/context.yaml``."""

    negation: dict
    hedge: dict
    terminators: frozenset
    modals: frozenset
    hedge_verbs: frozenset
    origin_verbs: frozenset


def load_context(path: Path) -> ContextCues:
    data = load_yaml(path, "context")
    return ContextCues(
        negation={k: tuple(v) for k, v in data["negation"].items()},
        hedge={k: tuple(v) for k, v in data["hedge"].items()},
        terminators=frozenset(data["terminators"]),
        modals=frozenset(data["modals"]),
        hedge_verbs=frozenset(data["hedge_verbs"]),
        origin_verbs=frozenset(data["origin_verbs"]),
    )
