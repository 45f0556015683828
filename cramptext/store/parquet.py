"""Export to Parquet (pyarrow): a folder with one ``TABLE.parquet`` per table, typed columns
(int64, float64, string, bool, timestamp[s, UTC]), written and read in row groups of
``BATCH_ROWS``; see files.py for the upsert, lock and rename."""
from __future__ import annotations

from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from ..results import DocumentResult
from .files import BATCH_ROWS, export_files
from .model import BOOLEAN, INTEGER, REAL, TABLE, TABLES, TEXT, TIMESTAMP, Provenance, Table

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


def write_tables(folder: Path, tables: dict[str, Iterable[dict]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    for table in TABLES:
        schema = arrow_schema(table)
        rows = iter(tables[table.name])
        with pq.ParquetWriter(folder / f"{table.name}{SUFFIX}", schema) as writer:
            while batch := list(islice(rows, BATCH_ROWS)):
                data = {c.name: [_value(c, r[c.name]) for r in batch] for c in table.columns}
                del batch  # one batch held at a time: not this one while the next is read
                writer.write_table(pa.table(data, schema=schema))
                del data


def read_rows(folder: Path, name: str, columns: Sequence[str] | None = None) -> Iterator[dict]:
    """The rows of table ``name`` (only ``columns`` when given), a row group at a time."""
    import pyarrow.parquet as pq

    path = folder / f"{name}{SUFFIX}"
    if not path.exists():
        return
    stamps = [c.name for c in TABLE[name].columns if c.type == TIMESTAMP and (columns is None or c.name in columns)]
    for batch in pq.ParquetFile(path).iter_batches(batch_size=BATCH_ROWS, columns=columns):
        for row in batch.to_pylist():
            for c in stamps:
                if isinstance(row[c], datetime):
                    row[c] = row[c].isoformat(timespec="seconds")
            yield row


def export_parquet(results: Iterable[DocumentResult], target: Path, provenance: Provenance = Provenance(),
                   *, timeout: float | None = None) -> dict[str, int]:
    return export_files(results, target, provenance, suffix=SUFFIX, read=read_rows, write=write_tables,
                        timeout=timeout)
