"""A faster matcher for the model's attribute ruler, with the same matches.

The English pipeline's ``attribute_ruler`` maps tags to parts of speech and
morphology with about 180 patterns, nearly all of one token (``{"TAG": "NN"}``,
``{"TAG": "PRP", "LOWER": "her"}``). spaCy's ``Matcher`` starts every one of
them at every token: a fifth of the whole parse. ``TokenRuleMatcher`` files the
one-token patterns whose tests are plain values (a string, a flag, ``IN`` or
``NOT_IN`` a list) in tables keyed by the values they require, so each token
costs a dictionary lookup per set of tested attributes; a ``NOT_IN`` test is
checked on the tokens the lookup finds. The rest (several tokens, ``REGEX``,
``OP``) go to an ``IndexedMatcher``. The ruler itself is untouched: it sorts
the matches and sets the attributes as before, so every token gets exactly
what it got.
"""
from __future__ import annotations

from itertools import product
from math import prod
from operator import itemgetter

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
MAX_COMBINATIONS = 10_000  # value combinations a pattern may file (IN lists multiply); more: the Matcher


class TokenRuleMatcher:
    """Finds what a spaCy ``Matcher`` of the same patterns finds, as (match_id, start, end), in no
    particular order (``AttributeRuler.match`` sorts them)."""

    def __init__(self, vocab: Vocab, reference: Matcher, keys: list[str]):
        self.vocab = vocab
        self.reference = reference  # every pattern, as added: what ``AttributeRuler.patterns`` reads
        self.rest = IndexedMatcher(vocab)  # the other patterns, tried only near their fixed words
        self.attrs: list[str] = []  # columns of the attribute array, by name
        # columns a pattern requires values of -> those values (one, or a tuple) -> (match id, NOT_IN
        # tests) of each pattern
        self.tables: dict[tuple[int, ...], dict[object, list[tuple]]] = {}
        self.unfiled: list[tuple] = []  # (match id, NOT_IN tests) of patterns that require no value
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
        if not len(doc) or not (self.tables or self.unfiled):
            return found
        if not allow_missing:
            self.reference(doc[0:0])  # spaCy's check that the doc has what the patterns test
        rows = doc.to_array([IDS[name] for name in self.attrs]).reshape(len(doc), len(self.attrs)).tolist()
        hits = set(found)
        for columns, table in self.tables.items():
            values = itemgetter(*columns)  # one value, or a tuple of them
            for i, row in enumerate(rows):
                for key, excluded in table.get(values(row), ()):
                    if not excluded or all(row[j] not in banned for j, banned in excluded):
                        hits.add((key, i, i + 1))
        for key, excluded in self.unfiled:
            hits.update((key, i, i + 1) for i, row in enumerate(rows)
                        if all(row[j] not in banned for j, banned in excluded))
        return list(hits)

    # --- patterns
    def _compile(self, key: int, patterns: list[list[dict]]) -> None:
        for pattern in patterns:
            conditions = self._conditions(pattern[0]) if len(pattern) == 1 else None
            if conditions is None:
                self.rest.add(key, [pattern])
                continue
            required = sorted((j, values) for j, negate, values in conditions if not negate)
            excluded = tuple((j, frozenset(values)) for j, negate, values in conditions if negate)
            columns = tuple(j for j, _ in required)
            if len(set(columns)) < len(columns) or prod(len(v) for _, v in required) > MAX_COMBINATIONS:
                self.rest.add(key, [pattern])  # TEXT and ORTH both, or lists too long to multiply out
                continue
            if not required:
                self.unfiled.append((key, excluded))
                continue
            table = self.tables.setdefault(columns, {})
            for combination in product(*(values for _, values in required)):
                value = combination if len(combination) > 1 else combination[0]
                table.setdefault(value, []).append((key, excluded))

    def _conditions(self, spec: dict) -> list[tuple[int, bool, list[int]]] | None:
        """(column, negated, value hashes) for each test of a one-token pattern; None when one is
        not a plain value (the pattern goes to the IndexedMatcher)."""
        if not isinstance(spec, dict) or not spec:
            return None
        conditions = []
        for name, value in spec.items():
            if name in FLAGS and isinstance(value, bool):
                conditions.append((self._column(name), False, [int(value)]))
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
            hashes = sorted({self.vocab.strings.add(v) for v in values})
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
