"""cramptext: extract, clean and check what health articles claim about leg cramps.

Library use (no click needed)::

    import cramptext
    nlp = cramptext.load()                      # spaCy pipeline; doc._.claims
    claims = cramptext.extract_claims("Dehydration can cause leg cramps.")
    result = cramptext.lint([cramptext.Document("a.txt", text)])
    fixed = list(cramptext.fix([cramptext.Document("a.txt", text)]))
"""
from __future__ import annotations

__version__ = "0.1.0"

# The library API, imported on first use: `cramptext --help` need not load spaCy.
_API = {"load", "extract", "extract_claims", "lint", "fix", "export", "report", "LintResult", "FixedDocument"}
__all__ = sorted(_API | {"Document", "__version__"})


def __getattr__(name: str):
    if name in _API:
        from . import api

        return getattr(api, name)
    if name == "Document":
        from .io.documents import Document

        return Document
    raise AttributeError(f"module 'cramptext' has no attribute {name!r}")
