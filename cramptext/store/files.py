"""Exports to files (Parquet, CSV: a folder with one file per table; JSON Lines: one file),
with the same upsert as SQLite.

An export holds an exclusive lock (``fcntl.flock`` on ``.NAME.lock`` beside the target) while it
reads the previous export, merges the run into it and writes the result, so two exports to one
target serialise (the second waits up to ``BUSY_TIMEOUT`` seconds, then is refused with a
message). The result is written to a temporary file or folder beside the target and renamed into
place; a folder is swapped with two renames (the old one is moved to ``.NAME.old`` first), and
an export that finds ``.NAME.old`` without the target (killed between the renames) restores it.

Nothing is held whole, so memory does not grow with the collection: the previous export is read
as a stream (first only each document's identity and the largest ids), the run's new rows go to
a spill folder beside the target as results arrive, and the new export is written table by
table from the previous rows that stay and the spilled ones.
"""
from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Sequence

from ..results import DocumentResult
from ..errors import InputError
from ..io.atomic import atomic_target
from .model import CHILD_TABLES, DOCUMENTS, TABLES, Provenance, Table, assign_ids, rows_for, unique_by_source
from .sqlite import BUSY_TIMEOUT, ExportBusy

# A format's reader: (target, table name, columns or None for all) -> that table's rows, one at a time.
ReadRows = Callable[[Path, str, Optional[Sequence[str]]], Iterator[dict]]
IDENTITY = ("id", "source", "sha256", "model", "model_version", "ruleset_version")  # what same_analysis reads
SPILL = ".spill"  # the folder of the run's new rows, beside the target, while the export runs
BATCH_ROWS = 10_000  # rows a reader or writer holds at once


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def export_lock(target: Path, timeout: float) -> Iterator[None]:
    """An exclusive lock for exports to ``target`` (a lock file beside it, left in place)."""
    lock_path = target.parent / f".{target.name}.lock"
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise InputError(f"{target}: cannot write in its folder: {exc.strerror or exc}; nothing written") from None
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES) or time.monotonic() >= deadline:
                    raise ExportBusy(f"{target}: another export is writing it (waited {timeout:g} s); "
                                     "nothing written") from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # releases the lock


class Previous:
    """What the upsert needs of the previous export, read as a stream: each document's identity
    (not its text) and the next free id of every table."""

    def __init__(self, read: ReadRows | None = None, target: Path | None = None):
        self._by_source: dict[str, tuple] = {}  # source -> IDENTITY values (a tuple: a few hundred bytes)
        self.next_ids = {t.name: 1 for t in TABLES}
        if read is None:
            return
        for row in read(target, "documents", IDENTITY):
            self._by_source[row["source"]] = tuple(row[k] for k in IDENTITY)
            self.next_ids["documents"] = max(self.next_ids["documents"], row["id"] + 1)
        for table in CHILD_TABLES:
            for row in read(target, table.name, ("id",)):
                self.next_ids[table.name] = max(self.next_ids[table.name], row["id"] + 1)

    def stored(self, source: str) -> dict | None:
        """The identity (IDENTITY's columns) of the previous export's document at ``source``."""
        values = self._by_source.get(source)
        return dict(zip(IDENTITY, values)) if values is not None else None


def spill_run(results: Iterable[DocumentResult], previous: Previous, provenance: Provenance,
              spill: Path) -> tuple[dict, set[int]]:
    """Write the run's new rows (documents added or changed) to one JSON Lines file per table in
    ``spill``, as the results arrive; returns the counts and the ids of the previous documents
    they replace."""
    removed: set[int] = set()
    counts = {t.name: 0 for t in TABLES} | {"added": 0, "replaced": 0, "unchanged": 0}
    next_ids = dict(previous.next_ids)
    handles = {t.name: open(spill / f"{t.name}.jsonl", "w", encoding="utf-8") for t in TABLES}
    try:
        for result in unique_by_source(results):
            rows = rows_for(result, provenance)
            counts["documents"] += 1
            for table in CHILD_TABLES:
                counts[table.name] += rows.count(table.name)
            stored = previous.stored(rows.document["source"])
            if stored is not None and rows.same_analysis(stored):
                counts["unchanged"] += 1
                continue
            if stored is not None:
                removed.add(stored["id"])
            counts["replaced" if stored is not None else "added"] += 1
            for name, new in assign_ids(rows, next_ids["documents"], next_ids).items():
                handles[name].writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in new)
            next_ids["documents"] += 1
    finally:
        for handle in handles.values():
            handle.close()
    return counts, removed


