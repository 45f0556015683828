"""The ``cramptext_triples`` spaCy component: ``doc._.triples``."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..knowledge_component import SPANS_KEY, KnowledgeComponent
from .linker import Linker

if not Doc.has_extension("triples"):
    Doc.set_extension("triples", default=None)


@Language.factory("cramptext_triples", assigns=["doc._.triples"],
                  requires=["doc._.claims", "doc.spans", "doc.sents", "token.dep", "token.lemma"],
                  default_config={"rules_dir": None, "spans_key": SPANS_KEY})
def make_triple_linker(nlp: Language, name: str, rules_dir: str | None, spans_key: str):
    return TripleComponent(nlp, name, rules_dir=rules_dir, spans_key=spans_key)


class TripleComponent(KnowledgeComponent):
    """Sets ``doc._.triples``: a list of ``TripleMention`` over ``doc._.claims``
    (each end is one of the claims; offsets into ``doc.text``).

    Reads the claims ``cramptext_claims`` set, the concept spans in
    ``doc.spans[spans_key]`` (frames such as "eliminate the triggers" in headings)
    and the document's layout.
    """

    def __init__(self, nlp: Language, name: str = "cramptext_triples", *, rules_dir=None, spans_key=SPANS_KEY):
        super().__init__(nlp, name, rules_dir=rules_dir)
        self.spans_key = spans_key
        self.linker: Linker | None = None

    def load(self, knowledge) -> None:
        super().load(knowledge)
        self.linker = Linker(self.nlp, knowledge)

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_initialized()
        spans = list(doc.spans[self.spans_key]) if self.spans_key in doc.spans else []
        doc._.triples = self.linker(doc, list(doc._.claims or ()), spans)
        return doc
