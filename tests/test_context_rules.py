"""Negation and hedging that hold on real wording: cautions are not denials, conditions
hedge, concessions and warnings deny, a denial sentence reaches the claims before it;
and a document, section or sentence about another condition gives no cramp claims."""
from __future__ import annotations

import pytest

import cramptext
from cramptext.knowledge import load_knowledge


def claims(text: str):
    return [(c.kind, c.concept, c.negated, c.hedged) for c in cramptext.extract_claims(text)]


CAUTIONS = [(rule["name"], kind, text) for rule in load_knowledge().context.cautions
            for kind in ("caution", "denial") for text in rule["examples"][kind]]


@pytest.mark.parametrize(("rule", "kind", "text"), CAUTIONS, ids=[f"{r}-{k}{i}" for i, (r, k, _) in enumerate(CAUTIONS)])
def test_caution_rule_examples(rule, kind, text):
    found = [c for c in claims(text) if c[0] in ("remedy", "cause")]
    assert found, f"{rule}: no claim in {text!r}"
    if kind == "caution":
        assert not any(negated for _, _, negated, _ in found), (rule, text, found)
    else:
        assert any(negated for _, _, negated, _ in found), (rule, text, found)


@pytest.mark.parametrize(("text", "concept", "negated", "hedged"), [
    ("If you have kidney disease, don't take magnesium supplements for your cramps.", "magnesium supplements", False, True),
    ("Although it has been suggested that taking extra calcium may help leg cramps, there is no good evidence "
     "that it makes any difference.", "calcium supplements", True, False),
    ("The FDA now warns against using quinine for leg cramps.", "quinine", True, False),
    ("Tonic water is no substitute for stretching when cramps strike.", "tonic water", True, False),
    ("Quinine was once prescribed for leg cramps, but it can harm the blood.", "quinine", True, False),
    ("In the past, muscle cramps were thought to be caused by dehydration.", "dehydration", True, True),
])
def test_warnings_history_conditions_and_concessions(text, concept, negated, hedged):
    assert any(c[1] == concept and (c[2], c[3]) == (negated, hedged) for c in claims(text)), claims(text)


def test_a_denial_sentence_reaches_the_claims_before_it():
    found = claims("Many people drink tonic water for night cramps. But this is a myth.")
    assert ("remedy", "tonic water", True, False) in found
    # ... within its paragraph only
    found = claims("Many people drink tonic water for night cramps.\n\nBut this is a myth.")
    assert ("remedy", "tonic water", False, False) in found


@pytest.mark.parametrize("text", ["Don't smoke if you get night cramps.", "Avoid alcohol in the evening to prevent leg cramps."])
def test_advice_to_quit_is_a_remedy(text):
    (found,) = [c for c in claims(text) if c[0] == "remedy"]
    assert found[2] is False and found[1] in ("quitting smoking", "alcohol reduction")


HEARTBURN = ("Heartburn: what helps\n\nHeartburn is a burning feeling in the chest after meals. Stress, caffeine and "
             "alcohol make heartburn worse, and so does lying down straight after a large meal. Eat smaller meals, "
             "avoid coffee late in the day and raise the head of your bed. Antacids ease heartburn quickly. If you "
             "have heartburn most days for three weeks or more, see your GP. Acid reflux that keeps coming back can "
             "damage the gullet over time, so do not ignore it. Drinking plenty of water and stretching after meals "
             "will not cure reflux, but many people with heartburn find that gentle walking after dinner helps.\n")


def test_an_article_about_another_condition_gives_no_cramp_claims():
    nlp = cramptext.load()
    doc = nlp(HEARTBURN)
    assert doc._.topic.topic == "heartburn"
    assert doc._.claims == []
    assert cramptext.extract_claims(HEARTBURN) == []


def test_topic_cramps_treats_every_article_as_a_cramp_article():
    from cramptext.config import Config

    (result,) = cramptext.extract([cramptext.Document("h.txt", HEARTBURN)], config=Config(topic="cramps"))
    assert result.claims and result.topic.topic == "heartburn"
    (result,) = cramptext.lint([cramptext.Document("h.txt", HEARTBURN)]).results
    assert result.findings == [] or all(f.category == "phrasing" for f in result.findings)


def test_a_sentence_or_section_about_another_condition_gives_no_cramp_claims():
    text = ("Why calves cramp at night\n\nDehydration can cause leg cramps. Dehydration also causes headaches.\n\n"
            "What causes toe pain?\n\nGout and bunions are common culprits.\n")
    found = [c for c in cramptext.extract_claims(text)]
    assert [(c.concept, c.text) for c in found] == [("dehydration", "Dehydration")]


def test_numbered_headings_and_gerund_items_carry_their_claims():
    text = ("Why do my calves cramp at night?\n\n3. Too little water\nMost of us drink less than we think.\n\n"
            "How to ease a cramp\n- Walking it off\n- Soaking in a warm bath\n- Stretching and massaging the calf\n")
    found = {(c.kind, c.concept) for c in cramptext.extract_claims(text)}
    assert {("cause", "dehydration"), ("remedy", "walking it off"), ("remedy", "warm bath"), ("remedy", "stretching"),
            ("remedy", "massage")} <= found


def test_examples_under_an_umbrella_and_inverted_names_are_claims():
    found = {(c.kind, c.concept) for c in cramptext.extract_claims(
        "Night cramps are more common with diseases of the liver and kidneys, and with nerve problems "
        "such as peripheral neuropathy. Hot or cold treatments help.")}
    assert {("cause", "liver disease"), ("cause", "kidney disease"), ("cause", "peripheral neuropathy"),
            ("remedy", "heat therapy"), ("remedy", "cold compress")} <= found