def upserted(table: Table, read: ReadRows | None, target: Path, removed: set[int], spill: Path) -> Iterator[dict]:
    """The rows of ``table`` after the upsert, one at a time: the previous export's, less those of
    replaced documents, then the run's new ones."""
    key = "id" if table is DOCUMENTS else "document_id"
    if read is not None:
        yield from (row for row in read(target, table.name, None) if row[key] not in removed)
    with open(spill / f"{table.name}.jsonl", encoding="utf-8") as handle:
        yield from map(json.loads, handle)


def export_files(results: Iterable[DocumentResult], target: Path, provenance: Provenance, *, suffix: str | None,
                 read: ReadRows, write: Callable[[Path, dict[str, Iterator[dict]]], None],
                 timeout: float | None = None) -> dict[str, int]:
    """Upsert the run into the export at ``target``: a folder of ``NAME{suffix}`` table files, or one
    file when ``suffix`` is None. ``read(target, table, columns)`` streams a table's rows (every
    column when ``columns`` is None); ``write(path, tables)`` writes each table's rows as they come."""
    target = Path(target)
    folder = suffix is not None
    if not target.parent.is_dir():
        raise InputError(f"{target}: folder {target.parent} does not exist; nothing written")
    with export_lock(target, BUSY_TIMEOUT if timeout is None else timeout):
        old = target.parent / f".{target.name}.old"
        if folder:
            _recover(target, old)
        _remove_leftovers(target)
        _check_target(target, suffix)
        exists = target.exists() and (not folder or any(target.iterdir()))
        previous = Previous(read, target) if exists else Previous()
        spill = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=SPILL))
        try:
            counts, removed = spill_run(results, previous, provenance, spill)
            tables = {t.name: upserted(t, read if exists else None, target, removed, spill) for t in TABLES}
            _write_in_place(target, folder, old, write, tables)
        finally:
            shutil.rmtree(spill, ignore_errors=True)
    return counts


def _write_in_place(target: Path, folder: bool, old: Path, write, tables: dict[str, Iterator[dict]]) -> None:
    """``tables`` written to a temporary file or folder beside ``target``, then renamed onto it."""
    mode = 0o777 & ~_umask()
    if folder:
        tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"))
        try:
            os.chmod(tmp, mode)
            write(tmp, tables)
            if target.exists():
                os.rename(target, old)
            os.rename(tmp, target)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        shutil.rmtree(old, ignore_errors=True)
    else:
        with atomic_target(target) as name:
            os.chmod(name, target.stat().st_mode & 0o7777 if target.exists() else mode & 0o666)
            write(Path(name), tables)


def _remove_leftovers(target: Path) -> None:
    """The spill folder and temporary file or folder of an export that was killed (under the
    lock, every one is)."""
    for pattern in (f".{target.name}.*{SPILL}", f".{target.name}.*.tmp"):
        for leftover in target.parent.glob(pattern):
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover, ignore_errors=True)
            elif leftover.is_file():
                leftover.unlink(missing_ok=True)


def _recover(target: Path, old: Path) -> None:
    if old.exists() and not target.exists():
        os.rename(old, target)  # killed between the two renames: the previous export is back
    elif old.exists():
        shutil.rmtree(old, ignore_errors=True)  # killed after them: the new one is in place


def table_files(suffix: str) -> set[str]:
    return {f"{t.name}{suffix}" for t in TABLES}


def _check_target(target: Path, suffix: str | None) -> None:
    if not target.exists():
        return
    if suffix is None:
        if not target.is_file():
            raise InputError(f"{target}: not a regular file; nothing written")
        return
    if not target.is_dir():
        raise InputError(f"{target}: not a folder; nothing written")
    names = {p.name for p in target.iterdir()}
    known = table_files(suffix)
    if names - known:
        raise InputError(f"{target}: folder holds files that are no export tables "
                         f"({', '.join(sorted(names - known)[:3])}); nothing written")
