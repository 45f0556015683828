"""``readability`` (CT501 hard-to-read): paragraphs above a school-grade limit."""
from __future__ import annotations

import re
from typing import Iterator

from ...records import Finding
from ...nlp.structure import RE_BLANK_LINE, RE_HTML_COMMENT, RE_HTML_TAG, RE_LIST_ITEM, heading_title
from ..base import ArticleCheck, ArticleInput


# A paragraph is graded on at most this much of its text: the grade is an average that a few
# thousand words settle, and a wall of text without breaks is unreadable long before.
MAX_PARAGRAPH_CHARS = 20_000


def _within(text: str, limit: int) -> int:
    """Where to cut ``text`` to at most ``limit`` characters: at the last space before it."""
    if len(text) <= limit:
        return len(text)
    cut = text.rfind(" ", 0, limit)
    return cut if cut > 0 else limit


class ReadabilityCheck(ArticleCheck):
    """Paragraphs whose Flesch-Kincaid grade is above the limit (CT501).

    The limit is the configuration's ``max-grade`` when it sets one, else the
    rule's ``params.max_grade``. Grades come
    from ``textacy.text_stats.readability.flesch_kincaid_grade_level`` on the
    paragraph split by the English tokenizer and a sentencizer (syllables by
    pyphen): the pipeline's own tokenizer when the check is given one (the same
    tokens as a blank English pipeline's on the seed, real and test articles,
    without building a second one), else a blank pipeline's.
    """

    kind = "readability"
    params_schema = {
        "type": "object", "additionalProperties": False, "required": ["max_grade"],
        "properties": {
            "max_grade": {"type": "number", "minimum": 0},  # the limit when the configuration sets none
            "min_words": {"type": "integer", "minimum": 1},
        },
    }
    _nlp = None  # shared blank pipeline, built on first use

    def __init__(self, rule, context):
        super().__init__(rule, context)
        limit = context.max_grade if context.max_grade is not None else rule.params["max_grade"]
        self.max_grade = float(limit)
        self.min_words = int(rule.params.get("min_words", 40))
        self.tokenizer = context.tokenizer
        self._sentencizer = None

    def split(self, text: str):
        """``text`` as tokens and sentences."""
        if self.tokenizer is None:
            return self.blank_pipeline()(text)
        if self._sentencizer is None:
            from spacy.pipeline import Sentencizer

            self._sentencizer = Sentencizer()  # the "sentencizer" factory's defaults
        return self._sentencizer(self.tokenizer(text))

    @classmethod
    def blank_pipeline(cls):
        if cls._nlp is None:
            import spacy

            nlp = spacy.blank("en")
            nlp.add_pipe("sentencizer")
            cls._nlp = nlp
        return cls._nlp

    @staticmethod
    def prose(text: str) -> str:
        """``text`` with markup, headings and list items blanked out, offsets kept."""
        def blank(m: re.Match) -> str:
            return re.sub(r"[^\n]", " ", m.group(0))
        text = RE_HTML_COMMENT.sub(blank, text)
        lines = []
        for line in text.splitlines(keepends=True):
            body = line.rstrip("\r\n")
            if RE_LIST_ITEM.match(body) or heading_title(body) is not None:
                line = " " * len(body) + line[len(body):]
            lines.append(line)
        return RE_HTML_TAG.sub(blank, "".join(lines))

    def paragraphs(self, text: str) -> Iterator[tuple[int, str]]:
        start = 0
        for m in RE_BLANK_LINE.finditer(text):
            yield start, text[start:m.start()]
            start = m.end()
        yield start, text[start:]

    @staticmethod
    def first_sentence(doc, offset: int, text: str) -> tuple[int, int]:
        """Span of the paragraph's first sentence in ``text``, cut at the end of its first line."""
        sent = next((s for s in doc.sents if s.text.strip()), doc[:])
        start = offset + sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
        end = offset + sent.end_char
        line_end = text.find("\n", start, end)
        if line_end != -1:  # a sentence over several lines: its first line
            end = line_end
        return start, start + len(text[start:end].rstrip())

    def run(self, article: ArticleInput) -> Iterator[Finding]:
        limit = self.max_grade
        for offset, paragraph in self.paragraphs(self.prose(article.text)):
            if len(paragraph.split(maxsplit=self.min_words)) < self.min_words:  # no list of every word
                continue
            # textacy (about a second to import, with scikit-learn) only once a paragraph is long
            # enough to grade: a run over short texts never loads it
            from textacy.text_stats import readability
            from textacy.text_stats.utils import get_words

            doc = self.split(paragraph[:_within(paragraph, MAX_PARAGRAPH_CHARS)])
            n_words = sum(1 for _ in get_words(doc))
            if n_words < self.min_words:
                continue
            grade = readability.flesch_kincaid_grade_level(doc)
            if grade <= limit:
                continue
            start, end = self.first_sentence(doc, offset, article.text)
            yield self.finding(article, start, end, grade=f"{grade:.1f}", max_grade=f"{limit:g}",
                               words=n_words)
