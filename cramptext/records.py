"""The records cramptext produces: claims, findings and triples (see CONTRACT.md), and the
summary of triples across a corpus.

Small frozen dataclasses so they are cheap, hashable and easy to turn into
the JSON fields the contract fixes (``to_dict``). Claims, findings and triples
have slots: a long article holds tens of thousands at once.
"""
from __future__ import annotations

import bisect
from dataclasses import asdict, dataclass, field

KINDS = ("cause", "symptom", "remedy", "red_flag")
SEVERITIES = ("error", "warning", "info")
CRAMPS = "cramps"  # the topic cramptext's claims are about


@dataclass(frozen=True, slots=True)
class Claim:
    source: str
    kind: str
    concept: str
    concept_id: str | None
    text: str
    start: int
    end: int
    line: int
    column: int
    sentence: str
    negated: bool = False
    hedged: bool = False
    icd10cm: str | None = None  # the concept's ICD-10-CM code, where the lexicon has one

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Location:
    """A second place a finding points at (e.g. the other half of a contradiction)."""

    source: str
    start: int
    end: int
    line: int
    column: int
    message: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    source: str
    rule: str
    name: str
    category: str
    severity: str
    start: int
    end: int
    line: int
    column: int
    message: str
    replacement: str | None = None
    applicability: str | None = None  # safe / unsafe / display, when there is a fix
    related: tuple[Location, ...] = field(default=())

    def to_dict(self) -> dict:
        data = asdict(self)
        data["related"] = [asdict(loc) for loc in self.related]
        return data


@dataclass(frozen=True, slots=True)
class Triple:
    """A link the article states between a cause and a remedy and/or symptom it gives for it."""

    source: str
    cause: str
    cause_id: str | None
    cause_text: str
    symptom: str | None
    symptom_id: str | None
    symptom_text: str | None
    remedy: str | None
    remedy_id: str | None
    remedy_text: str | None
    start: int  # the evidence: from the first linked claim's start to the last one's end
    end: int
    line: int
    column: int
    basis: str  # sentence, paragraph, section or lexicon
    negated: bool = False  # the article advises against the remedy for this cause
    # Indexes of the cause, symptom and remedy claims in their document's claim list
    # (``DocumentResult.claims``); not part of the record's fields (the export joins on them).
    claims: tuple = field(default=(None, None, None), compare=False, repr=False)

    def to_dict(self) -> dict:
        data = asdict(self)
        del data["claims"]
        return data


@dataclass(frozen=True)
class LinkCount:
    """A remedy or symptom given for a cause, and in how many articles."""

    concept: str
    concept_id: str | None
    articles: int
    negated: bool = False  # advised against for the cause

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class CauseSummary:
    """What a corpus's articles give for one cause: its remedies and symptoms, with article counts."""

    cause: str
    cause_id: str | None
    articles: int  # articles that link anything to the cause
    remedies: tuple[LinkCount, ...] = ()
    symptoms: tuple[LinkCount, ...] = ()

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class DocumentTopic:
    topic: str  # the document's: CRAMPS or another topic
    scores: dict[str, float] = field(default_factory=dict)  # share of weighted mentions per topic

    def to_dict(self) -> dict:
        return {"topic": self.topic, "scores": dict(self.scores)}


@dataclass(frozen=True)
class DocumentSummary:
    """What a document is about and how machine-translated it reads (lint's summary, json/jsonl)."""

    source: str
    words: int
    topic: str | None  # the condition it is about ("cramps"), None when claims were not extracted
    topics: dict = field(default_factory=dict)  # share of condition mentions per topic
    translation_score: float = 0.0  # 0: reads as written in English; 1: reads machine-translated
    type: str = "document"

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Disagreement:
    """Articles of one run that assert a cause or remedy and articles that deny it."""

    concept: str
    claim_kind: str
    asserted: tuple[str, ...]
    denied: tuple[str, ...]
    type: str = "disagreement"

    def to_dict(self) -> dict:
        return asdict(self) | {"asserted": list(self.asserted), "denied": list(self.denied)}

    def describe(self) -> str:
        side = ("for", "against") if self.claim_kind == "remedy" else ("name it a cause", "deny it")
        return (f"articles disagree on {self.concept} ({self.claim_kind}): {len(self.asserted)} {side[0]}, "
                f"{len(self.denied)} {side[1]}")


@dataclass(frozen=True)
class RuleInfo:
    """What output formats need to know about a rule (SARIF, `cramptext rules`)."""

    code: str
    name: str
    category: str
    severity: str
    message: str
    why: str
    applicability: str | None = None
    source_title: str | None = None
    source_url: str | None = None


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    if len(text) < LONG_TEXT:
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        return line, column
    breaks = _line_breaks(text)
    line = bisect.bisect_left(breaks, offset)  # line breaks before the offset
    return line + 1, offset - (breaks[line - 1] + 1 if line else 0) + 1


LONG_TEXT = 20_000  # longer texts: line breaks found once, not scanned again for every offset
_last_breaks: tuple[str, list[int]] | None = None  # (text, its line break offsets): the last long text


def _line_breaks(text: str) -> list[int]:
    global _last_breaks
    last = _last_breaks
    if last is not None and last[0] is text:
        return last[1]
    breaks, i = [], text.find("\n")
    while i != -1:
        breaks.append(i)
        i = text.find("\n", i + 1)
    _last_breaks = (text, breaks)
    return breaks
