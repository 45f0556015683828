"""Phrasing checks: machine-translated and spun wording, with fixes (CT1xx).

Every check finds spans in the parse of the original text; a replacement
keeps the case of the words it replaces.
"""
from __future__ import annotations

import difflib
import re
from typing import Iterator

import ftfy
import wordfreq
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Span, Token
from spacy.util import filter_spans

from ..records import Finding
from .base import Article, Check

_WORDS = {"type": "array", "items": {"type": "string", "minLength": 1}}
ENGLISH_SUFFIXES = ("s", "es", "ers", "ings", "ing", "ed", "ly", "ness")
_TEMPLATE_FIELD = re.compile(r"\{(-?\d+)(:)?\}")


def keep_case(original: str, replacement: str) -> str:
    """``replacement`` cased like ``original`` (Title, UPPER or as written)."""
    if not replacement or not original:
        return replacement
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[0].isupper():
        return replacement[0].upper() + replacement[1:]
    return replacement


def fill_template(template: str, span: Span) -> str:
    """``{0}``: the first token's text, ``{-1}`` the last, ``{2:}`` tokens 2 to the end."""
    def field(m: re.Match) -> str:
        i = int(m.group(1))
        if m.group(2):
            return span[i:].text if -len(span) <= i < len(span) else ""
        return span[i].text if -len(span) <= i < len(span) else ""
    return _TEMPLATE_FIELD.sub(field, template)


def inflect_like(token: Token, lemma: str) -> str:
    """``lemma`` (a regular verb) in the form of ``token``: cramps, cramping, cramped."""
    tag = token.tag_
    if tag == "VBZ":
        return lemma + "s"
    if tag == "VBG":
        return lemma + "ing"
    if tag in ("VBD", "VBN"):
        return lemma + "ed"
    return lemma


def sentence_lemmas(span: Span) -> set[str]:
    return {t.lemma_.lower() for t in span.sent}


class PatternCheck(Check):
    """spaCy Matcher patterns on lemmas, with a replacement template."""

    kind = "pattern"
    params_schema = {"type": "object", "additionalProperties": False,
                     "properties": {"requires_in_sentence": _WORDS}}

    def __init__(self, rule, nlp):
        super().__init__(rule, nlp)
        self.matcher = Matcher(nlp.vocab)
        self.matcher.add(rule.code, [list(p) for p in rule.patterns])
        self.required = set(rule.params.get("requires_in_sentence", ()))

    def run(self, article: Article) -> Iterator[Finding]:
        doc = article.doc
        spans = filter_spans([doc[s:e] for _, s, e in self.matcher(doc)])
        for span in spans:
            if self.required and not (self.required & sentence_lemmas(span)):
                continue
            replacement = None
            if self.rule.replacement is not None:
                replacement = keep_case(span.text, fill_template(self.rule.replacement, span))
            yield self.finding(article, span.start_char, span.end_char, replacement=replacement)


class RegexCheck(Check):
    """A regular expression over the raw text (for what tokens hide, e.g. 'honey.In')."""

    kind = "regex"
    params_schema = {"type": "object", "additionalProperties": False, "required": ["regex"],
                     "properties": {"regex": {"type": "string", "minLength": 1}}}

    def __init__(self, rule, nlp):
        super().__init__(rule, nlp)
        self.regex = re.compile(rule.params["regex"])

    def run(self, article: Article) -> Iterator[Finding]:
        for m in self.regex.finditer(article.text):
            replacement = m.expand(self.rule.replacement) if self.rule.replacement is not None else None
            yield self.finding(article, m.start(), m.end(), replacement=replacement)


