"""What a renderer may need besides the records: the documents' texts, the rules, the tool's version."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..records import RuleInfo


@dataclass(frozen=True)
class OutputContext:
    texts: dict[str, str] = field(default_factory=dict)  # source -> text as read
    rules: dict[str, RuleInfo] = field(default_factory=dict)  # code -> rule
    tool_version: str = ""
    # Document summaries and disagreements between articles: after the findings in text, json and jsonl.
    summaries: tuple = ()
