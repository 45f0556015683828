"""A token-pattern matcher that tries patterns only where they can match.

spaCy's ``Matcher`` starts every pattern at every token and tests its first
words there, in Python for ``IN`` lists: with a hundred patterns that is most
of the time a document spends after its parse. Most patterns have a required
word with fixed values ("drink", {"IN": ["lack", "shortage"]}) and a bounded
length; such a pattern can only match in the few tokens around a token with
one of those values. ``IndexedMatcher`` finds those tokens with one numpy pass
over the document's hashes and runs each such pattern, in a spaCy ``Matcher``
of its own, over the stretches around its rarest required word only. A token
repeated with ``*`` or ``+`` is allowed when it too is a list of words or parts
of speech ("the", "lost", "your" ...; ADJ, DET): the stretch then reaches as far
as a run of those goes. Patterns without such a word, or repeating any token,
run over the whole document.

It finds what a spaCy ``Matcher`` of the same patterns finds, as
``(match_id, start, end)`` in (start, end) order; matches of one span keep the
order the spaCy ``Matcher`` gives them (what ``filter_spans`` keeps of equal
spans depends on it).
"""
from __future__ import annotations

import numpy
from spacy.attrs import IDS
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

# Token attributes whose values can be looked up in the document's hash array.
INDEXED_ATTRS = {"LOWER": "LOWER", "LEMMA": "LEMMA", "ORTH": "ORTH", "TEXT": "ORTH", "NORM": "NORM"}
# A repeated token's list may also be of tags or parts of speech (a part of speech's string id is
# its number, as ``Doc.to_array`` gives it): too common to anchor on, enough to end a run.
RUN_ATTRS = {**INDEXED_ATTRS, "TAG": "TAG", "POS": "POS"}
BOUNDED_OPS = (None, "?")  # ops of a token that takes at most one word
REPEAT_OPS = ("*", "+")  # ops of a token that takes a run of words: allowed for a word list


