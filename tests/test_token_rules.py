"""TokenRuleMatcher gives the model's attribute ruler exactly the matches spaCy's Matcher gives it."""
from __future__ import annotations

import pytest
import spacy
from spacy.matcher import Matcher

from cramptext.nlp.model import resolve_model_name
from cramptext.nlp.pipeline import CLAIM_COMPONENTS
from cramptext.nlp.token_rules import TokenRuleMatcher

# Contractions, slang the English model's rules name ("gonna", "y'all", "ain't"), pronouns in
# subject and object position, "there is", modals, a space token and a line break.
TEXT = ("I'd say y'all ain't gonna stretch it, but we gotta go. Let's c'm on!  Doin' nothin' 'nuff for 'em.\n\n"
        "There is a cramp in her calf. It hurts me; I told you about it. Did you drink? She had had it before. "
        "But he left, and that was that. Those who can should; these can't. Somethin' 's wrong with him, "
        "is it not? Nobody gets it.   Whether or not, the calves got better once he'd rested.")

PATTERNS = {  # every kind of test the fast path takes, and some it leaves to the Matcher
    "tag": [[{"TAG": "NN"}]],
    "tag_in_lower": [[{"TAG": {"IN": ["PRP", "PRP$"]}, "LOWER": {"IN": ["her", "him", "it"]}}]],
    "not_in": [[{"DEP": {"NOT_IN": ["det", ""]}, "TAG": {"IN": ["DT", "WDT"]}}]],
    "flag": [[{"IS_SPACE": True}], [{"IS_PUNCT": True, "LOWER": ","}]],
    "lower_dep": [[{"LOWER": "it", "DEP": {"IN": ["dobj", "pobj", "nsubj"]}}]],
    "flag_and_not_in": [[{"DEP": {"NOT_IN": ["ROOT", "punct"]}, "IS_ALPHA": False}]],
    "only_not_in": [[{"TAG": {"NOT_IN": ["NN", "NNS", "DT", "IN", "."]}, "LOWER": {"NOT_IN": ["it", "is"]}}]],
    "two_tokens": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "was"]}}]],
    "regex": [[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]],
    "pos": [[{"POS": "PRON"}]],  # POS values are not hashes: left to the Matcher
    "op": [[{"TAG": "JJ", "OP": "?"}, {"TAG": "NNS"}]],
    "absent": [[{"LOWER": "quinine"}]],
}


def _parsed(nlp, text):
    """``text`` through the pipeline up to (not including) the attribute ruler."""
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name == "attribute_ruler":
            break
        doc = component(doc)
    return doc


def test_same_matches_as_the_models_own_rules(nlp):
    """Built from a stock attribute ruler, it finds what that ruler's Matcher finds, match for match."""
    base = spacy.load(resolve_model_name(), exclude=["ner"])
    ruler = base.get_pipe("attribute_ruler")
    assert type(ruler.matcher) is Matcher
    fast = TokenRuleMatcher(base.vocab, ruler.matcher, [str(i) for i in range(len(ruler.attrs))])
    assert len(fast.rest) < len(ruler.attrs) // 10  # nearly every rule takes the fast path
    for text in (TEXT, TEXT.upper(), "", " ", "\n\nCramps.\n"):
        doc = _parsed(base, text)
        expected = sorted(ruler.matcher(doc, allow_missing=True))
        assert sorted(fast(doc, allow_missing=True)) == expected
        assert text.strip() == "" or expected


def test_same_matches_for_every_kind_of_test(nlp):
    reference = Matcher(nlp.vocab)
    for key, patterns in PATTERNS.items():
        reference.add(key, patterns)
    fast = TokenRuleMatcher(nlp.vocab, Matcher(nlp.vocab), [])
    for key, patterns in PATTERNS.items():
        fast.add(key, patterns)  # added later, as AttributeRuler.add does
    doc = nlp(TEXT)
    expected = sorted(reference(doc, allow_missing=True))
    assert sorted(fast(doc, allow_missing=True)) == expected
    assert {nlp.vocab.strings[k] for k, _, _ in expected} == set(PATTERNS) - {"absent"}
    assert fast.get("regex") == reference.get("regex")
    assert len(fast) == len(reference)


def test_a_doc_without_the_annotation_a_pattern_tests(nlp):
    """Like spaCy's Matcher: an error unless missing annotation is allowed, then no error."""
    blank = spacy.blank("en")
    fast = TokenRuleMatcher(blank.vocab, Matcher(blank.vocab), [])
    fast.add("dep", [[{"DEP": "nsubj", "LOWER": "it"}]])
    doc = blank("It hurts.")
    with pytest.raises(ValueError):
        fast(doc)
    assert fast(doc, allow_missing=True) == []


def test_the_pipeline_gives_every_token_what_the_stock_ruler_gives(nlp, monkeypatch):
    """cramptext's pipeline uses it, and the parts of speech, morphology and lemmas are unchanged."""
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler.matcher, TokenRuleMatcher)

    def tokens():
        return [(t.text, t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in nlp(TEXT, disable=CLAIM_COMPONENTS)]

    ours = tokens()
    monkeypatch.setattr(ruler, "matcher", ruler.matcher.reference)  # the stock Matcher, same patterns
    assert tokens() == ours
