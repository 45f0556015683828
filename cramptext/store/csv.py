"""Export to CSV: a folder with one ``TABLE.csv`` per table (header row; booleans ``true``/``false``;
an empty field in a column that may be null reads as null). See files.py for the upsert."""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterable

from ..results import DocumentResult
from .files import Tables, export_files
from .model import BOOLEAN, INTEGER, REAL, TABLES, Provenance

SUFFIX = ".csv"


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _typed(column, text: str):
    if text == "" and column.nullable:
        return None
    if column.type == INTEGER:
        return int(text)
    if column.type == REAL:
        return float(text)
    if column.type == BOOLEAN:
        return text == "true"
    return text


def write_tables(folder: Path, tables: Tables) -> None:
    for table in TABLES:
        with open(folder / f"{table.name}{SUFFIX}", "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(table.names)
            writer.writerows([_text(r[n]) for n in table.names] for r in tables[table.name])


def read_tables(folder: Path) -> Tables:
    out: Tables = {}
    for table in TABLES:
        path = folder / f"{table.name}{SUFFIX}"
        if path.exists():
            with open(path, encoding="utf-8", newline="") as handle:
                out[table.name] = [{c.name: _typed(c, row[c.name]) for c in table.columns}
                                   for row in csv.DictReader(handle)]
    return out


def export_csv(results: Iterable[DocumentResult], target: Path, provenance: Provenance = Provenance(),
               *, timeout: float | None = None) -> dict[str, int]:
    return export_files(results, target, provenance, suffix=SUFFIX, read=read_tables, write=write_tables,
                        timeout=timeout)
