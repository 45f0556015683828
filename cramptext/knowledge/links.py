"""Link rules (``links.yaml``): curated "remedy targets cause" facts and the cue
phrases that tie a cause to what an article gives for it.

Every concept id must name a concept of the lexicon that can take the role the
file gives it (a target's remedy a remedy, its causes causes); an error names
the file and the line.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import RuleError
from .datafiles import load_yaml, node_line
from .lexicon import Lexicon

# The kinds a concept listed under a key may take (one of them).
ROLE_OF_LIST = {"general_remedies": ("remedy",), "cramp_symptoms": ("symptom", "red_flag"), "advice": ("red_flag",),
                "advice_agents": ("red_flag",), "answer_frames": ("remedy",)}


@dataclass(frozen=True)
class LinkCues:
    general: tuple
    backward: tuple
    listed: tuple
    condition_nouns: frozenset
    forward: tuple
    shift: tuple
    frames: tuple
    precaution: tuple
    precaution_after_remedy: tuple
    lack: frozenset
    relief: frozenset
    chain: frozenset


@dataclass(frozen=True)
class LinkRules:
    targets: dict  # remedy concept id -> frozenset of the cause concept ids it is aimed at
    targeted: frozenset  # every cause concept some remedy is aimed at
    general_remedies: frozenset
    cramp_symptoms: frozenset
    advice: frozenset
    advice_agents: frozenset
    answer_frames: frozenset
    cues: LinkCues

    def aims_at(self, remedy_id: str | None, cause_id: str | None) -> bool:
        """Is the remedy concept curated as aimed at the cause concept?"""
        return remedy_id is not None and cause_id in self.targets.get(remedy_id, ())



def _check(path: Path, lexicon: Lexicon, concept_id: str, kinds: tuple, keys: list) -> None:
    concept = lexicon.concepts.get(concept_id)
    if concept is not None and set(kinds) & set(concept.kinds):
        return
    where = f"{path}:{node_line(path, keys)}: {'/'.join(map(str, keys))}"  # the file read again: errors only
    if concept is None:
        raise RuleError(f"{where}: unknown concept id {concept_id!r} (not in concepts.yaml)")
    raise RuleError(f"{where}: concept {concept_id!r} cannot be a {' or '.join(kinds)} "
                    f"(its kinds: {', '.join(concept.kinds)})")


def load_links(path: Path, lexicon: Lexicon) -> LinkRules:
    data = load_yaml(path, "links")
    targets: dict[str, frozenset] = {}
    for i, raw in enumerate(data["targets"]):
        remedy = raw["remedy"]
        if remedy in targets:
            raise RuleError(f"{path}:{node_line(path, ['targets', i, 'remedy'])}: targets/{i}/remedy: "
                            f"{remedy!r} is listed twice")
        _check(path, lexicon, remedy, ("remedy",), ["targets", i, "remedy"])
        for j, cause in enumerate(raw["causes"]):
            _check(path, lexicon, cause, ("cause",), ["targets", i, "causes", j])
        targets[remedy] = frozenset(raw["causes"])
    for key, kind in ROLE_OF_LIST.items():
        for i, concept_id in enumerate(data[key]):
            _check(path, lexicon, concept_id, kind, [key, i])
    cues = data["cues"]
    return LinkRules(
        targets=targets,
        targeted=frozenset().union(*targets.values()),
        general_remedies=frozenset(data["general_remedies"]),
        cramp_symptoms=frozenset(data["cramp_symptoms"]),
        advice=frozenset(data["advice"]),
        advice_agents=frozenset(data["advice_agents"]),
        answer_frames=frozenset(data["answer_frames"]),
        cues=LinkCues(
            general=tuple(cues["general"]), backward=tuple(cues["backward"]), listed=tuple(cues["listed"]),
            condition_nouns=frozenset(cues["condition_nouns"]), forward=tuple(cues["forward"]),
            shift=tuple(cues["shift"]),
            frames=tuple(cues["frames"]), precaution=tuple(cues["precaution"]),
            precaution_after_remedy=tuple(cues["precaution_after_remedy"]), lack=frozenset(cues["lack"]), relief=frozenset(cues["relief"]),
            chain=frozenset(cues["chain"])),
    )
