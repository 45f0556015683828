"""``word-sense``: a word used in the sense of its Russian source, judged by the words it governs.

"Нарушение" is "violation" only of rules, "ущемление" is "infringement" only
of rights, "сокращение" is a "reduction" only of amounts, "снять боль" is to
"remove" pain only in machine translation. Each word of the rule's ``words``
names its English replacement and when it is wrong: ``with`` (one of the
words it governs, or that govern it, is in this list), ``unless_with`` (none
of them is in this list: "a reduction of muscle mass" is English) and
``unless`` (no word of the sentence is in this list: "a violation of the rules"). The finding covers the word and
the phrase it heads (up to ``max_tokens``), so the fix reads as a whole:
"violation of the water balance" → "disorder of the water balance".
"""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Token

from ...records import Finding
from .wording import article_for, inflect_verb, keep_case
from ..base import PhrasingCheck, PhrasingInput

_WORDS = {"type": "array", "items": {"type": "string", "minLength": 1}}
_SUBJECTS = ("nsubj", "nsubjpass")
_PORTIONS = frozenset({"rest", "remainder", "part", "most", "bulk", "residue", "remnant", "remains", "some", "all",
                       "much", "little"})


class WordSenseCheck(PhrasingCheck):
    """A word used in the sense of its Russian source: 'violation of metabolism', 'infringement of a nerve'."""

    kind = "word-sense"
    params_schema = {
        "type": "object", "additionalProperties": False, "required": ["words"],
        "properties": {
            "words": {"type": "object", "minProperties": 1, "additionalProperties": {
                "type": "object", "additionalProperties": False, "required": ["replace"],
                "properties": {
                    "replace": {"type": "string", "minLength": 1},  # singular noun, verb lemma or adjective
                    "plural": {"type": "string"},
                    # a replacement chosen by a governed word: {magnesium: supplement}
                    "replace_by": {"type": "object", "additionalProperties": {"type": "string"}},
                    "pos": {"type": "array", "items": {"enum": ["NOUN", "VERB", "ADJ"]}},
                    "with": _WORDS, "unless": _WORDS,
                    "unless_with": _WORDS,  # governed words that make the English sense right ("reduction of muscle mass")
                    "applicability": {"enum": ["safe", "unsafe", "display"]},
                }}},
            "max_tokens": {"type": "integer", "minimum": 1},
        },
    }

    def __init__(self, rule, context):
        super().__init__(rule, context)
        self.words = rule.params["words"]
        self.max_tokens = rule.params.get("max_tokens", 8)

    @staticmethod
    def governed(token: Token) -> list[Token]:
        """The words a noun, verb or adjective is about: its objects, modifiers, prepositional objects."""
        words: list[Token] = []
        for child in token.children:
            if child.dep_ in ("compound", "amod", "dobj", "nsubjpass", "attr", "poss", "nmod"):
                words.append(child)
            elif child.dep_ == "prep":
                words.extend(c for c in child.children if c.dep_ == "pobj")
        if token.pos_ == "VERB" and not any(c.dep_ in _SUBJECTS for c in token.children):
            # "the pain needs to be removed": the subject of the verb it completes
            head = token.head
            if token.dep_ in ("xcomp", "ccomp", "conj") and head is not token:
                words.extend(c for c in head.children if c.dep_ in _SUBJECTS)
        if token.pos_ in ("ADJ", "NOUN") and token.dep_ in ("amod", "compound"):
            words.append(token.head)
        # "the muscle groups" → muscle, group; "the rest of the pain" → rest, pain (but not "the cause of the pain")
        expanded = []
        for w in words:
            expanded.append(w)
            expanded.extend(c for c in w.children if c.dep_ in ("compound", "amod"))
            if w.lemma_.lower() in _PORTIONS:
                expanded.extend(g for c in w.children if c.dep_ == "prep" and c.lower_ == "of"
                                for g in c.children if g.dep_ == "pobj")
            for conj in w.conjuncts:
                expanded.append(conj)
        return expanded

    def run(self, article: PhrasingInput) -> Iterator[Finding]:
        doc = article.doc
        for token in doc:
            lemma = token.lemma_.lower()
            entry = self.words.get(lemma) or self.words.get(token.lower_)
            if entry is None or token.pos_ not in entry.get("pos", ("NOUN",)):
                continue
            unless = set(entry.get("unless", ()))
            if unless and unless & {t.lemma_.lower() for t in token.sent}:
                continue
            governed = {t.lemma_.lower() for t in self.governed(token)}
            if "with" in entry and not set(entry["with"]) & governed:
                continue
            if set(entry.get("unless_with", ())) & governed:
                continue
            by = entry.get("replace_by", {})
            chosen = next((by[w] for w in sorted(governed) if w in by), None)
            if chosen:  # its own plural is the regular one
                entry = {**{k: v for k, v in entry.items() if k != "plural"}, "replace": chosen}
            yield self._finding(article, token, entry)

    def _finding(self, article: PhrasingInput, token: Token, entry: dict) -> Finding:
        doc = article.doc
        if token.pos_ == "VERB":
            word = inflect_verb(entry["replace"], token.tag_)
        elif token.pos_ == "NOUN" and token.tag_ in ("NNS", "NNPS"):
            word = entry.get("plural", entry["replace"] + "s")
        else:
            word = entry["replace"]
        word = keep_case(token.text, word)
        end = token
        if token.pos_ == "NOUN":
            # the phrase the noun heads, to the right: "violation of the water-electrolyte balance";
            # when that is long, up to its first prepositional object: "violation of blood circulation"
            right = [t for t in token.subtree if t.i > token.i]
            objects = [g for c in token.children if c.dep_ == "prep" and c.i == token.i + 1
                       for g in c.children if g.dep_ == "pobj"]
            for last in ([max(right, key=lambda t: t.i)] if right else []) + objects[:1]:
                if last.i - token.i <= self.max_tokens and all(t.i in {r.i for r in right}
                                                                 for t in doc[token.i + 1:last.i + 1]):
                    end = last
                    while end.i > token.i and end.is_punct:
                        end = doc[end.i - 1]
                    break
        elif token.pos_ == "ADJ" and token.dep_ == "amod" and token.head.i > token.i \
                and token.head.i - token.i <= self.max_tokens:
            end = token.head
        rest = article.text[token.idx + len(token):end.idx + len(end)]  # the text the doc parses
        start, replacement = token.idx, word + rest
        article_fix = article_for(doc, token.i, word)
        if article_fix is not None:  # "an infringement of" → "a pinching of"
            start = doc[article_fix[0]].idx
            replacement = f"{article_fix[1]} {replacement}"
        return self.finding(article, start, end.idx + len(end), replacement=replacement,
                            applicability=entry.get("applicability"))
