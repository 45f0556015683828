"""The concept matcher: lexicon concepts as spans on the Doc."""
from __future__ import annotations

from pathlib import Path

import spacy
import srsly
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from . import lemma_cache
from .knowledge_component import SPANS_KEY, KnowledgeComponent
from .matching import IndexedMatcher

CONDITIONS_KEY = "cramptext_conditions"  # what the text is about: conditions named in it


@Language.factory("cramptext_concepts", assigns=["doc.spans"], requires=["token.lemma", "token.dep"],
                  default_config={"rules_dir": None, "spans_key": SPANS_KEY})
def make_concept_matcher(nlp: Language, name: str, rules_dir: str | None, spans_key: str):
    return ConceptMatcher(nlp, name, rules_dir=rules_dir, spans_key=spans_key)


class ConceptMatcher(KnowledgeComponent):
    """Marks lexicon concepts in ``doc.spans[spans_key]`` (label = concept id), and the
    conditions articles are about in ``doc.spans["cramptext_conditions"]`` (label = condition id).

    Synonyms match on lemmas (so inflections match) and on lower-case text;
    token patterns from the lexicon add what phrases cannot say. Overlaps
    keep the longest match. The synonyms' lemmas come from the pipeline's own
    lemmatiser (``initialize``), are kept between runs in the user's cache
    (``lemma_cache``) and are saved with the pipeline (``to_disk``).
    """

    def __init__(self, nlp: Language, name: str = "cramptext_concepts", *, rules_dir=None, spans_key=SPANS_KEY):
        super().__init__(nlp, name, rules_dir=rules_dir)
        self.spans_key = spans_key
        self.lemma_patterns: list[dict] = []

    def initialize(self, get_examples=None, *, nlp: Language | None = None, rules_dir: str | None = None) -> None:
        """Load the lexicon and lemmatise its synonyms with the pipeline's components before this one."""
        super().initialize(get_examples, nlp=nlp, rules_dir=rules_dir)
        self._set_lemma_patterns(lemma_cache.cached(self._lemma_cache_key(), self._build_lemma_patterns))

    def load(self, knowledge) -> None:
        super().load(knowledge)
        vocab = self.nlp.vocab
        self._lower_matcher = PhraseMatcher(vocab, attr="LOWER")
        self._token_matcher = IndexedMatcher(vocab)
        for concept in knowledge.lexicon:
            self._lower_matcher.add(concept.id, [self.nlp.make_doc(s) for s in concept.synonyms])
            if concept.patterns:
                self._token_matcher.add(concept.id, [list(p) for p in concept.patterns])
        self._condition_ids = set(knowledge.lexicon.conditions)
        self._set_lemma_patterns([])

    def _lemmatisers(self) -> list[tuple[str, object]]:
        """The components before this one that lemmas depend on (not the parser, NER or cramptext's)."""
        found = []
        for name, proc in self.nlp.pipeline:
            if name == self.name:
                break
            if not (name.startswith("cramptext_") or name in ("parser", "ner")):
                found.append((name, proc))
        return found

    def _lemmatise(self, texts: list[str]) -> list[Doc]:
        """Run the components before this one over pattern phrases, in batches; lemmas need no parse."""
        docs = [self.nlp.make_doc(t) for t in texts]
        for _, proc in self._lemmatisers():
            docs = list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        return docs

    def _phrases(self) -> list[tuple[str, str]]:
        lexicon = self.knowledge.lexicon
        phrases = [(c.id, s) for c in lexicon for s in c.synonyms]
        return phrases + [(c.id, s) for c in lexicon.conditions.values() for s in c.synonyms]

    def _lemma_cache_key(self) -> str:
        """What the lemmatised synonyms depend on: the phrases, the inversion heads, the model and spaCy."""
        meta = self.nlp.meta
        return lemma_cache.cache_key({
            "phrases": self._phrases(), "inversion_heads": sorted(self.knowledge.cues.inversion_heads),
            "model": [meta.get("lang"), meta.get("name"), meta.get("version")], "spacy": spacy.__version__,
            "components": [[name, self.nlp.get_pipe_meta(name).factory] for name, _ in self._lemmatisers()],
        })

    def _build_lemma_patterns(self) -> list[dict]:
        phrases = self._phrases()
        docs = self._lemmatise([s for _, s in phrases])
        patterns = [{"label": concept_id, "pattern": [t.lemma_.lower() for t in doc]}
                    for (concept_id, _), doc in zip(phrases, docs)]
        return patterns + inverted(patterns, self.knowledge.cues.inversion_heads)

    def _set_lemma_patterns(self, patterns: list[dict]) -> None:
        self.lemma_patterns = patterns
        self._lemma_matcher = PhraseMatcher(self.nlp.vocab, attr="LEMMA")
        self._phrase_index = {" ".join(p["pattern"]): p["label"] for p in patterns}
        by_label: dict[str, list[Doc]] = {}
        for p in patterns:
            words = p["pattern"]
            doc = Doc(self.nlp.vocab, words=words, lemmas=words)
            by_label.setdefault(p["label"], []).append(doc)
        for label, docs in by_label.items():
            self._lemma_matcher.add(label, docs)

    def __call__(self, doc: Doc) -> Doc:
        if self.knowledge is None:
            self.initialize()
        lowered = Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc],
                      lemmas=[t.lemma_.lower() or t.lower_ for t in doc])
        matches = self._lemma_matcher(lowered) + self._lower_matcher(doc)
        if len(self._token_matcher):
            matches += self._token_matcher(doc)
        found = [Span(doc, start, end, label=match_id) for match_id, start, end in matches]
        conditions = [s for s in found if s.label_ in self._condition_ids]
        spans = filter_spans([s for s in found if s.label_ not in self._condition_ids])
        spans = filter_spans(spans + list(self._distributed(doc, spans)))
        doc.spans[self.spans_key] = spans
        doc.spans[CONDITIONS_KEY] = filter_spans(conditions)
        return doc

    def _distributed(self, doc: Doc, spans: list[Span]):
        """Coordination: "problems in the circulatory system, spine or nerves" also
        names "nerve problems", and "hot or cold treatments" "hot treatment", when the
        lexicon knows that phrase."""
        taken = {i for span in spans for i in range(span.start, span.end)}
        for span in spans:
            head = span.root
            for mod in (t for t in span if t.dep_ in ("amod", "compound") and t.head == head):
                # "a warm bath or shower": the modifier also qualifies the coordinated noun ...
                for conj in head.conjuncts:
                    concept_id = self._phrase_index.get(f"{mod.lemma_.lower()} {conj.lemma_.lower()}")
                    if concept_id and conj.i not in taken:
                        yield Span(doc, conj.i, conj.i + 1, label=concept_id)
                # ... and "hot or cold treatments": the coordinated modifier the noun
                yield from self._modifier_conjuncts(doc, mod, head, taken)
            for conj in (t for t in span if t.dep_ == "conj" and t.head.dep_ in ("amod", "compound")
                         and t.head.head == head):
                # "hot or cold treatments" parsed with "cold" hanging on "hot"
                yield from self._modifier_conjuncts(doc, conj, head, taken)
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

    def _modifier_conjuncts(self, doc: Doc, mod, head, taken: set):
        for conj in mod.conjuncts:
            concept_id = self._phrase_index.get(f"{conj.lemma_.lower()} {head.lemma_.lower()}")
            if concept_id and conj.i not in taken:
                yield Span(doc, conj.i, conj.i + 1, label=concept_id)

    # The lexicon and its lemmatised synonyms are saved with the pipeline.
    def to_disk(self, path, *, exclude=()) -> None:
        if self.knowledge is None:
            self.initialize()
        super().to_disk(path, exclude=exclude)
        srsly.write_jsonl(Path(path) / "lemma_patterns.jsonl", self.lemma_patterns)

    def from_disk(self, path, *, exclude=()):
        super().from_disk(path, exclude=exclude)
        self._set_lemma_patterns(list(srsly.read_jsonl(Path(path) / "lemma_patterns.jsonl")))
        return self


def inverted(patterns: list[dict], heads: frozenset) -> list[dict]:
    """"liver disease" also as "disease of the liver" (and "diseases of liver"): an
    English head noun can follow its modifier or take it in an "of" phrase."""
    extra = []
    for p in patterns:
        words = p["pattern"]
        if len(words) >= 2 and words[-1] in heads and "of" not in words:
            for middle in (["of"], ["of", "the"]):
                extra.append({"label": p["label"], "pattern": [words[-1], *middle, *words[:-1]]})
    return extra
