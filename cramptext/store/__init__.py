"""Exporters: analysed articles into stores data teams query, one table model (model.py) for
every format: SQLite (the default), Parquet, JSON Lines and CSV.

    export(results, target, fmt=None, provenance=...)   # fmt from the target's suffix when None
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

from ..results import DocumentResult
from ..errors import CramptextError
from .model import TABLES, Provenance
from .sqlite import export_sqlite


def _parquet(*args, **kwargs):
    from .parquet import export_parquet  # pyarrow only when asked for

    return export_parquet(*args, **kwargs)


def _jsonl(*args, **kwargs):
    from .jsonl import export_jsonl

    return export_jsonl(*args, **kwargs)


def _csv(*args, **kwargs):
    from .csv import export_csv

    return export_csv(*args, **kwargs)


WRITERS: dict[str, Callable[..., dict[str, int]]] = {"sqlite": export_sqlite, "parquet": _parquet,
                                                      "jsonl": _jsonl, "csv": _csv}
FORMATS = tuple(WRITERS)
SUFFIXES = {".sqlite": "sqlite", ".sqlite3": "sqlite", ".db": "sqlite", ".parquet": "parquet", ".jsonl": "jsonl",
            ".csv": "csv"}


def format_for(target: Path | str, fmt: str | None = None) -> str:
    """``fmt`` when given, else the one the target's suffix names, else SQLite."""
    if fmt:
        if fmt not in WRITERS:
            raise CramptextError(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})")
        return fmt
    return SUFFIXES.get(Path(target).suffix.lower(), "sqlite")


def export(results: Iterable[DocumentResult], target: Path | str, fmt: str | None = None,
           provenance: Provenance = Provenance(), *, timeout: float | None = None) -> dict[str, int]:
    """Upsert ``results`` into the export at ``target``; returns the run's rows per table and the
    documents ``added``, ``replaced`` and ``unchanged``."""
    return WRITERS[format_for(target, fmt)](results, Path(target), provenance, timeout=timeout)


__all__ = ["FORMATS", "TABLES", "Provenance", "export", "export_sqlite", "format_for"]
