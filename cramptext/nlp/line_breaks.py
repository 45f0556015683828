"""Every line starts a sentence: headings and list items are not run-ons."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("cramptext_line_breaks", assigns=["token.is_sent_start"])
def make_line_breaks(nlp: Language, name: str):
    return LineBreaks()


class LineBreaks:
    """Marks the first token of every line as a sentence start.

    Placed before the parser, which keeps boundaries already set.
    """

    def __call__(self, doc: Doc) -> Doc:
        for token in doc[1:]:
            prev = doc[token.i - 1]
            if "\n" in prev.text_with_ws and not token.is_space:
                token.is_sent_start = True
        return doc
