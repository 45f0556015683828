"""Running the checks that compare a document with the earlier ones of a run (``across_documents``):
in input order and in one process, after the per-document work, wherever that ran."""
from __future__ import annotations

from typing import Sequence

from ..records import CRAMPS
from .base import ArticleCheck, ArticleInput


class CorpusChecks:
    def __init__(self, checks: Sequence[ArticleCheck], every_topic: bool = False):
        self.checks = list(checks)
        self.every_topic = every_topic
        self.reset()

    def reset(self) -> None:
        for check in self.checks:
            check.reset()  # a new run starts with no earlier documents

    def __call__(self, result):
        """``result`` (a ``DocumentResult``) with the findings of these checks added."""
        about_cramps = result.topic is None or result.topic.topic == CRAMPS
        if self.checks and result.error is None and (about_cramps or self.every_topic):
            whole = ArticleInput(result.document.source, result.document.text, result.claims)
            result.findings.extend(f for check in self.checks for f in check.run(whole))
            result.findings.sort(key=lambda f: (f.start, f.end, f.rule))
        return result
