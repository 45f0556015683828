"""Every line starts a sentence: headings and list items are not run-ons."""
from __future__ import annotations

import re

import numpy
from spacy.attrs import SENT_START
from spacy.errors import Errors
from spacy.language import Language
from spacy.tokens import Doc

# Token.sent_start values as Doc.to_array gives them (uint64): a start, and not a start.
IS_START, NOT_START = numpy.uint64(1), numpy.uint64(2**64 - 1)


@Language.factory("cramptext_line_breaks", assigns=["token.is_sent_start"])
def make_line_breaks(nlp: Language, name: str):
    return LineBreaks()


class LineBreaks:
    """Marks the first token of every line as a sentence start, and keeps a list
    item's bullet ("-", "•", "3.") in one sentence with its text.

    Placed before the parser, which keeps boundaries already set.
    """

    def __call__(self, doc: Doc) -> Doc:
        starts: dict[int, bool] = {}  # token index -> is a sentence start (the last decision wins)
        line: list = []
        for token in doc:
            if token.is_space:
                if "\n" in token.text:
                    self._mark(line, starts)
                    line = []
                continue
            line.append(token)
            if "\n" in token.whitespace_:
                self._mark(line, starts)
                line = []
        self._mark(line, starts)
        if starts:
            # One write for the whole Doc: setting Token.is_sent_start checks the whole Doc for
            # a parse each time, which made a text of many short lines quadratic.
            if doc.has_annotation("DEP"):
                raise ValueError(Errors.E043)
            values = doc.to_array([SENT_START]).reshape(len(doc))
            for i, start in starts.items():
                values[i] = IS_START if start else NOT_START
            doc.from_array([SENT_START], values)
        return doc

    @staticmethod
    def _mark(line: list, starts: dict[int, bool]) -> None:
        """A line starts a sentence; a line with no sentence end inside it ("Soap Under the Sheet
        Can Prevent Cramps", "- Calcium channel blockers") is one sentence, its bullet included."""
        if not line:
            return
        if line[0].i > 0:
            starts[line[0].i] = True
        if not any(t.text in SENTENCE_ENDS for t in line[:-1]):
            for token in line[1:]:
                starts[token.i] = False
        elif is_bullet(line[0]) and len(line) > 1:
            starts[line[1].i] = False


SENTENCE_ENDS = frozenset({".", "!", "?", "…", ";"})


def is_bullet(token) -> bool:
    """A list marker at the start of a line: a dash or bullet, or a number with "." or ")"."""
    if token.text in BULLETS or NUMBERED.fullmatch(token.text):
        return True
    following = token.nbor(1).text if token.i + 1 < len(token.doc) else ""
    return token.text.isdigit() and len(token.text) <= 2 and following in (".", ")")


BULLETS = frozenset({"-", "*", "+", "•", "–", "—", "·", "‣", "▪"})
NUMBERED = re.compile(r"\d{1,2}[.)]")
