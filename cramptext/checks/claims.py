"""Checks on what an article claims (CT2xx), its consistency (CT3xx), its
completeness (CT4xx) and its readability (CT5xx).

They run once per whole article, after claims are extracted: ``article.doc``
is None and ``article.claims`` holds the article's claims, with offsets into
``article.text``. Concept tags (serious, drug, dubious ...) come from the
lexicon the pipeline was built with (``rules/concepts.yaml`` by default).

``CorpusContradictionCheck`` (CT302) compares articles linted together: the
Analyzer builds each check once and runs it over every article in order, so
the check remembers the claims of earlier articles and reports a contradiction
at the later one. ``reset()`` forgets them; the Analyzer calls it when a new
run starts (see ``Analyzer.run``).
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable, Iterator

from ..errors import RuleError
from ..knowledge import Lexicon, load_knowledge
from ..records import Claim, Finding, Location
from ..resources import RE_BLANK_LINE, RE_HTML_COMMENT, RE_HTML_TAG, RE_LIST_ITEM
from ..structure import heading_title
from .base import Article, Check

_WORDS = {"type": "array", "items": {"type": "string", "minLength": 1}}
_REGEXES = {"type": "array", "items": {"type": "string", "minLength": 1, "format": "regex"}}
_KINDS = {"type": "array", "minItems": 1, "uniqueItems": True,
          "items": {"enum": ["cause", "symptom", "remedy", "red_flag"]}}

# How each kind of claim reads when asserted and when denied (CT301, CT302 messages).
POLARITY_WORDS = {
    "remedy": ("recommended", "advised against"),
    "cause": ("named as a cause", "denied as a cause"),
    "symptom": ("named as a symptom", "denied as a symptom"),
    "red_flag": ("given as a reason to see a doctor", "said not to need a doctor"),
}


# ------------------------------------------------------------------- helpers

def lexicon_of(nlp) -> Lexicon:
    """The lexicon the pipeline's concept matcher uses, else the default one."""
    if nlp is not None:
        try:
            return nlp.get_pipe("cramptext_concepts").knowledge.lexicon
        except (KeyError, AttributeError):
            pass
    return load_knowledge().lexicon


def _compile(rule, patterns: Iterable[str]) -> list[re.Pattern]:
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern, re.IGNORECASE))
        except re.error as err:
            raise RuleError(f"{rule.path or rule.code}: params: bad regular expression {pattern!r}: {err}") from None
    return compiled


def _name_regex(names: Iterable[str]) -> re.Pattern | None:
    names = sorted({n.lower() for n in names}, key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"\b(?:%s)(?:e?s)?\b" % "|".join(re.escape(n) for n in names))


def concept_key(claim: Claim) -> tuple[str, str]:
    """What makes two claims about 'the same thing': the lexicon id, else the open-vocabulary name."""
    if claim.concept_id:
        return ("id", claim.concept_id)
    return ("name", " ".join(claim.concept.lower().split()))


class ConceptSelector:
    """Which claims a rule is about: concept ids, concept tags, open-vocabulary names."""

    def __init__(self, rule, lexicon: Lexicon, params: dict):
        self.ids = set(params.get("concepts", ()))
        self.tags = set(params.get("tags", ()))
        self.exclude = set(params.get("exclude", ()))
        self.names = _name_regex(params.get("names", ()))
        unknown = sorted((self.ids | self.exclude) - set(lexicon.concepts))
        if unknown:
            raise RuleError(f"{rule.path or rule.code}: params: unknown concept id(s): {', '.join(unknown)}")
        self.tagged = {c.id for c in lexicon if c.tags & self.tags}
        self.any = not (self.ids or self.tags or self.names)

    def __contains__(self, claim: Claim) -> bool:
        if claim.concept_id in self.exclude:
            return False
        if self.any:
            return True
        if claim.concept_id:
            return claim.concept_id in self.ids or claim.concept_id in self.tagged
        return bool(self.names and self.names.search(claim.concept.lower()))


def _in_order(claims: Iterable[Claim]) -> list[Claim]:
    return sorted(claims, key=lambda c: (c.start, c.end))


class _SentenceOnce:
    """True the first time a sentence is seen: one finding per sentence is enough."""

    def __init__(self):
        self.last: Claim | None = None

    def first(self, claim: Claim) -> bool:
        last, self.last = self.last, claim
        return not (last is not None and last.sentence == claim.sentence
                    and claim.start - last.start <= len(claim.sentence))


