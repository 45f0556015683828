"""Claims the lexicon does not know, named by their lemmatised noun phrase.

They come from cue frames ("X can lead to cramps", "cramps are triggered by X",
"try X"; the frame verbs are data in ``cues.yaml``) and from heading-like list
items under a causes or remedies heading.
"""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Span, Token

from ...knowledge import Cues
from ..doc_cache import noun_chunks
from ..structure import Structure
from .mention import ClaimMention, lemma_set
from .red_flags import MentionBuilder
from .syntax import is_fragment

TIME_MARKS = frozenset({"before", "after", "until", "till", "while", "since"})
OPEN_DROP_DEPS = frozenset({"det", "poss", "punct", "cc", "advmod", "nummod", "quantmod", "case", "neg", "aux", "predet"})
MAX_OPEN_WORDS = 6


class OpenVocabulary:
    def __init__(self, cues: Cues):
        self.frames = cues.frames
        self.vague = cues.vague_modifiers
        self.generic = lemma_set(cues.generic_heads)
        self.condition_words = lemma_set(cues.condition)

    def claims(self, sent: Span, spans: list[Span], structure: Structure,
               mention: MentionBuilder) -> Iterator[ClaimMention]:
        covered = {i for span in spans for i in range(span.start, span.end)}
        section = structure.section_kind(sent.start_char)
        for kind, head in self._frame_arguments(sent):
            for arg in [head, *[c for c in head.conjuncts if c.i > head.i]]:
                phrase = self._argument_tokens(arg)
                if not phrase or any(t.i in covered for t in phrase):
                    continue
                name = self._open_name(phrase, arg)
                if name:
                    yield mention(sent, phrase[0].i, phrase[-1].i + 1, kind, name, None)
        block = structure.block_at(sent.start_char)
        if section in ("cause", "remedy") and is_fragment(sent) and block is not None and block.start == sent.start_char:
            for chunk in noun_chunks(sent):  # the document's chunks, found once
                phrase = [t for t in chunk if t.dep_ not in OPEN_DROP_DEPS]
                if not phrase or any(t.i in covered for t in chunk):
                    continue
                name = self._open_name(phrase, chunk.root)
                if name:
                    yield mention(sent, phrase[0].i, phrase[-1].i + 1, section, name, None)

    def _mentions_condition(self, token: Token) -> bool:
        return any(t.lemma_.lower() in self.condition_words for t in token.subtree)

    def _frame_arguments(self, sent: Span) -> Iterator[tuple[str, Token]]:
        for tok in sent:
            lemma = tok.lemma_.lower()
            if tok.pos_ not in ("VERB", "AUX", "NOUN", "ADJ"):
                continue
            children = list(tok.children)
            subj = [c for c in children if c.dep_ in ("nsubj", "csubj")]
            objs = [c for c in children if c.dep_ in ("dobj", "attr", "oprd")]
            preps = [p for p in children if p.dep_ in ("prep", "agent")]
            pobjs = [(p.lower_, c) for p in preps for c in p.children if c.dep_ == "pobj"]
            if lemma in self.frames["cause"] and tok.pos_ == "VERB":
                passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in children)
                if passive:
                    for prep, c in pobjs:
                        if prep in ("by", "from"):
                            yield "cause", c
                elif lemma == "result" and any(p == "from" for p, _ in pobjs):
                    for prep, c in pobjs:
                        if prep == "from":
                            yield "cause", c
                else:
                    targets = objs + [c for _, c in pobjs]
                    if not targets or any(self._mentions_condition(t) for t in targets):
                        for s in subj:
                            yield "cause", s
            elif lemma in ("due", "because") or (lemma == "occur" and tok.pos_ == "VERB"):
                for prep, c in pobjs:
                    if prep in ("to", "of", "with", "from") or lemma in ("due", "because"):
                        yield "cause", c
                for c in children:
                    if c.dep_ == "pcomp":
                        for cc in c.children:
                            if cc.dep_ == "pobj":
                                yield "cause", cc
            elif lemma in ("cause", "reason", "trigger") and tok.pos_ == "NOUN" and tok.dep_ in ("nsubj", "attr"):
                verb = tok.head
                if verb.lemma_ == "be":
                    for c in verb.children:
                        if c is tok:
                            continue
                        if tok.dep_ == "nsubj" and c.dep_ in ("attr", "acomp"):
                            yield "cause", c
                        if tok.dep_ == "attr" and c.dep_ == "nsubj":
                            yield "cause", c
            elif lemma in self.frames["remedy"] and tok.pos_ == "VERB":
                if any(c.dep_ == "mark" and c.lower_ in TIME_MARKS for c in children):
                    continue  # "... before bed helps": a time clause, not what helps
                if not objs or any(self._mentions_condition(t) for t in objs + [c for _, c in pobjs]):
                    for s in subj:
                        yield "remedy", s
            elif lemma in self.frames["try"] and tok.pos_ == "VERB":
                for o in objs:
                    yield "remedy", o

    def _argument_tokens(self, head: Token) -> list[Token]:
        """The words of the noun phrase headed by ``head``, without determiners and clauses."""
        if head.pos_ not in ("NOUN", "PROPN", "VERB", "ADJ") or head.lemma_.lower() in self.generic:
            return []
        keep = [head]
        for child in head.children:
            if child.dep_ in ("amod", "compound", "nmod"):
                keep.extend(child.subtree)
            elif child.dep_ == "prep" and child.lower_ == "of":
                keep.extend(child.subtree)
            elif head.pos_ == "VERB" and child.dep_ in ("dobj", "prep"):
                keep.extend(child.subtree)
        keep = sorted({t.i: t for t in keep if t.dep_ not in OPEN_DROP_DEPS and not t.is_punct}.values(), key=lambda t: t.i)
        # Keep one contiguous run around the head.
        run = [t for t in keep if abs(t.i - head.i) <= MAX_OPEN_WORDS]
        return run

    def _open_name(self, phrase: list[Token], head: Token) -> str | None:
        words = [t.lemma_.lower() if t.i == head.i or t.pos_ in ("NOUN", "VERB") else t.lower_ for t in phrase]
        words = [w for w in words if w not in self.vague and w.isascii()]
        if not words or all(w in self.generic or w in self.condition_words for w in words):
            return None
        lemma = head.lemma_.lower()
        singular = lemma[:-1] if lemma.endswith("s") and not lemma.endswith("ss") else lemma  # Title Case keeps plurals
        if head.is_stop or head.pos_ == "PRON" or not head.is_alpha or len(lemma) < 3 \
                or {lemma, singular} & (self.generic | self.condition_words):
            return None  # "Nocturnal Leg Cramps" names the condition, not a claim about it
        return " ".join(words[:MAX_OPEN_WORDS])
