"""Export cleaned text, claims, findings and triples to an SQLite database (stdlib sqlite3).

The database is built in a temporary file beside the target and renamed into
place, so an existing database is never left half-written. Claims have an
integer ``id``; a triple refers to the claims it links by id
(``cause_claim``, ``symptom_claim``, ``remedy_claim``), so

    SELECT c.concept, r.concept FROM triples t
    JOIN claims c ON c.id = t.cause_claim JOIN claims r ON r.id = t.remedy_claim

lists what each article gives for each cause.
"""
from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import fields
from pathlib import Path
from typing import Iterable

from ..engine import DocumentResult
from ..errors import InputError
from ..io.atomic import atomic_target
from ..records import Claim, Finding, Triple

SCHEMA = """
CREATE TABLE documents (source TEXT PRIMARY KEY, text TEXT NOT NULL, clean_text TEXT NOT NULL, words INTEGER NOT NULL,
                        topic TEXT, translation_score REAL NOT NULL);
CREATE TABLE claims (id INTEGER PRIMARY KEY, {claim_columns}, FOREIGN KEY (source) REFERENCES documents(source));
CREATE TABLE findings ({finding_columns}, FOREIGN KEY (source) REFERENCES documents(source));
CREATE TABLE triples (id INTEGER PRIMARY KEY, {triple_columns},
    cause_claim INTEGER NOT NULL REFERENCES claims(id), symptom_claim INTEGER REFERENCES claims(id),
    remedy_claim INTEGER REFERENCES claims(id), FOREIGN KEY (source) REFERENCES documents(source));
CREATE INDEX claims_by_concept ON claims(kind, concept);
CREATE INDEX findings_by_rule ON findings(rule);
CREATE INDEX triples_by_cause ON triples(cause, remedy);
"""


def _columns(record_type) -> list[str]:
    return [f.name for f in fields(record_type) if f.name not in ("related", "claims")]


def _schema() -> str:
    # Columns follow the record fields (CONTRACT.md); SQLite keeps each value's own type.
    return SCHEMA.format(claim_columns=", ".join(_columns(Claim)), finding_columns=", ".join(_columns(Finding)),
                         triple_columns=", ".join(_columns(Triple)))


def _insert(table: str, columns: list[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def export_sqlite(results: Iterable[DocumentResult], path: Path) -> dict[str, int]:
    """Write every analysis to a new database at ``path``; returns row counts."""
    path = Path(path)
    if path.exists() and not path.is_file():
        raise InputError(f"{path}: not a regular file; nothing written")
    if not path.parent.is_dir():
        raise InputError(f"{path}: folder {path.parent} does not exist; nothing written")
    counts = {"documents": 0, "claims": 0, "findings": 0, "triples": 0}
    claim_cols, finding_cols, triple_cols = _columns(Claim), _columns(Finding), _columns(Triple)
    link_cols = ["cause_claim", "symptom_claim", "remedy_claim"]
    with atomic_target(path) as tmp, closing(sqlite3.connect(tmp)) as db, db:
        db.executescript(_schema())
        for a in results:
            text = a.document.text
            summary = a.summary()
            db.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?)",
                       (a.document.source, text, a.cleaned(), summary.words, summary.topic, summary.translation_score))
            first_id = counts["claims"] + 1  # claim ids run over the whole database, in order
            db.executemany(_insert("claims", ["id", *claim_cols]),
                           [(first_id + i, *(getattr(c, n) for n in claim_cols)) for i, c in enumerate(a.claims)])
            db.executemany(_insert("findings", finding_cols),
                           [tuple(getattr(f, n) for n in finding_cols) for f in a.findings])
            db.executemany(_insert("triples", [*triple_cols, *link_cols]),
                           [(*(getattr(t, n) for n in triple_cols),
                             *(first_id + i if i is not None else None for i in t.claims)) for t in a.triples])
            counts["documents"] += 1
            counts["claims"] += len(a.claims)
            counts["findings"] += len(a.findings)
            counts["triples"] += len(a.triples)
    return counts
