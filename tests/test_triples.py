"""Cause-symptom-remedy triples (issue 9): each basis of linking on short articles
written for these tests, the links that must not be made, the records, the
command, the export, the spaCy component and the link rules file; link scores
on the seed, the real development set and tests/fixtures/links."""
from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cramptext.api import summarise_triples, triples
from cramptext.errors import RuleError
from cramptext.io.documents import Document
from cramptext.knowledge import data_dir, load_knowledge, load_links
from cramptext.knowledge.lexicon import load_lexicon
from cramptext.records import Triple

from scoring import REAL_DIR, REAL_GOLD, SCORER, SEED_DIR, SEED_GOLD, run_and_score

FIXTURES = Path(__file__).parent / "fixtures" / "links"


def links_of(text: str, source: str = "a.txt") -> list[Triple]:
    return list(triples([Document(source, text)]))


def pairs(found: list[Triple]) -> set[tuple]:
    """(basis, cause, "remedy"/"symptom", other, negated) for each link."""
    out = set()
    for t in found:
        if t.remedy:
            out.add((t.basis, t.cause, "remedy", t.remedy, t.negated))
        if t.symptom:
            out.add((t.basis, t.cause, "symptom", t.symptom, False))
    return out


def linked(found: list[Triple]) -> set[tuple]:
    """(cause, other) pairs, whatever the basis."""
    return {(c, o) for _, c, _, o, _ in pairs(found)}


# -- each basis ------------------------------------------------------------------

def test_sentence_links_a_cause_to_its_symptoms_and_remedy(nlp):
    found = links_of("Varicose veins cause heaviness and aching in the legs. "
                     "Take magnesium supplements if you have a magnesium deficiency.\n")
    assert pairs(found) == {
        ("sentence", "varicose veins", "symptom", "heaviness in the legs", False),
        ("sentence", "varicose veins", "symptom", "pain", False),
        ("sentence", "magnesium deficiency", "remedy", "magnesium supplements", False),
    }


def test_paragraph_and_list_item_about_one_cause(nlp):
    found = links_of(
        "Dehydration is a common trigger of night cramps. Drink a glass of water with every meal.\n\n"
        "- Standing all day at work tires the calves. Wear supportive shoes and put your feet up in the evening.\n"
        "- Statins can bring on cramps. Ask your doctor for a medication review.\n")
    assert pairs(found) == {
        ("paragraph", "dehydration", "remedy", "hydration", False),
        ("paragraph", "prolonged standing", "remedy", "proper footwear", False),
        ("paragraph", "prolonged standing", "remedy", "leg elevation", False),
        ("paragraph", "statins", "remedy", "see a doctor", False),
        ("paragraph", "statins", "remedy", "medication review", False),
    }  # each list item's remedies go with its own cause only


def test_explicit_references(nlp):
    found = links_of("Some people get cramps from statins.\n\n"
                     "In this case, your doctor may be able to suggest a medication review.\n\n"
                     "Cramps can also come with diabetes or kidney disease. "
                     "The above diseases need regular checks by your doctor.\n")
    assert pairs(found) == {
        ("paragraph", "statins", "remedy", "medication review", False),  # across a paragraph break
        ("paragraph", "diabetes", "remedy", "see a doctor", False),
        ("paragraph", "kidney disease", "remedy", "see a doctor", False),
    }


def test_the_above_diseases_are_the_conditions_only(nlp):
    found = links_of("Cramps occur in diseases of the nervous system and after alcohol abuse. "
                     "The above diseases require careful monitoring by the attending physician.\n")
    assert linked(found) == {("nervous system disease", "see a doctor")}


def test_remedy_section_answers_cause_section_through_the_facts(nlp):
    found = links_of("# Night cramps\n\n## Causes\n\n"
                     "Prolonged stress and irregular meals can both bring on cramps. So can a lot of coffee.\n\n"
                     "## What to do\n\nTo prevent cramps, eliminate the provoking factors.\n\n"
                     "Learn a relaxation technique and take valerian in the evening. Eat at regular times. "
                     "Massage your calves before bed.\n", "a.md")
    assert pairs(found) == {
        ("lexicon", "psychological stress", "remedy", "stress reduction", False),
        ("lexicon", "psychological stress", "remedy", "valerian", False),
        ("lexicon", "irregular meals", "remedy", "regular meals", False),
    }  # massage answers no cause; coffee is not answered


