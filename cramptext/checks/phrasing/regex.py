"""``regex``: a regular expression over the raw text, for what tokens hide ("honey.In")."""
from __future__ import annotations

import re
from typing import Iterator

from ...records import Finding
from ..base import PhrasingCheck, PhrasingInput


class RegexCheck(PhrasingCheck):
    """A regular expression over the raw text (for what tokens hide, e.g. 'honey.In')."""

    kind = "regex"
    params_schema = {"type": "object", "additionalProperties": False, "required": ["regex"],
                     "properties": {"regex": {"type": "string", "minLength": 1}}}

    def __init__(self, rule, context):
        super().__init__(rule, context)
        self.regex = re.compile(rule.params["regex"])

    def run(self, article: PhrasingInput) -> Iterator[Finding]:
        for m in self.regex.finditer(article.text):
            replacement = m.expand(self.rule.replacement) if self.rule.replacement is not None else None
            yield self.finding(article, m.start(), m.end(), replacement=replacement)
