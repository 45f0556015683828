"""cramptext: extract, clean and check what health articles claim about leg cramps.

Library use (no click needed)::

    import cramptext
    nlp = cramptext.load()                      # spaCy pipeline; doc._.claims, doc._.triples
    claims = cramptext.extract_claims("Dehydration can cause leg cramps.")
    result = cramptext.lint([cramptext.Document("a.txt", text)])
    fixed = list(cramptext.fix([cramptext.Document("a.txt", text)]))
    links = list(cramptext.triples([cramptext.Document("a.txt", text)]))
    summary = cramptext.summarise_triples(links)
"""
from __future__ import annotations

__version__ = "0.1.0"

# The library API, imported on first use: `cramptext --help` need not load spaCy.
_API = {"load", "extract", "extract_claims", "lint", "fix", "export", "report", "triples", "summarise_triples",
        "LintResult", "FixedDocument"}
__all__ = sorted(_API | {"Document", "__version__"})


def __getattr__(name: str):
    if name in _API:
        from . import api

        return getattr(api, name)
    if name == "Document":
        from .io.documents import Document

        return Document
    raise AttributeError(f"module 'cramptext' has no attribute {name!r}")
