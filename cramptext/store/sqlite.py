"""Export cleaned text, claims and findings to an SQLite database (stdlib sqlite3).

The database is built in a temporary file beside the target and renamed into
place, so an existing database is never left half-written.
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
from ..records import Claim, Finding

SCHEMA = """
CREATE TABLE documents (source TEXT PRIMARY KEY, text TEXT NOT NULL, clean_text TEXT NOT NULL, words INTEGER NOT NULL,
                        topic TEXT, translation_score REAL NOT NULL);
CREATE TABLE claims ({claim_columns}, FOREIGN KEY (source) REFERENCES documents(source));
CREATE TABLE findings ({finding_columns}, FOREIGN KEY (source) REFERENCES documents(source));
CREATE INDEX claims_by_concept ON claims(kind, concept);
CREATE INDEX findings_by_rule ON findings(rule);
"""


def _columns(record_type) -> list[str]:
    return [f.name for f in fields(record_type) if f.name != "related"]


def _schema() -> str:
    # Columns follow the record fields (CONTRACT.md); SQLite keeps each value's own type.
    return SCHEMA.format(claim_columns=", ".join(_columns(Claim)), finding_columns=", ".join(_columns(Finding)))


def export_sqlite(results: Iterable[DocumentResult], path: Path) -> dict[str, int]:
    """Write every analysis to a new database at ``path``; returns row counts."""
    path = Path(path)
    if path.exists() and not path.is_file():
        raise InputError(f"{path}: not a regular file; nothing written")
    if not path.parent.is_dir():
        raise InputError(f"{path}: folder {path.parent} does not exist; nothing written")
    counts = {"documents": 0, "claims": 0, "findings": 0}
    claim_cols, finding_cols = _columns(Claim), _columns(Finding)
    with atomic_target(path) as tmp, closing(sqlite3.connect(tmp)) as db, db:
        db.executescript(_schema())
        for a in results:
            text = a.document.text
            summary = a.summary()
            db.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?)",
                       (a.document.source, text, a.cleaned(), summary.words, summary.topic, summary.translation_score))
            db.executemany(f"INSERT INTO claims VALUES ({', '.join('?' * len(claim_cols))})",
                           [tuple(getattr(c, n) for n in claim_cols) for c in a.claims])
            db.executemany(f"INSERT INTO findings VALUES ({', '.join('?' * len(finding_cols))})",
                           [tuple(getattr(f, n) for n in finding_cols) for f in a.findings])
            counts["documents"] += 1
            counts["claims"] += len(a.claims)
            counts["findings"] += len(a.findings)
    return counts
