"""``calque-verb``: a verb used for cramping with a body part ("it drives the calves").

The verbs, body parts and direction words are the rule's params."""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Token

from ...records import Finding
from .wording import inflect_like, keep_case
from ..base import PhrasingCheck, PhrasingInput

_WORDS = {"type": "array", "items": {"type": "string", "minLength": 1}}


class CalqueVerbCheck(PhrasingCheck):
    """A verb used for cramping with a body part: 'it drives the calves', 'why reduces muscle'."""

    kind = "calque-verb"
    params_schema = {
        "type": "object", "additionalProperties": False,
        "required": ["verbs", "body_parts", "verb"],
        "properties": {
            "verbs": _WORDS,
            "subject_verbs": _WORDS,
            "body_parts": _WORDS,
            "not_after": _WORDS,
            "directions": _WORDS,  # particles that make a movement ("pull the foot up")
            "direction_preps": _WORDS,  # prepositions that do the same ("pull your toes towards you")
            "verb": {"type": "string"},
            "translate": {"type": "object", "additionalProperties": {"type": "string"}},
        },
    }

    def __init__(self, rule, context):
        super().__init__(rule, context)
        p = rule.params
        self.verbs = set(p["verbs"])
        self.subject_verbs = set(p.get("subject_verbs", ()))
        self.body = set(p["body_parts"])
        self.translate = dict(p.get("translate", {}))
        self.not_after = set(p.get("not_after", ()))
        self.directions = set(p.get("directions", ()))
        self.direction_preps = set(p.get("direction_preps", ()))

    def _is_body(self, token: Token) -> bool:
        return token.lemma_.lower() in self.body or token.lower_ in self.body

    def _words(self, tokens) -> str:
        """Text of ``tokens`` with mistranslated body parts put right ("caviar" → "calves")."""
        return " ".join(self.translate.get(t.lower_, t.text) for t in tokens)

    def run(self, article: PhrasingInput) -> Iterator[Finding]:
        doc = article.doc
        for verb in doc:
            lemma = verb.lemma_.lower()
            if lemma not in self.verbs or verb.pos_ not in ("VERB", "AUX", "NOUN"):
                continue
            children = list(verb.children)
            if verb.i > 0 and doc[verb.i - 1].lower_ in self.not_after and not self._bare_object(verb, children):
                continue
            if self._is_instruction(verb, children):
                continue  # "Pull your toes towards you" is plain advice
            cramp = inflect_like(verb, self.rule.params["verb"])
            objects = [c for c in children if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "npadvmod", "dep")
                       and c.i > verb.i]
            has_subject = any(c.dep_ in ("nsubj", "expl") for c in children)
            body_object = next((o for o in objects if self._is_body(o)), None)
            if body_object is None and verb.dep_ in ("compound", "amod") and self._is_body(verb.head):
                body_object = verb.head  # "mixing calf muscle"
            if body_object is None and not has_subject and verb.pos_ == "VERB":
                # "muscle reduces muscle spasm": no subject, a body part around the verb
                modified = next((o for o in objects if any(self._is_body(c) for c in o.children
                                                              if c.dep_ == "compound")), None)
                if modified is not None:
                    body_object = modified
                    before = doc[verb.i - 1] if verb.i > 0 else None
                    if before is not None and self._is_body(before):
                        yield self._finding(article, before, verb, f"{self._words([before])} {cramp}")
                        continue
            if body_object is not None:
                last = body_object
                particle = doc[last.i + 1] if last.i + 1 < len(doc) else None
                if particle is not None and particle.dep_ == "prt" and particle.head == verb:
                    last = particle  # "brings the legs down": the particle goes with the calque
                yield self._finding(article, verb, last, f"{cramp} {self._words(doc[verb.i + 1:body_object.i + 1])}")
                continue
            passive = [c for c in children if c.dep_ == "nsubjpass" and self._is_body(c) and c.i < verb.i]
            if passive and lemma in self.subject_verbs:
                # "the legs are brought together at night": the body part cramps
                subj = passive[0]
                start = min(t.i for t in subj.subtree if t.i <= subj.i)
                end = max([verb] + [c for c in children if c.dep_ in ("prt", "advmod") and c.lower_ == "together"],
                          key=lambda t: t.i)
                form = "cramps" if subj.tag_ in ("NN", "NNP") else "cramp"
                yield self._finding(article, doc[start], end, f"{self._words(doc[start:subj.i + 1])} {form}")
                continue
            subjects = [c for c in children if c.dep_ == "nsubj" and self._is_body(c)]
            if subjects and lemma in self.subject_verbs:
                subj = subjects[0]
                start = min(t.i for t in subj.subtree)
                yield self._finding(article, doc[start], verb, f"{self._words(doc[start:verb.i])} {cramp}")

    def _bare_object(self, verb: Token, children: list[Token]) -> bool:
        """'reasons to bring legs at night': a cramp verb whose object is a body part with no 'your'.

        After "to" a verb is usually advice ("to reduce muscle tension", "to pull your toes"), so
        only a verb of the cramp calque with a body part as its plain direct object counts."""
        if verb.lemma_.lower() not in self.subject_verbs:
            return False
        return any(c.dep_ == "dobj" and self._is_body(c) and not any(d.dep_ == "poss" for d in c.children)
                   for c in children)

    def _is_instruction(self, verb: Token, children: list[Token]) -> bool:
        """An imperative, or a verb of movement with a direction ("pull the foot up").

        A direction does not make "what brings the legs down at night" an instruction: a
        question word or "it" as the subject is the cramp speaking."""
        cramp_subject = any(c.dep_ == "nsubj" and c.lower_ in ("what", "it", "which", "that", "this")
                            for c in children)
        if not cramp_subject and any(c.dep_ in ("prt", "advmod") and c.lower_ in self.directions for c in children):
            return True
        if any(c.dep_ == "prep" and c.lower_ in self.direction_preps for c in children):
            return True
        return verb.tag_ == "VB" and not any(c.dep_ in ("nsubj", "aux", "auxpass") for c in children)

    def _finding(self, article: PhrasingInput, first: Token, last: Token, replacement: str) -> Finding:
        start, end = first.idx, last.idx + len(last)
        return self.finding(article, start, end, replacement=keep_case(first.text, replacement.strip()))
