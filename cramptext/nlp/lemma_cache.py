"""The concept matcher's lemmatised synonyms, kept on disk between runs.

Lemmatising the lexicon's ~2,300 phrases takes most of a second at every
start; the result depends only on the phrases, the model that lemmatises them
and this code, so it is stored under a key hashed from all three and read back
while the key holds. The folder is ``$CRAMPTEXT_CACHE_DIR``, else the user's
cache folder. A file that is missing, unreadable or for another key is rebuilt;
a folder that cannot be written only means the next start lemmatises again.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Callable

from ..errors import InputError
from ..io.atomic import atomic_target
from ..io.cachedir import cache_folder

FORMAT = 1  # bump when what is stored, or how it is built, changes


def cache_key(inputs: dict) -> str:
    """A hash of everything the lemmatised patterns depend on (JSON-serialisable ``inputs``)."""
    blob = json.dumps({"format": FORMAT, **inputs}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def cached(key: str, build: Callable[[], list], folder: Path | None = None) -> list:
    """The list stored under ``key``, else ``build()`` (stored for next time when the folder allows)."""
    path = (folder or cache_folder()) / f"lemma-patterns-{key[:32]}.json"
    stored = _read(path, key)
    if stored is not None:
        return stored
    value = build()
    _write(path, key, value)
    return value


def _read(path: Path, key: str) -> list | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("key") != key or not isinstance(data.get("value"), list):
        return None  # another key with the same file name, or a file cut short
    return data["value"]


def _write(path: Path, key: str, value: list) -> None:
    """Write beside the target and rename over it, so a reader never sees half a file; a folder
    that cannot be written costs only the next start's time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_target(path) as tmp:
            with open(tmp, "w", encoding="utf-8") as handle:
                json.dump({"key": key, "value": value}, handle, ensure_ascii=False)
    except (OSError, InputError):  # no folder to write in
        pass
