"""The engine: one pass per document.

parse → phrasing checks → normalise (clean text) → parse again only the
sentences the edits changed → claims and the links between them → article
checks → one ``DocumentResult`` per document, yielded in input order as soon as
it is done. Long articles are cut into bounded pieces (at blank lines, else at
line breaks, else at spaces) that go through one at a time, so memory does not
grow with one article's size; every offset is shifted back into the whole text.

``Engine.analyse`` keeps no state between documents (what parallel and
distributed runs call in their workers); ``Engine.run`` adds the checks that
compare a document with the earlier ones (run in order, in one process).
"""
from __future__ import annotations

import bisect
from collections import deque
from dataclasses import replace
from itertools import groupby
from typing import Iterable, Iterator, Sequence

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from .checks import CHECKS, ArticleCheck, ArticleInput, CheckContext, PhrasingCheck, PhrasingInput, Rule
from .checks.corpus import CorpusChecks
from .io.documents import Document
from .knowledge import Knowledge, load_knowledge
from .metrics import translation_score
from .nlp.model import one_blas_thread
from .nlp.pipeline import CLAIM_COMPONENTS, chunks
from .normalise import SAFE_AND_UNSAFE, Edit, apply_edits, clean, edits_from
from .records import Claim, Finding, Triple, line_col
from .results import DocumentResult

CHUNK_CHARS = 50_000  # the largest piece analysed at once: bounds memory for any article
# The longest text the parser is given at once (its memory grows with it); the edited sentences of a
# piece are parsed again together up to this much (fewer, fuller batches: the parser's steps cost
# about the same for one sentence as for many).
PARSE_CHARS = 20_000
# What a parse keeps that nothing here reads: the tok2vec tensor (96 floats a token), dropped as soon
# as a text is parsed (memory, and the parse cache on disk), and extension data.
UNUSED_DOC_PARTS = ["user_data", "tensor"]
# Pieces parsed together (their windows, up to PARSE_CHARS in all): the parser runs about a tenth
# faster on a few texts at once. One by default: a batch waits for its last piece to be read, and a
# document must be done (and written) before the next one is read; a worker given its documents
# together passes more.
PIPE_BATCH = 1

__all__ = ["CHUNK_CHARS", "DocumentResult", "Engine"]


def _shift(finding: Finding, offset: int, text: str) -> Finding:
    if not offset:
        return finding
    start, end = finding.start + offset, finding.end + offset
    line, column = line_col(text, start)
    return replace(finding, start=start, end=end, line=line, column=column)


class _Open:
    """A document whose pieces are still going through the pipeline."""

    __slots__ = ("result", "left", "largest")

    def __init__(self, document: Document, pieces: int):
        self.result = DocumentResult(document)
        self.left = pieces
        self.largest = -1  # the size of the piece whose topic the document takes


def _batched(items: Iterable, size: int | None = None, chars: int | None = None) -> Iterator[list]:
    """``items`` in lists of at most ``size`` items, or of texts of at most ``chars`` characters in
    all (a longer text alone)."""
    batch, length = [], 0
    for item in items:
        if batch and chars is not None and length + len(item) > chars:
            yield batch
            batch, length = [], 0
        batch.append(item)
        length += len(item) if chars is not None else 0
        if size is not None and len(batch) >= size:
            yield batch
            batch, length = [], 0
    if batch:
        yield batch


