"""Where cramptext keeps work for the next run (results, parses, loaded rules)."""
from __future__ import annotations

import os
from pathlib import Path


def cache_folder(given: str | Path | None = None) -> Path:
    """``given``, else $CRAMPTEXT_CACHE_DIR, else the user's cache folder (platformdirs: e.g.
    ~/.cache/cramptext on Linux)."""
    if given:
        return Path(given)
    if os.environ.get("CRAMPTEXT_CACHE_DIR"):
        return Path(os.environ["CRAMPTEXT_CACHE_DIR"])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("cramptext", appauthor=False))