def test_remedy_list_answers_cause_list_item_by_item(nlp):
    found = links_of("## What can trigger night cramps\n\n"
                     "- sleeping with the sheets tucked in tightly\n- several cups of coffee a day\n"
                     "- long hours of sitting\n\n"
                     "## What you can do\n\nRemove the triggers:\n\n"
                     "- loosen the sheets at the foot of the bed\n- cut down on coffee\n"
                     "- get up and walk around every hour\n", "a.md")
    assert pairs(found) == {
        ("section", "tight bedding", "remedy", "loose bedding", False),
        ("section", "caffeine overuse", "remedy", "caffeine reduction", False),
        ("section", "prolonged sitting", "remedy", "walking it off", False),
    }


def test_without_a_frame_a_remedy_section_links_nothing(nlp):
    found = links_of("## Causes\n\n- prolonged stress\n- irregular meals\n\n"
                     "## Tips\n\n- learn a relaxation technique\n- eat at regular times\n", "a.md")
    assert found == []


# -- what is linked, and what is not -----------------------------------------------

def test_remedy_advised_against_is_a_negated_link(nlp):
    found = links_of("If your cramps come from a statin, do not take magnesium supplements for them.\n")
    assert pairs(found) == {("sentence", "statins", "remedy", "magnesium supplements", True)}


def test_general_remedy_beside_a_cause_is_not_linked(nlp):
    found = links_of("Dehydration is one cause of cramps. Stretching your calves before bed helps too.\n\n"
                     "Pregnancy is another common trigger. Whatever the cause, a warm bath before bed "
                     "relaxes the muscles.\n")
    assert found == []


def test_general_remedy_is_linked_when_the_sentence_says_so_or_a_fact_aims_it(nlp):
    found = links_of("Pregnant women often find that a gentle calf stretch before bed keeps night cramps at bay.\n\n"
                     "Sitting for hours keeps the calves still. Get up and walk around every hour.\n")
    assert pairs(found) == {
        ("sentence", "pregnancy", "remedy", "stretching", False),
        ("lexicon", "prolonged sitting", "remedy", "walking it off", False),
    }


def test_cramps_in_general_link_nothing(nlp):
    found = links_of("Dehydration plays a part. During a cramp, whatever brought it on, massage the calf "
                     "or walk around.\n")
    assert found == []


def test_cause_chain_is_not_linked(nlp):
    found = links_of("Stress leads to poor sleep, which in turn leaves your muscles tired and prone to cramp. "
                     "Prolonged stress and irregular meals lead to a drop in blood sugar.\n")
    assert found == []


def test_the_cramp_itself_is_no_symptom(nlp):
    found = links_of("Dehydration can cause painful cramps. Low potassium brings on frequent spasms.\n")
    assert found == []


def test_symptom_of_another_unnamed_cause_is_not_linked(nlp):
    found = links_of("Pregnancy is a common trigger. Pressure on a nerve can bring numbness and tingling.\n")
    assert found == []


def test_side_effect_of_a_remedy_is_no_link(nlp):
    found = links_of("Do not take magnesium in large doses: that commonly causes diarrhoea.\n")
    assert found == []


def test_coordinated_claims_are_one_list_not_a_cause_and_its_remedy(nlp):
    # "after exercise" is a remedy claim here, but it is listed beside "hot weather", not given for it
    found = links_of("Drink enough fluid, particularly in hot weather or after exercise.\n")
    assert linked(found) == {("hot weather", "hydration")}


def test_doctor_advice_as_precaution_is_no_link(nlp):
    found = links_of("Regular exercise may help prevent leg cramps during pregnancy; "
                     "check with your doctor before starting an exercise regime.\n")
    assert linked(found) == {("pregnancy", "moderate exercise")}


def test_parallel_causes_each_get_their_own_remedies(nlp):
    found = links_of("Low potassium or magnesium can make muscles twitchy. Bananas and dried apricots are rich "
                     "in potassium. Take magnesium supplements, and ask your GP for a blood test.\n")
    assert linked(found) == {
        ("potassium deficiency", "potassium-rich diet"), ("potassium deficiency", "potassium supplements"),
        ("magnesium deficiency", "magnesium supplements"),
        ("potassium deficiency", "see a doctor"), ("magnesium deficiency", "see a doctor"),
        ("potassium deficiency", "medical tests"), ("magnesium deficiency", "medical tests")}  # no potassium -> magnesium


