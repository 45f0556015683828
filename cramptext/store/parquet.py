"""Export to Parquet (pyarrow): a folder with one ``TABLE.parquet`` per table, typed columns
(int64, float64, string, bool, timestamp[s, UTC]); see files.py for the upsert, lock and rename."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Iterable

from ..results import DocumentResult
from .files import Tables, export_files
from .model import BOOLEAN, INTEGER, REAL, TABLES, TEXT, TIMESTAMP, Provenance, Table

SUFFIX = ".parquet"


def arrow_schema(table: Table):
    import pyarrow as pa

    types = {INTEGER: pa.int64(), REAL: pa.float64(), TEXT: pa.string(), BOOLEAN: pa.bool_(),
             TIMESTAMP: pa.timestamp("s", tz="UTC")}
    return pa.schema([pa.field(c.name, types[c.type], nullable=c.nullable) for c in table.columns])


def _value(column, value):
    if column.type == TIMESTAMP and isinstance(value, str):
        return datetime.fromisoformat(value)
    return value


def write_tables(folder: Path, tables: Tables) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    for table in TABLES:
        rows = tables[table.name]
        data = {c.name: [_value(c, r[c.name]) for r in rows] for c in table.columns}
        pq.write_table(pa.table(data, schema=arrow_schema(table)), folder / f"{table.name}{SUFFIX}")


def read_tables(folder: Path) -> Tables:
    import pyarrow.parquet as pq

    out: Tables = {}
    for table in TABLES:
        path = folder / f"{table.name}{SUFFIX}"
        if path.exists():
            rows = pq.read_table(path).to_pylist()
            for r in rows:
                for c in table.columns:
                    if c.type == TIMESTAMP and isinstance(r.get(c.name), datetime):
                        r[c.name] = r[c.name].isoformat(timespec="seconds")
            out[table.name] = rows
    return out


def export_parquet(results: Iterable[DocumentResult], target: Path, provenance: Provenance = Provenance(),
                   *, timeout: float | None = None) -> dict[str, int]:
    return export_files(results, target, provenance, suffix=SUFFIX, read=read_tables, write=write_tables,
                        timeout=timeout)
