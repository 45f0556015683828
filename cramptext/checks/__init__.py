"""Checks: rules (YAML data) run by check kinds (code), one module per kind.

``base`` defines what a check is built with and reads, ``registry`` maps a
rule's ``kind`` to its check, ``loading`` reads and validates rule files,
``catalog`` keeps the loaded rules for the next run.

Names are imported on first use (PEP 562): the check kinds need spaCy, and a run
whose results are all cached must not pay for importing it.
"""
from __future__ import annotations

from importlib import import_module

_WHERE = {"ArticleCheck": "base", "ArticleInput": "base", "Check": "base", "CheckContext": "base",
          "PhrasingCheck": "base", "PhrasingInput": "base", "load_rule": "loading", "load_rules": "loading",
          "CHECKS": "registry", "PARAM_SCHEMAS": "registry", "Rule": "rule"}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name in _WHERE:
        return getattr(import_module(f".{_WHERE[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
