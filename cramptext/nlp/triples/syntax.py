"""Parse shapes linking asks about: the cramp described, a symptom relieved or
leading on to something else, the causal verb above a mention and what it
brings on, negative imperatives."""
from __future__ import annotations

from spacy.tokens import Span, Token

from ...knowledge import Knowledge
from ..claims.mention import lemma_set
from ..context import PhraseIndex

COPULAS = frozenset({"be", "feel", "become", "get", "seem", "look"})
PRONOUNS = frozenset({"it", "they", "this", "that", "these", "those", "which", "both", "all"})
MODIFIER_WINDOW = 4  # tokens between an adjective and the cramp word it describes
CLAUSE_DEPS = frozenset({"relcl", "acl", "appos", "advcl"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
CONDITION_MARKS = frozenset({"if", "when", "whenever"})


class Shapes:
    def __init__(self, knowledge: Knowledge):
        cues = knowledge.links.cues
        self.condition_words = lemma_set(knowledge.cues.condition) - PRONOUNS
        self.cause_verbs = lemma_set(knowledge.cues.frames["cause"])
        self.relief = cues.relief
        self.chain = cues.chain
        # "not to do without", "do not hesitate": negations that advise for, not against
        self._pseudo = PhraseIndex(knowledge.context.negation.get("pseudo", ()))

    def is_condition(self, token: Token) -> bool:
        """Is the word the cramp itself ("cramp", "spasm", "seizure")?"""
        return token.lemma_.lower() in self.condition_words or token.lower_ in self.condition_words

    def describes_cramp(self, span: Span) -> bool:
        """"painful cramps", "cramps are painful", "cramps are a painful experience"."""
        if any(self.is_condition(t) for t in span):
            return True
        if span.root.pos_ == "ADJ":
            # "these painful, radiating muscle spasms", whatever the parser made of it
            for t in span.doc[span.end:min(span.sent.end, span.end + MODIFIER_WINDOW)]:
                if self.is_condition(t):
                    return True
                if not (t.pos_ in ("ADJ", "PUNCT", "CCONJ", "NOUN") or t.tag_ == "VBG"):
                    break
        token = conj_head(span.root)
        head = token.head
        if token.dep_ in ("amod", "compound") and head.i != token.i:
            if self.is_condition(head):
                return True
            token, head = head, head.head  # "a painful experience": judge the noun it modifies
        if token.dep_ in ("acomp", "attr", "oprd") and head.lemma_.lower() in COPULAS:
            return any(c.dep_ in SUBJECTS and self.is_condition(c) for c in head.children)
        return False

    def relieved(self, span: Span) -> bool:
        """Is the mention what something relieves ("relieve pain", "the removal of the pain syndrome")?"""
        token = span.root
        for _ in range(3):
            if token.dep_ not in ("conj", "dobj", "pobj", "prep", "compound") or token.head.i == token.i:
                return False
            token = token.head
            if token.lemma_.lower() in self.relief:
                return True
        return False

    def leads_on(self, span: Span) -> bool:
        """Does the mention lead on to something else: a clause of its own with a causal verb, or the
        subject of one ("poor sleep, which in turn leaves your muscles tired")?"""
        token = conj_head(span.root)
        for child in token.children:
            if child.dep_ in CLAUSE_DEPS and any(t.lemma_.lower() in self.chain for t in child.subtree):
                return True
        return token.dep_ == "nsubj" and token.head.lemma_.lower() in self.chain

    def cause_verb_above(self, span: Span) -> Token | None:
        """The causal verb whose object the mention is ("leads to pain", "can bring numbness and
        tingling"), through coordination and prepositions; None if there is none."""
        token = span.root
        for _ in range(4):
            if token.dep_ not in ("conj", "dobj", "pobj", "prep", "attr", "appos") or token.head.i == token.i:
                return None
            token = token.head
            if token.pos_ in ("VERB", "AUX"):
                return token if token.lemma_.lower() in self.cause_verbs else None
        return None

    def has_own_subject(self, span: Span) -> bool:
        """Is the mention brought by a subject of its own ("pressure on a nerve can bring numbness"),
        not by what a pronoun points back to ("This leads to pain")?"""
        verb = self.cause_verb_above(span)
        if verb is None:
            return False
        return any(c.dep_ in SUBJECTS and c.pos_ != "PRON" and c.lemma_.lower() not in PRONOUNS
                   for c in verb.children)

    def brought_about_by(self, span: Span, start: int, end: int) -> bool:
        """Does the sentence say the words at [start, end) bring the mention about ("too much magnesium
        ... commonly causes diarrhoea")?"""
        verb = self.cause_verb_above(span)
        if verb is None:
            return False
        subject_verb = verb
        while not any(c.dep_ in SUBJECTS for c in subject_verb.children) and subject_verb.dep_ == "conj":
            subject_verb = subject_verb.head
        for subject in (c for c in subject_verb.children if c.dep_ in SUBJECTS):
            if any(start <= t.idx < end for t in subject.subtree):
                return True
            if subject.lower_ in PRONOUNS and end <= verb.idx:
                return True  # "[magnesium] ... that commonly causes diarrhoea"
        return False

    def brings_on_cramps(self, span: Span) -> bool:
        """Is the mention (in) the subject of a causal verb whose object is the cramp ("Wearing tight
        shoes can bring on cramps")?"""
        token = span.root
        for _ in range(6):
            if token.dep_ in SUBJECTS or token.dep_ == "csubj":
                verb = token.head
                if verb.lemma_.lower() not in self.cause_verbs:
                    return False
                objects = [t for c in verb.children if c.dep_ in ("dobj", "prt", "prep") for t in c.subtree]
                return any(self.is_condition(t) for t in objects)
            if token.head.i == token.i:
                return False
            token = token.head
        return False

    def under_cramp_condition(self, span: Span) -> bool:
        """Is the mention's sentence conditional on the cramps themselves ("If cramps are becoming a
        regular occurrence, visit a podiatrist"), the mention outside that condition?"""
        for token in span.sent:
            if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in token.children):
                clause = {t.i for t in token.subtree}
                if span.root.i not in clause and any(self.is_condition(span.doc[i]) for i in clause):
                    return True
        return False

    def in_prohibition(self, span: Span) -> bool:
        """Is the mention in a negative imperative ("do not take magnesium"), not a pseudo-negation
        ("Not to do without control of the load") or a modal denial ("the muscle cannot relax")?"""
        token = span.root
        for _ in range(6):
            if token.pos_ == "VERB" and token.tag_ == "VB":
                children = list(token.children)
                negation = [c for c in children if c.dep_ == "neg" or c.lower_ == "never"]
                if negation and not any(c.dep_ in SUBJECTS or (c.dep_ == "aux" and c.tag_ == "MD") for c in children):
                    at = negation[0].i - span.sent.start
                    return not any(a <= at < b for a, b in self._pseudo.find([t.lower_ for t in span.sent]))
            if token.head.i == token.i:
                return False
            token = token.head
        return False


    @staticmethod
    def coordinated(a: Span, b: Span) -> bool:
        """Are the two mentions members of one coordination ("in hot weather or after exercise")?"""
        x, y = list_item(a.root), list_item(b.root)
        if x.i == y.i:
            return False
        if list_head(x).i == list_head(y).i:
            return True
        # "in hot weather or after exercise": the prepositions are coordinated
        return (x.dep_ == y.dep_ == "pobj" and x.head.i != y.head.i
                and list_head(x.head).i == list_head(y.head).i)


def list_item(token: Token) -> Token:
    """The noun a modifier belongs to ("a new exercise class": class), the item of a list."""
    while token.dep_ in ("compound", "amod", "nmod") and token.head.i != token.i:
        token = token.head
    return token


def list_head(token: Token) -> Token:
    """The first item of the list the token is in (coordination, or apposition as parsers often
    read "a long hike, a new exercise class or a day of digging")."""
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        token = token.head
    return token


def conj_head(token: Token) -> Token:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token
