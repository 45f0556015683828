"""Rule selectors: a code ("CT201"), a prefix ("CT2") or ALL, as in ruff.

One implementation for the configuration (select / ignore / severity /
per-file-ignores) and for inline suppression comments.
"""
from __future__ import annotations

ALL = "ALL"


def selector_rank(selector: str, code: str) -> int | None:
    """How specifically `selector` names `code` (longer prefix = more specific); None if not."""
    if selector == ALL:
        return 0
    return len(selector) if code.startswith(selector) else None


def best_rank(selectors: tuple[str, ...], code: str) -> int | None:
    ranks = [r for r in (selector_rank(s, code) for s in selectors) if r is not None]
    return max(ranks) if ranks else None


def is_selected(code: str, enable: tuple[str, ...], disable: tuple[str, ...]) -> bool:
    """Most specific selector wins; on a tie `ignore` wins (as in ruff)."""
    on, off = best_rank(enable, code), best_rank(disable, code)
    return on is not None and (off is None or on > off)


def names(selector: str, code: str) -> bool:
    """Whether ``selector`` covers rule ``code``."""
    return selector_rank(selector, code) is not None


def is_known_selector(selector: str, known_codes: set[str]) -> bool:
    """Whether ``selector`` names at least one known rule."""
    return selector == ALL or any(code.startswith(selector) for code in known_codes)
