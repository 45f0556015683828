"""A faster matcher for the model's attribute ruler, with the same matches.

The English pipeline's ``attribute_ruler`` maps tags to parts of speech and
morphology with about 180 patterns, nearly all of one token (``{"TAG": "NN"}``,
``{"TAG": "PRP", "LOWER": "her"}``). spaCy's ``Matcher`` starts every one of
them at every token: a fifth of the whole parse. ``TokenRuleMatcher`` takes
the one-token patterns whose tests are plain values (a string, a flag, ``IN`` or
``NOT_IN`` a list) and tests them with numpy over the document's attribute
columns, trying each only when the document has its tag (or other first value)
at all; the rest (several tokens, ``REGEX``, ``OP``) go to an ``IndexedMatcher``.
The ruler itself is untouched: it sorts the matches and sets the attributes as
before, so every token gets exactly what it got.
"""
from __future__ import annotations

import numpy
from spacy.attrs import IDS
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .matching import IndexedMatcher

# Attributes whose Matcher value is the string's hash, as ``Doc.to_array`` gives it.
HASHED = {"ORTH": "ORTH", "TEXT": "ORTH", "LOWER": "LOWER", "NORM": "NORM", "TAG": "TAG", "DEP": "DEP",
          "LEMMA": "LEMMA"}
FLAGS = ("IS_ALPHA", "IS_DIGIT", "IS_LOWER", "IS_PUNCT", "IS_SPACE", "IS_STOP", "IS_TITLE", "IS_UPPER",
         "LIKE_NUM")
ANCHOR_ORDER = ("TAG", "LOWER", "ORTH", "NORM", "LEMMA", "DEP")  # the first test a pattern is filed under


class TokenRuleMatcher:
    """Finds what a spaCy ``Matcher`` of the same patterns finds, as (match_id, start, end), in no
    particular order (``AttributeRuler.match`` sorts them)."""

    def __init__(self, vocab: Vocab, reference: Matcher, keys: list[str]):
        self.vocab = vocab
        self.reference = reference  # every pattern, as added: what ``AttributeRuler.patterns`` reads
        self.rest = IndexedMatcher(vocab)  # the other patterns, tried only near their fixed words
        self.attrs: list[str] = []  # columns of the attribute array, by name
        self.anchored: dict[int, dict[int, list[tuple]]] = {}  # column -> value hash -> tests
        self.unanchored: list[tuple] = []
        for key in keys:
            _, patterns = reference.get(key)
            self._compile(vocab.strings.add(key), patterns)

    # --- the interface AttributeRuler uses
    def __len__(self) -> int:
        return len(self.reference)

    def get(self, key, default=None):
        return self.reference.get(key, default)

    def add(self, key, patterns, **kwargs) -> None:
        self.reference.add(key, patterns, **kwargs)
        self._compile(self.vocab.strings.add(key) if isinstance(key, str) else key, patterns)

    def __call__(self, doc: Doc, *, allow_missing: bool = False, as_spans: bool = False, **kwargs):
        if as_spans or kwargs:
            return self.reference(doc, allow_missing=allow_missing, as_spans=as_spans, **kwargs)
        found = self.rest(doc, allow_missing=allow_missing) if len(self.rest) else []
        if not len(doc) or not (self.anchored or self.unanchored):
            return found
        if not allow_missing:
            self.reference(doc[0:0])  # spaCy's check that the doc has what the patterns test
        table = doc.to_array([IDS[name] for name in self.attrs]).reshape(len(doc), len(self.attrs))
        columns = [table[:, j] for j in range(len(self.attrs))]
        for j, tests in self.anchored.items():
            for value in numpy.unique(columns[j]).tolist():
                if value in tests:
                    first = columns[j] == value
                    for key, others in tests[value]:
                        found.extend(self._hits(key, others, columns, first))
        for key, conditions in self.unanchored:
            found.extend(self._hits(key, conditions, columns))
        return found

    @staticmethod
    def _hits(key: int, conditions, columns, mask=None) -> list[tuple[int, int, int]]:
        for j, negate, values in conditions:
            column = columns[j]
            test = column == values[0] if len(values) == 1 else numpy.isin(column, values)
            if negate:
                test = ~test
            mask = test if mask is None else mask & test
        return [(key, i, i + 1) for i in numpy.flatnonzero(mask).tolist()]

    # --- patterns
    def _compile(self, key: int, patterns: list[list[dict]]) -> None:
        for pattern in patterns:
            conditions = self._conditions(pattern[0]) if len(pattern) == 1 else None
            if conditions is None:
                self.rest.add(key, [pattern])
                continue
            anchor = next((c for name in ANCHOR_ORDER for c in conditions
                           if self.attrs[c[0]] == name and not c[1]), None)
            if anchor is None:
                self.unanchored.append((key, conditions))
                continue
            others = [c for c in conditions if c is not anchor]
            table = self.anchored.setdefault(anchor[0], {})
            for value in anchor[2].tolist():  # each value is tested once, by itself
                table.setdefault(value, []).append((key, others))

    def _conditions(self, spec: dict) -> list[tuple[int, bool, numpy.ndarray]] | None:
        """(column, negated, value hashes) for each test of a one-token pattern; None when one is
        not a plain value (the pattern stays with the spaCy Matcher)."""
        if not isinstance(spec, dict) or not spec:
            return None
        conditions = []
        for name, value in spec.items():
            if name in FLAGS and isinstance(value, bool):
                conditions.append((self._column(name), False, numpy.array([int(value)], dtype=numpy.uint64)))
                continue
            if name not in HASHED:
                return None
            negate, values = False, value
            if isinstance(value, dict):
                if len(value) != 1 or next(iter(value)) not in ("IN", "NOT_IN"):
                    return None
                op, values = next(iter(value.items()))
                negate = op == "NOT_IN"
                if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                    return None
            elif isinstance(value, str):
                values = [value]
            else:
                return None
            hashes = numpy.array(sorted({self.vocab.strings.add(v) for v in values}), dtype=numpy.uint64)
            conditions.append((self._column(HASHED[name]), negate, hashes))
        return conditions

    def _column(self, name: str) -> int:
        if name not in self.attrs:
            self.attrs.append(name)
        return self.attrs.index(name)


def speed_up_attribute_ruler(nlp) -> None:
    """Give the pipeline's attribute ruler (if it has one) a ``TokenRuleMatcher``."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    matcher = getattr(ruler, "matcher", None)
    if isinstance(matcher, Matcher):
        # the ruler's keys are the rules' numbers as strings (``AttributeRuler.add``)
        ruler.matcher = TokenRuleMatcher(nlp.vocab, matcher, [str(i) for i in range(len(ruler.attrs))])
