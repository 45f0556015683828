"""Claim extraction over a parsed Doc: which concepts an article states, as what.

A claim is a concept mention (from the lexicon matcher) or an open-vocabulary
phrase found in a cue frame ("X can lead to cramps", "try X"), given a kind
from, in order: the concept itself when it can take one kind only, the words
that govern it ("a lack of" → cause, "supplements" → remedy), cue words in
the sentence, and the section heading it sits under.
"""
from __future__ import annotations

import bisect
from typing import Iterator, NamedTuple

from spacy.tokens import Doc, Span, Token

from .context import ContextMatcher, PhraseIndex
from .knowledge import Concept, Knowledge
from .resources import RE_BLANK_LINE
from .structure import SectionClassifier, Structure

SEE_DOCTOR_ID = "see_doctor"
SEE_DOCTOR_NAME = "see a doctor"
# Verbs of the cause frame whose subject is the cause ("X can cause cramps").
CAUSE_FRAME_VERBS = frozenset({"cause", "trigger", "provoke", "induce", "precipitate", "lead", "contribute", "result", "bring"})
REMEDY_FRAME_VERBS = frozenset({"help", "relieve", "ease", "prevent", "stop", "soothe", "alleviate", "cure", "reduce"})
TRY_VERBS = frozenset({"try", "use", "apply", "recommend", "consider"})
SETTING_VERBS = frozenset({"accompany", "follow"})
TIME_MARKS = frozenset({"before", "after", "until", "till", "while", "since"})
CLAUSE_OPENERS = frozenset({"if", "when", "whenever", "should"})
OPEN_DROP_DEPS = frozenset({"det", "poss", "punct", "cc", "advmod", "nummod", "quantmod", "case", "neg", "aux", "predet"})
OPEN_DROP_WORDS = frozenset({"certain", "some", "such", "other", "various", "many", "several", "main", "common",
                             "usual", "possible", "different", "frequent", "most", "more", "less", "own", "also"})
MAX_OPEN_WORDS = 6
POPULATION_CUE_DISTANCE = 4
MAX_CUE_DISTANCE = 6  # tokens: a cue word further away speaks of something else


class ClaimMention(NamedTuple):
    """A claim found in a Doc; offsets are into ``doc.text``."""

    kind: str
    concept: str
    concept_id: str | None
    start: int
    end: int
    sent_start: int
    sent_end: int
    negated: bool
    hedged: bool


def _lemma_set(words) -> frozenset:
    return frozenset(w for w in words if " " not in w)


