"""Find and read the articles cramptext works on.

Reading is strict: a document that is not UTF-8 text is refused with a
one-line reason rather than silently mangled.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from ..errors import InputError

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
            found, problems = _articles_under(path)
            yield from problems
            if not found and not problems:
                yield InputError(f"{given}: no articles (.txt, .md, .html) in this folder")
            for p in found:
                yield str(p)
        elif path.exists():
            yield given
        elif path.is_symlink():
            yield InputError(f"{given}: broken or looping symbolic link")
        else:
            yield InputError(f"{given}: no such file or folder")


def _articles_under(folder: Path) -> tuple[list[Path], list[InputError]]:
    """Article files below ``folder`` in name order, and an error for each place that cannot be read."""
    found: list[Path] = []
    problems: list[InputError] = []

    def report(exc: OSError) -> None:
        problems.append(InputError(f"{exc.filename or folder}: cannot read folder: {exc.strerror or exc}"))

    for root, dirs, files in os.walk(folder, onerror=report, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            p = Path(root) / name
            if name.startswith(".") or p.suffix.lower() not in ARTICLE_SUFFIXES or p.stem.lower() in NOT_ARTICLES:
                continue
            if p.is_symlink() and not p.exists():
                problems.append(InputError(f"{p}: broken or looping symbolic link"))
                continue
            found.append(p)
    return sorted(found), problems


def decode(source: str, data: bytes) -> str:
    """Text of an article's bytes, or InputError saying why it is not one."""
    if not data.strip():
        raise InputError(f"{source}: empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{source}: UTF-16 text; save it as UTF-8")
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


def read_document(source: str, max_size: int | None = None) -> Document:
    """The document at ``source`` (a path, or "-"); one over ``max_size`` bytes is refused unread."""
    try:
        if source == STDIN:
            data = sys.stdin.buffer.read(max_size + 1) if max_size else sys.stdin.buffer.read()
            size = len(data)
        else:
            size = Path(source).stat().st_size
            data = b"" if max_size and size > max_size else Path(source).read_bytes()
        if max_size and size > max_size:
            shown = "more than " + f"{max_size:,}" if source == STDIN else f"{size:,}"
            raise InputError(f"{source}: {shown} bytes, over the size limit of {max_size:,} "
                             "(max_size in the configuration, or --max-size); not analysed")
    except IsADirectoryError:
        raise InputError(f"{source}: is a folder, not a file") from None
    except OSError as exc:
        raise InputError(f"{source}: cannot read: {exc.strerror or exc}") from None
    return Document(source, decode(source, data))


def relative_name(source: str, given: Sequence[str]) -> Path:
    """Where a document goes under an output folder: its path below the folder given
    on the command line, or its path as given; standard input is "stdin.txt"."""
    if source == STDIN:
        return Path("stdin.txt")
    path = Path(source)
    for folder in given:
        if folder != STDIN and Path(folder).is_dir():
            try:
                return path.relative_to(folder)
            except ValueError:
                continue
    if path.is_absolute() or ".." in path.parts:
        return Path(path.name)
    return path
