"""What a check is built with, what it reads, and the two kinds of check.

A phrasing check (CT1xx) reads the parse of the original text and runs
before claims are extracted; an article check (CT2xx–CT5xx) reads the
article's claims and runs after. The class a check derives from is its
stage, and it fixes the rule categories it may serve (checked when rules
load). Checks return findings and never print.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, ClassVar, Iterator

from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..knowledge import Lexicon
from ..records import Claim, Finding, line_col
from .rule import Rule
from .shared_patterns import SharedPatterns

ARTICLE_CATEGORIES = frozenset({"claim", "consistency", "completeness", "readability"})


@dataclass(frozen=True)
class CheckContext:
    """Passed to every check when it is built: the same lexicon the pipeline matched with."""

    vocab: Vocab
    tokenizer: Callable[[str], Doc]  # for phrase patterns
    lexicon: Lexicon
    max_grade: float | None = None  # readability limit from the configuration (max-grade), if set
    # token patterns of the phrasing rules, matched once per document for all of them
    patterns: SharedPatterns | None = field(default=None, compare=False)

    def __post_init__(self):
        if self.patterns is None:
            object.__setattr__(self, "patterns", SharedPatterns(self.vocab))


@dataclass(frozen=True)
class PhrasingInput:
    source: str
    text: str  # as read: every offset refers to it
    doc: Doc  # parse of ``text``
    cache: dict = field(default_factory=dict, compare=False, repr=False)  # what checks share about this parse


@dataclass(frozen=True)
class ArticleInput:
    source: str
    text: str  # as read: every offset refers to it
    claims: list[Claim] = field(default_factory=list)


class Check:
    kind: ClassVar[str] = ""
    categories: ClassVar[frozenset] = frozenset()
    # True for checks that compare a document with the earlier ones of a run: the engine runs
    # them in input order, in one process, after the per-document work (which may run elsewhere).
    across_documents: ClassVar[bool] = False
    params_schema: ClassVar[dict] = {"type": "object", "additionalProperties": False, "properties": {}}

    def __init__(self, rule: Rule, context: CheckContext):
        self.rule = rule
        self.context = context

    def finding(self, article: PhrasingInput | ArticleInput, start: int, end: int, *,
                replacement: str | None = None, applicability: str | None = None, related=(),
                **message_values) -> Finding:
        """A finding of this check's rule; ``applicability`` overrides the rule's for this fix."""
        rule = self.rule
        line, column = line_col(article.text, start)
        message_values.setdefault("match", article.text[start:end])
        message_values.setdefault("replacement", replacement or "")
        return Finding(source=article.source, rule=rule.code, name=rule.name, category=rule.category,
                       severity=rule.severity, start=start, end=end, line=line, column=column,
                       message=rule.format_message(**message_values), replacement=replacement,
                       applicability=(applicability or rule.applicability) if replacement is not None else None,
                       related=tuple(related))


class PhrasingCheck(Check):
    categories = frozenset({"phrasing"})

    def run(self, article: PhrasingInput) -> Iterator[Finding]:
        raise NotImplementedError


class ArticleCheck(Check):
    categories = ARTICLE_CATEGORIES

    def run(self, article: ArticleInput) -> Iterator[Finding]:
        raise NotImplementedError

    def reset(self) -> None:
        """Forget earlier articles; the engine calls it when a run starts (for checks across a corpus)."""
