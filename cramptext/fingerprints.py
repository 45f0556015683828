"""Versions that say when earlier work is stale: of the rule data and of cramptext's code."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Iterable


def package_version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return ""


def ruleset_version(extra_dirs: Iterable[Path] = ()) -> str:
    """A hash of the rule data: every YAML file of the shipped data (lexicon, cues, context, rules)
    and of the extra rule folders, by relative path and content. Short: 16 hex digits."""
    from .knowledge import data_dir

    digest = hashlib.sha256()
    for folder in [data_dir(), *map(Path, extra_dirs)]:
        if not folder.is_dir():
            continue
        digest.update(b"\0folder\0")
        for path in sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()):
            digest.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def code_version() -> str:
    """cramptext's version and a hash of its code: work done by other code is not reused (an
    edited checkout included)."""
    digest = hashlib.sha256(package_version("cramptext").encode())
    package = Path(__file__).resolve().parent
    for path in sorted(p for p in package.rglob("*") if p.suffix in (".py", ".json") and p.is_file()):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]
