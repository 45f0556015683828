"""Claim extraction over a parsed Doc: which concepts an article states, as what.

A claim is a concept mention (from the concept matcher) or an open-vocabulary
phrase; the extractor takes each sentence once, asks the kind resolver, the
doctor-advice finder and the open-vocabulary frames, and keeps one mention
per kind, concept and polarity in a sentence.
"""
from __future__ import annotations

import bisect
from typing import Iterator

from spacy.tokens import Doc, Span

from ...knowledge import Knowledge
from .. import doc_cache
from ..context import ContextMatcher
from ..structure import RE_BLANK_LINE, SectionClassifier, Structure
from .kinds import KindResolver
from .mention import ClaimMention, lemma_set
from .open_vocabulary import OpenVocabulary
from .red_flags import SEE_DOCTOR_ID, DoctorAdvice
from ..topic import CRAMPS, DocumentTopic, TopicMap
from .syntax import drop_nested, is_fragment, is_prohibition, is_statement


class ClaimExtractor:
    """Claims of a parsed Doc, from its concept spans and its sentences."""

    def __init__(self, knowledge: Knowledge):
        self.lexicon = knowledge.lexicon
        cues = knowledge.cues
        self.sections = SectionClassifier(cues.headings)
        self.context = ContextMatcher(knowledge.context)
        self.kinds = KindResolver(cues)
        self.doctor = DoctorAdvice(knowledge)
        self.open_vocabulary = OpenVocabulary(cues)
        self.nested_heads = lemma_set(cues.generic_heads) | lemma_set(cues.deficiency)
        # Concepts that are themselves advice to get care ("see a doctor", "emergency care").
        self.advice_ids = frozenset(c.id for c in self.lexicon if c.kinds == ("red_flag",) and not c.tags)
        self.topic_of = {c.id: c.topic for c in self.lexicon.conditions.values()}

    # -- entry point ---------------------------------------------------------
    def __call__(self, doc: Doc, concept_spans: list[Span], condition_spans: list[Span] = (), *,
                 every_topic: bool = False) -> tuple[list[ClaimMention], DocumentTopic]:
        """The claims of ``doc`` about cramps (with ``every_topic``, of every sentence) and what it is about."""
        self.context.reset()
        structure = doc_cache.structure(doc, self.sections)
        topics = TopicMap(structure, list(condition_spans), self.topic_of, len(doc) - sum(t.is_punct or t.is_space for t in doc))
        by_sentence: dict[int, list[Span]] = {}
        for span in drop_nested(concept_spans, self.nested_heads):
            by_sentence.setdefault(span.sent.start, []).append(span)
        mentions: list[ClaimMention] = []
        # Headings name topics, unless one states a claim ("Soap under the sheet can prevent cramps").
        sentences = [s for s in doc_cache.sentences(doc) if (structure.role(s.start_char) != "heading" or is_statement(s))
                     and (every_topic or topics.sentence_topic(s) == CRAMPS)]
        doctors = {s.start: list(self.doctor.mentions(s, by_sentence.get(s.start, []), self._mention))
                   for s in sentences}
        paragraph_starts = [0] + [m.end() for m in RE_BLANK_LINE.finditer(doc_cache.text(doc))]
        advised = {bisect.bisect_right(paragraph_starts, s.start_char) for s in sentences if doctors[s.start]
                   or any(span.label_ in self.advice_ids for span in by_sentence.get(s.start, []))}
        for sent in sentences:
            spans = by_sentence.get(sent.start, [])
            doctor = doctors[sent.start]
            # Signs named in a paragraph that advises seeing a doctor are warning signs.
            sign_paragraph = bisect.bisect_right(paragraph_starts, sent.start_char) in advised
            found = list(self._concept_claims(sent, spans, structure, bool(doctor), sign_paragraph))
            found += doctor
            found += self.open_vocabulary.claims(sent, spans, structure, self._mention)
            seen = set()
            for m in found:
                key = (m.kind, m.concept, m.negated)
                if key not in seen:
                    seen.add(key)
                    mentions.append(m)
        mentions = self._denied_by_next_sentence(sentences, mentions, paragraph_starts)
        mentions.sort(key=lambda m: (m.start, m.end))
        return mentions, topics.document

    def _denied_by_next_sentence(self, sentences: list[Span], mentions: list[ClaimMention],
                                 paragraph_starts: list[int]) -> list[ClaimMention]:
        """"Many people drink tonic water. But this is a myth.": a denial with no claim of its
        own negates the causes and remedies of the nearest earlier sentence with claims in its paragraph."""
        by_sentence: dict[int, list[int]] = {}
        for i, m in enumerate(mentions):
            by_sentence.setdefault(m.sent_start, []).append(i)
        starts = [s.start_char for s in sentences]
        mentions = list(mentions)
        for k, sent in enumerate(sentences):
            if by_sentence.get(sent.start_char) or not self.context.is_denial(sent):
                continue
            paragraph = bisect.bisect_right(paragraph_starts, sent.start_char)
            for j in range(k - 1, max(-1, k - 4), -1):
                if bisect.bisect_right(paragraph_starts, starts[j]) != paragraph:
                    break
                earlier = by_sentence.get(starts[j])
                if earlier:
                    for i in earlier:
                        if mentions[i].kind in ("cause", "remedy"):
                            mentions[i] = mentions[i]._replace(negated=True, hedged=False)
                    break
        return mentions

    # -- building a mention --------------------------------------------------
    def _mention(self, sent: Span, start: int, end: int, kind: str, concept: str, concept_id: str | None,
                 known: tuple[bool, bool] | None = None) -> ClaimMention:
        """A mention of tokens [start, end); ``known``: its (negated, hedged), when the context component set them."""
        doc = sent.doc
        negated, hedged = known if known is not None else self.context.assess(sent, start, end)
        # A claim the parser split across sentences keeps the whole of both.
        sent_start = min(sent.start_char, doc[start].sent.start_char)
        sent_end = max(sent.end_char, doc[end - 1].sent.end_char)
        return ClaimMention(kind, concept, concept_id, doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text),
                            sent_start, sent_end, negated, hedged)

    # -- lexicon concepts ----------------------------------------------------
    def _concept_claims(self, sent: Span, spans: list[Span], structure: Structure, has_doctor: bool,
                        sign_paragraph: bool = False) -> Iterator[ClaimMention]:
        fragment = is_fragment(sent) or structure.role(sent.start_char) == "item"
        section = structure.lead_in_kind(sent.start_char) or structure.section_kind(sent.start_char)
        # Under "When to see a doctor" or "see your GP if:", what is named is a warning sign.
        warning = section == "red_flag"
        for span in spans:
            concept = self.lexicon.concepts.get(span.label_)
            if concept is None:
                continue
            if concept.id == SEE_DOCTOR_ID and has_doctor:
                continue
            if concept.id in self.advice_ids and span.root.dep_ in ("nsubj", "nsubjpass"):
                continue  # "Medical professionals recommended hydration": who advised, not advice to see one
            kind = self.kinds.kind_of(concept, span, sent, section, fragment, has_doctor)
            if kind in ("cause", "symptom") and (warning or (sign_paragraph and (
                    "sign" in concept.tags or "red_flag" in concept.kinds))):
                kind = "red_flag"
            if kind is None:
                continue
            known = (span._.negated, span._.hedged) if span._.negated is not None else None
            name = name_from_text(span) if concept.named_by_text else concept.name_for(kind)
            mention = self._mention(sent, span.start, span.end, kind, name, concept.id, known)
            if kind == "cause" and "remedy" in concept.kinds and is_prohibition(span):
                # "do not tuck the blanket tightly": advice to avoid a cause is a remedy
                mention = mention._replace(kind="remedy", concept=concept.name_for("remedy"), negated=False)
            yield mention


def name_from_text(span: Span) -> str:
    """The words naming a product of a family, up to its strength ("Nux vomica 5 CH" → "nux vomica")."""
    words = []
    for token in span:
        if token.like_num or any(ch.isdigit() for ch in token.text):
            break
        if token.is_alpha and token.lower_ not in FAMILY_WORDS:
            words.append(token.lower_)
    return " ".join(words) or span.text.lower()


FAMILY_WORDS = frozenset({"homeopathic", "homoeopathic"})  # the family, not the product
