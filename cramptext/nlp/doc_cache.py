"""What several components and checks ask of one parsed Doc, computed once per Doc.

``doc.text`` joins every token again at each call, ``span.noun_chunks`` runs
the chunker over the whole document for each sentence, and the claim
extractor and the triple linker both need the lines' structure: each is
computed on first use and kept for the last few Docs used (nothing is stored
in ``doc.user_data``, so saved Docs are unchanged). Not weakly keyed: what is
kept (sentences, chunks) refers to its Doc, so a weak key would never die and
every Doc of a run would stay in memory. Only for Docs whose parse no longer
changes: components after the parser.
"""
from __future__ import annotations

import bisect
from collections import OrderedDict

from spacy.tokens import Doc, Span

from .structure import SectionClassifier, Structure

KEPT = 4  # the engine works on one piece and its re-parse at a time; a few more cost little
_SHARED: OrderedDict[int, tuple[Doc, dict]] = OrderedDict()  # id(doc) -> (doc, its results)


def _memo(doc: Doc, key, build):
    entry = _SHARED.get(id(doc))
    if entry is None or entry[0] is not doc:
        entry = _SHARED[id(doc)] = (doc, {})  # the Doc is held, so its id is not reused meanwhile
        if len(_SHARED) > KEPT:
            _SHARED.popitem(last=False)
    else:
        _SHARED.move_to_end(id(doc))
    found = entry[1]
    if key not in found:
        found[key] = build()
    return found[key]


def text(doc: Doc) -> str:
    """``doc.text``, joined once."""
    return _memo(doc, "text", lambda: doc.text)


def sentences(doc: Doc) -> list[Span]:
    """``list(doc.sents)``, once."""
    return _memo(doc, "sents", lambda: list(doc.sents))


def structure(doc: Doc, classifier: SectionClassifier) -> Structure:
    """The lines' structure of ``doc.text`` (headings, items, sections), once per heading cues."""
    return _memo(doc, ("structure", classifier.key), lambda: Structure(text(doc), classifier))


def noun_chunks(span: Span) -> list[Span]:
    """``span.noun_chunks`` from the Doc's chunks, found once (they come in order and do not overlap)."""
    chunks, starts = _memo(span.doc, "noun_chunks", lambda: _chunks(span.doc))
    if starts is None:  # another language's chunker, out of order: as spaCy does it
        return [c for c in chunks if c.start >= span.start and c.end <= span.end]
    found = []
    for chunk in chunks[bisect.bisect_left(starts, span.start):]:
        if chunk.start >= span.end:
            break
        if chunk.end <= span.end:
            found.append(chunk)
    return found


def _chunks(doc: Doc) -> tuple[list[Span], list[int]]:
    chunks = list(doc.noun_chunks)
    starts = [c.start for c in chunks]
    ordered = all(a.end <= b.start for a, b in zip(chunks, chunks[1:]))
    return chunks, starts if ordered else None
