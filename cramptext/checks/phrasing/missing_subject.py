"""``missing-subject``: a statement with no subject where English needs one ("Need to relieve the spasm").

Russian impersonal sentences ("Нужно снять спазм", "Необходимо пить воду")
have no subject; machine translation leaves none: "Need to relieve the spasm",
"Is necessary to drink more water", "..., need to treat it". Found on the
parse: "need" with a to-infinitive, or "is/are" with an adjective of
necessity (``adjectives``), as the main verb with no subject, at the start
of a statement or just after a comma. No safe fix: "you need", "it is" or a
rewrite, so the finding points.
"""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Token

from ...records import Finding
from ..base import PhrasingCheck, PhrasingInput

_WORDS = {"type": "array", "items": {"type": "string", "minLength": 1}}
_SUBJECTS = ("nsubj", "nsubjpass", "expl", "csubj", "csubjpass")


class MissingSubjectCheck(PhrasingCheck):
    """A statement with no subject where English needs one: 'Need to relieve the spasm'."""

    kind = "missing-subject"
    params_schema = {
        "type": "object", "additionalProperties": False, "required": ["verbs", "copulas", "adjectives"],
        "properties": {"verbs": _WORDS, "copulas": _WORDS, "adjectives": _WORDS},
    }

    def __init__(self, rule, context):
        super().__init__(rule, context)
        p = rule.params
        self.verbs = set(p["verbs"])
        self.copulas = set(p["copulas"])
        self.adjectives = set(p["adjectives"])

    @staticmethod
    def _opens_clause(token: Token) -> bool:
        """First in its statement (written with a capital), or just after a comma or semicolon."""
        sent = token.sent
        if token.i == sent.start:
            return token.text[:1].isupper()
        return token.doc[token.i - 1].text in (",", ";")

    def run(self, article: PhrasingInput) -> Iterator[Finding]:
        doc = article.doc
        for token in doc:
            if token.dep_ != "ROOT" or any(c.dep_ in _SUBJECTS for c in token.children):
                continue
            if token.sent.text.rstrip().endswith(("?", ":")) or not self._opens_clause(token):
                continue
            if token.lemma_.lower() in self.verbs:
                xcomp = [c for c in token.children if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)]
                if xcomp:
                    yield self.finding(article, token.idx, xcomp[0].idx + len(xcomp[0]))
            elif token.lower_ in self.copulas:
                comp = [c for c in token.children if c.dep_ in ("acomp", "attr") and c.lower_ in self.adjectives]
                if comp:
                    yield self.finding(article, token.idx, comp[0].idx + len(comp[0]))
