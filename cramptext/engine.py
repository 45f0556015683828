"""The engine: one pass per document.

parse → phrasing checks → normalise (clean text) → parse again where edits
changed it → claims and the links between them → article checks → one
``DocumentResult``, yielded in input order. Long articles are cut into pieces
at paragraph breaks and each piece goes through on its own; every offset is
shifted back into the whole text.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable, Iterator, Sequence

from spacy.language import Language

from .checks import CHECKS, ArticleCheck, ArticleInput, CheckContext, PhrasingCheck, PhrasingInput, Rule
from .io.documents import Document
from .knowledge import Knowledge, load_knowledge
from .nlp.pipeline import CLAIM_COMPONENTS, chunks
from .nlp.topic import CRAMPS, DocumentTopic
from .normalise import SAFE_AND_UNSAFE, clean
from .metrics import translation_score
from .records import Claim, DocumentSummary, Finding, Triple, line_col

CHUNK_CHARS = 100_000
BATCH_DOCS = 16


@dataclass
class DocumentResult:
    """Everything the engine found in one document; offsets into ``document.text``."""

    document: Document
    claims: list[Claim] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    triples: list[Triple] = field(default_factory=list)
    topic: DocumentTopic | None = None  # what the document is about (None when claims were not extracted)
    translation_score: float = 0.0  # how machine-translated it reads (metrics.translation_score)

    def summary(self) -> DocumentSummary:
        text = self.document.text
        return DocumentSummary(source=self.document.source, words=len(text.split()),
                               topic=self.topic.topic if self.topic else None,
                               topics=dict(self.topic.scores) if self.topic else {},
                               translation_score=self.translation_score)

    @property
    def on_topic(self) -> bool:
        return self.topic is None or self.topic.topic == CRAMPS

    def cleaned(self, applicable: frozenset = SAFE_AND_UNSAFE) -> str:
        """The text with the applicable fixes of its phrasing findings applied."""
        return clean(self.document.text, self.findings, applicable)[0]


def _shift(finding: Finding, offset: int, text: str) -> Finding:
    if not offset:
        return finding
    start, end = finding.start + offset, finding.end + offset
    line, column = line_col(text, start)
    return replace(finding, start=start, end=end, line=line, column=column)


class Engine:
    """Runs the pipeline and the rules' checks over documents.

    ``knowledge`` must be the data the pipeline's components were built with
    (the default data package unless the pipeline was loaded with ``rules_dir``):
    article checks select claims by its lexicon. Extracting reads through every
    phrasing fix, safe or unsafe: normalising is for reading, not publishing.
    """

    def __init__(self, nlp: Language, rules: Sequence[Rule], *, knowledge: Knowledge | None = None,
                 checks: bool = True, claims: bool = True, max_grade: float | None = None, every_topic: bool = False):
        self.nlp = nlp
        self.want_claims = claims
        # every_topic: treat every document as a cramp article (configuration: topic = "cramps")
        self.every_topic = every_topic
        knowledge = knowledge or load_knowledge()
        context = CheckContext(nlp.vocab, nlp.tokenizer, knowledge.lexicon, max_grade)
        built = [CHECKS[r.kind](r, context) for r in rules]
        self.phrasing = [c for c in built if isinstance(c, PhrasingCheck)]
        self.article_checks = [c for c in built if isinstance(c, ArticleCheck)] if checks else []
        self.limit = min(CHUNK_CHARS, nlp.max_length)
        self.codes = {c.id: c.codes.get("icd10cm") for c in knowledge.lexicon}

    def _claims_cfg(self) -> dict:
        # a fresh dict each time: spaCy's nlp.pipe adds its own keys to the one it gets
        return {"cramptext_claims": {"every_topic": self.every_topic}}

    def phrasing_findings(self, article: PhrasingInput) -> list[Finding]:
        found = [f for check in self.phrasing for f in check.run(article)]
        return sorted(found, key=lambda f: (f.start, -(f.end - f.start), f.rule))

    def run(self, documents: Iterable[Document]) -> Iterator[DocumentResult]:
        for check in self.article_checks:
            check.reset()  # checks that remember earlier articles start afresh
        batch: list[Document] = []
        for document in documents:
            batch.append(document)
            if len(batch) >= BATCH_DOCS:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, documents: list[Document]) -> Iterator[DocumentResult]:
        pieces = [(d_i, offset, piece) for d_i, d in enumerate(documents) for offset, piece in chunks(d.text, self.limit)]
        parsed = list(self.nlp.pipe((p for _, _, p in pieces), disable=list(CLAIM_COMPONENTS)))
        results = [DocumentResult(d) for d in documents]
        reparse: list[tuple[int, str, object]] = []
        for i, ((d_i, offset, piece), doc) in enumerate(zip(pieces, parsed)):
            source = documents[d_i].source
            found = self.phrasing_findings(PhrasingInput(source, piece, doc))
            results[d_i].findings.extend(_shift(f, offset, documents[d_i].text) for f in found)
            if not self.want_claims:
                continue
            cleaned, to_original = clean(piece, found)
            if cleaned != piece:
                reparse.append((i, cleaned, to_original))
            else:
                for name in CLAIM_COMPONENTS:
                    doc = self.nlp.get_pipe(name)(doc, **self._claims_cfg().get(name, {}))
                parsed[i] = doc
        clean_docs = self.nlp.pipe((text for _, text, _ in reparse), component_cfg=self._claims_cfg())
        maps = {}
        for (i, _, to_original), clean_doc in zip(reparse, clean_docs):
            parsed[i] = clean_doc
            maps[i] = to_original
        largest: dict[int, int] = {}
        for i, ((d_i, offset, piece), doc) in enumerate(zip(pieces, parsed)):
            if self.want_claims:
                source, text = documents[d_i].source, documents[d_i].text
                claims = results[d_i].claims
                mapped = {}  # claim mention -> index of its record in ``claims``
                for mention, claim in self._claims(source, text, offset, doc, maps.get(i), self.codes):
                    mapped[mention] = len(claims)
                    claims.append(claim)
                results[d_i].triples.extend(self._triples(source, text, doc, claims, mapped))
                if len(piece) > largest.get(d_i, -1):  # a long article's topic: its largest piece's
                    largest[d_i] = len(piece)
                    results[d_i].topic = doc._.topic
        for result in results:
            result.translation_score = translation_score(result.document.text, result.findings)
            # An article about another condition gets no claim, consistency, completeness or readability findings.
            if self.article_checks and (result.on_topic or self.every_topic):
                whole = ArticleInput(result.document.source, result.document.text, result.claims)
                for check in self.article_checks:
                    result.findings.extend(check.run(whole))
            result.findings.sort(key=lambda f: (f.start, f.end, f.rule))
            yield result

    @staticmethod
    def _claims(source: str, text: str, offset: int, doc, to_original, codes: dict) -> Iterator[tuple[object, Claim]]:
        """(mention, record) for each claim of ``doc`` whose span maps onto the original text."""
        for m in doc._.claims or ():
            start, end, s_start, s_end = m.start, m.end, m.sent_start, m.sent_end
            if to_original is not None:
                start, end = to_original(start, end)
                s_start, s_end = to_original(s_start, s_end)
            start, end, s_start, s_end = (x + offset for x in (start, end, s_start, s_end))
            if end <= start:
                continue
            line, column = line_col(text, start)
            yield m, Claim(source=source, kind=m.kind, concept=m.concept, concept_id=m.concept_id,
                           text=text[start:end], start=start, end=end, line=line, column=column,
                           sentence=" ".join(text[s_start:s_end].split()), negated=m.negated, hedged=m.hedged,
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
