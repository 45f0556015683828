"""Cue phrases in a sentence that decide what it links (``links.yaml`` ``cues``):
cramps in general, a reference back to causes just named or listed, a cause the
sentence names as the one it answers, a frame that makes a remedy section answer a
cause section."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Span

from ...knowledge import LinkCues
from ..context import PhraseIndex

LISTED_NOUN_WINDOW = 3  # "the above [serious] diseases": how far the noun may follow the cue


@dataclass(frozen=True)
class SentenceCues:
    general: bool = False
    backward: bool = False
    forward: bool = False
    shift: bool = False
    listed: bool = False
    listed_conditions: bool = False  # "the above diseases": only the causes that are conditions
    frame: bool = False


class CueFinder:
    def __init__(self, nlp: Language, cues: LinkCues):
        def index(phrases) -> PhraseIndex:
            # Tokenised as the text is ("above-mentioned" is three tokens).
            return PhraseIndex(" ".join(t.lower_ for t in nlp.make_doc(p)) for p in phrases)

        self._indexes = {name: index(getattr(cues, name))
                         for name in ("general", "backward", "forward", "shift", "listed", "frames")}
        self.condition_nouns = cues.condition_nouns

    def find(self, sent: Span) -> SentenceCues:
        words = [t.lower_ for t in sent]
        lemmas = [t.lemma_.lower() for t in sent]
        found = {name: index.find(words) for name, index in self._indexes.items()}
        listed_conditions = any(lemmas[j] in self.condition_nouns
                                for _, b in found["listed"] for j in range(b - 1, min(len(words), b + LISTED_NOUN_WINDOW)))
        return SentenceCues(general=bool(found["general"]), backward=bool(found["backward"]),
                            forward=bool(found["forward"]), shift=bool(found["shift"]), listed=bool(found["listed"]),
                            listed_conditions=listed_conditions, frame=bool(found["frames"]))
