"""Negation and hedging of a claim mention (ConText / NegEx style).

Triggers are data (``rules/context.yaml``). Two complementary tests:
linear trigger scopes within the sentence, as ConText does, and the
dependency parse (a negated or modal verb governing the mention), which
catches "magnesium does not stop cramps" where the trigger follows.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from .knowledge import ContextCues

MAX_SCOPE = 8  # tokens a trigger reaches (NegEx uses a window of five words)
MODALS = frozenset({"may", "might", "could", "can"})
HEDGE_VERBS = frozenset({"believe", "think", "suggest", "appear", "seem", "suspect"})
# Contractions as the tokenizer splits them.
_SURFACE = {"n't": "not", "ca": "can", "wo": "will", "’t": "not"}


def _words(sent: Span) -> list[str]:
    return [_SURFACE.get(t.lower_, t.lower_) for t in sent]


def _find(words: list[str], phrase: str) -> list[tuple[int, int]]:
    parts = phrase.lower().split()
    n = len(parts)
    return [(i, i + n) for i in range(len(words) - n + 1) if words[i:i + n] == parts]


class ContextMatcher:
    def __init__(self, cues: ContextCues):
        self.cues = cues

    def _scoped(self, sent: Span, cueset: dict, mention: tuple[int, int] = (-1, -1)) -> set[int]:
        """Sentence-relative indices of tokens inside some trigger's scope.

        A trigger inside the mention itself ("sitting without moving") does not
        count, and a trigger reaches only words in the clause it belongs to:
        the subtree of the verb governing it.
        """
        words = _words(sent)
        pseudo = {i for phrase in cueset.get("pseudo", ()) for a, b in _find(words, phrase) for i in range(a, b)}
        scoped: set[int] = set()
        for direction in ("forward", "backward"):
            for phrase in cueset.get(direction, ()):
                for a, b in _find(words, phrase):
                    if any(i in pseudo for i in range(a, b)):
                        continue
                    if mention[0] <= sent.start + a < mention[1]:
                        continue
                    root = sent[a:b].root
                    # "not"/"do not" negate the word they hang on; "no evidence" its clause.
                    anchor = root.head if root.dep_ in ("neg", "aux") else (governing_verb(root) or sent.root)
                    clause = {t.i - sent.start for t in anchor.subtree}
                    if direction == "forward":
                        i = b
                        while i < len(words) and i < b + MAX_SCOPE and words[i] not in self.cues.terminators:
                            if i in clause:
                                scoped.add(i)
                            i += 1
                    else:
                        i = a - 1
                        while i >= 0 and i >= a - MAX_SCOPE and words[i] not in self.cues.terminators:
                            if i in clause:
                                scoped.add(i)
                            i -= 1
        return scoped

    def assess(self, sent: Span, start: int, end: int) -> tuple[bool, bool]:
        """(negated, hedged) for the mention at token indices [start, end) of the doc."""
        idx = range(start - sent.start, end - sent.start)
        if is_reason_adjunct(sent.doc[start:end].root):
            # "can't sleep from pain": the negation is of the verb, not of the reason.
            return False, any(i in self._scoped(sent, self.cues.hedge) for i in idx)
        negated = any(i in self._scoped(sent, self.cues.negation, (start, end)) for i in idx)
        hedged = any(i in self._scoped(sent, self.cues.hedge, (start, end)) for i in idx)
        verb = governing_verb(sent.doc[start:end].root)
        if verb is not None:
            words = _words(sent)
            pseudo = {i for phrase in self.cues.negation.get("pseudo", ()) for a, b in _find(words, phrase)
                      for i in range(a, b)}
            for v in _verb_chain(verb):
                for child in v.children:
                    if child.dep_ == "neg" and (child.i - sent.start) not in pseudo and not (start <= child.i < end):
                        negated = True
                    if child.dep_ == "aux" and child.lower_ in MODALS and (child.i - sent.start) not in pseudo:
                        hedged = True
                if v.lemma_ in HEDGE_VERBS:
                    hedged = True
        return negated, hedged


ORIGIN_VERBS = frozenset({"come", "result", "arise", "stem", "originate", "follow", "develop", "suffer"})


def is_reason_adjunct(token: Token) -> bool:
    """A mention in "from X" hanging on a verb that is not about where something comes from."""
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    prep = token.head
    return (token.dep_ == "pobj" and prep.lower_ == "from" and prep.head.pos_ in ("VERB", "AUX")
            and prep.head.lemma_.lower() not in ORIGIN_VERBS)


def governing_verb(token: Token) -> Token | None:
    """The nearest verb above ``token`` in the parse (itself if it is one)."""
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def _verb_chain(verb: Token):
    """The verb and the verbs it complements ("does not seem to cause")."""
    yield verb
    while verb.dep_ in ("xcomp", "ccomp") and verb.head is not verb:
        verb = verb.head
        yield verb