# -- records ---------------------------------------------------------------------

MT = ("Excessive physical stress. The reason that drives caviar can be reinforced sports. "
      "It is therefore important to increase the load on the legs gradually.\n")


def test_triple_ends_are_the_claims_with_positions_in_the_original(nlp):
    from cramptext.api import extract

    (result,) = extract([Document("mt.txt", MT)])
    assert result.triples, "expected a link"
    for t in result.triples:
        ends = [result.claims[i] if i is not None else None for i in t.claims]
        cause, symptom, remedy = ends
        assert (t.cause, t.cause_id, t.cause_text) == (cause.concept, cause.concept_id, cause.text)
        assert MT[cause.start:cause.end] == t.cause_text
        if remedy is not None:
            assert (t.remedy, t.remedy_id, t.remedy_text) == (remedy.concept, remedy.concept_id, remedy.text)
            assert remedy.kind in ("remedy", "red_flag")
        assert t.start == min(c.start for c in ends if c) and t.end == max(c.end for c in ends if c)
        assert MT.count("\n", 0, t.start) + 1 == t.line
    assert ("overexertion", "gradual training increase") in linked(result.triples)
    assert set(result.triples[0].to_dict()) == {
        "source", "cause", "cause_id", "cause_text", "symptom", "symptom_id", "symptom_text", "remedy", "remedy_id",
        "remedy_text", "start", "end", "line", "column", "basis", "negated"}


def test_doc_triples_for_spacy_users(nlp):
    doc = nlp("Varicose veins cause heaviness in the legs.")
    (t,) = doc._.triples
    assert t.cause in doc._.claims and t.symptom in doc._.claims and t.remedy is None
    assert doc.text[t.cause.start:t.cause.end] == "Varicose veins"
    assert (t.start, t.end, t.basis, t.negated) == (t.cause.start, t.symptom.end, "sentence", False)
    assert nlp.pipe_names.index("cramptext_triples") == nlp.pipe_names.index("cramptext_claims") + 1


TRIPLE_FIELDS = {"source": str, "cause": str, "cause_text": str, "start": int, "end": int, "line": int, "column": int,
                 "basis": str, "negated": bool}
CORPUS = Path(__file__).parents[1] / "corpus"


def test_corpus_triples_keep_the_contract(nlp, invoke):
    out = invoke("triples", str(CORPUS), "--format", "jsonl")
    assert out.exit_code == 0, out.stderr
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(records) > 20
    for r in records:
        assert all(isinstance(r[k], t) for k, t in TRIPLE_FIELDS.items()), r
        assert r["basis"] in ("sentence", "paragraph", "section", "lexicon")  # CONTRACT.md
        assert r["symptom"] or r["remedy"]
        text = Path(r["source"]).read_bytes().decode("utf-8-sig")
        evidence = text[r["start"]:r["end"]]
        for end in ("cause", "symptom", "remedy"):
            if r[end] is not None:
                assert r[f"{end}_text"] in evidence, (end, r)
        assert (text.count("\n", 0, r["start"]) + 1, r["start"] - text.rfind("\n", 0, r["start"])) == (
            r["line"], r["column"])


def test_component_declares_what_it_assigns_and_requires():
    from spacy.language import Language

    meta = Language.get_factory_meta("cramptext_triples")
    assert meta.assigns == ["doc._.triples"]
    assert "doc._.claims" in meta.requires


def test_summary_counts_articles_per_cause_and_remedy(nlp):
    docs = [Document("a.txt", "Dehydration is a common trigger of cramps. Drink more water.\n"),
            Document("b.txt", "Dehydration can cause cramps, so drink plenty of water. "
                              "If your cramps come from a statin, do not take magnesium supplements for them.\n")]
    summary = summarise_triples(triples(docs))
    rows = {s.cause: (s.articles, [(c.concept, c.articles, c.negated) for c in s.remedies]) for s in summary}
    assert rows == {"dehydration": (2, [("hydration", 2, False)]),
                    "statins": (1, [("magnesium supplements", 1, True)])}
    assert summary[0].cause == "dehydration"  # most articles first


# -- command line ------------------------------------------------------------------

