"""The configured spaCy pipeline: an English model plus cramptext's components."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from spacy.language import Language

from . import claims, concepts, context, line_breaks, triples  # noqa: F401  (register the factories)
from .model import load_base_pipeline
from .structure import RE_BLANK_LINE

# Components that turn a parse into claims and the links between them, in order;
# phrasing checks need only the parse.
CLAIM_COMPONENTS = ("cramptext_concepts", "cramptext_context", "cramptext_claims", "cramptext_triples")


def load(model: str | None = None, *, rules_dir: str | Path | None = None) -> Language:
    """An English pipeline with cramptext's components added (``doc._.claims``, ``doc._.triples``)."""
    nlp = load_base_pipeline(model)
    rules = str(rules_dir) if rules_dir else None
    nlp.add_pipe("cramptext_line_breaks", before="parser")
    for name in CLAIM_COMPONENTS:
        nlp.add_pipe(name, config={"rules_dir": rules}).initialize(nlp=nlp)
    return nlp


@lru_cache(maxsize=4)
def cached_pipeline(model: str | None = None, rules_dir: str | None = None) -> Language:
    return load(model, rules_dir=rules_dir)


def chunks(text: str, limit: int) -> list[tuple[int, str]]:
    """(offset, piece) pairs covering ``text``, each at most ``limit`` characters,
    cut at a blank line where possible, else at a line break or a space."""
    if len(text) <= limit:
        return [(0, text)]
    pieces, start = [], 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            cut = max((m.end() for m in RE_BLANK_LINE.finditer(text, start, end)), default=0)
            if cut <= start:
                cut = max(text.rfind("\n", start, end), text.rfind(" ", start, end)) + 1
            end = cut if cut > start else end
        pieces.append((start, text[start:end]))
        start = end
    return pieces
