"""Parse shapes claim extraction asks about: nesting, prohibitions, fragments."""
from __future__ import annotations

from spacy.tokens import Span

from ..line_breaks import is_bullet

NESTING_DEPS = frozenset({"prep", "pobj", "amod", "compound"})


def drop_nested(spans: list[Span], distributive: frozenset) -> list[Span]:
    """Concepts inside another concept's phrase elaborate it and are no claim of their own:
    "a balanced diet with greens and dairy products", "the balance between potassium and
    sodium". Coordinated words under a generic head still count ("a decrease in
    calcium, potassium or magnesium" is three claims)."""
    owner = {i: span for span in spans for i in range(span.start, span.end)}
    kept = []
    for span in spans:
        token, via_conj, container = span.root, False, None
        for _ in range(6):
            if token.dep_ == "conj":
                # a coordinated sibling is a claim of its own: keep climbing
                token, via_conj = token.head, True
                continue
            if token.dep_ not in NESTING_DEPS or token.head == token:
                break
            token = token.head
            if is_example_marker(token):
                break  # "nerve problems such as neuropathy": an example is a claim of its own
            other = owner.get(token.i)
            if other is not None and other is not span and other.root.pos_ in ("NOUN", "PROPN"):
                container = other
                break
        # "problems in the circulation, spine or nerves", "a decrease in calcium, potassium
        # or magnesium": a generic head distributes over the coordinated words.
        if container is not None and not (via_conj and container.root.lemma_.lower() in distributive) \
                and not (span.root.dep_ in ("amod", "compound")
                         and any(container.start <= c.i < container.end for c in span.root.conjuncts)):
            continue  # (a modifier coordinated with one inside the other phrase, "hot or cold treatments", counts)
        kept.append(span)
    return kept


EXAMPLE_PREPS = frozenset({"like", "including", "especially", "particularly"})


def is_example_marker(token) -> bool:
    """The preposition that introduces examples: "such as", "like", "including"."""
    lower = token.lower_
    return token.dep_ == "prep" and (lower in EXAMPLE_PREPS or
                                     (lower == "as" and any(c.lower_ == "such" for c in token.children))
                                     or (lower == "as" and token.i > 0 and token.doc[token.i - 1].lower_ == "such"))


def is_prohibition(span: Span) -> bool:
    """Is the mention inside a negative imperative ("Don't ...", "Never ...", "Avoid ...")?"""
    token = span.root
    for _ in range(6):
        if token.pos_ == "VERB" and token.tag_ == "VB":
            children = list(token.children)
            negative = any(c.dep_ == "neg" or c.lower_ == "never" for c in children)
            if negative and not any(c.dep_ in ("nsubj", "nsubjpass") for c in children):
                return True
        if token.head == token:
            return False
        token = token.head
    return False


def is_fragment(sent: Span) -> bool:
    """A verbless line such as a list item ("Prolonged stress, irregular meals.")."""
    body = sent[1:] if len(sent) > 1 and is_bullet(sent[0]) else sent
    root = body.root
    if root.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
        return True
    return root.tag_ in ("VBG", "VBN") and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in root.children)


def is_statement(sent: Span) -> bool:
    """A clause with a finite verb and its subject ("Soap under the sheet can prevent cramps"), not a title."""
    root = sent.root
    children = list(root.children)
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in children):
        return False
    # Title Case hides the verb from the tagger ("Soap ... Can Prevent ..."): a modal settles it.
    return any(c.dep_ == "aux" for c in children) or (root.pos_ in ("VERB", "AUX") and
                                                       any(c.dep_ == "dobj" for c in children))
