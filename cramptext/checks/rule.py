"""A rule: one YAML file under ``rules/phrasing`` or ``rules/checks`` (code, name, why, fix...)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..records import RuleInfo


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    category: str
    severity: str
    kind: str
    message: str
    why: str
    applicability: str | None
    replacement: str | None
    patterns: tuple = field(default=(), compare=False)
    params: dict = field(default_factory=dict, compare=False, hash=False)
    source_title: str | None = None
    source_url: str | None = None
    examples: dict = field(default_factory=dict, compare=False, hash=False)
    path: Path | None = field(default=None, compare=False)
    enabled_by_default: bool = True  # false: runs only when a selector names it (--select CT302)

    def info(self) -> RuleInfo:
        return RuleInfo(code=self.code, name=self.name, category=self.category, severity=self.severity,
                        message=self.message, why=self.why, applicability=self.applicability,
                        source_title=self.source_title, source_url=self.source_url)

    def format_message(self, **values) -> str:
        try:
            return self.message.format(**values)
        except (KeyError, IndexError, ValueError):
            return self.message
