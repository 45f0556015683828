"""Helpers for phrasing fixes: keep the case of what is replaced, fill templates, inflect."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

_TEMPLATE_FIELD = re.compile(r"\{(-?\d+)(?:(:)(-?\d+)?)?\}")
_SPACES = re.compile(r" {2,}")


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
    """``{0}``: the first token's text, ``{-1}`` the last, ``{2:}`` tokens 2 to the end, ``{2:-1}`` 2 up to the last.

    An empty slice leaves no double space behind ("{0} {1:-1} advise" on "doctors are advised").
    """
    def field(m: re.Match) -> str:
        i = int(m.group(1))
        if m.group(2):
            j = int(m.group(3)) if m.group(3) is not None else len(span)
            return span[i:j].text if -len(span) <= i < len(span) else ""
        return span[i].text if -len(span) <= i < len(span) else ""
    return _SPACES.sub(" ", _TEMPLATE_FIELD.sub(field, template)).strip()


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


def inflect_verb(lemma: str, tag: str) -> str:
    """A regular verb ``lemma`` in the form a Penn ``tag`` names: relieves, relieving, relieved."""
    if tag == "VBZ":
        return lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else "s")
    if tag == "VBG":
        return (lemma[:-1] if lemma.endswith("e") and not lemma.endswith("ee") else lemma) + "ing"
    if tag in ("VBD", "VBN"):
        return lemma + ("d" if lemma.endswith("e") else "ed")
    return lemma


def sentence_lemmas(span: Span) -> set[str]:
    return {t.lemma_.lower() for t in span.sent}


def nearby_lemmas(doc: Doc, span: Span, sentences_before: int = 0, sentences_after: int = 0) -> set[str]:
    """Lemmas (and lower-case forms) of ``span``'s sentence and of the sentences just before and after it."""
    sent = span.sent
    start, end = sent.start, sent.end
    for _ in range(sentences_before):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    for _ in range(sentences_after):
        if end >= len(doc):
            break
        end = doc[end].sent.end
    return {t.lemma_.lower() for t in doc[start:end]} | {t.lower_ for t in doc[start:end]}


def _vowel_sound(word: str) -> bool:
    w = word.lower()
    if w.startswith(("uni", "use", "usu", "eu", "one")):
        return False
    if w.startswith(("hour", "honest", "herb")):
        return True
    return w[:1] in "aeiou"


def article_for(doc: Doc, start: int, replacement: str) -> tuple[int, str] | None:
    """When ``doc[start - 1]`` is "a"/"an" and ``replacement`` needs the other one: (token index, article)."""
    if start == 0 or not replacement:
        return None
    before = doc[start - 1]
    if before.lower_ not in ("a", "an"):
        return None
    wanted = "an" if _vowel_sound(replacement) else "a"
    if before.lower_ == wanted:
        return None
    return before.i, keep_case(before.text, wanted)