ARTICLE = ("Varicose veins cause heaviness in the legs.\n\n"
           "Dehydration is a common trigger of night cramps. Drink a glass of water with every meal.\n")


def test_cli_triples_formats(nlp, invoke, workdir: Path):
    (workdir / "a.txt").write_text(ARTICLE, encoding="utf-8")
    out = invoke("triples", "a.txt", "--format", "jsonl")
    assert out.exit_code == 0, out.stderr
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert [(r["cause"], r["symptom"], r["remedy"], r["basis"]) for r in records] == [
        ("varicose veins", "heaviness in the legs", None, "sentence"),
        ("dehydration", None, "hydration", "paragraph")]
    assert all(ARTICLE[r["start"]:r["end"]].startswith(r["cause_text"]) for r in records)
    as_json = invoke("triples", "a.txt", "--format", "json")
    assert json.loads(as_json.stdout) == records
    rows = list(csv.DictReader(io.StringIO(invoke("triples", "a.txt", "--format", "csv").stdout)))
    assert [(r["cause"], r["remedy"]) for r in rows] == [("varicose veins", ""), ("dehydration", "hydration")]
    table = invoke("triples", "a.txt").stdout
    assert table.splitlines()[0].split() == ["LOCATION", "BASIS", "CAUSE", "SYMPTOM", "REMEDY"]
    assert "a.txt:3:1" in table and "hydration (Drink a glass)" in table
    assert table.endswith("2 links for 2 causes in 1 document\n")


