"""One pass over articles: read → phrasing findings → clean text → parse → claims → checks.

Long articles are cut into pieces at paragraph breaks and each piece goes
through on its own; every offset is shifted back into the whole text.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable, Iterator, Sequence

from spacy.language import Language

from .checks import CHECKS, Article, Check
from .documents import Document
from .fixes import SAFE_AND_UNSAFE, apply_edits, edits_from
from .pipeline import CLAIM_COMPONENTS, chunks
from .records import Claim, Finding, line_col
from .rules import Rule

CHUNK_CHARS = 100_000
BATCH_DOCS = 16


@dataclass
class Analysis:
    document: Document
    claims: list[Claim] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def _shift(finding: Finding, offset: int, text: str) -> Finding:
    if not offset:
        return finding
    start, end = finding.start + offset, finding.end + offset
    line, column = line_col(text, start)
    return replace(finding, start=start, end=end, line=line, column=column)


class Analyzer:
    """Runs the pipeline and the enabled checks over documents."""

    def __init__(self, nlp: Language, rules: Sequence[Rule], *, normalise: frozenset = SAFE_AND_UNSAFE,
                 checks: bool = True, claims: bool = True, max_grade: float = 8.0):
        self.nlp = nlp
        self.max_grade = max_grade
        self.want_claims = claims
        self.normalise = normalise
        built = [CHECKS[r.kind](r, nlp) for r in rules]
        self.phrasing: list[Check] = [c for c in built if c.stage == "phrasing"]
        self.article_checks: list[Check] = [c for c in built if c.stage != "phrasing"] if checks else []
        self.limit = min(CHUNK_CHARS, nlp.max_length)
        matcher = nlp.get_pipe("cramptext_concepts") if "cramptext_concepts" in nlp.pipe_names else None
        self.codes = {c.id: c.codes.get("icd10cm") for c in matcher.knowledge.lexicon} if matcher else {}

    def phrasing_findings(self, article: Article) -> list[Finding]:
        found = [f for check in self.phrasing for f in check.run(article)]
        return sorted(found, key=lambda f: (f.start, -(f.end - f.start), f.rule))

    def run(self, documents: Iterable[Document]) -> Iterator[Analysis]:
        for check in self.article_checks:
            getattr(check, "reset", lambda: None)()  # checks that remember earlier articles
        batch: list[Document] = []
        for document in documents:
            batch.append(document)
            if len(batch) >= BATCH_DOCS:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, documents: list[Document]) -> Iterator[Analysis]:
        pieces = [(d_i, offset, piece) for d_i, d in enumerate(documents) for offset, piece in chunks(d.text, self.limit)]
        parsed = list(self.nlp.pipe((p for _, _, p in pieces), disable=list(CLAIM_COMPONENTS)))
        results = [Analysis(d) for d in documents]
        reparse: list[tuple[int, str, object]] = []
        for i, ((d_i, offset, piece), doc) in enumerate(zip(pieces, parsed)):
            source = documents[d_i].source
            article = Article(source, piece, doc)
            found = self.phrasing_findings(article)
            results[d_i].findings.extend(_shift(f, offset, documents[d_i].text) for f in found)
            edits = edits_from(found, self.normalise) if self.want_claims else []
            if not self.want_claims:
                continue
            if edits:
                clean, to_original = apply_edits(piece, edits)
                reparse.append((i, clean, to_original))
            else:
                for name in CLAIM_COMPONENTS:
                    doc = self.nlp.get_pipe(name)(doc)
                parsed[i] = doc
        clean_docs = self.nlp.pipe(text for _, text, _ in reparse)
        maps = {}
        for (i, _, to_original), clean_doc in zip(reparse, clean_docs):
            parsed[i] = clean_doc
            maps[i] = to_original
        for i, ((d_i, offset, _piece), doc) in enumerate(zip(pieces, parsed)):
            if self.want_claims:
                text = documents[d_i].text
                results[d_i].claims.extend(self._claims(documents[d_i].source, text, offset, doc, maps.get(i),
                                                        self.codes))
        for result in results:
            if self.article_checks:
                whole = Article(result.document.source, result.document.text, None, result.claims,
                                max_grade=self.max_grade)
                for check in self.article_checks:
                    result.findings.extend(check.run(whole))
            result.findings.sort(key=lambda f: (f.start, f.end, f.rule))
            yield result

    @staticmethod
    def _claims(source: str, text: str, offset: int, doc, to_original, codes: dict) -> Iterator[Claim]:
        for m in doc._.claims or ():
            start, end, s_start, s_end = m.start, m.end, m.sent_start, m.sent_end
            if to_original is not None:
                start, end = to_original(start, end)
                s_start, s_end = to_original(s_start, s_end)
            start, end, s_start, s_end = (x + offset for x in (start, end, s_start, s_end))
            if end <= start:
                continue
            line, column = line_col(text, start)
            yield Claim(source=source, kind=m.kind, concept=m.concept, concept_id=m.concept_id,
                        text=text[start:end], start=start, end=end, line=line, column=column,
                        sentence=" ".join(text[s_start:s_end].split()), negated=m.negated, hedged=m.hedged,
                        icd10cm=codes.get(m.concept_id))
