"""Atomic writes: a temporary file beside the target, renamed into place.

Nothing the user had is lost: if anything fails before the rename, the
original file is untouched and the temporary file is removed.
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, TextIO

from ..errors import InputError


def write_atomically(path: Path, text: str) -> None:
    """Replace the file ``path`` with ``text``: temp file in the same folder, then rename.

    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: not a regular file; nothing written")
    if not path.stat().st_mode & 0o222:  # by mode bits: root may write anything
        raise InputError(f"{path}: file is read-only; nothing written")
    _replace(path, text, path.stat().st_mode & 0o7777)


def write_new_file(path: Path, text: str) -> None:
    """Write ``path`` (new or replaced) atomically; a folder or read-only file is refused."""
    path = Path(path)
    if path.exists():
        write_atomically(path, text)
        return
    if not path.parent.is_dir():
        raise InputError(f"{path}: folder {path.parent} does not exist; nothing written")
    _replace(path, text, 0o644)


def _replace(path: Path, text: str, mode: int) -> None:
    with atomic_target(path) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(tmp, mode)


@contextmanager
def atomic_target(path: Path) -> Iterator[str]:
    """A temporary file beside ``path``, renamed onto it when the block succeeds.

    On any error the temporary file is removed and ``path`` is left as it was.
    """
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"{path}: cannot write in its folder: {exc.strerror or exc}") from None
    os.close(fd)
    try:
        yield tmp
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


@contextmanager
def streamed_file(path: Path) -> Iterator[TextIO]:
    """A text file to write as results arrive: a temporary file beside ``path``, renamed onto it
    when the block ends normally. Stopped early (interrupted, or an error), ``path`` is left as it
    was and what was written is kept beside it as ``path.partial`` (see ``partial_path``)."""
    path = Path(path)
    if path.exists() and not path.is_file():
        raise InputError(f"{path}: not a regular file; nothing written")
    if not path.parent.is_dir():
        raise InputError(f"{path}: folder {path.parent} does not exist; nothing written")
    mode = path.stat().st_mode & 0o7777 if path.exists() else 0o644
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"{path}: cannot write in its folder: {exc.strerror or exc}") from None
    handle = os.fdopen(fd, "w", encoding="utf-8", newline="")
    try:
        yield handle
        handle.close()
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        handle.close()
        try:
            if os.path.getsize(tmp):
                os.chmod(tmp, mode)
                os.replace(tmp, partial_path(path))
            else:
                os.unlink(tmp)
        except OSError:
            pass
        raise


def partial_path(path: Path) -> Path:
    """Where ``streamed_file`` keeps the output of a run stopped early."""
    return Path(path).with_name(Path(path).name + ".partial")
