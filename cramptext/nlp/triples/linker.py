"""Links of one Doc: paragraph-level links (sentence, paragraph, explicit references) and
remedy sections answering cause sections, joined into triples.

A pair of claims linked on several bases keeps the strongest. A remedy link and
a symptom link of the same cause claim, made on the same basis in the same
paragraph, become one cause-symptom-remedy triple.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ...knowledge import Knowledge
from ..claims import ClaimMention
from ..structure import SectionClassifier
from .cues import CueFinder
from .ends import Roles
from .layout import Layout
from .local import LocalLinker
from .mention import BASES, Link, TripleMention
from .references import References
from .sections import SectionLinker


class Linker:
    def __init__(self, nlp: Language, knowledge: Knowledge):
        self.classifier = SectionClassifier(knowledge.cues.headings)
        self.roles = roles = Roles(knowledge)
        self.cues = CueFinder(nlp, knowledge.links.cues)
        self.local = LocalLinker(roles, knowledge.links, References(knowledge.lexicon, roles.is_cause))
        self.sections = SectionLinker(roles, knowledge.links)

    def __call__(self, doc: Doc, claims: list[ClaimMention], concept_spans: list[Span]) -> list[TripleMention]:
        if not claims:
            return []
        layout = Layout(doc, claims, self.classifier, self.cues)
        links = self.local.links(doc, layout) + self.sections.links(doc, layout, concept_spans)
        unit_of = {id(m): s.unit for s in layout.sentences for m in s.claims}
        against = {id(l.other) for l in links if l.role == "remedy" and self.roles.advised_against(l.other, doc)}
        return join(strongest(links), unit_of, against)


def strongest(links: list[Link]) -> list[Link]:
    """One link per (cause claim, other claim): the one on the strongest basis."""
    best: dict[tuple, Link] = {}
    for link in links:
        if link.cause == link.other:
            continue
        key = (link.cause, link.other)
        if key not in best or BASES.index(link.basis) < BASES.index(best[key].basis):
            best[key] = link
    return list(best.values())


def join(links: list[Link], unit_of: dict, against: set) -> list[TripleMention]:
    """Triples from links: a symptom joins a remedy link of the same cause, basis and paragraph;
    a remedy advised against (``against``: ids of those claims) makes a negated triple."""
    symptoms = [l for l in links if l.role == "symptom"]
    used = set()
    triples = []
    for link in links:
        if link.role != "remedy":
            continue
        symptom = next((s for s in symptoms if id(s) not in used and s.cause == link.cause
                        and s.basis == link.basis and unit_of.get(id(s.other)) is unit_of.get(id(link.other))), None)
        if symptom is not None:
            used.add(id(symptom))
        triples.append(TripleMention(link.cause, symptom.other if symptom else None, link.other, link.basis,
                                     id(link.other) in against))
    triples.extend(TripleMention(s.cause, s.other, None, s.basis, False) for s in symptoms if id(s) not in used)
    triples.sort(key=lambda t: (t.start, t.end, t.cause.start))
    return triples
