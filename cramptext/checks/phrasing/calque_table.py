"""``calque-table``: a family of word-for-word translations, one Matcher pattern on lemmas per entry.

Each entry of the rule's ``params.entries`` is a spaCy Matcher pattern with its
own replacement template (``{0}``, ``{-1}``, ``{2:}``, ``{1:-1}`` as in the
``pattern`` kind; none for a finding that only points), and may ask for
context: ``near`` (a lemma in the sentence, or in the ``sentences_before``
before it), ``not_near``, ``not_after`` (words that must not come just
before the match), ``not_after_pos``, ``not_before`` (words that must not
follow it) and ``not_governed_by`` (lemmas of the
word the match's first word depends on: "look at people" is English). The longest match wins where
entries overlap.
"""
from __future__ import annotations

from typing import Iterator

from spacy.errors import MatchPatternError
from spacy.util import filter_spans

from ...errors import RuleError
from ...records import Finding
from .wording import article_for, fill_template, keep_case, nearby_lemmas
from ..base import PhrasingCheck, PhrasingInput

_WORDS = {"type": "array", "items": {"type": "string", "minLength": 1}}
_ENTRY = {
    "type": "object", "additionalProperties": False, "required": ["pattern"],
    "properties": {
        "pattern": {"type": "array", "minItems": 1, "items": {"type": "object"}},
        "replace": {"type": ["string", "null"]},
        "replace_plural": {"type": "string"},  # used when the last matched word is plural
        "applicability": {"enum": ["safe", "unsafe", "display"]},
        "near": _WORDS, "not_near": _WORDS,
        "sentences_before": {"type": "integer", "minimum": 0, "maximum": 3},
        "not_after": _WORDS, "not_after_pos": _WORDS, "not_before": _WORDS,
        "not_governed_by": _WORDS,  # lemmas of the word the match's first word depends on ("look at people")
    },
}


class CalqueTableCheck(PhrasingCheck):
    """A family of word-for-word translations: Matcher patterns on lemmas, each with its own fix."""

    kind = "calque-table"
    params_schema = {"type": "object", "additionalProperties": False, "required": ["entries"],
                     "properties": {"entries": {"type": "array", "minItems": 1, "items": _ENTRY}}}

    def __init__(self, rule, context):
        super().__init__(rule, context)
        self.entries = rule.params["entries"]
        self.keys = {}
        for i, entry in enumerate(self.entries):
            key = f"{rule.code}-{i}"
            try:
                match_id = context.patterns.add(key, [entry["pattern"]])
            except (MatchPatternError, ValueError) as err:
                first_line = str(err).strip().splitlines()[0]
                raise RuleError(f"{rule.path}: params/entries/{i}/pattern: not a spaCy Matcher pattern "
                                f"({first_line}; quote YAML words such as \"on\" and \"no\")") from err
            self.keys[match_id] = entry

    def _applies(self, doc, span, entry) -> bool:
        before = doc[span.start - 1] if span.start > 0 else None
        if before is not None and before.sent == span.sent[0].sent:
            if before.lower_ in entry.get("not_after", ()) or before.pos_ in entry.get("not_after_pos", ()):
                return False
        after = doc[span.end] if span.end < len(doc) else None
        if after is not None and after.lower_ in entry.get("not_before", ()):
            return False
        first = span[0]
        while first.dep_ == "conj" and first.head is not first:
            first = first.head  # "aimed at older people and at people who...": the first conjunct's head
        if first.head.lemma_.lower() in entry.get("not_governed_by", ()):
            return False
        near, not_near = entry.get("near"), entry.get("not_near")
        if near or not_near:
            lemmas = nearby_lemmas(doc, span, entry.get("sentences_before", 0))
            if near and not lemmas & set(near):
                return False
            if not_near and lemmas & set(not_near):
                return False
        return True

    def run(self, article: PhrasingInput) -> Iterator[Finding]:
        doc = article.doc
        found = [(doc[s:e], self.keys[m]) for m, s, e in self.context.patterns.matches(article) if m in self.keys]
        found = [(span, entry) for span, entry in found if self._applies(doc, span, entry)]
        entry_of = {(span.start, span.end): entry for span, entry in found}
        for span in filter_spans([span for span, _ in found]):
            entry = entry_of[(span.start, span.end)]
            template = entry.get("replace")
            if template is not None and "replace_plural" in entry and span[-1].tag_ in ("NNS", "NNPS"):
                template = entry["replace_plural"]
            start = span.start_char
            replacement = None
            if template is not None:
                replacement = keep_case(span.text, fill_template(template, span))
                article_fix = article_for(doc, span.start, replacement)
                if article_fix is not None:  # "an intervertebral hernia" → "a herniated disc"
                    start = doc[article_fix[0]].idx
                    replacement = f"{article_fix[1]} {replacement}"
            yield self.finding(article, start, span.end_char, replacement=replacement,
                               applicability=entry.get("applicability"))
