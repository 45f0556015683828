"""Every line starts a sentence: headings and list items are not run-ons."""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("cramptext_line_breaks", assigns=["token.is_sent_start"])
def make_line_breaks(nlp: Language, name: str):
    return LineBreaks()


class LineBreaks:
    """Marks the first token of every line as a sentence start, and keeps a list
    item's bullet ("-", "•", "3.") in one sentence with its text.

    Placed before the parser, which keeps boundaries already set.
    """

    def __call__(self, doc: Doc) -> Doc:
        line_start = True
        for token in doc:
            if token.is_space:
                line_start = line_start or "\n" in token.text
                continue
            if line_start and token.i > 0:
                token.is_sent_start = True
            if line_start and is_bullet(token) and token.i + 1 < len(doc) and not doc[token.i + 1].is_space:
                doc[token.i + 1].is_sent_start = False
            line_start = "\n" in token.whitespace_
        return doc


def is_bullet(token) -> bool:
    """A list marker at the start of a line: a dash or bullet, or a number with "." or ")"."""
    if token.text in BULLETS or NUMBERED.fullmatch(token.text):
        return True
    following = token.nbor(1).text if token.i + 1 < len(token.doc) else ""
    return token.text.isdigit() and len(token.text) <= 2 and following in (".", ")")


BULLETS = frozenset({"-", "*", "+", "•", "–", "—", "·", "‣", "▪"})
NUMBERED = re.compile(r"\d{1,2}[.)]")
