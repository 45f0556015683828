"""Claim, consistency, completeness and readability checks (CT2xx-CT5xx).

Two kinds of tests:

- every example in ``rules/checks/*.yaml`` goes through the real pipeline
  (``Engine``): each bad example must yield a finding of its rule, each good
  example none. In an example, a line ``---`` separates documents linted together;
- each check is run directly on hand-built ``Claim`` lists (no model, fast).
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from cramptext.checks import CHECKS, PARAM_SCHEMAS, ArticleCheck, ArticleInput, CheckContext
from cramptext.checks.article.contradiction import CorpusContradictionCheck
from cramptext.checks.article.readability import ReadabilityCheck
from cramptext.checks.registry import ARTICLE_CHECKS as CLAIM_CHECKS
from cramptext.errors import RuleError
from cramptext.knowledge import data_dir, load_knowledge
from cramptext.records import Claim, line_col
from cramptext.checks import load_rule, load_rules

CHECK_RULES_DIR = data_dir() / "checks"
DOC_SEPARATOR = "\n---\n"


def check_rules():
    from cramptext.checks import CHECKS

    return [r for r in load_rules() if issubclass(CHECKS[r.kind], ArticleCheck)]


RULES = {r.code: r for r in check_rules()}


def build(code: str, max_grade: float | None = None, **params):
    """The check of rule ``code``, optionally with other params (no spaCy pipeline needed);
    ``max_grade`` is the configuration's readability limit, as the engine passes it."""
    rule = RULES[code]
    if params:
        rule = replace(rule, params={**rule.params, **params})
    context = CheckContext(None, None, load_knowledge().lexicon, max_grade)
    return CHECKS[rule.kind](rule, context)


# ------------------------------------------------------------------ helpers

def sentence_of(text: str, start: int) -> str:
    begin = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    stop = [i for i in (text.find(". ", start), text.find("\n", start)) if i != -1]
    end = min(stop) + 1 if stop else len(text)
    return " ".join(text[begin:end].split())


def claim(text: str, phrase: str, kind: str, concept_id: str | None, concept: str | None = None, *,
          negated: bool = False, hedged: bool = False, source: str = "a.txt", occurrence: int = 1) -> Claim:
    """A claim on the ``occurrence``-th ``phrase`` in ``text``."""
    start = -1
    for _ in range(occurrence):
        start = text.index(phrase, start + 1)
    line, column = line_col(text, start)
    return Claim(source=source, kind=kind, concept=concept or (concept_id or phrase).replace("_", " "),
                 concept_id=concept_id, text=phrase, start=start, end=start + len(phrase), line=line,
                 column=column, sentence=sentence_of(text, start), negated=negated, hedged=hedged)


def article(text: str, claims=(), source: str = "a.txt") -> ArticleInput:
    return ArticleInput(source, text, list(claims))


def run(code: str, text: str, claims=(), **params):
    return list(build(code, **params).run(article(text, claims)))


# ------------------------------------------------------- rule files and registry

def test_every_check_rule_file_is_named_after_its_code_and_name():
    files = sorted(CHECK_RULES_DIR.glob("*.yaml"))
    assert files, "no rules in rules/checks"
    for path in files:
        rule = load_rule(path, PARAM_SCHEMAS)
        assert path.stem == f"{rule.code}-{rule.name}"
        assert rule.code[2] in "2345"
        assert rule.source_title and rule.source_url and rule.source_url.startswith("https://")
        assert rule.examples["bad"] and rule.examples["good"]


def test_expected_rules_and_kinds():
    got = {code: (r.kind, r.severity, r.category) for code, r in RULES.items()}
    assert got == {
        "CT201": ("remedy-concepts", "error", "claim"),
        "CT202": ("remedy-concepts", "warning", "claim"),
        "CT203": ("overclaim", "warning", "claim"),
        "CT204": ("dismissed-sign", "error", "claim"),
        "CT205": ("marketing-claim", "warning", "claim"),
        "CT301": ("contradiction", "warning", "consistency"),
        "CT302": ("corpus-contradiction", "warning", "consistency"),
        "CT401": ("missing-red-flag", "warning", "completeness"),
        "CT402": ("missing-red-flag", "info", "completeness"),
        "CT501": ("readability", "info", "readability"),
    }