class ClaimExtractor:
    def __init__(self, knowledge: Knowledge):
        self.knowledge = knowledge
        self.lexicon = knowledge.lexicon
        cues = knowledge.cues
        self.sections = SectionClassifier(cues.headings)
        self.context = ContextMatcher(knowledge.context)
        self.condition_words = _lemma_set(cues.condition)
        self.kind_words = {kind: _lemma_set(words) for kind, words in cues.verbs.items()}
        self.deficiency = _lemma_set(cues.deficiency)
        self.supplement = _lemma_set(cues.supplement)
        self.effect_verbs = _lemma_set(cues.effect_verbs)
        self.population_cues = _lemma_set(cues.population_cues)
        self.consult = _lemma_set(cues.consult)
        self.professional_words = frozenset(p for p in cues.professional if " " not in p)
        self.professional_phrases = PhraseIndex(p for p in cues.professional if " " in p)
        self.generic = _lemma_set(cues.generic_heads)
        self.see_doctor = self.lexicon.concepts.get(SEE_DOCTOR_ID)
        # Concepts that are themselves advice to get care ("see a doctor", "emergency care").
        self.advice_ids = frozenset(c.id for c in self.lexicon if c.kinds == ("red_flag",) and not c.tags)

    # -- entry point ---------------------------------------------------------
    def __call__(self, doc: Doc, concept_spans: list[Span]) -> list[ClaimMention]:
        self.context.reset()
        structure = Structure(doc.text, self.sections)
        by_sentence: dict[int, list[Span]] = {}
        for span in drop_nested(concept_spans, self.generic | self.deficiency):
            by_sentence.setdefault(span.sent.start, []).append(span)
        mentions: list[ClaimMention] = []
        sentences = [s for s in doc.sents if structure.role(s.start_char) != "heading"]  # headings name topics
        doctors = {s.start: list(self._see_doctor_mentions(s, by_sentence.get(s.start, []))) for s in sentences}
        paragraph_starts = [0] + [m.end() for m in RE_BLANK_LINE.finditer(doc.text)]
        advised = {bisect.bisect_right(paragraph_starts, s.start_char) for s in sentences if doctors[s.start]
                   or any(span.label_ in self.advice_ids for span in by_sentence.get(s.start, []))}
        for sent in sentences:
            spans = by_sentence.get(sent.start, [])
            doctor = doctors[sent.start]
            # Signs named in a paragraph that advises seeing a doctor are warning signs.
            sign_paragraph = bisect.bisect_right(paragraph_starts, sent.start_char) in advised
            found = list(self._concept_claims(sent, spans, structure, bool(doctor), sign_paragraph))
            found += doctor
            found += self._open_claims(sent, spans, structure)
            seen = set()
            for m in found:
                key = (m.kind, m.concept, m.negated)
                if key not in seen:
                    seen.add(key)
                    mentions.append(m)
        mentions.sort(key=lambda m: (m.start, m.end))
        return mentions

    # -- building a mention --------------------------------------------------
    def _mention(self, sent: Span, start: int, end: int, kind: str, concept: str, concept_id: str | None) -> ClaimMention:
        doc = sent.doc
        negated, hedged = self.context.assess(sent, start, end)
        # A claim the parser split across sentences keeps the whole of both.
        sent_start = min(sent.start_char, doc[start].sent.start_char)
        sent_end = max(sent.end_char, doc[end - 1].sent.end_char)
        return ClaimMention(kind, concept, concept_id, doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text),
                            sent_start, sent_end, negated, hedged)

    # -- lexicon concepts ----------------------------------------------------
    def _concept_claims(self, sent: Span, spans: list[Span], structure: Structure, has_doctor: bool,
                        sign_paragraph: bool = False) -> Iterator[ClaimMention]:
        fragment = is_fragment(sent) or structure.role(sent.start_char) == "item"
        section = structure.lead_in_kind(sent.start_char) or structure.section_kind(sent.start_char)
        # Under "When to see a doctor" or "see your GP if:", what is named is a warning sign.
        warning = section == "red_flag"
        for span in spans:
            concept = self.lexicon.concepts.get(span.label_)
            if concept is None:
                continue
            if concept.id == SEE_DOCTOR_ID and has_doctor:
                continue
            kind = self.kind_of(concept, span, sent, section, fragment, has_doctor)
            if kind in ("cause", "symptom") and (warning or (sign_paragraph and (
                    "sign" in concept.tags or "red_flag" in concept.kinds))):
                kind = "red_flag"
            if kind is None:
                continue
            mention = self._mention(sent, span.start, span.end, kind, concept.name_for(kind), concept.id)
            if kind == "cause" and mention.negated and "remedy" in concept.kinds and is_prohibition(span):
                # "do not tuck the blanket tightly": advice to avoid a cause is a remedy
                mention = mention._replace(kind="remedy", concept=concept.name_for("remedy"), negated=False)
            yield mention

    def kind_of(self, concept: Concept, span: Span, sent: Span, section: str | None,
                fragment: bool, has_doctor: bool) -> str | None:
        kinds = concept.kinds
        if has_doctor and ("red_flag" in kinds or "sign" in concept.tags) and self._in_condition(span, sent):
            return "red_flag"
        candidates = [k for k in kinds if k != "red_flag"] or list(kinds)
        if "population" in concept.tags and not self._population_is_claimed(span, sent, section, fragment, candidates):
            return None  # "in trials of older adults": who was studied, not what causes cramps
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
        while token.dep_ == "conj" and token.head is not token:
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
        while token.head is not token and hops < 3:
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
        while token.dep_ == "conj" and token.head is not token:
            token = token.head
        head = token.head
        if token.dep_ == "pobj" and head.dep_ == "agent" and head.head.lemma_.lower() in self.effect_verbs:
            return True
        verb = head if token.dep_ in ("dobj", "nsubjpass") else None
        if verb is None or verb.pos_ != "VERB":
            return False
        if token.dep_ == "dobj":
            # "cramps cause pain" (effect) but "cramps accompany diabetes" (its setting: a cause)
            return (verb.lemma_.lower() in (CAUSE_FRAME_VERBS | self.effect_verbs) - SETTING_VERBS
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

    # -- red flags: advice to see a doctor -----------------------------------
    def _professional_at(self, sent: Span) -> Iterator[tuple[int, int]]:
        lemmas = [t.lemma_.lower() for t in sent]
        for i, t in enumerate(sent):
            if lemmas[i] in self.professional_words:
                yield t.i, t.i + 1
        found = set(self.professional_phrases.find(lemmas)) | set(self.professional_phrases.find([t.lower_ for t in sent]))
        for a, b in sorted(found):
            yield sent.start + a, sent.start + b

    def _see_doctor_mentions(self, sent: Span, spans: list[Span]) -> Iterator[ClaimMention]:
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
                if token.head is token:
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
            yield self._mention(sent, lo, hi, "red_flag", name, concept.id if concept else None)
            return

    # -- open vocabulary -----------------------------------------------------
    def _open_claims(self, sent: Span, spans: list[Span], structure: Structure) -> Iterator[ClaimMention]:
        covered = {i for span in spans for i in range(span.start, span.end)}
        section = structure.section_kind(sent.start_char)
        for kind, head in self._frame_arguments(sent):
            for arg in [head, *[c for c in head.conjuncts if c.i > head.i]]:
                phrase = self._argument_tokens(arg)
                if not phrase or any(t.i in covered for t in phrase):
                    continue
                name = self._open_name(phrase, arg)
                if name:
                    yield self._mention(sent, phrase[0].i, phrase[-1].i + 1, kind, name, None)
        block = structure.block_at(sent.start_char)
        if section in ("cause", "remedy") and is_fragment(sent) and block is not None and block.start == sent.start_char:
            for chunk in sent.noun_chunks:
                phrase = [t for t in chunk if t.dep_ not in OPEN_DROP_DEPS]
                if not phrase or any(t.i in covered for t in chunk):
                    continue
                name = self._open_name(phrase, chunk.root)
                if name:
                    yield self._mention(sent, phrase[0].i, phrase[-1].i + 1, section, name, None)

    def _mentions_condition(self, token: Token) -> bool:
        return any(t.lemma_.lower() in self.condition_words for t in token.subtree)

    def _frame_arguments(self, sent: Span) -> Iterator[tuple[str, Token]]:
        for tok in sent:
            lemma = tok.lemma_.lower()
            if tok.pos_ not in ("VERB", "AUX", "NOUN", "ADJ"):
                continue
            children = list(tok.children)
            subj = [c for c in children if c.dep_ in ("nsubj", "csubj")]
            objs = [c for c in children if c.dep_ in ("dobj", "attr", "oprd")]
            preps = [p for p in children if p.dep_ in ("prep", "agent")]
            pobjs = [(p.lower_, c) for p in preps for c in p.children if c.dep_ == "pobj"]
            if lemma in CAUSE_FRAME_VERBS and tok.pos_ == "VERB":
                passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in children)
                if passive:
                    for prep, c in pobjs:
                        if prep in ("by", "from"):
                            yield "cause", c
                elif lemma == "result" and any(p == "from" for p, _ in pobjs):
                    for prep, c in pobjs:
                        if prep == "from":
                            yield "cause", c
                else:
                    targets = objs + [c for _, c in pobjs]
                    if not targets or any(self._mentions_condition(t) for t in targets):
                        for s in subj:
                            yield "cause", s
            elif lemma in ("due", "because") or (lemma == "occur" and tok.pos_ == "VERB"):
                for prep, c in pobjs:
                    if prep in ("to", "of", "with", "from") or lemma in ("due", "because"):
                        yield "cause", c
                for c in children:
                    if c.dep_ == "pcomp":
                        for cc in c.children:
                            if cc.dep_ == "pobj":
                                yield "cause", cc
            elif lemma in ("cause", "reason", "trigger") and tok.pos_ == "NOUN" and tok.dep_ in ("nsubj", "attr"):
                verb = tok.head
                if verb.lemma_ == "be":
                    for c in verb.children:
                        if c is tok:
                            continue
                        if tok.dep_ == "nsubj" and c.dep_ in ("attr", "acomp"):
                            yield "cause", c
                        if tok.dep_ == "attr" and c.dep_ == "nsubj":
                            yield "cause", c
            elif lemma in REMEDY_FRAME_VERBS and tok.pos_ == "VERB":
                if any(c.dep_ == "mark" and c.lower_ in TIME_MARKS for c in children):
                    continue  # "... before bed helps": a time clause, not what helps
                if not objs or any(self._mentions_condition(t) for t in objs + [c for _, c in pobjs]):
                    for s in subj:
                        yield "remedy", s
            elif lemma in TRY_VERBS and tok.pos_ == "VERB":
                for o in objs:
                    yield "remedy", o

    def _argument_tokens(self, head: Token) -> list[Token]:
        """The words of the noun phrase headed by ``head``, without determiners and clauses."""
        if head.pos_ not in ("NOUN", "PROPN", "VERB", "ADJ") or head.lemma_.lower() in self.generic:
            return []
        keep = [head]
        for child in head.children:
            if child.dep_ in ("amod", "compound", "nmod"):
                keep.extend(child.subtree)
            elif child.dep_ == "prep" and child.lower_ == "of":
                keep.extend(child.subtree)
            elif head.pos_ == "VERB" and child.dep_ in ("dobj", "prep"):
                keep.extend(child.subtree)
        keep = sorted({t.i: t for t in keep if t.dep_ not in OPEN_DROP_DEPS and not t.is_punct}.values(), key=lambda t: t.i)
        # Keep one contiguous run around the head.
        run = [t for t in keep if abs(t.i - head.i) <= MAX_OPEN_WORDS]
        return run

    def _open_name(self, phrase: list[Token], head: Token) -> str | None:
        words = [t.lemma_.lower() if t.i == head.i or t.pos_ in ("NOUN", "VERB") else t.lower_ for t in phrase]
        words = [w for w in words if w not in OPEN_DROP_WORDS and w.isascii()]
        if not words or all(w in self.generic or w in self.condition_words for w in words):
            return None
        if head.is_stop or head.pos_ == "PRON" or head.lemma_.lower() in self.generic:
            return None
        return " ".join(words[:MAX_OPEN_WORDS])


