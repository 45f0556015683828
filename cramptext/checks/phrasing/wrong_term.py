"""``wrong-term``: a medical term that means something else here ("seizures" in an article about cramps).

The article must be about cramps (``topic`` words, at least ``min_topic_mentions``
of them and at least ``min_topic_share`` times as many as the terms found), and
the sentence, or those around it, must not speak of what the term really
means (``exclude``: epilepsy, consciousness, fever...); "a cramp is not
a seizure", "cramps, confusion and seizures" and a list item "Seizures"
(signs named as themselves) keep it as written. An article about
seizures themselves, such as a first-aid leaflet, is left alone.
"""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Token

from ...records import Finding
from .wording import keep_case, nearby_lemmas
from ..base import PhrasingCheck, PhrasingInput

_WORDS = {"type": "array", "items": {"type": "string", "minLength": 1}}


class WrongTermCheck(PhrasingCheck):
    """A medical term that means something else here: 'seizures' in an article about cramps."""

    kind = "wrong-term"
    params_schema = {
        "type": "object", "additionalProperties": False, "required": ["terms", "topic", "exclude"],
        "properties": {
            "terms": {"type": "object", "additionalProperties": {"type": "string"}},
            # two-word terms, by lemma ({"convulsive syndrome": "cramp"}) or as written ({"convulsive phenomena": "cramps"})
            "phrases": {"type": "object", "additionalProperties": {"type": "string"}},
            "topic": _WORDS, "exclude": _WORDS,
            "min_topic_mentions": {"type": "integer", "minimum": 1},
            "min_topic_share": {"type": "number", "minimum": 0},
            "sentences_before": {"type": "integer", "minimum": 0, "maximum": 3},
            "sentences_after": {"type": "integer", "minimum": 0, "maximum": 3},
        },
    }

    def __init__(self, rule, context):
        super().__init__(rule, context)
        p = rule.params
        self.terms = p["terms"]
        self.phrases = {tuple(k.lower().split()): v for k, v in p.get("phrases", {}).items()}
        self.topic = set(p["topic"])
        self.exclude = set(p["exclude"])
        self.min_topic = p.get("min_topic_mentions", 2)
        self.min_share = p.get("min_topic_share", 0.0)
        self.before = p.get("sentences_before", 0)
        self.after = p.get("sentences_after", 0)

    def _matches(self, doc) -> Iterator[tuple[Token, Token, str, bool]]:
        """(first token, last token, replacement, whether it is already inflected) for every term and phrase.

        A phrase given as written ("convulsive phenomena") keeps its replacement as written; one
        matched by its lemmas takes the number of its last word.
        """
        i = 0
        while i < len(doc):
            token = doc[i]
            if i + 1 < len(doc):
                words = (token.lower_, doc[i + 1].lower_)
                lemmas = (token.lemma_.lower(), doc[i + 1].lemma_.lower())
                pair = words if words in self.phrases else lemmas
                if pair in self.phrases:
                    yield token, doc[i + 1], self.phrases[pair], pair is words
                    i += 2
                    continue
            target = self.terms.get(token.lemma_.lower())
            if target:
                yield token, token, target, False
            i += 1

    def run(self, article: PhrasingInput) -> Iterator[Finding]:
        doc = article.doc
        matches = list(self._matches(doc))
        if not matches:
            return
        topic = sum(1 for t in doc if t.lemma_.lower() in self.topic)
        if topic < self.min_topic or topic < self.min_share * len(matches):
            return  # not an article about cramps
        for first, last, target, as_written in matches:
            if self.exclude & nearby_lemmas(doc, doc[first.i:last.i + 1], self.before, self.after):
                continue
            words = [t for t in first.sent if not (t.is_punct or t.is_space or t.lower_ in ("and", "or", "•", "*"))]
            if words and words[0].i >= first.i and words[-1].i <= last.i:
                continue  # a list item that is the term alone ("- Seizures"): a sign named as itself
            if any(c.pos_ in ("NOUN", "PROPN") for c in last.conjuncts):
                continue  # "cramps, confusion and seizures": listed beside other signs, so meant as itself
            if last.dep_ == "attr" and (any(c.dep_ == "neg" for c in last.head.children)
                                        or last.sent.text.rstrip().endswith("?")):
                continue  # "a cramp is not a seizure", "is it a seizure?": the writer tells them apart
            word = target + "s" if last.tag_ in ("NNS", "NNPS") and not as_written else target
            yield self.finding(article, first.idx, last.idx + len(last), replacement=keep_case(first.text, word))
