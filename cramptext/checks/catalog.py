"""The loaded rules, kept for the next run.

Loading validates every rule file against its kind's schema, and knowing the kinds means
importing them (and spaCy): a run whose documents are all cached would spend most of its
time there. So the rules, and which of them compare documents, are kept in the cache folder
under the hash of the rule files and of cramptext's code, and loaded from there when both
match. Anything wrong with the kept copy means loading the rules afresh.
"""
from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from typing import Iterable

from ..fingerprints import code_version, ruleset_version
from ..io.cachedir import cache_folder
from .rule import Rule


def rule_catalog(extra_dirs: Iterable[Path] = ()) -> tuple[list[Rule], frozenset[str]]:
    """Every rule (built-in and in ``extra_dirs``), and the codes of those that compare
    documents (``across_documents``)."""
    extra_dirs = [Path(d) for d in extra_dirs]
    kept = None
    try:
        kept = cache_folder() / f"rules-{code_version()}-{ruleset_version(extra_dirs)}-{_dirs_key(extra_dirs)}.pickle"
        with open(kept, "rb") as handle:
            rules, across = pickle.load(handle)
        if all(isinstance(r, Rule) for r in rules):
            return rules, across
    except Exception:  # noqa: BLE001 - no copy, or one that cannot be read: load afresh
        pass
    from .loading import load_rules
    from .registry import CHECKS

    rules = load_rules(extra_dirs)
    across = frozenset(r.code for r in rules if CHECKS[r.kind].across_documents)
    if kept is not None:
        _keep(kept, (rules, across))
    return rules, across


def _dirs_key(extra_dirs: list[Path]) -> str:
    import hashlib

    names = "\0".join(str(d.resolve()) for d in extra_dirs)
    return hashlib.sha256(names.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def _keep(path: Path, value) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".rules.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=5)
        os.replace(tmp, path)
    except OSError:
        pass  # a cache folder we cannot write: load the rules each time
