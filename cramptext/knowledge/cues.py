"""Cue words: which kind of claim a sentence makes (``cues.yaml``), and what
negates or hedges it (``context.yaml``)."""
from __future__ import annotations

from dataclasses import dataclass, fields
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
    inversion_heads: frozenset
    ingredient_verbs: frozenset


def load_cues(path: Path) -> Cues:
    return _from_yaml(Cues, load_yaml(path, "cues"))


@dataclass(frozen=True)
class ContextCues:
    """ConText-style negation and hedging triggers from ``rules/context.yaml``."""

    negation: dict
    hedge: dict
    terminators: frozenset
    modals: frozenset
    hedge_verbs: frozenset
    origin_verbs: frozenset
    conditional_marks: frozenset
    concessive_marks: frozenset
    denials: frozenset
    cautions: tuple  # of {name, phrases, examples}


def load_context(path: Path) -> ContextCues:
    return _from_yaml(ContextCues, load_yaml(path, "context"))


def _from_yaml(cls, data: dict):
    """Fill a cue dataclass from validated YAML: word lists become sets (tuples where the
    field says ``tuple``), and tables of word lists tables of sets."""
    values = {}
    for f in fields(cls):
        raw = data[f.name]
        if f.type == "dict":
            values[f.name] = {key: frozenset(words) for key, words in raw.items()}
        elif f.type == "tuple" and raw and isinstance(raw[0], dict):
            values[f.name] = tuple(raw)
        else:
            values[f.name] = tuple(raw) if f.type == "tuple" else frozenset(raw)
    return cls(**values)
