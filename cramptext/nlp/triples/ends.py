"""Which claims can be the ends of a link, and in which role.

Only lexicon claims are linked: an open-vocabulary phrase's kind is a guess from
its frame, too weak to hang a link on. A cause is a cause claim the text does
not deny. A remedy is a remedy claim (denied: a link advised against) or advice
to see a doctor or have a test, unless the professional is the one acting
("Medical professionals recommended ...") or the advice is a precaution about
another remedy ("check with your doctor before starting"). A symptom is a
symptom claim, or a warning sign that is a symptom concept, unless it describes
the cramp itself ("painful cramps", "frequent spasms"), is what something
relieves ("relieve pain") or is a step in a chain between causes ("poor sleep,
which in turn leaves your muscles tired").
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ...knowledge import Knowledge
from ..claims import ClaimMention
from ..claims.mention import lemma_set
from ..context import PhraseIndex

COPULAS = frozenset({"be", "feel", "become", "get", "seem", "look"})
PRONOUNS = frozenset({"it", "they", "this", "that", "these", "those", "which", "both", "all"})
PRECAUTION_WINDOW = 8
MODIFIER_WINDOW = 4  # tokens between an adjective and the cramp word it describes  # tokens after the advice in which a precaution cue makes it one
CLAUSE_DEPS = frozenset({"relcl", "acl", "appos", "advcl"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})


class Roles:
    def __init__(self, knowledge: Knowledge):
        self.rules = knowledge.links
        self.lexicon = knowledge.lexicon
        self.condition_words = lemma_set(knowledge.cues.condition) - PRONOUNS
        self.cause_verbs = lemma_set(knowledge.cues.frames["cause"])
        cues = self.rules.cues
        self._precaution = PhraseIndex(cues.precaution)
        self._precaution_after_remedy = PhraseIndex(cues.precaution_after_remedy)
        # "not to do without", "do not hesitate": negations that advise for, not against
        self._pseudo = PhraseIndex(" ".join(p.split()) for p in knowledge.context.negation.get("pseudo", ()))
        self.lack_words = frozenset(cues.lack)

    # -- roles ---------------------------------------------------------------
    def is_cause(self, m: ClaimMention) -> bool:
        return m.kind == "cause" and not m.negated and m.concept_id is not None

    def is_remedy(self, m: ClaimMention, doc: Doc, sentence_claims=()) -> bool:
        if m.concept_id is None:
            return False
        span = _span(doc, m)
        if span is None or self._brings_on(span):
            return False  # "Wearing tight shoes can bring on cramps": what brings cramps on is no remedy
        if any(t.lemma_.lower() in self.lack_words for t in span):
            return False  # "At a lack of magnesium": a shortage named, not a remedy
        if m.kind == "remedy":
            return True
        if m.kind != "red_flag" or m.concept_id not in self.rules.advice:
            return False
        if m.concept_id in self.rules.advice_agents and span.root.dep_ in SUBJECTS:
            return False
        return not self._is_precaution(span, sentence_claims)

    def advice_for_the_cramps(self, m: ClaimMention, doc: Doc) -> bool:
        """Is it advice given under a condition about the cramps themselves ("If cramps are becoming a
        regular occurrence, visit a podiatrist"), not about a cause?"""
        if m.kind != "red_flag":
            return False
        span = _span(doc, m)
        if span is None:
            return False
        for token in span.sent:
            if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "when", "whenever")
                                             for c in token.children):
                clause = {t.i for t in token.subtree}
                if span.root.i not in clause and any(self._is_condition(doc[i]) for i in clause):
                    return True
        return False

    def is_symptom(self, m: ClaimMention, doc: Doc) -> bool:
        if m.negated or m.concept_id is None:
            return False
        concept = self.lexicon.concepts.get(m.concept_id)
        if m.kind == "red_flag":
            if concept is None or "symptom" not in concept.kinds:
                return False
        elif m.kind != "symptom":
            return False
        span = _span(doc, m)
        return (span is not None and not self.is_cramp_itself(m, doc) and not self._chain_step(span)
                and not self._relieved(span))

    def is_cramp_itself(self, m: ClaimMention, doc: Doc) -> bool:
        """Does the symptom claim describe the cramp itself ("frequent spasms", "painful cramps")?"""
        if m.kind not in ("symptom", "red_flag"):
            return False
        if m.concept_id in self.rules.cramp_symptoms:
            return True
        span = _span(doc, m)
        return span is not None and self._describes_cramp(span)

    def brings_about(self, remedy: ClaimMention, cause: ClaimMention, doc: Doc) -> bool:
        """Does the sentence say the remedy brings the cause about ("too much magnesium ... commonly
        causes diarrhoea"): a side effect, not a remedy for it?"""
        span = _span(doc, cause)
        verb = self._cause_verb_above(span) if span is not None else None
        if verb is None:
            return False
        subject_verb = verb
        while not any(c.dep_ in SUBJECTS for c in subject_verb.children) and subject_verb.dep_ == "conj":
            subject_verb = subject_verb.head
        for subject in (c for c in subject_verb.children if c.dep_ in SUBJECTS):
            words = {t.i for t in subject.subtree}
            if any(remedy.start <= doc[i].idx < remedy.end for i in words):
                return True
            if subject.lower_ in PRONOUNS and remedy.end <= verb.idx:
                return True  # "[magnesium] ... that commonly causes diarrhoea"
        return False

    def role(self, m: ClaimMention, doc: Doc, sentence_claims=()) -> str | None:
        """"remedy" or "symptom" when the claim can be the far end of a link, else None."""
        if self.is_remedy(m, doc, sentence_claims):
            return "remedy"
        if self.is_symptom(m, doc):
            return "symptom"
        return None

    def advised_against(self, m: ClaimMention, doc: Doc) -> bool:
        """Does the article advise against the remedy: denied, or in a negative imperative
        ("If your cramps come from a statin, do not take magnesium"; not "Not to do without ...")?"""
        if m.negated:
            return True
        span = _span(doc, m)
        if span is None:
            return False
        token = span.root
        for _ in range(6):
            if token.pos_ == "VERB" and token.tag_ == "VB":
                children = list(token.children)
                negation = [c for c in children if c.dep_ == "neg" or c.lower_ == "never"]
                if negation and not any(c.dep_ in SUBJECTS or (c.dep_ == "aux" and c.tag_ == "MD") for c in children):
                    words = [t.lower_ for t in span.sent]
                    at = negation[0].i - span.sent.start
                    return not any(a <= at < b for a, b in self._pseudo.find(words))
            if token.head is token:
                return False
            token = token.head
        return False

    def is_general(self, m: ClaimMention) -> bool:
        """A remedy for any cramp (stretching, massage): linked only where the text or a target fact says so."""
        return m.concept_id in self.rules.general_remedies

    def has_own_cause(self, m: ClaimMention, doc: Doc) -> bool:
        """Is the symptom what a subject of its own brings ("pressure on a nerve can bring numbness"),
        not what an earlier sentence's cause does ("This leads to pain")?"""
        span = _span(doc, m)
        verb = self._cause_verb_above(span) if span is not None else None
        if verb is None:
            return False
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
        return any(s.pos_ != "PRON" and s.lemma_.lower() not in PRONOUNS for s in subjects)

    def _cause_verb_above(self, span: Span) -> Token | None:
        """The causal verb whose object the mention is ("leads to pain", "can bring numbness and
        tingling"), through coordination and prepositions; None if there is none."""
        token = span.root
        for _ in range(4):
            if token.dep_ not in ("conj", "dobj", "pobj", "prep", "attr", "appos") or token.head is token:
                return None
            token = token.head
            if token.pos_ in ("VERB", "AUX"):
                return token if token.lemma_.lower() in self.cause_verbs else None
        return None

    # -- tests on the parse --------------------------------------------------
    def _is_precaution(self, span: Span, sentence_claims) -> bool:
        sent = span.sent
        after = [t.lower_ for t in span.doc[span.end:min(sent.end, span.end + PRECAUTION_WINDOW)]]
        if self._precaution.find(after):
            return True
        gives_remedy = any(c.kind == "remedy" for c in sentence_claims)
        return gives_remedy and bool(self._precaution_after_remedy.find(after))

    def _is_condition(self, token: Token) -> bool:
        return token.lemma_.lower() in self.condition_words or token.lower_ in self.condition_words

    def _describes_cramp(self, span: Span) -> bool:
        """"painful cramps", "cramps are painful", "cramps are a painful experience"."""
        if any(self._is_condition(t) for t in span):
            return True
        if span.root.pos_ == "ADJ":
            # "these painful, radiating muscle spasms", whatever the parser made of it
            for t in span.doc[span.end:min(span.sent.end, span.end + MODIFIER_WINDOW)]:
                if self._is_condition(t):
                    return True
                if not (t.pos_ in ("ADJ", "PUNCT", "CCONJ", "NOUN") or t.tag_ == "VBG"):
                    break
        token = _conj_head(span.root)
        head = token.head
        if token.dep_ in ("amod", "compound") and head is not token:
            if self._is_condition(head):
                return True
            token, head = head, head.head  # "a painful experience": judge the noun it modifies
        if token.dep_ in ("acomp", "attr", "oprd") and head.lemma_.lower() in COPULAS:
            return any(c.dep_ in SUBJECTS and self._is_condition(c) for c in head.children)
        return False

    def _brings_on(self, span: Span) -> bool:
        """Is the mention the subject (or in the subject) of a causal verb whose object is the cramp?"""
        token = span.root
        for _ in range(6):
            if token.dep_ in SUBJECTS or token.dep_ == "csubj":
                verb = token.head
                if verb.lemma_.lower() in self.cause_verbs:
                    objects = [t for c in verb.children if c.dep_ in ("dobj", "prt", "prep") for t in c.subtree]
                    return any(self._is_condition(t) for t in objects)
                return False
            if token.head is token:
                return False
            token = token.head
        return False

    def _relieved(self, span: Span) -> bool:
        """Is the symptom what something relieves ("relieve pain", "the removal of the pain syndrome")?"""
        token = span.root
        for _ in range(3):
            if token.dep_ not in ("conj", "dobj", "pobj", "prep", "compound") or token.head is token:
                return False
            token = token.head
            if token.lemma_.lower() in self.rules.cues.relief:
                return True
        return False

    def _chain_step(self, span: Span) -> bool:
        """The symptom leads on to something else: a clause of its own with a causal verb, or the
        subject of one ("poor sleep, which in turn leaves your muscles tired")."""
        token = _conj_head(span.root)
        chain = self.rules.cues.chain
        for child in token.children:
            if child.dep_ in CLAUSE_DEPS and any(t.lemma_.lower() in chain for t in child.subtree):
                return True
        return token.dep_ == "nsubj" and token.head.lemma_.lower() in chain


def _conj_head(token: Token) -> Token:
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    return token


def _span(doc: Doc, m: ClaimMention) -> Span | None:
    return doc.char_span(m.start, m.end, alignment_mode="expand")
