"""``mojibake`` (CT120 mojibake): text decoded with the wrong encoding ("Itâ€™s"), repaired by ftfy."""
from __future__ import annotations

import difflib
from typing import Iterator

import ftfy

from ...records import Finding
from ..base import PhrasingCheck, PhrasingInput


class MojibakeCheck(PhrasingCheck):
    """Text decoded with the wrong encoding ("Itâ€™s", "CafÃ©"), put right by ftfy."""

    kind = "mojibake"
    params_schema = {"type": "object", "additionalProperties": False, "properties": {}}

    def run(self, article: PhrasingInput) -> Iterator[Finding]:
        text = article.text
        # Only mis-decoding is repaired: quotes, line breaks and Unicode forms stay as written.
        fixed = ftfy.fix_text(text, uncurl_quotes=False, fix_line_breaks=False, normalization=None,
                              fix_latin_ligatures=False, fix_character_width=False)
        if fixed == text:
            return
        matcher = difflib.SequenceMatcher(None, text, fixed, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op in ("replace", "delete") and i2 > i1:
                yield self.finding(article, i1, i2, replacement=fixed[j1:j2])
