"""What cramptext's spaCy components share: the rule data they reason with.

The data is loaded in ``initialize()`` (from the component's ``rules_dir``,
else the data package shipped in the wheel) and saved by ``to_disk``, so that
``nlp.to_disk(d)`` then ``spacy.load(d)`` works in another folder or on
another machine. A component added to a loaded pipeline initialises itself
the first time it is used.
"""
from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from ..knowledge import Knowledge, load_knowledge

SPANS_KEY = "cramptext_concepts"  # where the concept matcher puts concept spans


class KnowledgeComponent:
    def __init__(self, nlp: Language, name: str, *, rules_dir: str | None = None):
        self.nlp = nlp
        self.name = name
        self.rules_dir = rules_dir
        self.knowledge: Knowledge | None = None

    def initialize(self, get_examples=None, *, nlp: Language | None = None, rules_dir: str | None = None) -> None:
        """Load the rule data: from ``rules_dir``, else the component's, else the data package."""
        if nlp is not None:
            self.nlp = nlp
        folder = rules_dir or self.rules_dir
        self.load(load_knowledge(Path(folder) if folder else None))

    def load(self, knowledge: Knowledge) -> None:
        """Build what the component needs from ``knowledge`` (subclasses extend this)."""
        self.knowledge = knowledge

    def ensure_initialized(self) -> None:
        if self.knowledge is None:
            self.initialize()

    def to_disk(self, path, *, exclude=()) -> None:
        self.ensure_initialized()
        self.knowledge.to_disk(Path(path))

    def from_disk(self, path, *, exclude=()):
        self.load(load_knowledge(Path(path)))
        return self
