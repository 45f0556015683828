"""The one table model every export format writes: tables, typed columns, and how a
``DocumentResult`` becomes rows.

Five tables, linked by ``document_id`` (= ``documents.id``):

* ``documents``: one row per analysed article (``sha256`` of its text identifies its content);
* ``claims``, ``findings``, ``triples``: the records of CONTRACT.md, one row each, with the
  contract's field names;
* ``edits``: the fixes applied to make ``documents.clean_text`` (each from a phrasing finding).

Every table has an integer ``id``, unique in its table, so triples point at the claims they link
(``cause_claim_id`` ...) and edits at the finding they come from (``finding_id``).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from typing import Iterable, Iterator

from ..results import DocumentResult
from ..normalise import SAFE_AND_UNSAFE, apply_edits, edits_from

# Column types: SQLite stores bool as INTEGER 0/1 (declared BOOLEAN), datetimes as ISO 8601 TEXT in UTC.
INTEGER, REAL, TEXT, BOOLEAN, TIMESTAMP = "INTEGER", "REAL", "TEXT", "BOOLEAN", "TIMESTAMP"


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    nullable: bool = True


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def _cols(spec: str) -> tuple[Column, ...]:
    """'name TYPE, name TYPE NOT NULL, ...' → columns."""
    out = []
    for part in spec.split(","):
        words = part.split()
        out.append(Column(words[0], words[1], nullable="NOT" not in words[2:]))
    return tuple(out)


POSITION = "start INTEGER NOT NULL, end INTEGER NOT NULL, line INTEGER NOT NULL, column INTEGER NOT NULL"

DOCUMENTS = Table("documents", _cols(
    "id INTEGER NOT NULL, source TEXT NOT NULL, sha256 TEXT NOT NULL, text TEXT NOT NULL, clean_text TEXT NOT NULL, "
    "words INTEGER NOT NULL, topic TEXT, translation_score REAL NOT NULL, model TEXT NOT NULL, "
    "model_version TEXT NOT NULL, ruleset_version TEXT NOT NULL, analysed_at TIMESTAMP NOT NULL"))
CLAIMS = Table("claims", _cols(
    "id INTEGER NOT NULL, document_id INTEGER NOT NULL, source TEXT NOT NULL, kind TEXT NOT NULL, "
    "concept TEXT NOT NULL, concept_id TEXT, text TEXT NOT NULL, " + POSITION + ", sentence TEXT NOT NULL, "
    "negated BOOLEAN NOT NULL, hedged BOOLEAN NOT NULL, icd10cm TEXT"))
FINDINGS = Table("findings", _cols(
    "id INTEGER NOT NULL, document_id INTEGER NOT NULL, source TEXT NOT NULL, rule TEXT NOT NULL, "
    "name TEXT NOT NULL, category TEXT NOT NULL, severity TEXT NOT NULL, " + POSITION + ", message TEXT NOT NULL, "
    "replacement TEXT, applicability TEXT, related TEXT NOT NULL"))  # related: JSON array of locations
EDITS = Table("edits", _cols(
    "id INTEGER NOT NULL, document_id INTEGER NOT NULL, finding_id INTEGER, source TEXT NOT NULL, rule TEXT, "
    + POSITION + ", original TEXT NOT NULL, replacement TEXT NOT NULL, applicability TEXT"))
TRIPLES = Table("triples", _cols(
    "id INTEGER NOT NULL, document_id INTEGER NOT NULL, source TEXT NOT NULL, cause TEXT NOT NULL, cause_id TEXT, "
    "cause_text TEXT NOT NULL, symptom TEXT, symptom_id TEXT, symptom_text TEXT, remedy TEXT, remedy_id TEXT, "
    "remedy_text TEXT, " + POSITION + ", basis TEXT NOT NULL, negated BOOLEAN NOT NULL, "
    "cause_claim_id INTEGER, symptom_claim_id INTEGER, remedy_claim_id INTEGER"))

TABLES: tuple[Table, ...] = (DOCUMENTS, CLAIMS, FINDINGS, EDITS, TRIPLES)
TABLE = {t.name: t for t in TABLES}
CHILD_TABLES = tuple(t for t in TABLES if t is not DOCUMENTS)


@dataclass(frozen=True)
class Provenance:
    """What produced the analysis: the same for every document of one export."""

    model: str = ""
    model_version: str = ""
    ruleset_version: str = ""
    analysed_at: str = ""  # ISO 8601, UTC


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class DocumentRows:
    """One document's rows, ids not yet assigned: ``document`` has no ``id``. The child rows are
    made one at a time from the result when written (``children``), so a long article's tens of
    thousands of records are never held twice."""

    document: dict
    result: DocumentResult
    edits: list[dict]  # edit rows, with ``_finding``: the index of the finding they come from

    @property
    def key(self) -> tuple[str, str]:
        return self.document["source"], self.document["sha256"]

    def count(self, table: str) -> int:
        return len(self.edits) if table == "edits" else len(getattr(self.result, table))

    def same_analysis(self, row: dict) -> bool:
        """Is the stored document ``row`` this content, analysed by the same model and rules?"""
        return all(row[k] == self.document[k] for k in ("source", "sha256", "model", "model_version",
                                                         "ruleset_version"))

    def children(self, table: str) -> Iterator[dict]:
        """The rows of a child table, without ``id``/``document_id``; cross references are
        indexes into this document's lists (``_finding``, ``_cause_claim`` ...)."""
        result = self.result
        if table == "claims":
            for c in result.claims:
                yield {n: getattr(c, n) for n in CLAIMS.names[2:]}
        elif table == "findings":
            for f in result.findings:
                row = {n: getattr(f, n) for n in FINDINGS.names[2:] if n != "related"}
                row["related"] = json.dumps([asdict(loc) for loc in f.related], ensure_ascii=False)
                yield row
        elif table == "edits":
            yield from self.edits
        else:
            for t in result.triples:
                row = {n: getattr(t, n) for n in TRIPLES.names[2:] if not n.endswith("_claim_id")}
                for role in ("cause", "symptom", "remedy"):
                    row[f"_{role}_claim"] = _claim_index(result.claims, t, role)
                yield row


