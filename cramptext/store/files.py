"""Exports to files (Parquet, CSV: a folder with one file per table; JSON Lines: one file),
with the same upsert as SQLite.

An export holds an exclusive lock (``fcntl.flock`` on ``.NAME.lock`` beside the target) while it
reads the previous export, merges the run into it and writes the result, so two exports to one
target serialise (the second waits up to ``BUSY_TIMEOUT`` seconds, then is refused with a
message). The result is written to a temporary file or folder beside the target and renamed into
place; a folder is swapped with two renames (the old one is moved to ``.NAME.old`` first), and
an export that finds ``.NAME.old`` without the target (killed between the renames) restores it.
"""
from __future__ import annotations

import errno
import fcntl
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..results import DocumentResult
from ..errors import InputError
from ..io.atomic import atomic_target
from .model import CHILD_TABLES, TABLES, Provenance, assign_ids, rows_for, unique_by_source
from .sqlite import BUSY_TIMEOUT, ExportBusy

Tables = dict[str, list[dict]]


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


def merge(existing: Tables, results: Iterable[DocumentResult], provenance: Provenance) -> tuple[Tables, dict]:
    """The previous export's tables with the run upserted, as SQLite does it (see sqlite.py)."""
    tables = {t.name: list(existing.get(t.name, [])) for t in TABLES}
    by_source = {row["source"]: row for row in tables["documents"]}
    next_ids = {t.name: max((r["id"] for r in tables[t.name]), default=0) + 1 for t in CHILD_TABLES}
    next_doc = max((r["id"] for r in tables["documents"]), default=0) + 1
    removed: set[int] = set()
    added: Tables = {t.name: [] for t in TABLES}
    counts = {t.name: 0 for t in TABLES} | {"added": 0, "replaced": 0, "unchanged": 0}
    for result in unique_by_source(results):
        rows = rows_for(result, provenance)
        counts["documents"] += 1
        for table in CHILD_TABLES:
            counts[table.name] += rows.count(table.name)
        stored = by_source.get(rows.document["source"])
        if stored is not None and rows.same_analysis(stored):
            counts["unchanged"] += 1
            continue
        if stored is not None:
            removed.add(stored["id"])
        counts["replaced" if stored is not None else "added"] += 1
        for name, new in assign_ids(rows, next_doc, next_ids).items():
            added[name].extend(new)
        next_doc += 1
    for t in TABLES:
        key = "id" if t.name == "documents" else "document_id"
        tables[t.name] = [r for r in tables[t.name] if r[key] not in removed] + added[t.name]
    return tables, counts


def export_files(results: Iterable[DocumentResult], target: Path, provenance: Provenance, *, suffix: str | None,
                 read: Callable[[Path], Tables], write: Callable[[Path, Tables], None],
                 timeout: float | None = None) -> dict[str, int]:
    """Upsert the run into the export at ``target``: a folder of ``NAME{suffix}`` table files, or one
    file when ``suffix`` is None."""
    target = Path(target)
    folder = suffix is not None
    if not target.parent.is_dir():
        raise InputError(f"{target}: folder {target.parent} does not exist; nothing written")
    with export_lock(target, BUSY_TIMEOUT if timeout is None else timeout):
        old = target.parent / f".{target.name}.old"
        if folder:
            _recover(target, old)
        _check_target(target, suffix)
        existing = read(target) if target.exists() and (not folder or any(target.iterdir())) else {}
        tables, counts = merge(existing, results, provenance)
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
    return counts


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
