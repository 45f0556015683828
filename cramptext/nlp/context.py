"""Negation and hedging of a mention (ConText / NegEx style), as a spaCy component.

Triggers are data (``rules/context.yaml``). Two complementary tests:
linear trigger scopes within the sentence, as ConText does, and the
dependency parse (a negated or modal verb governing the mention), which
catches "magnesium does not stop cramps" where the trigger follows.

``cramptext_context`` sets ``Span._.negated`` and ``Span._.hedged`` on the
spans of a span group (the concept spans by default), as medspaCy's ConText
component does; the claim extractor reads them.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..knowledge import ContextCues
from .knowledge_component import SPANS_KEY, KnowledgeComponent

for _name in ("negated", "hedged"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)

MAX_SCOPE = 8  # tokens a trigger reaches forward (NegEx uses a window of five words)
MAX_BACKWARD_SCOPE = 12  # "Quinine, once widely prescribed for cramps, is no longer recommended"
# Contractions as the tokenizer splits them.
_SURFACE = {"n't": "not", "ca": "can", "wo": "will", "’t": "not"}


def _words(sent: Span) -> list[str]:
    return [_SURFACE.get(t.lower_, t.lower_) for t in sent]


class PhraseIndex:
    """Cue phrases by first word, so a sentence is scanned once, not once per phrase."""

    def __init__(self, phrases):
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            parts = tuple(phrase.lower().split())
            self.by_first.setdefault(parts[0], []).append(parts)

    def find(self, words: list[str]) -> list[tuple[int, int]]:
        found = []
        for i, word in enumerate(words):
            for parts in self.by_first.get(word, ()):
                if tuple(words[i:i + len(parts)]) == parts:
                    found.append((i, i + len(parts)))
        return found


class ContextMatcher:
    def __init__(self, cues: ContextCues):
        self.cues = cues
        self._index = {(name, direction): PhraseIndex(getattr(cues, name).get(direction, ()))
                       for name in ("negation", "hedge") for direction in ("forward", "backward", "pseudo")}
        self._cautions = PhraseIndex(p for rule in cues.cautions for p in rule["phrases"])
        self._denials = PhraseIndex(cues.denials)
        self._cache: dict = {}  # (sentence bounds, cue set) -> triggers with their scopes

    def _triggers(self, sent: Span, name: str) -> list[tuple[int, int, frozenset]]:
        """(start, end, scope) of each trigger in the sentence; indices are sentence-relative.

        A trigger reaches only words in the clause it belongs to: the subtree of
        the word it negates, or of the verb governing it.
        """
        key = (id(sent.doc), sent.start, sent.end, name)
        if key in self._cache:
            return self._cache[key]
        if len(self._cache) > 4096:
            self._cache.clear()
        words = _words(sent)
        pseudo = {i for a, b in self._index[(name, "pseudo")].find(words) for i in range(a, b)}
        triggers = []
        for direction in ("forward", "backward"):
            for a, b in self._index[(name, direction)].find(words):
                if any(i in pseudo for i in range(a, b)):
                    continue
                root = sent[a:b].root
                # "not"/"do not" negate the word they hang on; "no evidence" its clause.
                anchor = root.head if root.dep_ in ("neg", "aux") else (governing_verb(root) or sent.root)
                clause = {t.i - sent.start for t in anchor.subtree}
                step, i = (1, b) if direction == "forward" else (-1, a - 1)
                limit = b + MAX_SCOPE if direction == "forward" else a - MAX_BACKWARD_SCOPE
                scope = set()
                while 0 <= i < len(words) and (i < limit if step > 0 else i >= limit) \
                        and words[i] not in self.cues.terminators:
                    if i in clause:
                        scope.add(i)
                    i += step
                triggers.append((a, b, frozenset(scope)))
        self._cache[key] = triggers
        return triggers

    def reset(self) -> None:
        """Forget cached triggers: call once per document."""
        self._cache.clear()

    def _in_scope(self, sent: Span, name: str, start: int, end: int) -> bool:
        """Is a word of the mention [start, end) in the scope of a trigger outside it?"""
        idx = set(range(start - sent.start, end - sent.start))
        return any(not (a in idx) and scope & idx for a, b, scope in self._triggers(sent, name))

    def _pseudo(self, sent: Span) -> set[int]:
        """Tokens of pseudo-negations ("not only"), once per sentence."""
        key = (id(sent.doc), sent.start, sent.end, "pseudo")
        if key not in self._cache:
            found = self._index[("negation", "pseudo")].find(_words(sent))
            self._cache[key] = {i for a, b in found for i in range(a, b)}
        return self._cache[key]

    def assess(self, sent: Span, start: int, end: int) -> tuple[bool, bool]:
        """(negated, hedged) for the mention at token indices [start, end) of the doc."""
        hedged = self._in_scope(sent, "hedge", start, end)
        root = sent.doc[start:end].root
        if is_reason_adjunct(root, self.cues.origin_verbs):
            # "can't sleep from pain": the negation is of the verb, not of the reason.
            return False, hedged
        negated = self._in_scope(sent, "negation", start, end)
        verb = governing_verb(root)
        if verb is not None:
            pseudo = self._pseudo(sent)
            for v in _verb_chain(verb):
                for child in v.children:
                    if child.dep_ == "neg" and (child.i - sent.start) not in pseudo and not (start <= child.i < end):
                        negated = True
                    if child.dep_ == "aux" and child.lower_ in self.cues.modals and (child.i - sent.start) not in pseudo:
                        hedged = True
                if v.lemma_ in self.cues.hedge_verbs:
                    hedged = True
        if negated and (self.is_caution(sent) or self._conditional(verb)):
            # "do not take more than 2,400 mg", "if you have kidney disease, don't take it": advice with a limit
            return False, True
        if not negated and self._rejected_concession(root):
            return True, False
        return negated, hedged

    def is_caution(self, sent: Span) -> bool:
        """Whether the sentence limits how to use care rather than denying it (``cautions`` in the data)."""
        return bool(self._cautions.find(_words(sent)))

    def is_denial(self, sent: Span) -> bool:
        """Whether the sentence denies what was said before it ("But this is a myth.")."""
        return bool(self._denials.find(_words(sent)))

    def _conditional(self, verb: Token | None) -> bool:
        """A verb (or the verb it complements) with an "if"/"unless" clause of its own."""
        for v in _verb_chain(verb) if verb is not None else ():
            for child in v.children:
                if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in self.cues.conditional_marks
                                                 for m in child.children):
                    return True
        return False

    def _rejected_concession(self, token: Token) -> bool:
        """A mention inside "although X" whose main clause is negated ("there is no good evidence")."""
        for _ in range(10):
            if token.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in self.cues.concessive_marks
                                             for m in token.children):
                main = token.head
                inside = {t.i for t in token.subtree}
                return any(t.i not in inside and (t.dep_ == "neg" or t.lower_ in ("no", "never", "nothing"))
                           for t in main.subtree)
            if token.head == token:
                return False
            token = token.head
        return False


def is_reason_adjunct(token: Token, origin_verbs: frozenset) -> bool:
    """A mention in "from X" hanging on a verb that is not about where something comes from."""
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    prep = token.head
    return (token.dep_ == "pobj" and prep.lower_ == "from" and prep.head.pos_ in ("VERB", "AUX")
            and prep.head.lemma_.lower() not in origin_verbs)


def governing_verb(token: Token) -> Token | None:
    """The nearest verb above ``token`` in the parse (itself if it is one)."""
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head == token:
            return None
        token = token.head
    return None


def _verb_chain(verb: Token):
    """The verb and the verbs it complements ("does not seem to cause")."""
    yield verb
    while verb.dep_ in ("xcomp", "ccomp") and verb.head != verb:
        verb = verb.head
        yield verb


@Language.factory("cramptext_context", assigns=["span._.negated", "span._.hedged"],
                  requires=["token.dep", "token.lemma", "doc.sents"],
                  default_config={"rules_dir": None, "spans_key": SPANS_KEY})
def make_context(nlp: Language, name: str, rules_dir: str | None, spans_key: str):
    return ContextComponent(nlp, name, rules_dir=rules_dir, spans_key=spans_key)


class ContextComponent(KnowledgeComponent):
    """Sets ``Span._.negated`` and ``Span._.hedged`` on every span in ``doc.spans[spans_key]``."""

    def __init__(self, nlp: Language, name: str = "cramptext_context", *, rules_dir=None, spans_key=SPANS_KEY):
        super().__init__(nlp, name, rules_dir=rules_dir)
        self.spans_key = spans_key
        self.matcher: ContextMatcher | None = None

    def load(self, knowledge) -> None:
        super().load(knowledge)
        self.matcher = ContextMatcher(knowledge.context)

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_initialized()
        self.matcher.reset()
        for span in doc.spans.get(self.spans_key, ()):
            span._.negated, span._.hedged = self.matcher.assess(span.sent, span.start, span.end)
        return doc
