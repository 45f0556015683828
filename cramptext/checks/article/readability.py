"""``readability`` (CT501 hard-to-read): paragraphs above a school-grade limit."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ...records import Finding
from ...nlp.structure import RE_BLANK_LINE, RE_HTML_COMMENT, RE_HTML_TAG, RE_LIST_ITEM, heading_title
from ..base import ArticleCheck, ArticleInput


# A paragraph is graded on at most this much of its text: the grade is an average that a few
# thousand words settle, and a wall of text without breaks is unreadable long before.
MAX_PARAGRAPH_CHARS = 20_000


@lru_cache(maxsize=1)
def _hyphenator():
    import pyphen  # the hyphenation dictionaries (about 0.1 s): only once a paragraph is graded

    return pyphen.Pyphen(lang="en")


@lru_cache(maxsize=65_536)
def syllables(word: str) -> int:
    """Syllables of a lower-case word: its hyphenation points (pyphen) plus one, as textacy counts."""
    return len(_hyphenator().positions(word)) + 1


def flesch_kincaid_grade(doc) -> tuple[float, int]:
    """The Flesch-Kincaid grade of a tokenised, sentence-split text, and its number of words.

    The grade of ``textacy.text_stats.readability.flesch_kincaid_grade_level``, computed the same
    way (words: tokens that are neither punctuation nor space; syllables by pyphen; the same
    arithmetic, so the same float; a test holds them equal) without importing textacy, which
    brings scikit-learn and SciPy: about 0.8 s of every run, for one formula.
    """
    words = [token.lower_ for token in doc if not (token.is_punct or token.is_space)]
    n_words, n_sents = len(words), sum(1 for _ in doc.sents)
    if not n_words:
        return 0.0, 0
    n_syllables = sum(syllables(word) for word in words)
    return (11.8 * n_syllables / n_words) + (0.39 * n_words / n_sents) - 15.59, n_words


def _within(text: str, limit: int) -> int:
    """Where to cut ``text`` to at most ``limit`` characters: at the last space before it."""
    if len(text) <= limit:
        return len(text)
    cut = text.rfind(" ", 0, limit)
    return cut if cut > 0 else limit


class ReadabilityCheck(ArticleCheck):
    """Paragraphs whose Flesch-Kincaid grade is above the limit (CT501).

    The limit is the configuration's ``max-grade`` when it sets one, else the
    rule's ``params.max_grade``. Grades are textacy's Flesch-Kincaid grade level
    (``flesch_kincaid_grade``) of the paragraph split by the English tokenizer
    and a sentencizer (syllables by pyphen): the pipeline's own tokenizer when
    the check is given one (the same tokens as a blank English pipeline's on the
    seed, real and test articles, without building a second one), else a blank
    pipeline's.
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
            doc = self.split(paragraph[:_within(paragraph, MAX_PARAGRAPH_CHARS)])
            grade, n_words = flesch_kincaid_grade(doc)
            if n_words < self.min_words or grade <= limit:
                continue
            start, end = self.first_sentence(doc, offset, article.text)
            yield self.finding(article, start, end, grade=f"{grade:.1f}", max_grade=f"{limit:g}",
                               words=n_words)
