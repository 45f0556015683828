"""What every check sees (an ``Article``) and the base class of checks."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from spacy.tokens import Doc

from ..records import Claim, Finding, line_col
from ..rules import Rule


@dataclass
class Article:
    source: str
    text: str  # as read: every offset refers to it
    doc: Doc  # parse of ``text``
    claims: list[Claim] = field(default_factory=list)
    max_grade: float = 8.0  # readability limit (configuration: max-grade)


class Check:
    kind: str = ""
    params_schema: dict = {"type": "object", "additionalProperties": False, "properties": {}}
    # Phrasing checks run before claims are extracted, the others after.
    stage: str = "phrasing"

    def __init__(self, rule: Rule, nlp):
        self.rule = rule
        self.nlp = nlp

    def run(self, article: Article) -> Iterator[Finding]:
        raise NotImplementedError

    def finding(self, article: Article, start: int, end: int, *, replacement: str | None = None,
                related=(), **message_values) -> Finding:
        rule = self.rule
        line, column = line_col(article.text, start)
        message_values.setdefault("match", article.text[start:end])
        message_values.setdefault("replacement", replacement or "")
        return Finding(source=article.source, rule=rule.code, name=rule.name, category=rule.category,
                       severity=rule.severity, start=start, end=end, line=line, column=column,
                       message=rule.format_message(**message_values), replacement=replacement,
                       applicability=rule.applicability if replacement is not None else None,
                       related=tuple(related))