def _selector_schema(extra: dict | None = None, required: tuple = ()) -> dict:
    properties = {
        "concepts": _WORDS,  # concept ids from concepts.yaml
        "tags": _WORDS,  # concept tags: every concept with one of them
        "names": _WORDS,  # open-vocabulary concept names (claims without a concept id)
        "exclude": _WORDS,  # concept ids never reported (another rule covers them)
    }
    properties.update(extra or {})
    schema = {"type": "object", "additionalProperties": False, "properties": properties}
    if required:
        schema["required"] = list(required)
    return schema


# ------------------------------------------------------------- CT2xx claims

class RemedyConceptsCheck(Check):
    """A remedy the article advises (not denied) whose concept the rule names (CT201, CT202)."""

    kind = "remedy-concepts"
    params_schema = _selector_schema({
        "allow_negated": {"type": "boolean"},  # report denied remedies too (default: no)
        "skip_hedged": {"type": "boolean"},  # stay quiet when the claim is only suggested (default: no)
        # Stay quiet when the claim's sentence matches one of these (e.g. it names the risks).
        "unless_sentence": _REGEXES,
    })
    stage = "article"

    def __init__(self, rule, nlp):
        super().__init__(rule, nlp)
        p = rule.params
        self.select = ConceptSelector(rule, lexicon_of(nlp), p)
        self.allow_negated = p.get("allow_negated", False)
        self.skip_hedged = p.get("skip_hedged", False)
        self.unless = _compile(rule, p.get("unless_sentence", ()))

    def run(self, article: Article) -> Iterator[Finding]:
        once = _SentenceOnce()
        for claim in _in_order(article.claims):
            if claim.kind != "remedy" or claim not in self.select:
                continue
            if (claim.negated and not self.allow_negated) or (claim.hedged and self.skip_hedged):
                continue
            if any(r.search(claim.sentence) for r in self.unless) or not once.first(claim):
                continue
            yield self.finding(article, claim.start, claim.end, concept=claim.concept)


class OverclaimCheck(Check):
    """A remedy with weak evidence stated, without hedging, with a strong efficacy phrase (CT203)."""

    kind = "overclaim"
    params_schema = _selector_schema({"phrases": {**_REGEXES, "minItems": 1}}, required=("phrases",))
    stage = "article"

    def __init__(self, rule, nlp):
        super().__init__(rule, nlp)
        self.select = ConceptSelector(rule, lexicon_of(nlp), rule.params)
        self.phrases = _compile(rule, rule.params["phrases"])

    def strong_phrase(self, sentence: str) -> str | None:
        found = [m for r in self.phrases for m in [r.search(sentence)] if m]
        if not found:
            return None
        return " ".join(min(found, key=lambda m: m.start()).group(0).split())

    def run(self, article: Article) -> Iterator[Finding]:
        once = _SentenceOnce()
        for claim in _in_order(article.claims):
            if claim.kind != "remedy" or claim.negated or claim.hedged or claim not in self.select:
                continue
            phrase = self.strong_phrase(claim.sentence)
            if phrase and once.first(claim):
                yield self.finding(article, claim.start, claim.end, concept=claim.concept, phrase=phrase)


# -------------------------------------------------------- CT4xx completeness

class MissingRedFlagCheck(Check):
    """Claims of a kind (serious causes, remedies) in an article that never says when to see a doctor."""

    kind = "missing-red-flag"
    params_schema = _selector_schema({
        "claim_kinds": _KINDS,  # the claims that call for a red flag (default: cause)
        "first_only": {"type": "boolean"},  # one finding at the first such claim (default: one each)
    })
    stage = "article"

    def __init__(self, rule, nlp):
        super().__init__(rule, nlp)
        p = rule.params
        self.select = ConceptSelector(rule, lexicon_of(nlp), p)
        self.kinds = set(p.get("claim_kinds", ("cause",)))
        self.first_only = p.get("first_only", False)

    def run(self, article: Article) -> Iterator[Finding]:
        if any(c.kind == "red_flag" and not c.negated for c in article.claims):
            return
        seen: set[tuple[str, str]] = set()
        for claim in _in_order(article.claims):
            if claim.kind not in self.kinds or claim.negated or claim not in self.select:
                continue
            key = concept_key(claim)
            if key in seen:  # one finding per concept is enough
                continue
            seen.add(key)
            yield self.finding(article, claim.start, claim.end, concept=claim.concept, kind=claim.kind)
            if self.first_only:
                return


# --------------------------------------------------------- CT3xx consistency

def _says(claim: Claim) -> str:
    asserted, denied = POLARITY_WORDS.get(claim.kind, ("asserted", "denied"))
    return denied if claim.negated else asserted


def _places(claim: Claim, other: Claim) -> tuple[str, str]:
    """'line 3' and 'line 1' for two claims; with columns when they share a line."""
    if claim.line != other.line or claim.source != other.source:
        return f"line {claim.line}", f"line {other.line}"
    return (f"line {claim.line}, column {claim.column}", f"line {other.line}, column {other.column}")


