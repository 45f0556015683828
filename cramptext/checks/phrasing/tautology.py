"""``tautology``: a noun explained by a clause with its own verb ("the cause that caused them").

Machine translation keeps Russian figures such as "причина, которая вызвала"
word for word, and English then says the same thing twice. Found on the parse:
a noun whose relative clause's verb has the same stem. Where the noun is "the
N that/which V-ed" the fix is "what V-ed"; otherwise the finding only points.
"""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Token

from ...records import Finding
from .wording import keep_case
from ..base import PhrasingCheck, PhrasingInput


class TautologyCheck(PhrasingCheck):
    """A noun explained by a clause with its own verb: 'the cause that caused their appearance'."""

    kind = "tautology"
    params_schema = {"type": "object", "additionalProperties": False,
                     "properties": {"min_stem": {"type": "integer", "minimum": 3}}}

    def __init__(self, rule, context):
        super().__init__(rule, context)
        self.min_stem = rule.params.get("min_stem", 5)

    def same_stem(self, a: Token, b: Token) -> bool:
        x, y = a.lemma_.lower(), b.lemma_.lower()
        if x == y:
            return True
        short, long_ = sorted((x, y), key=len)
        return len(short) >= self.min_stem and long_.startswith(short)

    def run(self, article: PhrasingInput) -> Iterator[Finding]:
        doc = article.doc
        for noun in doc:
            if noun.pos_ != "NOUN":
                continue
            for verb in noun.children:
                if verb.dep_ not in ("relcl", "acl") or verb.pos_ != "VERB" or not self.same_stem(noun, verb):
                    continue
                dets = [c for c in noun.children if c.dep_ == "det" and c.i < noun.i]
                start = dets[0] if dets else noun
                pronoun = doc[noun.i + 1] if noun.i + 1 < verb.i else None
                replacement = None
                if (dets and pronoun is not None and pronoun.lower_ in ("that", "which") and verb.i == noun.i + 2
                        and verb.tag_ in ("VBD", "VBZ")):
                    replacement = keep_case(start.text, f"what {verb.text}")
                yield self.finding(article, start.idx, verb.idx + len(verb), replacement=replacement)
