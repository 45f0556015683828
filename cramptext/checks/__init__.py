"""The checks that run rules, one class per rule ``kind`` (Vale's ``extends``).

A check is built from a rule and returns findings for an article; it never
prints. ``PARAM_SCHEMAS`` lets the rule loader validate each rule's
``params`` against what its check expects.
"""
from __future__ import annotations

from .base import Article, Check
from .phrasing import PHRASING_CHECKS

CHECKS: dict[str, type[Check]] = {}
for _check in PHRASING_CHECKS:
    CHECKS[_check.kind] = _check

try:  # claim, consistency, completeness and readability checks
    from .claims import CLAIM_CHECKS
except ImportError:  # pragma: no cover - during bootstrap only
    CLAIM_CHECKS = ()
from .signs import SIGN_CHECKS  # noqa: E402

for _check in (*CLAIM_CHECKS, *SIGN_CHECKS):
    CHECKS[_check.kind] = _check

PARAM_SCHEMAS = {kind: check.params_schema for kind, check in CHECKS.items()}

__all__ = ["Article", "Check", "CHECKS", "PARAM_SCHEMAS"]
