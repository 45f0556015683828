"""Which claims can be the ends of a link, and in which role.

Only lexicon claims are linked: an open-vocabulary phrase's kind is a guess from
its frame, too weak to hang a link on. A cause is a cause claim the text does
not deny. A remedy is a remedy claim (one advised against makes a negated link)
or advice to see a doctor or have a test, unless the professional is the one
acting ("Medical professionals recommended ...") or the advice is a precaution
about another remedy ("check with your doctor before starting"); what brings
cramps on ("tight shoes can bring on cramps"), names a shortage ("at a lack of
magnesium") or is the object of such a precaution ("before starting an exercise
regime") is no remedy. A symptom is a symptom claim, or a warning sign that
is a symptom concept, unless it describes the cramp itself ("painful cramps",
"frequent spasms"), is what something relieves ("relieve pain") or is a step in
a chain between causes ("poor sleep, which in turn leaves your muscles tired").
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from ...knowledge import Knowledge
from ..claims import ClaimMention
from ..context import PhraseIndex
from .syntax import SUBJECTS, Shapes

PRECAUTION_WINDOW = 8  # tokens after the advice in which a precaution cue makes it one


class Roles:
    def __init__(self, knowledge: Knowledge):
        self.rules = knowledge.links
        self.lexicon = knowledge.lexicon
        self.shapes = Shapes(knowledge)
        cues = self.rules.cues
        self._precaution = PhraseIndex(cues.precaution)
        self._precaution_after_remedy = PhraseIndex(cues.precaution_after_remedy)

    # -- ends ----------------------------------------------------------------
    def is_cause(self, m: ClaimMention) -> bool:
        return m.kind == "cause" and not m.negated and m.concept_id is not None

    def is_remedy(self, m: ClaimMention, doc: Doc, sentence_claims=()) -> bool:
        if m.concept_id is None:
            return False
        span = _span(doc, m)
        if span is None or self.shapes.brings_on_cramps(span):
            return False
        if any(t.lemma_.lower() in self.rules.cues.lack for t in span):
            return False
        if self._precaution.find([t.lower_ for t in doc[max(span.sent.start, span.start - PRECAUTION_WINDOW):span.start]]):
            return False  # "check with your doctor before starting an exercise regime": the precaution's object
        if m.kind == "remedy":
            return True
        if m.kind != "red_flag" or m.concept_id not in self.rules.advice:
            return False
        if m.concept_id in self.rules.advice_agents and span.root.dep_ in SUBJECTS:
            return False
        return not self._is_precaution(span, sentence_claims)

    def is_symptom(self, m: ClaimMention, doc: Doc) -> bool:
        if m.negated or m.concept_id is None:
            return False
        if m.kind == "red_flag":
            concept = self.lexicon.concepts.get(m.concept_id)
            if concept is None or "symptom" not in concept.kinds:
                return False
        elif m.kind != "symptom":
            return False
        span = _span(doc, m)
        return (span is not None and not self.is_cramp_itself(m, doc) and not self.shapes.leads_on(span)
                and not self.shapes.relieved(span))

    def role(self, m: ClaimMention, doc: Doc, sentence_claims=()) -> str | None:
        """"remedy" or "symptom" when the claim can be the far end of a link, else None."""
        if self.is_remedy(m, doc, sentence_claims):
            return "remedy"
        if self.is_symptom(m, doc):
            return "symptom"
        return None

    # -- what an end says ------------------------------------------------------
    def is_cramp_itself(self, m: ClaimMention, doc: Doc) -> bool:
        """Does the symptom claim describe the cramp itself ("frequent spasms", "painful cramps")?"""
        if m.kind not in ("symptom", "red_flag"):
            return False
        if m.concept_id in self.rules.cramp_symptoms:
            return True
        span = _span(doc, m)
        return span is not None and self.shapes.describes_cramp(span)

    def is_general(self, m: ClaimMention) -> bool:
        """A remedy for any cramp (stretching, massage): linked only where the text or a target fact says so."""
        return m.concept_id in self.rules.general_remedies

    def advised_against(self, m: ClaimMention, doc: Doc) -> bool:
        """Does the article advise against the remedy: denied, or in a negative imperative
        ("If your cramps come from a statin, do not take magnesium")?"""
        if m.negated:
            return True
        span = _span(doc, m)
        return span is not None and self.shapes.in_prohibition(span)

    def brings_about(self, remedy: ClaimMention, cause: ClaimMention, doc: Doc) -> bool:
        """Does the sentence say the remedy brings the cause about (a side effect, not a remedy for it)?"""
        span = _span(doc, cause)
        return span is not None and self.shapes.brought_about_by(span, remedy.start, remedy.end)

    def one_list(self, a: ClaimMention, b: ClaimMention, doc: Doc) -> bool:
        """Are two claims coordinated ("after long bouts of exercise or other physical activity",
        "particularly in hot weather or after exercise"): items of one list, whatever kinds the
        extractor gave them, not a cause and its remedy?"""
        span_a, span_b = _span(doc, a), _span(doc, b)
        return span_a is not None and span_b is not None and self.shapes.coordinated(span_a, span_b)

    def has_own_cause(self, m: ClaimMention, doc: Doc) -> bool:
        """Is the symptom what a subject of its own brings ("pressure on a nerve can bring numbness")?"""
        span = _span(doc, m)
        return span is not None and self.shapes.has_own_subject(span)

    def advice_for_the_cramps(self, m: ClaimMention, doc: Doc) -> bool:
        """Is it advice under a condition about the cramps themselves ("If cramps are becoming a regular
        occurrence, visit a podiatrist"), not about a cause?"""
        if m.kind != "red_flag":
            return False
        span = _span(doc, m)
        return span is not None and self.shapes.under_cramp_condition(span)

    def _is_precaution(self, span: Span, sentence_claims) -> bool:
        after = [t.lower_ for t in span.doc[span.end:min(span.sent.end, span.end + PRECAUTION_WINDOW)]]
        if self._precaution.find(after):
            return True
        gives_remedy = any(c.kind == "remedy" for c in sentence_claims)
        return gives_remedy and bool(self._precaution_after_remedy.find(after))


def _span(doc: Doc, m: ClaimMention) -> Span | None:
    return doc.char_span(m.start, m.end, alignment_mode="expand")
