"""Export to an SQLite database (stdlib sqlite3), updated in place.

The database is the real file, written in short transactions taken with ``BEGIN IMMEDIATE``
as results arrive: SQLite's own lock serialises two exports (a writer waits up to
``BUSY_TIMEOUT`` seconds, then is refused with a message; nothing is lost silently), and its
rollback journal means an export killed mid-way leaves the last committed state, whole: every
document either as it was or as the run analysed it. A new file gets SQLite's usual
mode (0644 less the umask). Documents are upserted by path and content: a document whose
text (sha256), model and rule set are unchanged is left as it is (same ids, same
``analysed_at``); one that changed replaces its old rows; none is ever there twice.
"""
from __future__ import annotations

import sqlite3
import time
from contextlib import closing
from pathlib import Path
from typing import Iterable

from ..results import DocumentResult
from ..errors import CramptextError, InputError
from .model import (BOOLEAN, CHILD_TABLES, DOCUMENTS, INTEGER, REAL, TABLE, TABLES, TEXT, TIMESTAMP, Provenance, Table,
                    assign_ids, rows_for, unique_by_source)

SCHEMA_VERSION = 2  # PRAGMA user_version; 0 with a documents table: the exporter before 2 (rebuilt each time)
BUSY_TIMEOUT = 120.0  # seconds an export waits for another one writing the same database
COMMIT_SECONDS = 0.5  # results are committed at least this often: little lost to an interruption

SQL_TYPES = {INTEGER: "INTEGER", REAL: "REAL", TEXT: "TEXT", BOOLEAN: "BOOLEAN", TIMESTAMP: "TEXT"}

INDEXES = (
    "CREATE UNIQUE INDEX documents_by_source ON documents(source)",
    "CREATE INDEX documents_by_sha256 ON documents(sha256)",
    "CREATE INDEX claims_by_concept ON claims(concept, kind)",
    "CREATE INDEX claims_by_kind ON claims(kind, concept)",
    "CREATE INDEX claims_by_document ON claims(document_id)",
    "CREATE INDEX findings_by_rule ON findings(rule, severity)",
    "CREATE INDEX findings_by_document ON findings(document_id)",
    "CREATE INDEX edits_by_document ON edits(document_id)",
    "CREATE INDEX triples_by_cause ON triples(cause, remedy)",
    "CREATE INDEX triples_by_document ON triples(document_id)",
)


class ExportBusy(CramptextError):
    """Another export held the database (or folder) longer than we wait."""


def _q(name: str) -> str:
    return f'"{name}"'  # start, end, column ... are words SQL knows: always quoted


def _create_table(table: Table) -> str:
    cols = []
    for c in table.columns:
        if c.name == "id":
            cols.append('"id" INTEGER PRIMARY KEY')
            continue
        col = f"{_q(c.name)} {SQL_TYPES[c.type]}" + ("" if c.nullable else " NOT NULL")
        if c.type == BOOLEAN:
            col += f" CHECK ({_q(c.name)} IN (0, 1))"
        if c.name == "document_id":
            col += " REFERENCES documents(id) ON DELETE CASCADE"
        elif c.name == "finding_id":
            col += " REFERENCES findings(id) ON DELETE SET NULL"
        elif c.name.endswith("_claim_id"):
            col += " REFERENCES claims(id) ON DELETE SET NULL"
        cols.append(col)
    return f"CREATE TABLE {table.name} (\n  " + ",\n  ".join(cols) + "\n)"


def schema_sql() -> str:
    """The whole schema, as the README documents it."""
    return ";\n".join([_create_table(t) for t in TABLES] + list(INDEXES)) + ";\n"


def _check_target(path: Path) -> None:
    if path.exists() and not path.is_file():
        raise InputError(f"{path}: not a regular file; nothing written")
    if not path.parent.is_dir():
        raise InputError(f"{path}: folder {path.parent} does not exist; nothing written")


