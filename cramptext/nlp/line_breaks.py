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
        line: list = []
        for token in doc:
            if token.is_space:
                if "\n" in token.text:
                    self._mark(line)
                    line = []
                continue
            line.append(token)
            if "\n" in token.whitespace_:
                self._mark(line)
                line = []
        self._mark(line)
        return doc

    @staticmethod
    def _mark(line: list) -> None:
        """A line starts a sentence; a line with no sentence end inside it ("Soap Under the Sheet
        Can Prevent Cramps", "- Calcium channel blockers") is one sentence, its bullet included."""
        if not line:
            return
        if line[0].i > 0:
            line[0].is_sent_start = True
        if not any(t.text in SENTENCE_ENDS for t in line[:-1]):
            for token in line[1:]:
                token.is_sent_start = False
        elif is_bullet(line[0]) and len(line) > 1:
            line[1].is_sent_start = False


SENTENCE_ENDS = frozenset({".", "!", "?", "…", ";"})


def is_bullet(token) -> bool:
    """A list marker at the start of a line: a dash or bullet, or a number with "." or ")"."""
    if token.text in BULLETS or NUMBERED.fullmatch(token.text):
        return True
    following = token.nbor(1).text if token.i + 1 < len(token.doc) else ""
    return token.text.isdigit() and len(token.text) <= 2 and following in (".", ")")


BULLETS = frozenset({"-", "*", "+", "•", "–", "—", "·", "‣", "▪"})
NUMBERED = re.compile(r"\d{1,2}[.)]")
