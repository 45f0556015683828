"""spaCy components: line-break sentence starts, the concept matcher, the claim extractor.

Registered with ``@Language.factory`` and exposed through the
``spacy_factories`` entry point, so any English pipeline can use them::

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("cramptext_line_breaks", before="parser")
    nlp.add_pipe("cramptext_concepts")
    nlp.add_pipe("cramptext_claims")
    doc._.claims
"""
from __future__ import annotations

from pathlib import Path

import srsly
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .extract import ClaimExtractor
from .knowledge import load_knowledge

SPANS_KEY = "cramptext_concepts"

if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)


@Language.factory("cramptext_line_breaks")
def make_line_breaks(nlp: Language, name: str):
    return LineBreaks()


class LineBreaks:
    """Every line starts a sentence: headings and list items are not run-ons.

    Placed before the parser, which keeps boundaries already set.
    """

    def __call__(self, doc: Doc) -> Doc:
        for token in doc[1:]:
            prev = doc[token.i - 1]
            if "\n" in prev.text_with_ws and not token.is_space:
                token.is_sent_start = True
        return doc


@Language.factory("cramptext_concepts", default_config={"rules_dir": None, "spans_key": SPANS_KEY})
def make_concept_matcher(nlp: Language, name: str, rules_dir: str | None, spans_key: str):
    return ConceptMatcher(nlp, name, rules_dir=rules_dir, spans_key=spans_key)


class ConceptMatcher:
    """Marks lexicon concepts in ``doc.spans[spans_key]`` (label = concept id).

    Synonyms match on lemmas (so inflections match) and on lower-case text;
    token patterns from the lexicon add what phrases cannot say. Overlaps
    keep the longest match.
    """

    def __init__(self, nlp: Language, name: str = "cramptext_concepts", *, rules_dir=None, spans_key=SPANS_KEY):
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.knowledge = load_knowledge(Path(rules_dir) if rules_dir else None)
        self.lemma_patterns: list[dict] | None = None  # built on first use: needs the tagger
        self._lemma_matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self._lower_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._token_matcher = Matcher(nlp.vocab)
        for concept in self.knowledge.lexicon:
            self._lower_matcher.add(concept.id, [nlp.make_doc(s) for s in concept.synonyms])
            if concept.patterns:
                self._token_matcher.add(concept.id, [list(p) for p in concept.patterns])

    def _lemmatise(self, texts: list[str]) -> list[Doc]:
        """Run the components before this one over pattern phrases."""
        docs = [self.nlp.make_doc(t) for t in texts]
        for name, proc in self.nlp.pipeline:
            if name == self.name or name.startswith("cramptext_"):
                continue
            docs = [proc(d) for d in docs]
        return docs

    def _build_lemma_patterns(self) -> None:
        concepts = list(self.knowledge.lexicon)
        phrases = [(c.id, s) for c in concepts for s in c.synonyms]
        docs = self._lemmatise([s for _, s in phrases])
        self.lemma_patterns = []
        for (concept_id, _), doc in zip(phrases, docs):
            lemmas = [t.lemma_.lower() for t in doc]
            self.lemma_patterns.append({"label": concept_id, "pattern": lemmas, "id": concept_id})
        self._add_lemma_patterns()

    def _add_lemma_patterns(self) -> None:
        self._phrase_index = {" ".join(p["pattern"]): p["label"] for p in self.lemma_patterns or ()}
        by_label: dict[str, list[Doc]] = {}
        for p in self.lemma_patterns or ():
            words = p["pattern"]
            doc = Doc(self.nlp.vocab, words=words, lemmas=words)
            by_label.setdefault(p["label"], []).append(doc)
        for label, docs in by_label.items():
            self._lemma_matcher.add(label, docs)

    def __call__(self, doc: Doc) -> Doc:
        if self.lemma_patterns is None:
            self._build_lemma_patterns()
        lowered = Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc],
                      lemmas=[t.lemma_.lower() or t.lower_ for t in doc])
        matches = self._lemma_matcher(lowered) + self._lower_matcher(doc)
        if len(self._token_matcher):
            matches += self._token_matcher(doc)
        spans = filter_spans([Span(doc, start, end, label=match_id) for match_id, start, end in matches])
        spans = filter_spans(spans + list(self._distributed(doc, spans)))
        doc.spans[self.spans_key] = spans
        return doc

    def _distributed(self, doc: Doc, spans: list[Span]):
        """Coordination: "problems in the circulatory system, spine or nerves" also
        names "nerve problems" when the lexicon knows that phrase."""
        taken = {i for span in spans for i in range(span.start, span.end)}
        for span in spans:
            head = span.root
            for prep in (c for c in head.children if c.dep_ == "prep"):
                for pobj in (c for c in prep.children if c.dep_ == "pobj" and span.start <= c.i < span.end):
                    for conj in pobj.conjuncts:
                        if conj.i in taken or conj.i < span.start:
                            continue
                        lemma = conj.lemma_.lower()
                        for phrase in (f"{lemma} {head.lemma_.lower()}", f"{head.lemma_.lower()} {prep.lower_} {lemma}"):
                            concept_id = self._phrase_index.get(phrase)
                            if concept_id:
                                yield Span(doc, conj.i, conj.i + 1, label=concept_id)
                                break

    # Patterns are data: serialise the lemmatised phrases with the pipeline.
    def to_disk(self, path, exclude=()):
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.lemma_patterns is None:
            self._build_lemma_patterns()
        srsly.write_jsonl(path / "lemma_patterns.jsonl", self.lemma_patterns)

    def from_disk(self, path, exclude=()):
        file = Path(path) / "lemma_patterns.jsonl"
        if file.exists():
            self.lemma_patterns = list(srsly.read_jsonl(file))
            self._lemma_matcher = PhraseMatcher(self.nlp.vocab, attr="LEMMA")
            self._add_lemma_patterns()
        return self


@Language.factory("cramptext_claims", default_config={"rules_dir": None, "spans_key": SPANS_KEY})
def make_claim_extractor(nlp: Language, name: str, rules_dir: str | None, spans_key: str):
    return ClaimComponent(rules_dir=rules_dir, spans_key=spans_key)


class ClaimComponent:
    """Sets ``doc._.claims``: a list of ``ClaimMention`` (offsets into doc.text)."""

    def __init__(self, *, rules_dir=None, spans_key=SPANS_KEY):
        self.spans_key = spans_key
        self.extractor = ClaimExtractor(load_knowledge(Path(rules_dir) if rules_dir else None))

    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.spans[self.spans_key]) if self.spans_key in doc.spans else []
        doc._.claims = self.extractor(doc, spans)
        return doc