def sentences(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges covering ``doc``, each a sentence of its parse."""
    return [(sent.start, sent.end) for sent in doc.sents] or [(0, len(doc))]


class Engine:
    """Runs the pipeline and the rules' checks over documents.

    ``knowledge`` must be the data the pipeline's components were built with
    (the default data package unless the pipeline was loaded with ``rules_dir``):
    article checks select claims by its lexicon. Extracting reads through every
    phrasing fix, safe or unsafe: normalising is for reading, not publishing.
    """

    def __init__(self, nlp: Language, rules: Sequence[Rule], *, knowledge: Knowledge | None = None,
                 checks: bool = True, claims: bool = True, max_grade: float | None = None, every_topic: bool = False,
                 chunk_chars: int = CHUNK_CHARS):
        self.nlp = nlp
        self.want_claims = claims
        # every_topic: treat every document as a cramp article (configuration: topic = "cramps")
        self.every_topic = every_topic
        knowledge = knowledge or load_knowledge()
        context = CheckContext(nlp.vocab, nlp.tokenizer, knowledge.lexicon, max_grade)
        built = [CHECKS[r.kind](r, context) for r in rules]
        self.phrasing = [c for c in built if isinstance(c, PhrasingCheck)]
        article = [c for c in built if isinstance(c, ArticleCheck)] if checks else []
        self.article_checks = [c for c in article if not c.across_documents]
        self.corpus = CorpusChecks([c for c in article if c.across_documents], every_topic)
        self.limit = min(chunk_chars, nlp.max_length)
        self.codes = {c.id: c.codes.get("icd10cm") for c in knowledge.lexicon}

    def _claims_cfg(self) -> dict:
        return {"every_topic": self.every_topic}

    def phrasing_findings(self, article: PhrasingInput) -> list[Finding]:
        found = [f for check in self.phrasing for f in check.run(article)]
        return sorted(found, key=lambda f: (f.start, -(f.end - f.start), f.rule))

    def run(self, documents: Iterable[Document]) -> Iterator[DocumentResult]:
        """Each document's result, in input order, with the checks across documents."""
        self.corpus.reset()
        for result in self.analyse(documents):
            yield self.corpus(result)

    def analyse(self, documents: Iterable[Document], *, parses=None, batch: int = PIPE_BATCH
                ) -> Iterator[DocumentResult]:
        """Each document's result, in input order, yielded as soon as its last piece is done;
        no state is kept from one document to the next. ``parses`` (a ``runner.cache.ParseCache``)
        keeps parses: a piece parsed before (same text, same model) is not parsed again. ``batch``:
        pieces parsed together, for documents already in hand (see PIPE_BATCH)."""
        waiting: deque[_Open] = deque()

        def pieces():
            for document in documents:
                parts = chunks(document.text, self.limit)
                state = _Open(document, len(parts))
                waiting.append(state)
                for offset, piece in parts:
                    yield piece, state, offset

        for group in _batched(pieces(), size=batch):
            for doc, (_, state, offset) in zip(self._parse([piece for piece, _, _ in group], parses), group):
                if state.result.error is None:
                    self._guarded(state.result, self._piece, state, offset, doc)
                state.left -= 1
            while waiting and waiting[0].left == 0:
                result = waiting.popleft().result
                if result.error is None:
                    self._guarded(result, self._finish, result)
                yield result

    @staticmethod
    def _guarded(result: DocumentResult, step, *args) -> None:
        """A step of one document's analysis; a failure is that document's error, not the run's."""
        try:
            step(*args)
        except Exception as exc:  # noqa: BLE001 - whatever went wrong, the other documents go on
            result.claims, result.findings, result.triples, result.topic = [], [], [], None
            result.error = f"cannot be analysed: {type(exc).__name__}: {exc}"

    def _parse(self, texts: list[str], parses) -> list[Doc]:
        """The parse of each text (no claim components), from ``parses`` where it has one."""
        docs: list[Doc | None] = [None] * len(texts)
        if parses is not None:
            for i, text in enumerate(texts):
                data = parses.get(text)
                if data is not None:
                    try:
                        docs[i] = Doc(self.nlp.vocab).from_bytes(data, exclude=UNUSED_DOC_PARTS)
                    except Exception:  # noqa: BLE001 - a damaged entry is parsed again
                        docs[i] = None
        todo = [i for i, doc in enumerate(docs) if doc is None]
        # The parser's memory grows with the length of what it is given: a long text goes in
        # windows, one at a time, joined again into one Doc.
        windows = [(i, window) for i in todo for _, window in chunks(texts[i], PARSE_CHARS)]
        parsed = self._pipe(w for _, w in windows)
        for i, group in groupby(zip((i for i, _ in windows), parsed), key=lambda pair: pair[0]):
            parts = [doc for _, doc in group]
            doc = parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False,
                                                                 exclude=UNUSED_DOC_PARTS)
            docs[i] = doc
            if parses is not None:
                parses.put(texts[i], doc.to_bytes(exclude=UNUSED_DOC_PARTS))
        return docs

    def _pipe(self, texts: Iterable[str]) -> Iterator[Doc]:
        """The parse of each text (no claim components), without its tensor; texts go to the
        parser together up to PARSE_CHARS in all (its memory grows with what it is given)."""
        with one_blas_thread():
            for group in _batched(texts, chars=PARSE_CHARS):
                for doc in self.nlp.pipe(group, batch_size=len(group), disable=list(CLAIM_COMPONENTS)):
                    doc.tensor = numpy.zeros((0,), dtype="float32")
                    yield doc

    def _piece(self, state: _Open, offset: int, doc: Doc) -> None:
        result = state.result
        source, text, piece = result.document.source, result.document.text, doc.text
        found = self.phrasing_findings(PhrasingInput(source, piece, doc))
        result.findings.extend(_shift(f, offset, text) for f in found)
        if not self.want_claims:
            return
        edits = edits_from(found, SAFE_AND_UNSAFE)
        to_original = None
        if edits:
            cleaned, to_original = clean(piece, found)
            doc = self.reparse(doc, edits, cleaned)
        for name in CLAIM_COMPONENTS:
            kwargs = self._claims_cfg() if name == "cramptext_claims" else {}
            doc = self.nlp.get_pipe(name)(doc, **kwargs)
        mapped = {}  # claim mention -> index of its record in ``claims``
        for mention, claim in self._claims(source, text, offset, doc, to_original, self.codes):
            mapped[mention] = len(result.claims)
            result.claims.append(claim)
        result.triples.extend(self._triples(source, text, doc, result.claims, mapped))
        if len(piece) > state.largest:  # a long article's topic: its largest piece's
            state.largest = len(piece)
            result.topic = doc._.topic

    def reparse(self, doc: Doc, edits: Sequence[Edit], cleaned: str) -> Doc:
        """The parse of ``cleaned`` (``doc``'s text with ``edits``): the sentences no edit touches
        keep their parse; only those an edit changed are parsed again (on the real and seed sets,
        the same claims, findings and triples as parsing whole paragraphs again, in three quarters
        of the time)."""
        spans = sentences(doc)
        starts = [doc[a].idx for a, _ in spans]
        joined_to_next = [False] * len(spans)  # an edit across a sentence break joins the two
        edits_of: dict[int, list[Edit]] = {}  # sentence index -> the edits that start in it
        for edit in edits:
            i = max(bisect.bisect_right(starts, edit.start) - 1, 0)
            j = max(bisect.bisect_left(starts, edit.end) - 1, i)
            joined_to_next[i:j] = [True] * (j - i)
            edits_of.setdefault(i, []).append(edit)
        groups: list[list] = []  # [first token, end token, edits]; untouched sentences run together
        for i, (a, b) in enumerate(spans):
            found = edits_of.get(i, [])
            if groups and ((i and joined_to_next[i - 1]) or (not found and not groups[-1][2])):
                groups[-1][1] = b
                groups[-1][2].extend(found)
            else:
                groups.append([a, b, list(found)])
        source = doc.text  # joined once: doc.text builds the whole text at each call
        texts = []
        for a, b, group_edits in groups:
            if group_edits:
                lo = doc[a].idx
                hi = doc[b - 1].idx + len(doc[b - 1].text_with_ws)
                texts.append(apply_edits(source[lo:hi], [Edit(e.start - lo, e.end - lo, e.text)
                                                         for e in group_edits])[0])
        fresh = self._pipe(texts)
        # Span.as_doc turns the whole Doc into an array at each call unless given it: once here
        # (the attributes are as_doc's own default, a private helper of spaCy's Doc).
        head = doc._get_array_attrs()
        array = doc.to_array(head)
        parts = [next(fresh) if group_edits else doc[a:b].as_doc(array_head=head, array=array)
                 for a, b, group_edits in groups]
        whole = Doc.from_docs(parts, ensure_whitespace=False, exclude=UNUSED_DOC_PARTS) if len(parts) > 1 else parts[0]
        if whole.text != cleaned:  # not expected; the whole text parsed again is always right
            whole = self.nlp(cleaned, disable=list(CLAIM_COMPONENTS))
        return whole

    def _finish(self, result: DocumentResult) -> None:
        result.translation_score = translation_score(result.document.text, result.findings)
        # An article about another condition gets no claim, consistency, completeness or readability findings.
        if self.article_checks and (result.on_topic or self.every_topic):
            whole = ArticleInput(result.document.source, result.document.text, result.claims)
            for check in self.article_checks:
                result.findings.extend(check.run(whole))
        result.findings.sort(key=lambda f: (f.start, f.end, f.rule))

    @staticmethod
    def _claims(source: str, text: str, offset: int, doc, to_original, codes: dict) -> Iterator[tuple[object, Claim]]:
        """(mention, record) for each claim of ``doc`` whose span maps onto the original text."""
        sentence_text: dict[tuple[int, int], str] = {}  # claims of one sentence share its text
        for m in doc._.claims or ():
            start, end, s_start, s_end = m.start, m.end, m.sent_start, m.sent_end
            if to_original is not None:
                start, end = to_original(start, end)
                s_start, s_end = to_original(s_start, s_end)
            start, end, s_start, s_end = (x + offset for x in (start, end, s_start, s_end))
            if end <= start:
                continue
            line, column = line_col(text, start)
            if (s_start, s_end) not in sentence_text:
                sentence_text[s_start, s_end] = " ".join(text[s_start:s_end].split())
            yield m, Claim(source=source, kind=m.kind, concept=m.concept, concept_id=m.concept_id,
                           text=text[start:end], start=start, end=end, line=line, column=column,
                           sentence=sentence_text[s_start, s_end], negated=m.negated, hedged=m.hedged,
                           icd10cm=codes.get(m.concept_id))

    @staticmethod
    def _triples(source: str, text: str, doc, claims: list[Claim], mapped: dict) -> Iterator[Triple]:
        """``Triple`` records for the links of ``doc``: each end is the record of the claim it joins,
        so names, ids, surface words and positions are the claims' own (already in the original text)."""
        for t in doc._.triples or ():
            ends = [mapped.get(m) if m is not None else None for m in (t.cause, t.symptom, t.remedy)]
            if any(m is not None and i is None for m, i in zip((t.cause, t.symptom, t.remedy), ends)):
                continue  # a claim that did not map onto the original text
            cause, symptom, remedy = (claims[i] if i is not None else None for i in ends)
            start = min(c.start for c in (cause, symptom, remedy) if c is not None)
            end = max(c.end for c in (cause, symptom, remedy) if c is not None)
            line, column = line_col(text, start)
            yield Triple(source=source, cause=cause.concept, cause_id=cause.concept_id, cause_text=cause.text,
                         symptom=symptom.concept if symptom else None,
                         symptom_id=symptom.concept_id if symptom else None,
                         symptom_text=symptom.text if symptom else None,
                         remedy=remedy.concept if remedy else None, remedy_id=remedy.concept_id if remedy else None,
                         remedy_text=remedy.text if remedy else None,
                         start=start, end=end, line=line, column=column, basis=t.basis, negated=t.negated,
                         claims=tuple(ends))
