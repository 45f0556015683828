"""The ``cramptext_claims`` spaCy component: ``doc._.claims``."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..concepts import CONDITIONS_KEY
from ..knowledge_component import SPANS_KEY, KnowledgeComponent
from .extractor import ClaimExtractor

for _name in ("claims", "topic"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.factory("cramptext_claims", assigns=["doc._.claims", "doc._.topic"], requires=["doc.spans", "doc.sents", "token.dep"],
                  default_config={"rules_dir": None, "spans_key": SPANS_KEY})
def make_claim_extractor(nlp: Language, name: str, rules_dir: str | None, spans_key: str):
    return ClaimComponent(nlp, name, rules_dir=rules_dir, spans_key=spans_key)


class ClaimComponent(KnowledgeComponent):
    """Sets ``doc._.claims``, a list of ``ClaimMention`` (offsets into ``doc.text``), and
    ``doc._.topic``, a ``DocumentTopic``: what the document is about.

    Reads the concept spans in ``doc.spans[spans_key]``, and their
    ``Span._.negated``/``Span._.hedged`` when ``cramptext_context`` ran before it.
    Claims are about cramps: sentences about another condition give none, unless
    the call says ``every_topic=True`` (``nlp.pipe(texts, component_cfg={"cramptext_claims":
    {"every_topic": True}})``).
    """

    def __init__(self, nlp: Language, name: str = "cramptext_claims", *, rules_dir=None, spans_key=SPANS_KEY):
        super().__init__(nlp, name, rules_dir=rules_dir)
        self.spans_key = spans_key
        self.extractor: ClaimExtractor | None = None

    def load(self, knowledge) -> None:
        super().load(knowledge)
        self.extractor = ClaimExtractor(knowledge)

    def __call__(self, doc: Doc, every_topic: bool = False) -> Doc:
        self.ensure_initialized()
        spans = list(doc.spans[self.spans_key]) if self.spans_key in doc.spans else []
        conditions = list(doc.spans[CONDITIONS_KEY]) if CONDITIONS_KEY in doc.spans else []
        doc._.claims, doc._.topic = self.extractor(doc, spans, conditions, every_topic=every_topic)
        return doc

    def pipe(self, docs, batch_size: int = 128, every_topic: bool = False):
        for doc in docs:
            yield self(doc, every_topic=every_topic)