def rows_for(result: DocumentResult, provenance: Provenance) -> DocumentRows:
    doc = result.document
    summary = result.summary()
    findings = result.findings
    edits = edits_from(findings, SAFE_AND_UNSAFE)
    clean_text = apply_edits(doc.text, edits)[0]
    document = {"source": doc.source, "sha256": sha256(doc.text), "text": doc.text, "clean_text": clean_text,
                "words": summary.words, "topic": summary.topic, "translation_score": float(summary.translation_score),
                **asdict(provenance)}
    fix_of: dict[tuple, int] = {}  # (start, end, replacement) -> index of the first finding that fixes it so
    for i, f in enumerate(findings):
        if f.applicability in SAFE_AND_UNSAFE:
            fix_of.setdefault((f.start, f.end, f.replacement), i)
    edit_rows = []
    for e in edits:
        # edits_from keeps the first, longest applicable fix at a place: the finding it came from
        index = fix_of.get((e.start, e.end, e.text))
        source_finding = findings[index] if index is not None else None
        edit_rows.append({"_finding": index,
                          "source": doc.source, "rule": source_finding.rule if source_finding else None,
                          "start": e.start, "end": e.end,
                          "line": source_finding.line if source_finding else 0,
                          "column": source_finding.column if source_finding else 0,
                          "original": doc.text[e.start:e.end], "replacement": e.text,
                          "applicability": source_finding.applicability if source_finding else None})
    return DocumentRows(document, result, edit_rows)


def _claim_index(claims, triple, role: str) -> int | None:
    """The claim a triple's cause/symptom/remedy is: the one the engine linked (``Triple.claims``),
    else the claim of the same kind, concept and words inside its evidence."""
    concept, words = getattr(triple, role), getattr(triple, f"{role}_text")
    if concept is None:
        return None
    linked = getattr(triple, "claims", (None, None, None))[("cause", "symptom", "remedy").index(role)]
    if linked is not None and linked < len(claims):
        return linked
    for i, c in enumerate(claims):
        if (c.kind == role and c.concept == concept and (words is None or c.text == words)
                and triple.start <= c.start and c.end <= triple.end):
            return i
    return None


def assign_ids(rows: DocumentRows, document_id: int, next_ids: dict[str, int]) -> dict[str, Iterator[dict]]:
    """Complete rows with ids (``next_ids``: the next free id per child table, advanced here) and
    references; returns table name → rows in column order (made as they are read), the document
    included."""
    first = {}
    for table in CHILD_TABLES:
        first[table.name] = next_ids[table.name]
        next_ids[table.name] += rows.count(table.name)

    def ref(table: str, index: int | None) -> int | None:
        return first[table] + index if index is not None else None

    def completed(table: Table) -> Iterator[dict]:
        for k, row in enumerate(rows.children(table.name)):
            row = {"id": first[table.name] + k, "document_id": document_id, **row}
            if "_finding" in row:
                row["finding_id"] = ref("findings", row.pop("_finding"))
            for role in ("cause", "symptom", "remedy"):
                if f"_{role}_claim" in row:
                    row[f"{role}_claim_id"] = ref("claims", row.pop(f"_{role}_claim"))
            yield _ordered(table, row)

    out: dict[str, Iterator[dict]] = {"documents": iter([_ordered(DOCUMENTS, {"id": document_id, **rows.document})])}
    for table in CHILD_TABLES:
        out[table.name] = completed(table)
    return out


def _ordered(table: Table, row: dict) -> dict:
    return {n: row[n] for n in table.names}


def counts_of(rows: Iterable[DocumentRows]) -> dict[str, int]:
    counts = {t.name: 0 for t in TABLES}
    for r in rows:
        counts["documents"] += 1
        for table in CHILD_TABLES:
            counts[table.name] += r.count(table.name)
    return counts


def unique_by_source(results: Iterable[DocumentResult]) -> Iterator[DocumentResult]:
    """Each source once (the first): the same path given twice is one document."""
    seen: set[str] = set()
    for r in results:
        if r.document.source in seen:
            continue
        seen.add(r.document.source)
        yield r
