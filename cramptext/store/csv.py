"""Export to CSV: a folder with one ``TABLE.csv`` per table (header row; booleans ``true``/``false``;
an empty field in a column that may be null reads as null). See files.py for the upsert."""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from ..results import DocumentResult
from ..errors import InputError
from .files import export_files
from .model import BOOLEAN, INTEGER, REAL, TABLE, TABLES, Provenance

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


def write_tables(folder: Path, tables: dict[str, Iterable[dict]]) -> None:
    for table in TABLES:
        with open(folder / f"{table.name}{SUFFIX}", "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(table.names)
            writer.writerows([_text(r[n]) for n in table.names] for r in tables[table.name])


def read_rows(folder: Path, name: str, columns: Sequence[str] | None = None) -> Iterator[dict]:
    """The rows of table ``name`` (only ``columns`` when given), typed, read line by line."""
    path = folder / f"{name}{SUFFIX}"
    if not path.exists():
        return
    wanted = [c for c in TABLE[name].columns if columns is None or c.name in columns]
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            try:
                typed = {c.name: _typed(c, row[c.name]) for c in wanted}
            except (KeyError, ValueError, TypeError):
                raise InputError(f"{path}:{reader.line_num}: not a cramptext export row; nothing written") from None
            yield typed


def read_tables(folder: Path) -> dict[str, list[dict]]:
    """Every table of a CSV export, whole (for a reader that wants lists)."""
    return {t.name: list(read_rows(folder, t.name)) for t in TABLES if (folder / f"{t.name}{SUFFIX}").exists()}


def export_csv(results: Iterable[DocumentResult], target: Path, provenance: Provenance = Provenance(),
               *, timeout: float | None = None) -> dict[str, int]:
    return export_files(results, target, provenance, suffix=SUFFIX, read=read_rows, write=write_tables,
                        timeout=timeout)
