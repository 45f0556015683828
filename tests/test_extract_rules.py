"""One test per extraction rule: frames, coordination, negation, hedging, structure.

Each asserts on the (kind, concept, negated) triples the extractor returns for
a short text written for the rule, not taken from the seed.
"""
import pytest

from cramptext.engine import Engine
from cramptext.io import Document
from cramptext.checks import load_rules


@pytest.fixture(scope="module")
def analyze(nlp):
    analyzer = Engine(nlp, [r for r in load_rules() if r.category == "phrasing"], checks=False)

    def run(text):
        (result,) = analyzer.run([Document("t.txt", text)])
        return result.claims
    return run


def triples(claims):
    return {(c.kind, c.concept, c.negated) for c in claims}


def test_cause_frame_subject_of_cause_verb(analyze):
    claims = analyze("Dehydration can lead to painful leg cramps.")
    assert ("cause", "dehydration", False) in triples(claims)


def test_passive_cause_frame(analyze):
    claims = analyze("Night cramps are often triggered by prolonged standing.")
    assert ("cause", "prolonged standing", False) in triples(claims)


def test_coordinated_deficiencies_are_separate_claims(analyze):
    kinds = triples(analyze("Cramps may result from a lack of calcium, potassium or magnesium."))
    assert {("cause", "calcium deficiency", False), ("cause", "potassium deficiency", False),
            ("cause", "magnesium deficiency", False)} <= kinds


def test_nutrient_as_remedy_gets_the_remedy_name(analyze):
    kinds = triples(analyze("Taking magnesium supplements before bed may help."))
    assert ("remedy", "magnesium supplements", False) in kinds


def test_negation_after_the_mention(analyze):
    claims = analyze("Cramps are usually not caused by dehydration.")
    (claim,) = [c for c in claims if c.concept == "dehydration"]
    assert claim.kind == "cause" and claim.negated


def test_no_evidence_negates(analyze):
    claims = analyze("There is no good evidence that vitamin E prevents night cramps.")
    assert any(c.negated for c in claims if "vitamin e" in c.concept)


def test_pseudo_negation_does_not_negate(analyze):
    claims = analyze("Cramps are not uncommon in pregnancy.")
    (claim,) = [c for c in claims if c.concept == "pregnancy"]
    assert not claim.negated


def test_modal_hedges(analyze):
    claims = analyze("Statins may cause muscle cramps in some people.")
    (claim,) = [c for c in claims if c.concept == "statins"]
    assert claim.kind == "cause" and claim.hedged and not claim.negated


def test_plain_statement_is_not_hedged(analyze):
    claims = analyze("Stretching the calf relieves the cramp.")
    (claim,) = [c for c in claims if c.concept == "stretching"]
    assert claim.kind == "remedy" and not claim.hedged


def test_section_heading_sets_the_kind_of_list_items(analyze):
    text = "Common triggers\n\n- Too much coffee\n- Alcohol\n\nWhat helps\n\n- Cutting down on coffee\n"
    kinds = triples(analyze(text))
    assert ("cause", "caffeine overuse", False) in kinds
    assert ("remedy", "caffeine reduction", False) in kinds


def test_see_a_doctor_is_a_red_flag(analyze):
    kinds = triples(analyze("Talk to your GP if the cramps keep coming back."))
    assert any(k == "red_flag" for k, _, _ in kinds)


def test_signs_in_a_see_your_doctor_list_are_red_flags(analyze):
    text = "Book an appointment with your doctor if:\n\n- your calf is swollen\n- you feel numbness in the leg\n"
    kinds = triples(analyze(text))
    assert {k for k, c, _ in kinds if c in ("swelling", "numbness")} == {"red_flag"}


def test_what_cramps_bring_is_not_a_cause(analyze):
    claims = analyze("The cramp is accompanied by stress and severe pain.")
    assert not [c for c in claims if c.kind == "cause"]
    assert ("symptom", "pain", False) in triples(claims)


def test_open_vocabulary_cause(analyze):
    claims = analyze("Sleeping on a sagging mattress can trigger cramps.")
    opened = [c for c in claims if c.concept_id is None]
    assert opened and opened[0].kind == "cause" and "mattress" in opened[0].concept


def test_open_vocabulary_remedy(analyze):
    claims = analyze("A daily glass of beetroot juice helps with night cramps.")
    opened = [c for c in claims if c.concept_id is None]
    assert opened and opened[0].kind == "remedy" and "beetroot juice" in opened[0].concept


def test_nested_concepts_are_one_claim(analyze):
    claims = analyze("A balanced diet with plenty of bananas and dairy products helps.")
    assert [c.concept for c in claims if c.kind == "remedy"] == ["balanced diet"]


def test_offsets_point_into_the_original_through_fixes(analyze):
    text = "Why drives caviar at night? Often the reason is reinforced sports."
    for claim in analyze(text):
        assert text[claim.start:claim.end] == claim.text
    assert any(c.concept == "overexertion" for c in analyze(text))


def test_mojibake_is_read_through_and_offsets_stay_in_the_original(analyze):
    text = "Itâ€™s often dehydration that triggers night cramps â€” so drink enough water."
    claims = analyze(text)
    assert ("cause", "dehydration", False) in triples(claims)
    for claim in claims:
        assert text[claim.start:claim.end] == claim.text
