"""What lint says of a collection: which articles read machine-translated or are about
another condition, and where articles disagree (a summary, not a warning in each article)."""
from __future__ import annotations

import json
from pathlib import Path

import cramptext
from cramptext.metrics import translation_score
from cramptext.records import Finding

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "cautions"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_155f91860faa0152.txt"
MT = ("The reason that drives caviar can be reinforced sports. Many know it neponaslyshke. "
      "It is recommended to put in order the nervous system.\n")
PLAIN = "Stretching your calves before bed can help prevent night cramps. Drink enough water during the day.\n"


def _phrasing(start: int, end: int) -> Finding:
    return Finding(source="a.txt", rule="CT101", name="x", category="phrasing", severity="warning", start=start,
                   end=end, line=1, column=start + 1, message="m")


def test_translation_score_grows_with_the_density_of_phrasing_findings():
    text = " ".join(["word"] * 200)
    assert translation_score(text, []) == 0.0
    one, four = translation_score(text, [_phrasing(0, 4)]), translation_score(text, [_phrasing(i, i + 4) for i in (0, 5, 10, 15)])
    assert 0 < one < 0.5 < four < 1
    # the same span found by two rules counts once
    assert translation_score(text, [_phrasing(0, 4), _phrasing(0, 4)]) == one


def test_machine_translated_articles_score_high_and_plain_ones_zero():
    mt, plain = cramptext.lint([cramptext.Document("mt.txt", MT), cramptext.Document("plain.txt", PLAIN)]).results
    assert mt.translation_score > 0.9
    assert plain.translation_score == 0.0


def test_two_articles_that_disagree_get_a_summary_not_a_warning_each(invoke):
    paths = [str(FIXTURES / "09a_magnesium_for_column.md"), str(FIXTURES / "09b_magnesium_against_newsletter.txt")]
    result = invoke("lint", *paths, "--format", "jsonl", "--summary")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert not [r for r in records if r.get("category") == "consistency"]
    (disagreement,) = [r for r in records if r.get("type") == "disagreement" and r["concept"] == "magnesium supplements"]
    assert (disagreement["asserted"], disagreement["denied"]) == ([paths[0]], [paths[1]])
    documents = [r for r in records if r.get("type") == "document"]
    assert [d["source"] for d in documents] == paths and all(d["topic"] == "cramps" for d in documents)
    text = invoke("lint", *paths)
    assert "articles disagree on magnesium supplements (remedy): 1 for, 1 against" in text.stderr
    # CT302 warns in each article only when selected
    selected = invoke("lint", *paths, "--format", "jsonl", "--extend-select", "CT302")
    assert "CT302" in {json.loads(line)["rule"] for line in selected.stdout.splitlines()}


def test_findings_records_stay_findings_without_summary(invoke):
    result = invoke("lint", str(FIXTURES / "09a_magnesium_for_column.md"), "--format", "jsonl")
    assert all("rule" in json.loads(line) for line in result.stdout.splitlines())


def test_an_off_topic_article_is_noted_once(invoke):
    result = invoke("lint", str(FIXTURES / "08_other_heartburn_leaflet.txt"))
    assert result.stderr.count("not cramps") == 1
    assert "CT2" not in result.stdout and "CT4" not in result.stdout and "CT5" not in result.stdout
