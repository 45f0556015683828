"""The loaded rules, kept for the next run.

Loading validates every rule file against its kind's schema, and knowing the kinds means
importing them (and spaCy): a run whose documents are all cached would spend most of its
time there. So the rules, and which of them compare documents, are kept in the cache folder
under the hash of the rule files and of cramptext's code, and loaded from there when both
match. Anything wrong with the kept copy means loading the rules afresh.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ..fingerprints import code_version, ruleset_version
from ..io.cachedir import kept
from .rule import Rule


def rule_catalog(extra_dirs: Iterable[Path] = ()) -> tuple[list[Rule], frozenset[str]]:
    """Every rule (built-in and in ``extra_dirs``), and the codes of those that compare
    documents (``across_documents``)."""
    extra_dirs = [Path(d) for d in extra_dirs]

    def load() -> tuple[list[Rule], frozenset[str]]:
        from .loading import load_rules
        from .registry import CHECKS

        rules = load_rules(extra_dirs)
        return rules, frozenset(r.code for r in rules if CHECKS[r.kind].across_documents)

    name = f"rules-{code_version()}-{ruleset_version(extra_dirs)}-{_dirs_key(extra_dirs)}.pickle"
    return kept(name, load, lambda value: all(isinstance(r, Rule) for r in value[0]))


def _dirs_key(extra_dirs: list[Path]) -> str:
    import hashlib

    names = "\0".join(str(d.resolve()) for d in extra_dirs)
    return hashlib.sha256(names.encode("utf-8", "surrogatepass")).hexdigest()[:8]
