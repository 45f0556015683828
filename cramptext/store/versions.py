"""What an export records about how its documents were analysed: the spaCy model, the rule set
and the time."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

from ..fingerprints import ruleset_version
from .model import Provenance

__all__ = ["now", "provenance", "ruleset_version"]


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def provenance(model: str | None = None, extra_dirs: Iterable[Path] = ()) -> Provenance:
    """How the run analyses: the model (by name, read from its meta.json without loading it),
    the rule set's hash and the time."""
    from ..nlp.model import model_identity

    model, version = model_identity(model)
    return Provenance(model=model, model_version=version, ruleset_version=ruleset_version(extra_dirs),
                      analysed_at=now())
