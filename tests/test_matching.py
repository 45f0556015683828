"""IndexedMatcher finds what spaCy's Matcher finds, trying each pattern only near its anchor word."""
from __future__ import annotations

import pytest
from spacy.errors import MatchPatternError
from spacy.matcher import Matcher

from cramptext.nlp.matching import IndexedMatcher

TEXT = ("A lack of the vitamin D can cause night cramps. Drink plenty of water and drink enough fluids. "
        "Stretch the calf muscles before bed; a lack of magnesium or vitamin D3 is common. Replace the lost salts. Take 300 mg daily. "
        "Do not sit for long periods of time, or sit for hours. The the calf and a calf cramp. Replace your lost "
        "lost the salts, drink cold clean water.")
PATTERNS = {
    "vitamin_d": [[{"LOWER": {"IN": ["lack", "shortage"]}, "OP": "?"}, {"LOWER": {"IN": ["of", "in"]}, "OP": "?"},
                   {"LOWER": "the", "OP": "?"}, {"LOWER": "vitamin"}, {"LOWER": {"IN": ["d", "d3"]}}]],
    "drinking": [[{"LEMMA": "drink"}, {"LOWER": {"IN": ["plenty", "enough"]}}, {"LOWER": "of", "OP": "?"},
                  {"LEMMA": {"IN": ["water", "fluid"]}, "OP": "?"}]],
    "salts": [[{"LEMMA": "replace"}, {"LOWER": {"IN": ["the", "lost", "your"]}, "OP": "*"}, {"LEMMA": "salt"}]],
    "sitting": [[{"LEMMA": "sit"}, {"LOWER": {"IN": ["for", "over"]}}, {"LOWER": {"IN": ["long", "periods", "of", "time", "hours"]}, "OP": "+"}]],
    "leading": [[{"LOWER": {"IN": ["the", "a"]}, "OP": "*"}, {"LOWER": "calf"}, {"LEMMA": "cramp", "OP": "?"}]],
    "adjectives": [[{"LOWER": "cold", "OP": "?"}, {"POS": {"IN": ["ADJ", "DET"]}, "OP": "*"}, {"LEMMA": "water"}]],
    "any_words": [[{"LEMMA": "drink"}, {"IS_ALPHA": True, "OP": "*"}, {"LEMMA": "water"}]],  # repeats any word: whole doc
    "titled": [[{"IS_TITLE": True}, {"LOWER": "the"}]],  # anchored on its second word
    "stretch": [[{"LEMMA": "stretch"}, {"POS": "DET", "OP": "?"}, {"LOWER": "calf"}, {"LEMMA": "muscle", "OP": "?"}]],
    "absent": [[{"LOWER": "quinine"}, {"LOWER": "water"}]],
    "numbered": [[{"LIKE_NUM": True}, {"IS_ALPHA": True, "OP": "?"}]],  # no fixed word: run over the whole doc
}


def matchers(nlp, patterns):
    ref, fast = Matcher(nlp.vocab), IndexedMatcher(nlp.vocab)
    for key, pats in patterns:
        ref.add(key, pats)
        fast.add(key, pats)
    return ref, fast


def by_span(matches):
    spans: dict = {}
    for key, start, end in matches:
        spans.setdefault((start, end), []).append(key)
    return spans


def test_same_matches_as_spacy(nlp):
    doc = nlp(TEXT)
    ref, fast = matchers(nlp, PATTERNS.items())
    expected, found = ref(doc), fast(doc)
    assert sorted(found) == sorted(expected) and len(found) == len(expected)
    assert found == sorted(found, key=lambda m: (m[1], m[2]))
    assert {nlp.vocab.strings[k] for k, _, _ in found} == set(PATTERNS) - {"absent"}


def test_equal_spans_keep_spacys_order(nlp):
    """Every pattern under two keys: each match is a tie, and filter_spans keeps the first of equal spans."""
    doc = nlp(TEXT)
    for suffixes in (("", "-twin"), ("-twin", "")):
        twins = [(key + s, pats) for key, pats in PATTERNS.items() for s in suffixes]
        ref, fast = matchers(nlp, twins)
        assert by_span(fast(doc)) == by_span(ref(doc))


def test_tries_patterns_only_near_their_anchor(nlp):
    doc = nlp(TEXT)
    _, fast = matchers(nlp, PATTERNS.items())
    columns = fast._columns_of(doc)
    positions = fast._positions(columns)
    windows = {p.matcher: p.windows(positions, columns, len(doc)) for p in fast._indexed}
    assert sum(b - a for w in windows.values() for a, b in w) < len(doc)
    assert [] in windows.values()  # "quinine" is not in the text: that pattern is not run at all
    # a token repeated from a word list is indexed; one repeating any word is not
    assert {nlp.vocab.strings[k] for p in fast._indexed for k, _, _ in p.matcher(doc)} >= {"salts", "sitting", "leading", "adjectives"}
    assert {nlp.vocab.strings[k] for k, _, _ in fast._whole(doc)} == {"any_words", "numbered"}


def test_a_run_of_listed_words_is_followed_to_its_end(nlp):
    """Every length of a repeated token's run is found, the longest too, before and after the anchor."""
    doc = nlp("Sit for long long long periods of time of time. The the the the calf.")
    patterns = {k: PATTERNS[k] for k in ("sitting", "leading")}
    ref, fast = matchers(nlp, patterns.items())
    assert sorted(fast(doc)) == sorted(ref(doc))
    spans = [doc[s:e].text for _, s, e in fast(doc)]
    assert "Sit for long long long periods of time of time" in spans and "The the the the calf" in spans


def test_bad_pattern_raises_spacys_error(nlp):
    with pytest.raises(MatchPatternError):
        IndexedMatcher(nlp.vocab).add("bad", [[{"LOWER": {"IN": "not a list"}}]])


def test_empty_doc_and_matcher(nlp):
    assert IndexedMatcher(nlp.vocab)(nlp("Drink water.")) == []
    _, fast = matchers(nlp, PATTERNS.items())
    assert fast(nlp("")) == []