def _prepare_schema(db: sqlite3.Connection, path: Path) -> None:
    """Inside the write transaction: create the schema in a new database, replace the old
    exporter's tables (rebuilt on every export, so nothing is lost), refuse anything else."""
    (version,) = db.execute("PRAGMA user_version").fetchone()
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if version == SCHEMA_VERSION and tables >= {t.name for t in TABLES}:
        return
    old = version == 0 and tables == {"documents", "claims", "findings"} and \
        "sha256" not in {row[1] for row in db.execute("PRAGMA table_info(documents)")}
    if tables and not old:
        raise InputError(f"{path}: not a cramptext export database (or one of another version); nothing written")
    for name in ("claims", "findings", "documents") if old else ():
        db.execute(f"DROP TABLE {name}")
    for statement in schema_sql().split(";\n"):
        if statement.strip():
            db.execute(statement)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def export_sqlite(results: Iterable[DocumentResult], path: Path, provenance: Provenance = Provenance(), *,
                  timeout: float | None = None) -> dict[str, int]:
    """Upsert every analysis into the database at ``path`` as the results arrive; returns counts:
    rows of the run per table, and documents ``added``, ``replaced`` and ``unchanged``.

    Results are committed in small transactions (every ``COMMIT_SECONDS``, and at the end, or
    when the run is interrupted): an export stopped at document 900 keeps the 899 before it,
    and the write lock is held only while writing, never while documents are analysed."""
    path = Path(path)
    _check_target(path)
    timeout = BUSY_TIMEOUT if timeout is None else timeout
    counts = {t.name: 0 for t in TABLES} | {"added": 0, "replaced": 0, "unchanged": 0}
    try:
        db = sqlite3.connect(path, timeout=timeout, isolation_level=None)
    except sqlite3.Error as exc:
        raise InputError(f"{path}: cannot open: {exc}; nothing written") from None
    with closing(db):
        db.execute("PRAGMA foreign_keys = ON")
        _write(db, path, [], counts, timeout)  # the schema now: a wrong file is refused before any work
        pending: list = []
        last = time.monotonic()
        try:
            for result in unique_by_source(results):
                pending.append(rows_for(result, provenance))
                if time.monotonic() - last >= COMMIT_SECONDS:
                    _write(db, path, pending, counts, timeout)
                    pending, last = [], time.monotonic()
        except KeyboardInterrupt:
            _write(db, path, pending, counts, timeout)  # what was analysed before the interruption
            raise
        _write(db, path, pending, counts, timeout)
    return counts


def _write(db: sqlite3.Connection, path: Path, pending: list, counts: dict[str, int], timeout: float) -> None:
    """One transaction: the schema checked (created when new), then ``pending`` upserted."""
    try:
        db.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise ExportBusy(f"{path}: another export is writing this database (waited {timeout:g} s); "
                             "the documents before were written") from None
        raise
    except sqlite3.DatabaseError:
        raise InputError(f"{path}: not an SQLite database; nothing written") from None
    try:
        _prepare_schema(db, path)
        next_ids = {t.name: db.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {t.name}").fetchone()[0]
                    for t in CHILD_TABLES}
        for rows in pending:
            _upsert(db, rows, next_ids, counts)
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


def _upsert(db: sqlite3.Connection, rows, next_ids: dict[str, int], counts: dict[str, int]) -> None:
    db.row_factory = sqlite3.Row
    stored = db.execute("SELECT * FROM documents WHERE source = ?", (rows.document["source"],)).fetchall()
    db.row_factory = None
    counts["documents"] += 1
    for table in CHILD_TABLES:
        counts[table.name] += rows.count(table.name)
    if any(rows.same_analysis(dict(row)) for row in stored):
        counts["unchanged"] += 1
        return
    for row in stored:
        for table in reversed(CHILD_TABLES):  # those that refer to others first
            db.execute(f"DELETE FROM {table.name} WHERE document_id = ?", (row["id"],))
        db.execute("DELETE FROM documents WHERE id = ?", (row["id"],))
    counts["replaced" if stored else "added"] += 1
    document_id = db.execute("SELECT coalesce(max(id), 0) + 1 FROM documents").fetchone()[0]
    for name, table_rows in assign_ids(rows, document_id, next_ids).items():
        names = TABLE[name].names  # the rows' own order
        db.executemany(f"INSERT INTO {name} ({', '.join(map(_q, names))}) VALUES ({', '.join('?' * len(names))})",
                       (tuple(r.values()) for r in table_rows))