NESTING_DEPS = frozenset({"prep", "pobj", "amod", "compound"})


def drop_nested(spans: list[Span], distributive: frozenset) -> list[Span]:
    """Concepts inside another concept's phrase elaborate it and are no claim of their own:
    "a balanced diet with greens and dairy products", "the balance between potassium and
    sodium". Coordinated words under a generic head still count ("a decrease in
    calcium, potassium or magnesium" is three claims)."""
    owner = {i: span for span in spans for i in range(span.start, span.end)}
    kept = []
    for span in spans:
        token, via_conj, container = span.root, False, None
        for _ in range(6):
            if token.dep_ == "conj":
                # a coordinated sibling is a claim of its own: keep climbing
                token, via_conj = token.head, True
                continue
            if token.dep_ not in NESTING_DEPS or token.head is token:
                break
            token = token.head
            other = owner.get(token.i)
            if other is not None and other is not span and other.root.pos_ in ("NOUN", "PROPN"):
                container = other
                break
        # "problems in the circulation, spine or nerves", "a decrease in calcium, potassium
        # or magnesium": a generic head distributes over the coordinated words.
        if container is not None and not (via_conj and container.root.lemma_.lower() in distributive):
            continue
        kept.append(span)
    return kept


def is_prohibition(span: Span) -> bool:
    """Is the mention inside a negative imperative ("Don't ...", "Never ...", "Avoid ...")?"""
    token = span.root
    for _ in range(6):
        if token.pos_ == "VERB" and token.tag_ == "VB":
            children = list(token.children)
            negative = any(c.dep_ == "neg" or c.lower_ == "never" for c in children)
            if negative and not any(c.dep_ in ("nsubj", "nsubjpass") for c in children):
                return True
        if token.head is token:
            return False
        token = token.head
    return False


def is_fragment(sent: Span) -> bool:
    """A verbless line such as a list item ("Prolonged stress, irregular meals.")."""
    root = sent.root
    if root.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
        return True
    return root.tag_ in ("VBG", "VBN") and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in root.children)