class CalqueVerbCheck(Check):
    """A verb used for cramping with a body part: 'it drives the calves', 'why reduces muscle'."""

    kind = "calque-verb"
    params_schema = {
        "type": "object", "additionalProperties": False,
        "required": ["verbs", "body_parts", "verb"],
        "properties": {
            "verbs": _WORDS,
            "subject_verbs": _WORDS,
            "body_parts": _WORDS,
            "not_after": _WORDS,
            "directions": _WORDS,
            "verb": {"type": "string"},
            "translate": {"type": "object", "additionalProperties": {"type": "string"}},
        },
    }

    def __init__(self, rule, nlp):
        super().__init__(rule, nlp)
        p = rule.params
        self.verbs = set(p["verbs"])
        self.subject_verbs = set(p.get("subject_verbs", ()))
        self.body = set(p["body_parts"])
        self.translate = dict(p.get("translate", {}))
        self.not_after = set(p.get("not_after", ()))
        self.directions = set(p.get("directions", ()))

    def _is_body(self, token: Token) -> bool:
        return token.lemma_.lower() in self.body or token.lower_ in self.body

    def _words(self, tokens) -> str:
        """Text of ``tokens`` with mistranslated body parts put right ("caviar" → "calves")."""
        return " ".join(self.translate.get(t.lower_, t.text) for t in tokens)

    def run(self, article: Article) -> Iterator[Finding]:
        doc = article.doc
        for verb in doc:
            lemma = verb.lemma_.lower()
            if lemma not in self.verbs or verb.pos_ not in ("VERB", "AUX", "NOUN"):
                continue
            if verb.i > 0 and doc[verb.i - 1].lower_ in self.not_after:
                continue
            children = list(verb.children)
            if self._is_instruction(verb, children):
                continue  # "Pull your toes towards you" is plain advice
            cramp = inflect_like(verb, self.rule.params["verb"])
            objects = [c for c in children if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "npadvmod", "dep")
                       and c.i > verb.i]
            has_subject = any(c.dep_ in ("nsubj", "expl") for c in children)
            body_object = next((o for o in objects if self._is_body(o)), None)
            if body_object is None and verb.dep_ in ("compound", "amod") and self._is_body(verb.head):
                body_object = verb.head  # "mixing calf muscle"
            if body_object is None and not has_subject and verb.pos_ == "VERB":
                # "muscle reduces muscle spasm": no subject, a body part around the verb
                modified = next((o for o in objects if any(self._is_body(c) for c in o.children
                                                              if c.dep_ == "compound")), None)
                if modified is not None:
                    body_object = modified
                    before = doc[verb.i - 1] if verb.i > 0 else None
                    if before is not None and self._is_body(before):
                        yield self._finding(article, before, verb, f"{self._words([before])} {cramp}")
                        continue
            if body_object is not None:
                yield self._finding(article, verb, body_object, f"{cramp} {self._words(doc[verb.i + 1:body_object.i + 1])}")
                continue
            passive = [c for c in children if c.dep_ == "nsubjpass" and self._is_body(c) and c.i < verb.i]
            if passive and lemma in self.subject_verbs:
                # "the legs are brought together at night": the body part cramps
                subj = passive[0]
                start = min(t.i for t in subj.subtree if t.i <= subj.i)
                end = max([verb] + [c for c in children if c.dep_ in ("prt", "advmod") and c.lower_ == "together"],
                          key=lambda t: t.i)
                form = "cramps" if subj.tag_ in ("NN", "NNP") else "cramp"
                yield self._finding(article, doc[start], end, f"{self._words(doc[start:subj.i + 1])} {form}")
                continue
            subjects = [c for c in children if c.dep_ == "nsubj" and self._is_body(c)]
            if subjects and lemma in self.subject_verbs:
                subj = subjects[0]
                start = min(t.i for t in subj.subtree)
                yield self._finding(article, doc[start], verb, f"{self._words(doc[start:verb.i])} {cramp}")

    def _is_instruction(self, verb: Token, children: list[Token]) -> bool:
        """An imperative, or a verb of movement with a direction ("pull the foot up")."""
        if any(c.dep_ in ("prt", "advmod") and c.lower_ in self.directions for c in children):
            return True
        if any(c.dep_ == "prep" and c.lower_ in ("toward", "towards") for c in children):
            return True
        return verb.tag_ == "VB" and not any(c.dep_ in ("nsubj", "aux", "auxpass") for c in children)

    def _finding(self, article: Article, first: Token, last: Token, replacement: str) -> Finding:
        start, end = first.idx, last.idx + len(last)
        return self.finding(article, start, end, replacement=keep_case(first.text, replacement.strip()))


class DomainWordCheck(Check):
    """A word from another domain standing for a body part: 'caviar' for the calf."""

    kind = "domain-word"
    params_schema = {
        "type": "object", "additionalProperties": False, "required": ["words", "context"],
        "properties": {
            "words": {"type": "object", "additionalProperties": {
                "type": "object", "additionalProperties": False, "required": ["singular", "plural"],
                "properties": {"singular": {"type": "string"}, "plural": {"type": "string"}}}},
            "context": _WORDS,
        },
    }

    def __init__(self, rule, nlp):
        super().__init__(rule, nlp)
        self.words = rule.params["words"]
        self.context = set(rule.params["context"])

    def run(self, article: Article) -> Iterator[Finding]:
        doc = article.doc
        for token in doc:
            entry = self.words.get(token.lower_) or self.words.get(token.lemma_.lower())
            if not entry:
                continue
            window = doc[max(0, token.i - 12):token.i + 12]
            if not any(t.lemma_.lower() in self.context for t in window if t.i != token.i):
                continue
            plural = token.tag_ in ("NNS", "NNPS") or token.lower_ in ("caviar",)  # mass noun: "the calves"
            word = entry["plural"] if plural else entry["singular"]
            yield self.finding(article, token.idx, token.idx + len(token), replacement=keep_case(token.text, word))


