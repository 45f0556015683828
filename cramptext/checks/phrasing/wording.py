"""Helpers for phrasing fixes: keep the case of what is replaced, fill templates, inflect."""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

_TEMPLATE_FIELD = re.compile(r"\{(-?\d+)(:)?\}")


def keep_case(original: str, replacement: str) -> str:
    """``replacement`` cased like ``original`` (Title, UPPER or as written)."""
    if not replacement or not original:
        return replacement
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[0].isupper():
        return replacement[0].upper() + replacement[1:]
    return replacement


def fill_template(template: str, span: Span) -> str:
    """``{0}``: the first token's text, ``{-1}`` the last, ``{2:}`` tokens 2 to the end."""
    def field(m: re.Match) -> str:
        i = int(m.group(1))
        if m.group(2):
            return span[i:].text if -len(span) <= i < len(span) else ""
        return span[i].text if -len(span) <= i < len(span) else ""
    return _TEMPLATE_FIELD.sub(field, template)


def inflect_like(token: Token, lemma: str) -> str:
    """``lemma`` (a regular verb) in the form of ``token``: cramps, cramping, cramped."""
    tag = token.tag_
    if tag == "VBZ":
        return lemma + "s"
    if tag == "VBG":
        return lemma + "ing"
    if tag in ("VBD", "VBN"):
        return lemma + "ed"
    return lemma


def sentence_lemmas(span: Span) -> set[str]:
    return {t.lemma_.lower() for t in span.sent}