class IndexedMatcher:
    def __init__(self, vocab: Vocab):
        self.vocab = vocab
        self._reference = Matcher(vocab)  # every pattern in the order added: validation, and order of equal spans
        self._whole = Matcher(vocab)  # patterns with no anchor, run over the whole document
        self._indexed: list[IndexedPattern] = []
        self._values: dict[str, set[int]] = {}  # attribute -> every anchor value's hash
        self._columns: set[str] = set()  # attributes read from the document: anchors' and runs' words
        self._arrays: dict[str, numpy.ndarray] = {}

    def __len__(self) -> int:
        return len(self._reference)

    def add(self, key: str, patterns: list[list[dict]]) -> None:
        self._reference.add(key, patterns)  # raises spaCy's own errors for a bad pattern
        for pattern in patterns:
            anchors = self._anchors(pattern)
            if not anchors:
                self._whole.add(key, [pattern])
                continue
            matcher = Matcher(self.vocab)
            matcher.add(key, [pattern])
            runs = [self._words(spec) if spec.get("OP") in REPEAT_OPS else None for spec in pattern]
            self._indexed.append(IndexedPattern(matcher, len(pattern), anchors, runs))
            for _, attr, hashes in anchors:
                self._values.setdefault(attr, set()).update(hashes)
            self._columns.update(attr for words in runs if words for attr, _ in words)
        self._arrays = {attr: numpy.fromiter(values, dtype=numpy.uint64, count=len(values))
                        for attr, values in self._values.items()}
        self._columns.update(self._arrays)

    def _words(self, spec: dict) -> list[tuple[str, numpy.ndarray]] | None:
        """(attribute, value hashes) of each word list a token must be in; None when it has none."""
        found = []
        for name, attr in RUN_ATTRS.items():
            values = _values(spec.get(name))
            if values is not None:
                found.append((attr, numpy.array([self.vocab.strings.add(v) for v in values], dtype=numpy.uint64)))
        return found or None

    def _anchors(self, pattern: list[dict]) -> list[tuple[int, str, tuple[int, ...]]]:
        """(index, attribute, value hashes) of each required token with fixed values; none when
        a token may repeat without a word list (the pattern has no longest match to bound)."""
        if any(not isinstance(spec, dict) or not (spec.get("OP") in BOUNDED_OPS or
                                                  (spec.get("OP") in REPEAT_OPS and self._words(spec)))
               for spec in pattern):
            return []
        found = []
        for index, spec in enumerate(pattern):
            if spec.get("OP") is not None:
                continue
            for name, attr in INDEXED_ATTRS.items():
                values = _values(spec.get(name))
                if values is not None:
                    found.append((index, attr, tuple(self.vocab.strings.add(v) for v in values)))
        return found

    def __call__(self, doc: Doc, *, allow_missing: bool = False) -> list[tuple[int, int, int]]:
        if not len(self._reference) or not len(doc):
            return []
        if not allow_missing:
            self._reference(doc[0:0])  # spaCy's check that the parse has what the patterns ask for, once
        found = set()
        if self._indexed:
            columns = self._columns_of(doc)
            positions = self._positions(columns)
            for indexed in self._indexed:
                for a, b in indexed.windows(positions, columns, len(doc)):
                    found.update((key, a + s, a + e) for key, s, e in indexed.matcher(doc[a:b], allow_missing=True))
        if len(self._whole):
            found.update(self._whole(doc, allow_missing=True))
        return self._in_reference_order(doc, sorted(found, key=lambda m: (m[1], m[2])))

    def _columns_of(self, doc: Doc) -> dict[str, numpy.ndarray]:
        """attribute -> its hash for every token, for the attributes the patterns' word lists test."""
        names = sorted(self._columns)
        table = doc.to_array([IDS[name] for name in names]).reshape(len(doc), len(names))
        return {name: table[:, j] for j, name in enumerate(names)}

    def _positions(self, columns: dict[str, numpy.ndarray]) -> dict[str, dict[int, list[int]]]:
        """attribute -> anchor value hash -> the tokens that have it (one numpy pass per attribute)."""
        positions: dict[str, dict[int, list[int]]] = {}
        for name in self._arrays:
            column = columns[name]
            table = positions[name] = {}
            for k in numpy.flatnonzero(numpy.isin(column, self._arrays[name])).tolist():
                table.setdefault(int(column[k]), []).append(k)
        return positions

    def _in_reference_order(self, doc: Doc, found: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
        """Equal spans of different keys in the order a spaCy Matcher of all the patterns gives them."""
        out, i = [], 0
        while i < len(found):
            j = i + 1
            while j < len(found) and found[j][1:] == found[i][1:]:
                j += 1
            if j - i > 1:
                start, end = found[i][1:]
                order = [key for key, s, e in self._reference(doc[start:end], allow_missing=True)
                         if s == 0 and e == end - start]
                rank = {key: r for r, key in reversed(list(enumerate(order)))}
                out.extend(sorted(found[i:j], key=lambda m: rank.get(m[0], len(rank))))
            else:
                out.append(found[i])
            i = j
        return out


class IndexedPattern:
    """One pattern, in a Matcher of its own, with the tokens it must have and the word lists of
    the tokens it may repeat (``runs``: one entry per token, None for a token taking one word)."""

    def __init__(self, matcher: Matcher, length: int, anchors: list[tuple[int, str, tuple[int, ...]]],
                 runs: list[list[tuple[str, numpy.ndarray]] | None]):
        self.matcher = matcher
        self.length = length
        self.anchors = anchors
        self.runs = runs

    def windows(self, positions: dict[str, dict[int, list[int]]], columns: dict[str, numpy.ndarray],
                n: int) -> list[tuple[int, int]]:
        """Stretches of the document holding every match: around the tokens of the anchor the
        document has fewest of (none: the pattern cannot match), overlapping ones joined."""
        best = None
        for index, attr, hashes in self.anchors:
            table = positions.get(attr, {})
            hits = [k for h in hashes for k in table.get(h, ())]
            if best is None or len(hits) < len(best[1]):
                best = (index, hits)
                if not hits:
                    return []
        index, hits = best
        before, after = _Reach(self.runs[:index][::-1], columns), _Reach(self.runs[index + 1:], columns)
        merged: list[list[int]] = []
        for k in sorted(hits):
            start, end = max(0, before.reach(k, -1, n)), min(n, after.reach(k, 1, n) + 1)
            if merged and start < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        return [(a, b) for a, b in merged]


class _Reach:
    """How far from an anchor a match can go on one side: each single token takes at most one
    word, whatever it is; a repeated token only words of its list, as many as follow in a row."""

    def __init__(self, runs: list, columns: dict[str, numpy.ndarray]):
        self.single = sum(run is None for run in runs)
        lists = [words for run in runs if run is not None for words in run]
        self.member = None
        for attr, hashes in lists:
            found = numpy.isin(columns[attr], hashes)
            self.member = found if self.member is None else self.member | found

    def reach(self, k: int, step: int, n: int) -> int:
        """The furthest token a match through token ``k`` can take, walking by ``step``."""
        if self.member is None:
            return k + step * self.single
        free, j = self.single, k
        while 0 <= j + step < n:
            if not self.member[j + step]:
                if not free:
                    break
                free -= 1
            j += step
        return j


def _values(spec) -> list[str] | None:
    """The values a token attribute must take: a string, or a list under ``IN`` alone."""
    if isinstance(spec, str):
        return [spec]
    if isinstance(spec, dict) and set(spec) == {"IN"} and isinstance(spec["IN"], list) and spec["IN"] \
            and all(isinstance(v, str) for v in spec["IN"]):
        return list(spec["IN"])
    return None