class UntranslatedCheck(Check):
    """A word that is not English and is shaped like a transliteration ('neponaslyshke')."""

    kind = "untranslated"
    params_schema = {
        "type": "object", "additionalProperties": False, "required": ["shape", "not_shape"],
        "properties": {
            "shape": {"type": "string"}, "not_shape": {"type": "string"},
            "max_zipf": {"type": "number"}, "min_length": {"type": "integer"},
            "glossary": {"type": "object", "additionalProperties": {"type": "string"}},
        },
    }

    def __init__(self, rule, nlp):
        super().__init__(rule, nlp)
        p = rule.params
        self.shape = re.compile(p["shape"])
        self.not_shape = re.compile(p["not_shape"])
        self.max_zipf = p.get("max_zipf", 0.0)
        self.min_length = p.get("min_length", 4)
        self.glossary = p.get("glossary", {})

    def is_untranslated(self, word: str) -> bool:
        w = word.lower()
        return (len(w) >= self.min_length and w.isalpha() and w.isascii()
                and bool(self.shape.search(w)) and not self.not_shape.search(w)
                and wordfreq.zipf_frequency(w, "en") <= self.max_zipf
                and not self._english_by_parts(w))

    @staticmethod
    def _english_by_parts(word: str) -> bool:
        """An inflected or compounded English word wordfreq lacks: 'crampers', 'sleeplessinleeds'."""
        for suffix in ENGLISH_SUFFIXES:
            stem = word[:-len(suffix)]
            if word.endswith(suffix) and len(stem) >= 3 and wordfreq.zipf_frequency(stem, "en") >= 2.5:
                return True
        return any(wordfreq.zipf_frequency(word[:i], "en") >= 3.0 and wordfreq.zipf_frequency(word[i:], "en") >= 3.0
                   for i in range(3, len(word) - 2))

    def run(self, article: Article) -> Iterator[Finding]:
        for token in article.doc:
            if token.is_alpha and self.is_untranslated(token.text):
                replacement = self.glossary.get(token.lower_)
                yield self.finding(article, token.idx, token.idx + len(token),
                                   replacement=keep_case(token.text, replacement) if replacement else None)


class WrongTermCheck(Check):
    """A medical term that means something else here: 'seizures' in an article about cramps."""

    kind = "wrong-term"
    params_schema = {
        "type": "object", "additionalProperties": False, "required": ["terms", "topic", "exclude"],
        "properties": {
            "terms": {"type": "object", "additionalProperties": {"type": "string"}},
            "topic": _WORDS, "exclude": _WORDS,
            "min_topic_mentions": {"type": "integer", "minimum": 1},
        },
    }

    def __init__(self, rule, nlp):
        super().__init__(rule, nlp)
        p = rule.params
        self.terms = p["terms"]
        self.topic = set(p["topic"])
        self.exclude = set(p["exclude"])
        self.min_topic = p.get("min_topic_mentions", 2)

    def run(self, article: Article) -> Iterator[Finding]:
        doc = article.doc
        lemmas = [t.lemma_.lower() for t in doc]
        if sum(1 for lemma in lemmas if lemma in self.topic) < self.min_topic:
            return
        for token in doc:
            target = self.terms.get(token.lemma_.lower())
            if not target or self.exclude & sentence_lemmas(doc[token.i:token.i + 1]):
                continue
            word = target + "s" if token.tag_ in ("NNS", "NNPS") else target
            yield self.finding(article, token.idx, token.idx + len(token), replacement=keep_case(token.text, word))


class PhraseListCheck(Check):
    """Known wrong phrases and their fixes, matched on lower-case words ('the organism' → 'the body')."""

    kind = "phrase-list"
    params_schema = {"type": "object", "additionalProperties": False, "required": ["phrases"],
                     "properties": {"phrases": {"type": "object", "minProperties": 1,
                                                "additionalProperties": {"type": "string"}}}}

    def __init__(self, rule, nlp):
        super().__init__(rule, nlp)
        self.phrases = {k.lower(): v for k, v in rule.params["phrases"].items()}
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher.add(rule.code, [nlp.make_doc(p) for p in self.phrases])

    def run(self, article: Article) -> Iterator[Finding]:
        doc = article.doc
        for span in filter_spans([doc[s:e] for _, s, e in self.matcher(doc)]):
            replacement = keep_case(span.text, self.phrases[span.text.lower()])
            yield self.finding(article, span.start_char, span.end_char, replacement=replacement)


class MojibakeCheck(Check):
    """Text decoded with the wrong encoding ("Itâ€™s", "CafÃ©"), put right by ftfy."""

    kind = "mojibake"
    params_schema = {"type": "object", "additionalProperties": False, "properties": {}}

    def run(self, article: Article) -> Iterator[Finding]:
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


PHRASING_CHECKS = (MojibakeCheck, PhraseListCheck, PatternCheck, RegexCheck, CalqueVerbCheck, DomainWordCheck, UntranslatedCheck, WrongTermCheck)
