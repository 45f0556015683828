"""Links a paragraph states: within a sentence, and from a cause to what the
sentences after it in the same paragraph or list item give.

A sentence that names causes links them to every remedy and symptom in it, and
opens a segment; the sentences after it that name no cause answer the segment's
causes. A sentence naming one of them again continues the segment; one whose
subject points back ("It is more common in smokers") names causes of the cause
and leaves it as it is; one that points back otherwise ("Doctors prescribe these
two trace elements with vitamin D") adds its causes; one naming only other
causes opens a new segment. So a paragraph about one cause links it to all it
gives, and a paragraph that moves from cause to cause links each to what
follows it.

What stays unlinked: a general cramp remedy (stretching, massage) in a sentence
of its own, unless a target fact aims it at the cause (else it closes the
segment: the text has turned to cramps in general); anything in a sentence
about cramps whatever their cause, or after a turn to another topic ("As for
bananas"); a cause the paragraph denies ("not caused by dehydration") as a
segment's cause; what follows a segment of more than ``MAX_SEGMENT_CAUSES``
causes (a list of causes, not a paragraph about one) but remedies a target fact
aims at one of them; a symptom whose own subject brings it ("Pressure on a
nerve can bring numbness"); symptoms in a sentence that describes the cramp
itself ("the muscle tightens suddenly and the calf can stay sore"); a remedy
the sentence says brings the cause about ("too much magnesium commonly causes
diarrhoea") or lists among its causes ("a long hike, a new exercise class or
a day of digging"); advice under a condition about the cramps themselves ("if
cramps become frequent, see your GP"). Where the text gives a remedy aimed at a
cause, a remedy aimed at other causes beside it is not linked to it ("drinking
enough fluid in hot weather" - not loose bedclothes), and in a paragraph whose
causes each have remedies of their own, a remedy aimed at some of them goes to
those only.

A sentence that refers back ("in this case", "the above diseases") links to the
causes it refers to, wherever they are in its section (basis ``paragraph``: the
link is stated across sentences); one that names the cause it answers ("If the
cause is dehydration, drink ...", "to make up for the lack of potassium") is a
``sentence`` link.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from ...knowledge import LinkRules
from ..claims import ClaimMention
from .ends import Roles
from .layout import Layout, Section, Unit
from .mention import Link
from .references import References

MAX_SEGMENT_CAUSES = 3
ANAPHORS = frozenset({"it", "this", "that", "they", "these", "those"})


@dataclass
class Segment:
    causes: list[ClaimMention] = field(default_factory=list)
    closed: bool = False

    def concepts(self) -> set:
        return {m.concept_id for m in self.causes}

    def add(self, causes: list[ClaimMention]) -> None:
        known = self.concepts()
        self.causes.extend(m for m in causes if m.concept_id not in known)


@dataclass
class Paragraph:
    """What linking knows about the unit being read."""

    denied: set  # cause concepts the paragraph denies
    parallel: bool  # its causes each have remedies of their own
    segment: Segment | None = None


class LocalLinker:
    def __init__(self, roles: Roles, rules: LinkRules, references: References):
        self.roles = roles
        self.rules = rules
        self.references = references

    def links(self, doc: Doc, layout: Layout) -> list[Link]:
        found: list[Link] = []
        for section in layout.sections:
            found.extend(self._section(doc, section))
        return found

    def _section(self, doc: Doc, section: Section) -> list[Link]:
        found: list[Link] = []
        if any(h.cues.general for h in section.headings):
            return found  # "## Whatever the cause", "## For any cramp"
        for heading in section.headings:  # a heading that states a link ("Dehydration causes cramps: drink up")
            causes = [m for m in heading.claims if self.roles.is_cause(m)]
            others = [(m, role) for m in heading.claims if (role := self.roles.role(m, doc, heading.claims))]
            found.extend(Link(c, m, role, "sentence") for c in causes for m, role in others)
        last: Segment | None = None  # the last segment of the section, for "in this case" in a later paragraph
        for unit in section.units:
            para = Paragraph({m.concept_id for m in unit.claims if m.kind == "cause" and m.negated},
                             self._parallel(doc, unit))
            for sentence in unit.sentences:
                cues = sentence.cues
                if cues.general:
                    para.segment = None
                    continue
                if cues.shift:
                    para.segment = None
                causes = [m for m in sentence.claims if self.roles.is_cause(m)]
                others = [(m, role) for m in sentence.claims if (role := self.roles.role(m, doc, sentence.claims))]
                if any(self.roles.is_cramp_itself(m, doc) for m in sentence.claims):
                    # "The muscle tightens suddenly and the calf can stay sore": the cramp described
                    others = [(m, role) for m, role in others if role != "symptom"]
                if causes:
                    refers = cues.forward or cues.backward  # "If the cause is X, ...", "In this case X ..."
                    found.extend(self._sentence(doc, causes, others, para, refers, sentence.span))
                    last = para.segment or last
                elif not others:
                    continue
                elif cues.listed:
                    referents = self.references.listed(sentence)
                    found.extend(Link(c, m, role, "paragraph") for c in referents for m, role in others)
                elif cues.backward and (para.segment or last):
                    referents = (para.segment or last).causes
                    found.extend(Link(c, m, role, "paragraph") for c in referents for m, role in others)
                elif para.segment is not None and not para.segment.closed:
                    found.extend(self._answer(doc, para, others))
        return found

    def _sentence(self, doc: Doc, causes, others, para: Paragraph, refers: bool, span: Span) -> list[Link]:
        """Links within a sentence that names causes; then the paragraph's segment moves on."""
        segment = para.segment if para.segment is not None and not para.segment.closed else None
        continues = segment is not None and bool(segment.concepts() & {m.concept_id for m in causes})
        around = segment.causes + causes if continues else causes
        # A remedy listed with the causes ("a long hike, a new exercise class or a day of digging")
        # is one of them, whatever kind it was given: no end here.
        others = [(m, role) for m, role in others
                  if not (role == "remedy" and any(self.roles.one_list(c, m, doc) for c in causes))]
        remedies = [m for m, role in others if role == "remedy"]
        found = []
        for m, role in others:
            aimed = self._aimed(m, role, around) if para.parallel else []
            for c in aimed or causes:
                if role == "remedy" and (self._competing(m, c, remedies) or self.roles.brings_about(m, c, doc)):
                    continue
                found.append(Link(c, m, role, "sentence" if c in causes else "paragraph"))
        # A denied cause, or one a remedy here brings about (a side effect), is no segment's cause.
        held = [c for c in causes if c.concept_id not in para.denied
                and not any(self.roles.brings_about(m, c, doc) for m in remedies)]
        if continues:
            segment.add(held)
        elif segment is not None and _about_the_last(span):
            pass  # "It is more common in smokers": causes of the segment's cause, not new ones
        elif segment is not None and (refers or _points_back(span)) and held:
            segment.add(held)  # "Doctors prescribe these two trace elements with vitamin D": still the same topic
        elif held:
            para.segment = Segment()
            para.segment.add(held)
        else:
            para.segment = None
        return found

    def _answer(self, doc: Doc, para: Paragraph, others) -> list[Link]:
        """What a sentence without causes gives for the causes of the segment it is in."""
        segment = para.segment
        found, general_only = [], True
        many = len(segment.concepts()) > MAX_SEGMENT_CAUSES
        remedies = [m for m, role in others if role == "remedy"]
        for m, role in others:
            aimed = self._aimed(m, role, segment.causes)
            if role == "remedy" and self.roles.is_general(m):
                found.extend(Link(c, m, role, "lexicon") for c in aimed)
                continue
            general_only = False
            if role == "symptom" and self.roles.has_own_cause(m, doc):
                continue  # "Pressure on a nerve can bring numbness": not the segment's cause's symptom
            if self.roles.advice_for_the_cramps(m, doc):
                continue  # "If cramps are becoming a regular occurrence, visit a podiatrist"
            if aimed and (many or para.parallel):
                found.extend(Link(c, m, role, "lexicon") for c in aimed)
            elif not many:
                found.extend(Link(c, m, role, "paragraph") for c in segment.causes
                             if not (role == "remedy" and self._competing(m, c, remedies)))
        if general_only and not found:
            segment.closed = True
        return found

    def _parallel(self, doc: Doc, unit: Unit) -> bool:
        """Does the paragraph give remedies aimed at two or more of its causes, each its own
        ("Low potassium or magnesium ... Bananas are rich in potassium, nuts provide magnesium")?"""
        causes = {m.concept_id for m in unit.claims if self.roles.is_cause(m)}
        remedies = [m for s in unit.sentences for m in s.claims if self.roles.role(m, doc, s.claims) == "remedy"]
        return len({c for c in causes for m in remedies if self.rules.aims_at(m.concept_id, c)}) >= 2

    def _aimed(self, m: ClaimMention, role: str, causes: list[ClaimMention]) -> list[ClaimMention]:
        """The causes a remedy is curated as aimed at."""
        if role != "remedy":
            return []
        return [c for c in causes if self.rules.aims_at(m.concept_id, c.concept_id)]

    def _competing(self, m: ClaimMention, cause: ClaimMention, remedies: list[ClaimMention]) -> bool:
        """Is ``m`` aimed at other causes while another remedy beside it is aimed at this one?"""
        targets = self.rules.targets.get(m.concept_id)
        return (bool(targets) and cause.concept_id not in targets
                and any(r is not m and self.rules.aims_at(r.concept_id, cause.concept_id) for r in remedies))


def _points_back(sent: Span) -> bool:
    """Does the sentence name something already named ("these two trace elements", "this deficiency")?"""
    return any(t.dep_ == "det" and t.lower_ in ANAPHORS and t.head.pos_ == "NOUN" for t in sent)


def _about_the_last(sent: Span) -> bool:
    """Is the sentence's subject a pronoun ("It is more common in smokers")?"""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ANAPHORS for c in sent.root.children)
