"""Where cramptext keeps work for the next run (results, parses, loaded rules)."""
from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")


def cache_folder(given: str | Path | None = None) -> Path:
    """``given``, else $CRAMPTEXT_CACHE_DIR, else the user's cache folder (platformdirs: e.g.
    ~/.cache/cramptext on Linux)."""
    if given:
        return Path(given)
    if os.environ.get("CRAMPTEXT_CACHE_DIR"):
        return Path(os.environ["CRAMPTEXT_CACHE_DIR"])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("cramptext", appauthor=False))


def kept(name: str, build: Callable[[], T], valid: Callable[[object], bool]) -> T:
    """What ``build()`` returns, kept as the pickle ``name`` in the cache folder and read back from
    there while it is ``valid`` (``name`` carries the hashes that say when it is stale). A copy
    that is missing or cannot be read is built again; a folder that cannot be written only means
    building it next time too."""
    path = cache_folder() / name
    try:
        with open(path, "rb") as handle:
            value = pickle.load(handle)
        if valid(value):
            return value
    except Exception:  # noqa: BLE001 - no copy, or one that cannot be read: build afresh
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=5)
        os.replace(tmp, path)  # a reader never sees half a file
    except OSError:
        pass
    return value