def _one_per_line(claims: Iterable[Claim], limit: int) -> list[Claim]:
    kept, lines = [], set()
    for claim in claims:
        if (claim.source, claim.line) not in lines:
            lines.add((claim.source, claim.line))
            kept.append(claim)
    return kept[:limit]


def _location(claim: Claim, message: str) -> Location:
    return Location(source=claim.source, start=claim.start, end=claim.end, line=claim.line,
                    column=claim.column, message=message)


class _PolarityCheck(Check):
    """Shared by CT301 and CT302: claims of the same concept and kind, asserted and denied."""

    params_schema = _selector_schema({
        "claim_kinds": _KINDS,  # kinds compared (default: remedy, cause)
        "include_hedged": {"type": "boolean"},  # compare hedged claims too (default: yes)
        "max_related": {"type": "integer", "minimum": 1},  # other places listed (default 3)
    })
    stage = "article"

    def __init__(self, rule, nlp):
        super().__init__(rule, nlp)
        p = rule.params
        self.select = ConceptSelector(rule, lexicon_of(nlp), p)
        self.kinds = set(p.get("claim_kinds", ("remedy", "cause")))
        self.include_hedged = p.get("include_hedged", True)
        self.max_related = p.get("max_related", 3)

    def relevant(self, claims: Iterable[Claim]) -> list[Claim]:
        return [c for c in _in_order(claims)
                if c.kind in self.kinds and (self.include_hedged or not c.hedged) and c in self.select]


class ContradictionCheck(_PolarityCheck):
    """The same concept both asserted and denied, with the same kind, in one article (CT301).

    One finding per concept and kind, at the first claim that contradicts an
    earlier one, pointing back at the earlier claims of the other polarity.
    """

    kind = "contradiction"

    def run(self, article: Article) -> Iterator[Finding]:
        groups: dict[tuple, list[Claim]] = defaultdict(list)
        for claim in self.relevant(article.claims):
            groups[(claim.kind, concept_key(claim))].append(claim)
        findings = []
        for claims in groups.values():
            for i, claim in enumerate(claims):
                earlier = [c for c in claims[:i] if c.negated != claim.negated and c.start != claim.start]
                if earlier:
                    findings.append(self._report(article, claim, _one_per_line(earlier, self.max_related)))
                    break
        yield from sorted(findings, key=lambda f: (f.start, f.end))

    def _report(self, article: Article, claim: Claim, earlier: list[Claim]) -> Finding:
        other = earlier[0]
        related = [_location(c, f"'{c.concept}' is {_says(c)} here") for c in earlier]
        place, other_place = _places(claim, other)
        return self.finding(article, claim.start, claim.end, related=related, concept=claim.concept,
                            this_says=_says(claim), other_says=_says(other), other_line=other.line,
                            line=claim.line, place=place, other_place=other_place, other_text=other.text)


class CorpusContradictionCheck(_PolarityCheck):
    """The same concept asserted in one document and denied in another linted with it (CT302).

    Articles arrive one by one (the Analyzer builds the check once per run and
    runs it on every article in input order); the check keeps, per concept and
    kind, the first asserted and the first denied claim of every earlier
    document, and reports at the first claim of the current document that an
    earlier document contradicts. By default a conflict is reported once per
    side: the first document that disagrees with an earlier one gets the
    finding, later documents that take the same side do not (one odd article
    out of fifty gives one finding, not 49); ``per_document: true`` reports
    in every disagreeing document.
    """

    kind = "corpus-contradiction"
    params_schema = {**_PolarityCheck.params_schema, "properties": {
        **_PolarityCheck.params_schema["properties"], "per_document": {"type": "boolean"}}}

    def __init__(self, rule, nlp):
        super().__init__(rule, nlp)
        self.per_document = rule.params.get("per_document", False)
        self.reset()

    def reset(self) -> None:
        """Forget the documents seen so far: the Analyzer calls it when a run starts."""
        # (kind, concept key) -> negated -> source -> first claim of that polarity there
        self._seen: dict[tuple, dict[bool, dict[str, Claim]]] = defaultdict(lambda: {True: {}, False: {}})
        self._reported: set[tuple] = set()  # (kind, concept key, negated) already reported
        self._sources: set[str] = set()

    def run(self, article: Article) -> Iterator[Finding]:
        if article.source in self._sources:
            # The same document again: a new run over the same files without reset().
            self.reset()
        self._sources.add(article.source)
        groups: dict[tuple, list[Claim]] = defaultdict(list)
        for claim in self.relevant(article.claims):
            groups[(claim.kind, concept_key(claim))].append(claim)
        findings = []
        for group_key, claims in groups.items():
            seen = self._seen.get(group_key)
            if not seen:
                continue
            for claim in claims:
                side = (*group_key, claim.negated)
                if not self.per_document and side in self._reported:
                    continue
                others = [c for src, c in seen[not claim.negated].items() if src != article.source]
                if others:
                    self._reported.add(side)
                    findings.append(self._report(article, claim, others[: self.max_related]))
                    break
        for group_key, claims in groups.items():
            slot = self._seen[group_key]
            for claim in claims:
                slot[claim.negated].setdefault(article.source, claim)
        yield from sorted(findings, key=lambda f: (f.start, f.end))

    def _report(self, article: Article, claim: Claim, others: list[Claim]) -> Finding:
        other = others[0]
        related = [_location(c, f"'{c.concept}' is {_says(c)} in {c.source}") for c in others]
        return self.finding(article, claim.start, claim.end, related=related, concept=claim.concept,
                            this_says=_says(claim), other_says=_says(other), other_source=other.source,
                            other_line=other.line, line=claim.line, other_text=other.text)


