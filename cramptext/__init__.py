"""cramptext: extract, clean and check what health articles claim about leg cramps.

Library use::

    import cramptext
    nlp = cramptext.load()                      # spaCy pipeline; doc._.claims
    claims = cramptext.extract_claims("Dehydration can cause leg cramps.")
"""
from __future__ import annotations

__version__ = "0.1.0"


def load(model: str | None = None, *, rules_dir=None):
    """The configured spaCy pipeline (English model + cramptext components)."""
    from .pipeline import load as _load

    return _load(model, rules_dir=rules_dir)


def extract_claims(text: str, *, source: str = "-", model: str | None = None):
    """Claims in ``text`` (read through the phrasing fixes), as ``Claim`` records."""
    from .analysis import Analyzer
    from .documents import Document
    from .pipeline import cached_pipeline
    from .rules import load_rules

    nlp = cached_pipeline(model)
    phrasing = [r for r in load_rules() if r.category == "phrasing"]
    (result,) = Analyzer(nlp, phrasing, checks=False).run([Document(source, text)])
    return result.claims
