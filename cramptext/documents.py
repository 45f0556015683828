"""Find and read the articles cramptext works on.

Reading is strict: a document that is not UTF-8 text is refused with a
one-line reason rather than silently mangled.
"""
from __future__ import annotations

import os
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .errors import InputError

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
# Files in an article folder that describe the folder rather than being articles.
NOT_ARTICLES = frozenset({"readme", "changelog", "license", "contributing"})
STDIN = "-"


@dataclass(frozen=True)
class Document:
    source: str  # the path as given (or found under a folder given), or "-"
    text: str


def discover(paths: list[str]) -> Iterator[str | InputError]:
    """Article paths under ``paths`` (files as given, folders searched in order).

    Yields an ``InputError`` in place of a path that cannot be used, so the
    caller can report it and go on with the rest.
    """
    for given in paths:
        if given == STDIN:
            yield STDIN
            continue
        path = Path(given)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*")
                           if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
                           and p.stem.lower() not in NOT_ARTICLES
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not found:
                yield InputError(f"{given}: no articles (.txt, .md, .html) in this folder")
            for p in found:
                yield str(p)
        elif path.exists():
            yield given
        else:
            yield InputError(f"{given}: no such file or folder")


def decode(source: str, data: bytes) -> str:
    """Text of an article's bytes, or InputError saying why it is not one."""
    if not data.strip():
        raise InputError(f"{source}: empty file")
    if b"\x00" in data[:8192]:
        raise InputError(f"{source}: binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{source}: not valid UTF-8 (byte {exc.start})") from None
    text = text[1:] if text.startswith("\ufeff") else text
    if not text.strip():
        raise InputError(f"{source}: empty file")
    return text


def read_document(source: str) -> Document:
    try:
        data = sys.stdin.buffer.read() if source == STDIN else Path(source).read_bytes()
    except IsADirectoryError:
        raise InputError(f"{source}: is a folder, not a file") from None
    except OSError as exc:
        raise InputError(f"{source}: cannot read: {exc.strerror or exc}") from None
    return Document(source, decode(source, data))


def write_atomically(path: Path, text: str) -> None:
    """Replace the file ``path`` with ``text``: temp file in the same folder, then rename.

    The original is untouched if anything fails before the rename.
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