def test_cli_triples_summary(nlp, invoke, workdir: Path):
    (workdir / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (workdir / "b.txt").write_text("Dehydration can cause cramps, so drink plenty of water.\n", encoding="utf-8")
    out = invoke("triples", "a.txt", "b.txt", "--summary")
    assert out.exit_code == 0, out.stderr
    lines = [line.split() for line in out.stdout.splitlines() if line.strip()]
    assert lines[1] == ["dehydration", "2"]
    assert lines[2] == ["remedy", "hydration", "2"]
    assert ["varicose", "veins", "1"] in lines and ["symptom", "heaviness", "in", "the", "legs", "1"] in lines
    records = json.loads(invoke("triples", "a.txt", "b.txt", "--summary", "--format", "json").stdout)
    assert records[0]["cause"] == "dehydration" and records[0]["remedies"][0]["articles"] == 2


def test_cli_triples_without_links_and_with_a_bad_file(nlp, invoke, workdir: Path):
    (workdir / "a.txt").write_text("Night cramps are common.\n", encoding="utf-8")
    out = invoke("triples", "a.txt", "missing.txt")
    assert out.exit_code == 2
    assert out.stdout == "No links found.\n"
    assert "missing.txt" in out.stderr


def test_export_has_a_triples_table_joined_to_claims(nlp, invoke, workdir: Path):
    (workdir / "a.txt").write_text(ARTICLE + "Statins can bring on cramps. Ask your doctor for a review of them.\n",
                                   encoding="utf-8")
    result = invoke("export", "a.txt", "-o", "out.sqlite")
    assert result.exit_code == 0, result.stderr
    assert "3 triples" in result.stderr
    with sqlite3.connect(workdir / "out.sqlite") as db:
        rows = db.execute(
            "SELECT c.kind, c.concept, s.concept, r.kind, r.concept, t.basis FROM triples t "
            "JOIN claims c ON c.id = t.cause_claim_id LEFT JOIN claims s ON s.id = t.symptom_claim_id "
            "LEFT JOIN claims r ON r.id = t.remedy_claim_id ORDER BY t.start").fetchall()
    assert rows == [("cause", "varicose veins", "heaviness in the legs", None, None, "sentence"),
                    ("cause", "dehydration", None, "remedy", "hydration", "paragraph"),
                    ("cause", "statins", None, "red_flag", "see a doctor", "paragraph")]  # advice joins too


# -- the spaCy component and the link rules ------------------------------------------

def test_component_loads_by_name_and_saves_its_rules(nlp, tmp_path):
    saved = tmp_path / "pipeline"
    nlp.to_disk(saved)
    assert (saved / "cramptext_triples" / "links.yaml").is_file()
    code = ("import sys, spacy\n"
            "nlp = spacy.load(sys.argv[1])\n"
            "doc = nlp('Varicose veins cause heaviness in the legs.')\n"
            "print([(t.cause.concept, t.symptom.concept, t.basis) for t in doc._.triples])\n")
    done = subprocess.run([sys.executable, "-P", "-c", code, str(saved)], capture_output=True, text=True,
                          cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[('varicose veins', 'heaviness in the legs', 'sentence')]"


def test_shipped_link_rules_load():
    rules = load_knowledge().links
    assert rules.aims_at("dehydration", "dehydration")  # hydration -> dehydration
    assert rules.aims_at("magnesium", "magnesium") and rules.aims_at("meals", "meals")
    assert rules.aims_at("stress", "stress")
    assert "massage" in rules.general_remedies and "frequent_cramps" in rules.cramp_symptoms


def _links_file(tmp_path: Path, old: str, new: str) -> Path:
    text = (data_dir() / "links.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "links.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    return path.read_text(encoding="utf-8")[:path.read_text(encoding="utf-8").index(needle)].count("\n") + 1


@pytest.mark.parametrize(("old", "new", "message"), [
    ("{remedy: valerian, causes: [stress]}", "{remedy: valerian, causes: [stres]}",
     r"targets/\d+/causes/0: unknown concept id 'stres' \(not in concepts.yaml\)"),
    ("{remedy: valerian, causes: [stress]}", "{remedy: valerian, causes: [valerian]}",
     r"targets/\d+/causes/0: concept 'valerian' cannot be a cause \(its kinds: remedy\)"),
    ("{remedy: valerian, causes: [stress]}", "{remedy: pregnancy, causes: [stress]}",
     r"targets/\d+/remedy: concept 'pregnancy' cannot be a remedy"),
])
def test_link_rules_errors_name_file_and_line(tmp_path, old, new, message):
    path = _links_file(tmp_path, old, new)
    lexicon = load_lexicon(data_dir() / "concepts.yaml")
    with pytest.raises(RuleError, match=rf"^{path}:{_line_of(path, new)}: {message}"):
        load_links(path, lexicon)


def test_link_rules_schema_error_names_file_and_line(tmp_path):
    path = _links_file(tmp_path, "general_remedies: [", "general_remedies: [Massage, ")
    with pytest.raises(RuleError, match=rf"^{path}:\d+: general_remedies/0: "):
        load_links(path, load_lexicon(data_dir() / "concepts.yaml"))


# -- scores (the shared scorer) ----------------------------------------------------------

needs_shared = pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval/score.py is not beside the repository")


@needs_shared
def test_seed_link_scores(nlp, tmp_path):
    links = run_and_score(nlp, SEED_GOLD, SEED_DIR, tmp_path)["links"]
    assert links["cause_remedy"]["f1"] >= 0.75, links
    assert links["cause_symptom"]["f1"] >= 0.75, links


@pytest.fixture(scope="module")
def real_links(nlp, tmp_path_factory):
    return run_and_score(nlp, REAL_GOLD, REAL_DIR, tmp_path_factory.mktemp("real"))["links"]


@needs_shared
def test_real_set_cause_remedy_links(real_links):
    # Issue 9's bar. Measured P 0.812 R 0.481 F1 0.605: of the 27 required links, 17 have both
    # ends among the claims (the others need claims cramptext does not extract yet: a remedy
    # claim for "these two trace elements", vitamin D or "the eradication of its source" in 03,
    # "elderly persons" beside the homeopathic remedies in 12 ...), and 13 of those are found.
    assert real_links["cause_remedy"]["f1"] >= 0.60, real_links
    assert real_links["cause_remedy"]["precision"] >= 0.75, real_links


@pytest.mark.skipif(not (FIXTURES / "gold.json").exists() or not SCORER.exists(),
                    reason="tests/fixtures/links/gold.json or ../shared/eval/score.py missing")
def test_link_fixture_scores(nlp, tmp_path):
    # Articles written for the link bases (tests/fixtures/links/README.md); measured
    # cause->remedy P 0.838 F1 0.590, cause->symptom F1 0.593, most misses being claims not extracted.
    links = run_and_score(nlp, FIXTURES / "gold.json", FIXTURES, tmp_path)["links"]
    assert links["cause_remedy"]["precision"] >= 0.75, links
    assert links["cause_remedy"]["f1"] >= 0.56, links
    assert links["cause_symptom"]["f1"] >= 0.55, links
