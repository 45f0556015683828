"""What the engine gives for one document: ``DocumentResult``.

A plain record (no spaCy inside), so results travel between processes, sit in
the cache and reach the exporters without loading a model.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from .io.documents import Document
from .normalise import SAFE_AND_UNSAFE, clean
from .records import CRAMPS, Claim, DocumentSummary, DocumentTopic, Finding, Triple


@dataclass
class DocumentResult:
    """Everything the engine found in one document; offsets into ``document.text``."""

    document: Document
    claims: list[Claim] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    triples: list[Triple] = field(default_factory=list)
    topic: DocumentTopic | None = None  # what the document is about (None when claims were not extracted)
    translation_score: float = 0.0  # how machine-translated it reads (metrics.translation_score)
    error: str | None = None  # why the analysis failed (nothing else is set then); the run goes on

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

    def for_document(self, document: Document) -> DocumentResult:
        """This analysis as the result of ``document``: same text, perhaps another path (a cached
        result of a copy, or of a renamed file). Records carry their source, so they are renamed."""
        if document.source == self.document.source:
            return replace(self, document=document)
        source = document.source

        def moved(record):
            related = getattr(record, "related", ())
            changes = {"source": source}
            if related:
                changes["related"] = tuple(replace(loc, source=source) if loc.source == self.document.source
                                           else loc for loc in related)
            return replace(record, **changes)

        return replace(self, document=document, claims=[moved(c) for c in self.claims],
                       findings=[moved(f) for f in self.findings], triples=[moved(t) for t in self.triples])


__all__ = ["DocumentResult"]
