"""Advice to see a doctor: a professional named near a consult verb ("see your GP")."""
from __future__ import annotations

from typing import Callable, Iterator

from spacy.tokens import Span

from ...knowledge import Knowledge
from ..context import PhraseIndex
from .mention import ClaimMention, lemma_set

SEE_DOCTOR_ID = "see_doctor"
SEE_DOCTOR_NAME = "see a doctor"
MentionBuilder = Callable[..., ClaimMention]


class DoctorAdvice:
    def __init__(self, knowledge: Knowledge):
        cues = knowledge.cues
        self.lexicon = knowledge.lexicon
        self.consult = lemma_set(cues.consult)
        self.professional_words = frozenset(p for p in cues.professional if " " not in p)
        self.professional_phrases = PhraseIndex(p for p in cues.professional if " " in p)
        self.see_doctor = self.lexicon.concepts.get(SEE_DOCTOR_ID)

    def _professional_at(self, sent: Span) -> Iterator[tuple[int, int]]:
        lemmas = [t.lemma_.lower() for t in sent]
        for i, t in enumerate(sent):
            if lemmas[i] in self.professional_words:
                yield t.i, t.i + 1
        found = set(self.professional_phrases.find(lemmas)) | set(self.professional_phrases.find([t.lower_ for t in sent]))
        for a, b in sorted(found):
            yield sent.start + a, sent.start + b

    def mentions(self, sent: Span, spans: list[Span], mention: MentionBuilder) -> Iterator[ClaimMention]:
        doc = sent.doc
        # Advice the lexicon already names ("emergency care") is not found twice.
        advice = {i for span in spans if (c := self.lexicon.concepts.get(span.label_)) and c.kinds[0] == "red_flag"
                  and c.id != SEE_DOCTOR_ID for i in range(span.start, span.end)}
        for start, end in self._professional_at(sent):
            if any(i in advice for i in range(start, end)):
                continue
            token = doc[end - 1]
            if token.dep_ in ("nsubj", "nsubjpass"):
                continue  # "Doctors see this complaint every week"
            consult = None
            for _ in range(4):
                if token.head == token:
                    break
                token = token.head
                if token.lemma_.lower() in self.consult:
                    consult = token
                    break
            if consult is None:
                continue
            lo, hi = min(start, consult.i), max(end, consult.i + 1)
            concept = self.see_doctor
            name = concept.name_for("red_flag") if concept else SEE_DOCTOR_NAME
            yield mention(sent, lo, hi, "red_flag", name, concept.id if concept else None)
            return
