"""Export to JSON Lines: one file, one row a line with a ``"table"`` key (documents first, then
claims, findings, edits, triples). See files.py for the upsert, lock and rename."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from ..results import DocumentResult
from ..errors import InputError
from .files import export_files
from .model import TABLE, TABLES, Provenance


def write_tables(path: Path, tables: dict[str, Iterable[dict]]) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for table in TABLES:
            for row in tables[table.name]:
                handle.write(json.dumps({"table": table.name, **row}, ensure_ascii=False) + "\n")


def read_rows(path: Path, name: str, columns: Sequence[str] | None = None) -> Iterator[dict]:
    """The rows of table ``name`` (only ``columns`` when given), read line by line."""
    wanted = list(columns) if columns is not None else TABLE[name].names
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                table = row.pop("table")
                TABLE[table]  # noqa: B018 - an unknown table is no export record
                picked = {n: row[n] for n in wanted} if table == name else None
            except (ValueError, KeyError, AttributeError, TypeError):
                raise InputError(f"{path}:{number}: not a cramptext export record; nothing written") from None
            if picked is not None:
                yield picked


def export_jsonl(results: Iterable[DocumentResult], target: Path, provenance: Provenance = Provenance(),
                 *, timeout: float | None = None) -> dict[str, int]:
    return export_files(results, target, provenance, suffix=None, read=read_rows, write=write_tables,
                        timeout=timeout)
