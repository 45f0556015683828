"""Which kind of claim (cause, symptom, remedy, red flag) a concept mention makes.

In order: the concept itself when it can take one kind only, the role's own
name, the words that govern it ("a lack of" → cause, "supplements" → remedy),
a list's lead-in or a fragment's section, cue words near it, the section.
"""
from __future__ import annotations

from spacy.tokens import Span

from ...knowledge import Concept, Cues
from .mention import lemma_set

POPULATION_CUE_DISTANCE = 4
MAX_CUE_DISTANCE = 6  # tokens: a cue word further away speaks of something else
CLAUSE_OPENERS = frozenset({"if", "when", "whenever", "should"})


class KindResolver:
    def __init__(self, cues: Cues):
        self.condition_words = lemma_set(cues.condition)
        self.kind_words = {kind: lemma_set(words) for kind, words in cues.verbs.items()}
        self.deficiency = lemma_set(cues.deficiency)
        self.supplement = lemma_set(cues.supplement)
        self.effect_verbs = lemma_set(cues.effect_verbs)
        self.population_cues = lemma_set(cues.population_cues)
        self.cause_frames = cues.frames["cause"]
        self.setting_verbs = cues.frames["setting"]
        self.ingredient_verbs = lemma_set(cues.ingredient_verbs)

    def kind_of(self, concept: Concept, span: Span, sent: Span, section: str | None,
                fragment: bool, has_doctor: bool) -> str | None:
        kinds = concept.kinds
        if has_doctor and ("red_flag" in kinds or "sign" in concept.tags) and self._in_condition(span, sent):
            return "red_flag"
        candidates = [k for k in kinds if k != "red_flag"] or list(kinds)
        if "population" in concept.tags and not self._population_is_claimed(span, sent, section, fragment, candidates):
            return None  # "in trials of older adults": who was studied, not what causes cramps
        if span.root.dep_ == "dobj" and span.root.head.lemma_.lower() in self.ingredient_verbs:
            return None  # "tonic water contains quinine": an ingredient, not a claim
        if self._is_effect(span):
            # What cramps bring ("accompanied by stress") is no cause or remedy.
            return "symptom" if "symptom" in kinds else None
        if len(candidates) == 1:
            return candidates[0]
        named = self._kind_named(concept, span, candidates)
        if named:
            return named
        local = self._governing_kind(span)
        if local in candidates:
            return local
        if fragment and section in candidates:
            return section
        nearest = self._nearest_cue_kind(span, sent, candidates)
        if nearest:
            return nearest
        if section in candidates:
            return section
        return candidates[0]

    @staticmethod
    def _kind_named(concept: Concept, span: Span, candidates: list[str]) -> str | None:
        """The text says the role's own name: "dehydration" is the cause, "hydration" the remedy."""
        said = {span.text.lower(), " ".join(t.lemma_.lower() for t in span)}
        named = [k for k in candidates if concept.names.get(k, concept.name if k == concept.kinds[0] else None) in said]
        return named[0] if len(named) == 1 else None

    def _governing_kind(self, span: Span) -> str | None:
        """'lack of X', 'low X' → cause; 'X supplements', 'take X' → remedy (through coordination)."""
        token = span.root
        while token.dep_ == "conj" and token.head != token:
            token = token.head
        if any(t.dep_ == "neg" or t.lower_ in ("not", "n't", "no") for t in span):
            return "cause"  # "not drinking enough water", "no magnesium": a lack
        for t in list(span) + [c for c in token.children if c.dep_ in ("amod", "compound")]:
            if t.lemma_.lower() in self.deficiency or t.lower_ in self.deficiency:
                return "cause"
        for t in span:
            if t.lemma_.lower() in self.supplement or t.lower_ in self.supplement:
                return "remedy"
        hops = 0
        while token.head != token and hops < 3:
            head = token.head
            lemma = head.lemma_.lower()
            if lemma in self.deficiency or head.lower_ in self.deficiency:
                return "cause"
            if lemma in self.supplement:
                return "remedy"
            if head.pos_ in ("VERB", "AUX"):
                break
            token = head
            hops += 1
        for child in span.root.children:
            if child.lemma_.lower() in self.supplement:
                return "remedy"
        return None

    def _population_is_claimed(self, span: Span, sent: Span, section: str | None, fragment: bool,
                               candidates: list[str]) -> bool:
        """A group of people ("older adults") is a claim only when the text says so:
        a list item under a causes heading, or a cue word close by ("common in", "occur in")."""
        if fragment and section in candidates:
            return True
        near = sent.doc[max(sent.start, span.start - POPULATION_CUE_DISTANCE):min(sent.end, span.end + POPULATION_CUE_DISTANCE)]
        if any(t.lemma_.lower() in self.population_cues for t in near if not span.start <= t.i < span.end):
            return True
        return self._nearest_cue_kind(span, sent, candidates) is not None or self._governing_kind(span) is not None

    def _is_effect(self, span: Span) -> bool:
        """Is the mention what the condition brings: agent of 'accompanied by', object of
        'cramps cause', subject of 'is interrupted by cramps'?"""
        token = span.root
        if token.pos_ == "VERB" and token.lemma_.lower() in self.effect_verbs:
            # the span is a clause: "sleep can be interrupted (by cramps)"
            agents = [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            return not agents or any(g.lemma_.lower() in self.condition_words for g in agents)
        while token.dep_ == "conj" and token.head != token:
            token = token.head
        head = token.head
        if token.dep_ == "pobj" and head.dep_ == "agent" and head.head.lemma_.lower() in self.effect_verbs:
            return True
        verb = head if token.dep_ in ("dobj", "nsubjpass") else None
        if verb is None or verb.pos_ != "VERB":
            return False
        if token.dep_ == "dobj":
            # "cramps cause pain" (effect) but "cramps accompany diabetes" (its setting: a cause)
            return (verb.lemma_.lower() in (self.cause_frames | self.effect_verbs) - self.setting_verbs
                    and any(c.dep_ == "nsubj" and c.lemma_.lower() in self.condition_words - {"it", "this", "they"}
                            for c in verb.children))
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        return any(g.lemma_.lower() in self.condition_words for g in agents)

    def _nearest_cue_kind(self, span: Span, sent: Span, candidates: list[str]) -> str | None:
        best = None
        for tok in sent[max(0, span.start - sent.start - MAX_CUE_DISTANCE):span.end - sent.start + MAX_CUE_DISTANCE]:
            if span.start <= tok.i < span.end:
                continue
            lemma = tok.lemma_.lower()
            for kind in candidates:
                if lemma in self.kind_words.get(kind, ()):
                    distance = min(abs(tok.i - span.start), abs(tok.i - (span.end - 1)))
                    if best is None or distance < best[0]:
                        best = (distance, kind)
        return best[1] if best else None

    def _in_condition(self, span: Span, sent: Span) -> bool:
        """Inside an "if/when ..." clause, or anywhere in a doctor sentence without one."""
        openers = [t for t in sent if t.lower_ in CLAUSE_OPENERS]
        if not openers:
            return True
        return any(t.i < span.start for t in openers)
