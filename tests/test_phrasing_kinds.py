"""The phrasing check kinds added for issue 8, beyond each rule's own examples:
their guards (what keeps fluent English quiet) and their errors."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from cramptext.checks import load_rules
from cramptext.engine import Engine
from cramptext.errors import RuleError
from cramptext.io import Document

SUITE = Path(__file__).resolve().parent / "fixtures" / "plain_english"


@pytest.fixture(scope="module")
def rules():
    return {r.code: r for r in load_rules()}


def findings(nlp, rule, text):
    (result,) = Engine(nlp, [rule], checks=False, claims=False).run([Document("a.txt", text)])
    return [(text[f.start:f.end], f.replacement) for f in result.findings]


def test_a_bad_matcher_pattern_is_a_rule_error_with_its_entry(nlp, rules):
    broken = replace(rules["CT124"], params={"entries": [{"pattern": [{"LOWER": True}], "replace": "x"}]})
    with pytest.raises(RuleError, match=r"params/entries/0/pattern"):
        Engine(nlp, [broken], checks=False, claims=False)


def test_a_glossary_word_english_uses_never_fires(nlp, rules):
    # The rare-term kind drops entries wordfreq finds common, so a glossary cannot catch plain English.
    rule = replace(rules["CT128"], params={"glossary": {"hypodynamia": "physical inactivity", "water": "H2O"}})
    text = "Hypodynamia is common; drink water."
    assert findings(nlp, rule, text) == [("Hypodynamia", "Physical inactivity")]


def test_an_article_about_seizures_keeps_its_seizures(nlp, rules):
    text = (SUITE / "24_first_aid_seizures.md").read_text(encoding="utf-8")
    assert findings(nlp, rules["CT104"], text) == []


def test_the_same_seizures_in_an_article_about_leg_cramps_are_cramps(nlp, rules):
    text = ("Night leg cramps: why the calf muscle tightens.\n\n"
            "Leg cramps wake many people. The cause of seizures in the calf muscles is often fatigue, "
            "and seizures in the legs at night are common in older people.\n")
    assert findings(nlp, rules["CT104"], text) == [("seizures", "cramps"), ("seizures", "cramps")]


@pytest.mark.parametrize(("code", "text"), [
    ("CT129", '"Most cramps pass within minutes," says Dr Patel.'),
    ("CT129", "Stretching helps, as do warm baths."),
    ("CT130", "You may need to rest, need to drink, or both."),
    ("CT105", "Sharing records is a violation of patient privacy."),
    ("CT125", "Removing the cause of the pain matters most."),
    ("CT117", "Nurses are good at people skills."),
])
def test_fluent_near_misses_stay_quiet(nlp, rules, code, text):
    assert findings(nlp, rules[code], text) == []


def test_word_sense_covers_the_phrase_and_fixes_the_article(nlp, rules):
    text = "It causes an infringement of the sciatic nerve."
    assert findings(nlp, rules["CT125"], text) == [("an infringement of the sciatic nerve",
                                                    "a pinching of the sciatic nerve")]


def test_a_long_verb_first_sentence_is_pointed_at_from_its_verb(nlp, rules):
    # The scorer ignores phrasing findings over 160 characters: past that, the finding starts at the verb.
    text = ("In connection with the growing stress on the body during the long months of waiting and double the "
            "spending of useful salts and minerals on the two of them in pregnant women appears insufficient "
            "amounts of calcium.")
    assert findings(nlp, rules["CT129"], text) == [("appears insufficient amounts", None)]
