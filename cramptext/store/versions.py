"""What an export records about how its documents were analysed: the spaCy model, the rule set
and the time."""
from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

from .model import Provenance


def model_of(nlp) -> tuple[str, str]:
    """The pipeline's package name and version from its meta (``en_core_web_sm``, ``3.8.0``)."""
    meta = getattr(nlp, "meta", {}) or {}
    lang, name = meta.get("lang", ""), meta.get("name", "")
    return (f"{lang}_{name}" if lang and name else name or lang), str(meta.get("version", ""))


def ruleset_version(extra_dirs: Iterable[Path] = ()) -> str:
    """A hash of the rule data: every YAML file of the shipped data (lexicon, cues, context, rules)
    and of the extra rule folders, by relative path and content. Short: 16 hex digits."""
    from ..knowledge import data_dir

    digest = hashlib.sha256()
    for folder in [data_dir(), *map(Path, extra_dirs)]:
        if not folder.is_dir():
            continue
        digest.update(b"\0folder\0")
        for path in sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()):
            digest.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def provenance(nlp=None, extra_dirs: Iterable[Path] = ()) -> Provenance:
    model, version = model_of(nlp) if nlp is not None else ("", "")
    return Provenance(model=model, model_version=version, ruleset_version=ruleset_version(extra_dirs),
                      analysed_at=now())