# --------------------------------------------------------- CT5xx readability

class ReadabilityCheck(Check):
    """Paragraphs whose Flesch-Kincaid grade is above the limit (CT501).

    The limit is ``article.max_grade`` when the Analyzer sets it (configuration
    ``max-grade``), else the rule's ``params.max_grade`` (default 8). Grades come
    from ``textacy.text_stats.readability.flesch_kincaid_grade_level`` on a blank
    English pipeline with a sentencizer (syllables by pyphen).
    """

    kind = "readability"
    params_schema = {
        "type": "object", "additionalProperties": False,
        "properties": {
            "max_grade": {"type": "number", "minimum": 0},
            "min_words": {"type": "integer", "minimum": 1},
        },
    }
    stage = "article"
    _nlp = None  # shared blank pipeline, built on first use

    def __init__(self, rule, nlp):
        super().__init__(rule, nlp)
        self.max_grade = float(rule.params.get("max_grade", 8.0))
        self.min_words = int(rule.params.get("min_words", 40))

    @classmethod
    def blank_pipeline(cls):
        if cls._nlp is None:
            import spacy

            nlp = spacy.blank("en")
            nlp.add_pipe("sentencizer")
            cls._nlp = nlp
        return cls._nlp

    def limit_for(self, article: Article) -> float:
        limit = getattr(article, "max_grade", None)
        return self.max_grade if limit is None else float(limit)

    @staticmethod
    def prose(text: str) -> str:
        """``text`` with markup, headings and list items blanked out, offsets kept."""
        def blank(m: re.Match) -> str:
            return re.sub(r"[^\n]", " ", m.group(0))
        text = RE_HTML_COMMENT.sub(blank, text)
        lines = []
        for line in text.splitlines(keepends=True):
            body = line.rstrip("\r\n")
            if RE_LIST_ITEM.match(body) or heading_title(body) is not None:
                line = " " * len(body) + line[len(body):]
            lines.append(line)
        return RE_HTML_TAG.sub(blank, "".join(lines))

    def paragraphs(self, text: str) -> Iterator[tuple[int, str]]:
        start = 0
        for m in RE_BLANK_LINE.finditer(text):
            yield start, text[start:m.start()]
            start = m.end()
        yield start, text[start:]

    @staticmethod
    def first_sentence(doc, offset: int, text: str) -> tuple[int, int]:
        """Span of the paragraph's first sentence in ``text``, cut at the end of its first line."""
        sent = next((s for s in doc.sents if s.text.strip()), doc[:])
        start = offset + sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
        end = offset + sent.end_char
        line_end = text.find("\n", start, end)
        if line_end != -1:  # a sentence over several lines: its first line
            end = line_end
        return start, start + len(text[start:end].rstrip())

    def run(self, article: Article) -> Iterator[Finding]:
        from textacy.text_stats import readability
        from textacy.text_stats.utils import get_words

        limit = self.limit_for(article)
        nlp = self.blank_pipeline()
        for offset, paragraph in self.paragraphs(self.prose(article.text)):
            if len(paragraph.split()) < self.min_words:
                continue
            doc = nlp(paragraph)
            n_words = sum(1 for _ in get_words(doc))
            if n_words < self.min_words:
                continue
            grade = readability.flesch_kincaid_grade_level(doc)
            if grade <= limit:
                continue
            start, end = self.first_sentence(doc, offset, article.text)
            yield self.finding(article, start, end, grade=f"{grade:.1f}", max_grade=f"{limit:g}",
                               words=n_words)


CLAIM_CHECKS = (RemedyConceptsCheck, OverclaimCheck, MissingRedFlagCheck, ContradictionCheck,
                CorpusContradictionCheck, ReadabilityCheck)
