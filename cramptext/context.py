"""Negation and hedging of a claim mention (ConText / NegEx style).

Triggers are data (``rules/context.yaml``). Two complementary tests:
linear trigger scopes within the sentence, as ConText does, and the
dependency parse (a negated or modal verb governing the mention), which
catches "magnesium does not stop cramps" where the trigger follows.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from .knowledge import ContextCues

MAX_SCOPE = 12  # tokens a trigger reaches, as NegEx's window does
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

    def _scoped(self, sent: Span, cueset: dict) -> set[int]:
        """Sentence-relative indices of tokens inside some trigger's scope."""
        words = _words(sent)
        pseudo = {i for phrase in cueset.get("pseudo", ()) for a, b in _find(words, phrase) for i in range(a, b)}
        scoped: set[int] = set()
        for direction in ("forward", "backward"):
            for phrase in cueset.get(direction, ()):
                for a, b in _find(words, phrase):
                    if any(i in pseudo for i in range(a, b)):
                        continue
                    if direction == "forward":
                        i = b
                        while i < len(words) and i < b + MAX_SCOPE and words[i] not in self.cues.terminators:
                            scoped.add(i)
                            i += 1
                    else:
                        i = a - 1
                        while i >= 0 and i >= a - MAX_SCOPE and words[i] not in self.cues.terminators:
                            scoped.add(i)
                            i -= 1
        return scoped

    def assess(self, sent: Span, start: int, end: int) -> tuple[bool, bool]:
        """(negated, hedged) for the mention at token indices [start, end) of the doc."""
        idx = range(start - sent.start, end - sent.start)
        negated = any(i in self._scoped(sent, self.cues.negation) for i in idx)
        hedged = any(i in self._scoped(sent, self.cues.hedge) for i in idx)
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
