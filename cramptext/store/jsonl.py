"""Export to JSON Lines: one file, one row a line with a ``"table"`` key (documents first, then
claims, findings, edits, triples). See files.py for the upsert, lock and rename."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

from ..results import DocumentResult
from ..errors import InputError
from .files import Tables, export_files
from .model import TABLE, TABLES, Provenance


def write_tables(path: Path, tables: Tables) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for table in TABLES:
            for row in tables[table.name]:
                handle.write(json.dumps({"table": table.name, **row}, ensure_ascii=False) + "\n")


def read_tables(path: Path) -> Tables:
    out: Tables = {t.name: [] for t in TABLES}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                name = row.pop("table")
                out[name].append({n: row[n] for n in TABLE[name].names})
            except (ValueError, KeyError, AttributeError, TypeError):
                raise InputError(f"{path}:{number}: not a cramptext export record; nothing written") from None
    return out


def export_jsonl(results: Iterable[DocumentResult], target: Path, provenance: Provenance = Provenance(),
                 *, timeout: float | None = None) -> dict[str, int]:
    return export_files(results, target, provenance, suffix=None, read=read_tables, write=write_tables,
                        timeout=timeout)
