"""``verb-first``: a statement whose verb comes before its subject, or has none ("Most often suffers the muscle").

Russian orders a sentence by what is new, not by subject and verb ("Чаще всего
страдает икроножная мышца"), and machine translation keeps the order: "In
winter more often complain of it pensioners", "As a result, increases the
pressure". Found on the parse of a statement (not a question):

* a full verb whose subject comes after it, unless it reports speech
  ("..., says Dr Peredo"), follows a comparison ("as have other drugs") or is
  a verb English inverts after an adverbial ("then comes the pain");
* a present-tense verb with no subject at all, after an adverbial, with a
  noun after it: "-s" forms (``VBZ``, never an imperative) after any
  adverbial, other forms only just after a frequency adverb ("at night often
  suffer from cramps older women"), since "at night, stretch" is advice.

There is no safe fix: the sentence must be rewritten, so the finding points.
"""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Span, Token

from ...nlp.doc_cache import sentences
from ...records import Finding
from ..base import PhrasingCheck, PhrasingInput

_WORDS = {"type": "array", "items": {"type": "string", "minLength": 1}}
_SUBJECTS = ("nsubj", "nsubjpass", "expl", "csubj", "csubjpass")
_NOMINAL = ("NOUN", "PROPN", "PRON", "NUM", "DET", "ADJ")
MAX_CHARS = 160


class VerbFirstCheck(PhrasingCheck):
    """A statement whose verb comes before its subject, or has none: 'Most often suffers the muscle'."""

    kind = "verb-first"
    params_schema = {
        "type": "object", "additionalProperties": False,
        "properties": {
            "reporting_verbs": _WORDS,  # "..., says Dr Smith"
            "inverting_verbs": _WORDS,  # "then comes the pain", "here lies the problem"
            "inverting_words": _WORDS,  # "as have other drugs", "nor does sleep"
            "adverbs_as_subject": _WORDS,  # "most often" parsed as a subject
            "frequency_adverbs": _WORDS,  # "often suffer": no imperative follows these
        },
    }

    def __init__(self, rule, context):
        super().__init__(rule, context)
        p = rule.params
        self.reporting = set(p.get("reporting_verbs", ()))
        self.inverting = set(p.get("inverting_verbs", ()))
        self.inverting_words = set(p.get("inverting_words", ()))
        self.adverb_subjects = set(p.get("adverbs_as_subject", ()))
        self.frequency = set(p.get("frequency_adverbs", ()))

    def _real_subject(self, token: Token) -> bool:
        """A subject, unless it is "most" in "most often suffers" (a misparsed adverb)."""
        if token.lower_ in self.adverb_subjects and token.i + 1 < len(token.doc) and token.doc[token.i + 1].pos_ == "ADV":
            return False
        return True

    def run(self, article: PhrasingInput) -> Iterator[Finding]:
        for sent in sentences(article.doc):
            text = sent.text.rstrip()
            if not text or text.endswith(("?", ":")) or "\"" in text or "“" in text:
                continue
            root = sent.root
            if root.pos_ != "VERB" or root.tag_ not in ("VBZ", "VBP", "VBD") or root.i == sent.start:
                continue
            lemma = root.lemma_.lower()
            if lemma in self.reporting or lemma in self.inverting:
                continue
            k = root.i - 1
            while k > sent.start and root.doc[k].pos_ == "ADV" and root.doc[k].lower_ not in self.inverting_words:
                k -= 1
            if root.doc[k].lower_ in self.inverting_words:
                continue  # "as have other drugs", "here lies the problem": English inversion
            subjects = [c for c in root.children if c.dep_ in _SUBJECTS and self._real_subject(c)]
            if any(s.i < root.i for s in subjects):
                continue
            if any(t.dep_ in _SUBJECTS and self._real_subject(t) for t in sent[:root.i - sent.start]):
                continue  # a subject before the verb, attached elsewhere by the parser
            if sent[0].tag_ == "VBG":
                continue  # "Walking regularly, ..., encourages": a gerund subject the parser missed
            after = [s for s in subjects if s.i > root.i]
            if after and after[0].pos_ in ("NOUN", "PROPN"):
                yield self._finding(article, sent, root, after[0])
                continue
            before = root.doc[root.i - 1]
            if after or (before.pos_ in _NOMINAL + ("VERB", "AUX", "PART") and not self._in_fronted_phrase(before, root)):
                continue
            if root.tag_ != "VBZ" and before.lower_ not in self.frequency:
                continue  # "at night, stretch the calf" is an imperative; "at night often suffer" is not
            nominal = [c for c in root.children if c.i > root.i and c.dep_ in ("dobj", "attr", "oprd")]
            nominal += [g for c in root.children if c.dep_ == "prep" and c.i > root.i
                        for g in c.children if g.dep_ == "pobj"]
            if nominal:
                yield self._finding(article, sent, root, min(nominal, key=lambda t: t.i))

    @staticmethod
    def _in_fronted_phrase(token: Token, verb: Token) -> bool:
        """'in the blood of pregnant women decreases': the noun before the verb ends a prepositional
        phrase that modifies the verb, so it is not a subject the parser missed."""
        while token.dep_ in ("pobj", "prep", "amod", "compound", "det", "conj", "cc", "poss") and token.head is not token:
            if token.dep_ == "prep" and token.head == verb:
                return True
            token = token.head
        return False

    def _finding(self, article: PhrasingInput, sent: Span, verb: Token, noun: Token) -> Finding:
        end = noun.idx + len(noun)
        start = sent.start_char
        if end - start > MAX_CHARS:
            start = verb.idx
        return self.finding(article, start, end)