def test_claim_checks_are_registered_as_article_checks():
    for check in CLAIM_CHECKS:
        assert CHECKS[check.kind] is check
        assert issubclass(check, ArticleCheck)
        assert PARAM_SCHEMAS[check.kind] is check.params_schema


def test_unknown_concept_id_in_params_is_a_rule_error():
    with pytest.raises(RuleError, match="unknown concept id"):
        build("CT201", concepts=["quinine", "no_such_concept"])


def test_bad_params_are_rejected_at_load_time(tmp_path: Path):
    text = (CHECK_RULES_DIR / "CT201-discouraged-remedy.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "CT299-bad.yaml"
    bad.write_text(text.replace("code: CT201", "code: CT299").replace("name: discouraged-remedy", "name: bad")
                   .replace("allow_negated: false", "allow_negated: maybe"), encoding="utf-8")
    with pytest.raises(RuleError, match="allow_negated"):
        load_rule(bad, PARAM_SCHEMAS)


# ------------------------------------------------- examples through the pipeline

def _example_cases():
    cases = []
    for rule in check_rules():
        for i, example in enumerate(rule.examples["bad"]):
            cases.append(pytest.param(rule.code, example["text"], True, id=f"{rule.code}-bad{i}"))
        for i, text in enumerate(rule.examples["good"]):
            cases.append(pytest.param(rule.code, text, False, id=f"{rule.code}-good{i}"))
    return cases


@pytest.fixture(scope="module")
def analyzer():
    from cramptext.engine import Engine
    from cramptext.nlp.pipeline import cached_pipeline

    return Engine(cached_pipeline(), load_rules())


@pytest.mark.parametrize(("code", "text", "bad"), _example_cases())
def test_rule_examples(analyzer, code: str, text: str, bad: bool):
    from cramptext.io import Document

    documents = [Document(f"ex{i}.txt", part) for i, part in enumerate(text.split(DOC_SEPARATOR))]
    results = list(analyzer.run(documents))
    found = [f for r in results for f in r.findings if f.rule == code]
    claims = [(c.source, c.kind, c.concept_id, c.negated, c.hedged, c.text) for r in results for c in r.claims]
    if bad:
        assert found, f"{code} missed its bad example; claims: {claims}"
        for f in found:
            assert "{" not in f.message, f.message  # every message field was filled
    else:
        assert not found, f"{code} fired on its good example: {[f.message for f in found]}; claims: {claims}"


def test_corpus_check_is_fresh_for_each_analyzer_run(analyzer):
    from cramptext.io import Document

    a = Document("a.txt", "Taking magnesium relieves leg cramps.")
    b = Document("b.txt", "Magnesium does not help with leg cramps.")
    first = [f.rule for r in analyzer.run([a, b]) for f in r.findings]
    second = [f.rule for r in analyzer.run([a, b]) for f in r.findings]
    assert first.count("CT302") == 1
    assert second.count("CT302") == 1


# ------------------------------------------------------------------ CT201

QUININE = "Take quinine before bed. Stretch your calves."


def test_ct201_flags_quinine_and_tonic_water():
    text = "Take quinine before bed. A glass of tonic water also helps. Stretch your calves."
    found = run("CT201", text, [claim(text, "quinine", "remedy", "quinine"),
                                claim(text, "tonic water", "remedy", "tonic_water"),
                                claim(text, "Stretch", "remedy", "stretching")])
    assert [text[f.start:f.end] for f in found] == ["quinine", "tonic water"]
    assert found[0].severity == "error" and found[0].category == "claim"
    assert found[0].message.startswith("'quinine' is advised")


def test_ct201_quiet_when_denied_or_risks_named_or_not_a_remedy():
    assert not run("CT201", QUININE, [claim(QUININE, "quinine", "remedy", "quinine", negated=True)])
    risky = "Quinine can help, but it has serious side effects."
    assert not run("CT201", risky, [claim(risky, "Quinine", "remedy", "quinine", hedged=True)])
    assert not run("CT201", QUININE, [claim(QUININE, "quinine", "cause", "quinine")])


def test_ct201_hedged_quinine_advice_is_still_reported():
    text = "Quinine may help with night cramps."
    assert len(run("CT201", text, [claim(text, "Quinine", "remedy", "quinine", hedged=True)])) == 1


def test_ct201_allow_negated_param():
    found = run("CT201", QUININE, [claim(QUININE, "quinine", "remedy", "quinine", negated=True)], allow_negated=True)
    assert len(found) == 1


def test_ct201_one_finding_per_sentence():
    text = "Tonic water contains quinine, so tonic water helps."
    claims = [claim(text, "Tonic water", "remedy", "tonic_water"), claim(text, "quinine", "remedy", "quinine"),
              claim(text, "tonic water", "remedy", "tonic_water")]
    assert len(run("CT201", text, claims)) == 1


# ------------------------------------------------------------------ CT202

def test_ct202_dubious_remedy_stated_as_fact():
    text = "Pickle juice stops a cramp in seconds."
    found = run("CT202", text, [claim(text, "Pickle juice", "remedy", "pickle_juice")])
    assert len(found) == 1
    assert "pickle juice" in found[0].message


def test_ct202_quiet_when_the_evidence_is_weighed_negated_or_evidence_based():
    # "may help" is still the advice (issue 8: "soap under the sheet may prevent cramps" is dubious advice);
    # a sentence that weighs the evidence is not.
    text = "Pickle juice may help."
    assert run("CT202", text, [claim(text, "Pickle juice", "remedy", "pickle_juice", hedged=True)])
    assert not run("CT202", text, [claim(text, "Pickle juice", "remedy", "pickle_juice", negated=True)])
    text = "Some people find that pickle juice may help, but there is little evidence for it."
    assert not run("CT202", text, [claim(text, "pickle juice", "remedy", "pickle_juice", hedged=True)])
    text = "Stretch your calves."
    assert not run("CT202", text, [claim(text, "Stretch", "remedy", "stretching")])


def test_ct202_leaves_quinine_to_ct201():
    assert not run("CT202", QUININE, [claim(QUININE, "quinine", "remedy", "quinine")])


def test_ct202_open_vocabulary_names():
    text = "A spoon of baking soda in water relieves cramps."
    found = run("CT202", text, [claim(text, "baking soda", "remedy", None, "baking soda")])
    assert len(found) == 1
    text = "A spoon of honey in water relieves cramps."
    assert not run("CT202", text, [claim(text, "honey", "remedy", None, "honey")])


# ------------------------------------------------------------------ CT203

def test_ct203_strong_promise_for_weak_evidence():
    text = "Magnesium supplements stop leg cramps for good."
    found = run("CT203", text, [claim(text, "Magnesium supplements", "remedy", "magnesium")])
    assert len(found) == 1
    assert "'stop'" in found[0].message


@pytest.mark.parametrize(("sentence", "phrase", "concept"), [
    ("Vitamin E cures leg cramps.", "Vitamin E", "vitamin_e"),
    ("Calcium tablets are guaranteed to work.", "Calcium tablets", "calcium"),
    ("Magnesium oil always works.", "Magnesium oil", "magnesium"),
    ("With magnesium your cramps will be gone once and for all.", "magnesium", "magnesium"),
    ("Magnesium completely prevents night cramps.", "Magnesium", "magnesium"),
    ("Eat two bananas a day and your cramps will stop forever.", "bananas", "potassium_rich_diet"),
])
def test_ct203_strong_phrases(sentence: str, phrase: str, concept: str):
    assert len(run("CT203", sentence, [claim(sentence, phrase, "remedy", concept)])) == 1


def test_ct203_quiet_when_hedged_negated_mild_or_other_concept():
    text = "Magnesium may stop cramps for good."
    assert not run("CT203", text, [claim(text, "Magnesium", "remedy", "magnesium", hedged=True)])
    text = "Magnesium does not stop cramps."
    assert not run("CT203", text, [claim(text, "Magnesium", "remedy", "magnesium", negated=True)])
    text = "Magnesium helps some people with cramps."
    assert not run("CT203", text, [claim(text, "Magnesium", "remedy", "magnesium")])
    text = "Stretching stops a cramp."
    assert not run("CT203", text, [claim(text, "Stretching", "remedy", "stretching")])
    text = "Stop taking magnesium if it upsets your stomach."
    assert not run("CT203", text, [claim(text, "magnesium", "remedy", "magnesium")])


# ------------------------------------------------------------------ CT401

SERIOUS = "Leg cramps can come from diabetes or statins. Peripheral artery disease is another cause."


def serious_claims(text=SERIOUS):
    return [claim(text, "diabetes", "cause", "diabetes", hedged=True),
            claim(text, "statins", "cause", "statins", hedged=True),
            claim(text, "Peripheral artery disease", "cause", "peripheral_artery_disease")]


def test_ct401_one_finding_per_serious_or_drug_cause():
    found = run("CT401", SERIOUS, serious_claims())
    assert [SERIOUS[f.start:f.end] for f in found] == ["diabetes", "statins", "Peripheral artery disease"]
    assert found[0].category == "completeness"


def test_ct401_quiet_with_a_red_flag():
    text = SERIOUS + " See your doctor if cramps are frequent."
    claims = serious_claims(text) + [claim(text, "See your doctor", "red_flag", "see_doctor")]
    assert not run("CT401", text, claims)


def test_ct401_denied_red_flag_does_not_count_and_denied_cause_is_not_reported():
    text = SERIOUS + " You do not need to see a doctor."
    claims = serious_claims(text) + [claim(text, "see a doctor", "red_flag", "see_doctor", negated=True)]
    assert len(run("CT401", text, claims)) == 3
    text = "Cramps are not caused by diabetes."
    assert not run("CT401", text, [claim(text, "diabetes", "cause", "diabetes", negated=True)])


def test_ct401_ordinary_causes_and_repeats():
    text = "Dehydration and pregnancy cause cramps. Diabetes causes cramps. Diabetes is common."
    claims = [claim(text, "Dehydration", "cause", "dehydration"), claim(text, "pregnancy", "cause", "pregnancy"),
              claim(text, "Diabetes", "cause", "diabetes"), claim(text, "Diabetes", "cause", "diabetes", occurrence=2)]
    found = run("CT401", text, claims)
    assert len(found) == 1 and found[0].start == text.index("Diabetes")


# ------------------------------------------------------------------ CT402

def test_ct402_one_finding_at_first_remedy():
    text = "Stretch your calves. Massage the muscle."
    claims = [claim(text, "Massage", "remedy", "massage"), claim(text, "Stretch your calves", "remedy", "stretching")]
    found = run("CT402", text, claims)
    assert len(found) == 1 and text[found[0].start:found[0].end] == "Stretch your calves"
    assert found[0].severity == "info"


def test_ct402_quiet_with_red_flag_or_without_advice():
    text = "Stretch your calves. See a GP if cramps keep coming back."
    claims = [claim(text, "Stretch your calves", "remedy", "stretching"),
              claim(text, "See a GP", "red_flag", "see_doctor")]
    assert not run("CT402", text, claims)
    text = "Cramps hurt."
    assert not run("CT402", text, [claim(text, "hurt", "symptom", "pain")])


# ------------------------------------------------------------------ CT301

def test_ct301_asserted_then_denied_remedy():
    text = "Stretching helps relieve cramps.\nSome say stretching works.\n\nNever stretch a cramping muscle."
    claims = [claim(text, "Stretching", "remedy", "stretching"),
              claim(text, "stretching", "remedy", "stretching"),
              claim(text, "stretch", "remedy", "stretching", negated=True, occurrence=2)]
    found = run("CT301", text, claims)
    assert len(found) == 1
    f = found[0]
    assert (f.line, text[f.start:f.end]) == (4, "stretch")
    assert [loc.line for loc in f.related] == [1, 2]
    assert f.related[0].source == "a.txt" and "recommended" in f.related[0].message
    assert f.message == ("'stretching' is recommended on line 1 but advised against on line 4; "
                         "make the article say one thing.")


def test_ct301_same_line_names_columns():
    text = "Magnesium helps. Magnesium does not help."
    claims = [claim(text, "Magnesium", "remedy", "magnesium"),
              claim(text, "Magnesium", "remedy", "magnesium", negated=True, occurrence=2)]
    found = run("CT301", text, claims)
    assert len(found) == 1
    assert "line 1, column 1" in found[0].message and "line 1, column 18" in found[0].message


def test_ct301_different_kinds_or_agreeing_claims_are_fine():
    text = "Low magnesium causes cramps. Magnesium supplements do not help."
    claims = [claim(text, "Low magnesium", "cause", "magnesium"),
              claim(text, "Magnesium supplements", "remedy", "magnesium", negated=True)]
    assert not run("CT301", text, claims)
    text = "Drink water. Drinking water helps."
    claims = [claim(text, "Drink water", "remedy", "dehydration"),
              claim(text, "Drinking water", "remedy", "dehydration")]
    assert not run("CT301", text, claims)


def test_ct301_denied_cause_then_asserted_cause():
    text = "Cramps are not caused by dehydration. Dehydration triggers cramps."
    claims = [claim(text, "dehydration", "cause", "dehydration", negated=True),
              claim(text, "Dehydration", "cause", "dehydration")]
    found = run("CT301", text, claims)
    assert len(found) == 1 and found[0].start == text.index("Dehydration")
    assert "denied as a cause" in found[0].message


def test_ct301_open_vocabulary_matches_on_name():
    text = "Cherry juice relieves cramps. Cherry juice does nothing for cramps."
    claims = [claim(text, "Cherry juice", "remedy", None, "cherry juice"),
              claim(text, "Cherry juice", "remedy", None, "cherry  Juice", negated=True, occurrence=2)]
    assert len(run("CT301", text, claims)) == 1


# ------------------------------------------------------------------ CT302

def test_ct302_contradiction_across_documents():
    check = build("CT302")
    text_a = "Intro.\nTaking magnesium relieves cramps."
    text_b = "Magnesium does not help with cramps."
    a = article(text_a, [claim(text_a, "magnesium", "remedy", "magnesium", source="a.txt")], source="a.txt")
    b = article(text_b, [claim(text_b, "Magnesium", "remedy", "magnesium", negated=True, source="b.txt")],
                source="b.txt")
    assert not list(check.run(a))
    found = list(check.run(b))
    assert len(found) == 1
    f = found[0]
    assert f.source == "b.txt" and f.rule == "CT302" and text_b[f.start:f.end] == "Magnesium"
    assert [(loc.source, loc.line) for loc in f.related] == [("a.txt", 2)]
    assert "a.txt (line 2)" in f.message and "advised against here" in f.message


def _doc(source: str, text: str, phrase: str, negated: bool) -> ArticleInput:
    return article(text, [claim(text, phrase, "remedy", "stretching", negated=negated, source=source)], source=source)


def test_ct302_agreeing_documents_and_a_single_document_are_quiet():
    check = build("CT302")
    assert not list(check.run(_doc("a.txt", "Stretch your calves.", "Stretch", False)))
    assert not list(check.run(_doc("b.txt", "Stretching helps.", "Stretching", False)))
    # a contradiction inside one document is CT301's business
    check = build("CT302")
    text = "Stretch. Never stretch."
    both = article(text, [claim(text, "Stretch", "remedy", "stretching"),
                          claim(text, "stretch", "remedy", "stretching", negated=True)])
    assert not list(check.run(both))


def test_ct302_reports_each_side_once_unless_per_document():
    docs = [("a.txt", "Never stretch.", "stretch", True), ("b.txt", "Stretch.", "Stretch", False),
            ("c.txt", "Stretch.", "Stretch", False), ("d.txt", "Never stretch.", "stretch", True)]
    check = build("CT302")
    counts = [len(list(check.run(_doc(*d)))) for d in docs]
    assert counts == [0, 1, 0, 1]
    check = build("CT302", per_document=True)
    counts = [len(list(check.run(_doc(*d)))) for d in docs]
    assert counts == [0, 1, 1, 1]


def test_ct302_reset_and_rerun_forget_earlier_documents():
    check = build("CT302")
    a = _doc("a.txt", "Stretch.", "Stretch", False)
    b = _doc("b.txt", "Never stretch.", "stretch", True)
    assert not list(check.run(a))
    assert len(list(check.run(b))) == 1
    check.reset()
    assert not list(check.run(b))
    # the same document again means a new run, even without reset()
    assert not list(check.run(b))
    assert len(list(check.run(a))) == 1
    assert isinstance(check, CorpusContradictionCheck)


# ------------------------------------------------------------------ CT501

HARD = ("Nocturnal leg cramps are involuntary, paroxysmal contractions of the gastrocnemius and soleus "
        "musculature, predominantly affecting middle-aged and elderly individuals during recumbency. "
        "Pathophysiological hypotheses emphasise peripheral nerve hyperexcitability, prolonged plantar "
        "flexion during sleep, and electrolyte disturbances, although controlled investigations have "
        "consistently failed to demonstrate a reliable association with serum magnesium concentrations.")
EASY = ("A leg cramp is a sudden, tight pain in a muscle, most often in the calf. It can wake you up at "
        "night. The muscle feels hard and you cannot relax it. Most cramps pass in a few minutes. Stretching "
        "the calf and walking around can help. Drink enough water during the day.")


def test_ct501_hard_paragraph_spans_its_first_sentence():
    text = "# Leg cramps\n\n" + EASY + "\n\n" + HARD + "\n"
    found = run("CT501", text)
    assert len(found) == 1
    f = found[0]
    first = HARD[:HARD.index(". ") + 1]
    assert text[f.start:f.end] == first
    assert f.line == 5 and f.column == 1
    grade = float(re.search(r"grade (\d+\.\d)", f.message).group(1))
    assert grade > 15
    assert "limit of 8" in f.message


def test_ct501_short_paragraphs_are_not_graded():
    short = " ".join(HARD.split()[:30])
    assert not run("CT501", short)
    assert run("CT501", short, min_words=20)


def test_ct501_limit_from_configuration_then_params():
    check = build("CT501")
    doc = article(EASY)
    assert not list(check.run(doc))
    found = list(build("CT501", max_grade=1).run(doc))  # what the engine passes from the configuration (max-grade)
    assert len(found) == 1 and "limit of 1" in found[0].message
    hard = article(HARD)
    assert not list(build("CT501", max_grade=30).run(hard))
    # no limit in the configuration: the rule's params decide
    bare = article(EASY)
    assert not list(build("CT501").run(bare))
    rule = RULES["CT501"]
    strict = CHECKS[rule.kind](replace(rule, params={**rule.params, "max_grade": 1}),
                               CheckContext(None, None, load_knowledge().lexicon))
    assert list(strict.run(bare))


def test_ct501_skips_markup_headings_and_list_items():
    items = "\n".join(f"- {' '.join(HARD.split()[i:i + 8])}" for i in range(0, 48, 8))
    assert not run("CT501", "Causes of cramps\n" + items)
    html = "<p>" + HARD.replace(", ", ", <b>x</b> ", 1) + "</p>"
    found = run("CT501", html)
    assert len(found) == 1 and html[found[0].start:found[0].end].startswith("Nocturnal")


def test_ct501_uses_a_cached_blank_pipeline():
    nlp = ReadabilityCheck.blank_pipeline()
    assert nlp is ReadabilityCheck.blank_pipeline()
    assert nlp.pipe_names == ["sentencizer"]


def test_ct501_splits_with_the_pipelines_tokenizer_as_a_blank_pipeline_would(nlp, monkeypatch):
    """Given the pipeline's tokenizer, the check builds no blank pipeline and grades the same."""
    rule = next(r for r in load_rules() if r.code == "CT501")
    text = HARD + "\n\n" + HARD.replace(", ", "; ")
    article = ArticleInput("a.txt", text, [])
    alone = [f.to_dict() for f in CHECKS[rule.kind](rule, CheckContext(None, None, load_knowledge().lexicon)).run(article)]
    monkeypatch.setattr(ReadabilityCheck, "blank_pipeline", None)  # calling it would fail the test
    check = CHECKS[rule.kind](rule, CheckContext(nlp.vocab, nlp.tokenizer, load_knowledge().lexicon))
    assert [f.to_dict() for f in check.run(article)] == alone and len(alone) == 2


def test_ct501_grades_as_textacy_does_on_every_test_article():
    """The grade is textacy's Flesch-Kincaid grade level, to the last bit, computed without
    importing textacy: on every paragraph of the test articles that the check grades."""
    from textacy.text_stats import readability

    from cramptext.checks.article.readability import flesch_kincaid_grade

    check = build("CT501")
    articles = sorted(p for folder in ("fixtures", "heldout", "heldout2")
                      for p in (Path(__file__).parent / folder).rglob("*") if p.suffix in (".txt", ".md"))
    graded = 0
    for path in articles:
        for _, paragraph in check.paragraphs(check.prose(path.read_text(encoding="utf-8"))):
            if len(paragraph.split()) < check.min_words:
                continue
            doc = check.split(paragraph)
            grade, words = flesch_kincaid_grade(doc)
            assert grade == readability.flesch_kincaid_grade_level(doc), (path.name, paragraph[:60])
            assert words == sum(1 for t in doc if not (t.is_punct or t.is_space))
            graded += 1
    assert graded >= 50
