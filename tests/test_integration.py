"""cramptext as spaCy components and as a library; model choice."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import spacy

import cramptext
from cramptext.errors import ModelError
from cramptext.nlp.model import INSTALL_HINT, load_base_pipeline, resolve_model_name


def test_components_load_by_name_through_the_entry_point():
    # A fresh interpreter that never imports cramptext: spaCy finds the
    # factories through the spacy_factories entry point.
    code = ("import spacy\n"
            "from cramptext.nlp.model import resolve_model_name\n"
            "nlp = spacy.load(resolve_model_name(), exclude=['ner'])\n"
            "nlp.add_pipe('cramptext_line_breaks', before='parser')\n"
            "nlp.add_pipe('cramptext_concepts'); nlp.add_pipe('cramptext_claims')\n"
            "doc = nlp('Dehydration can cause leg cramps.')\n"
            "print([(c.kind, c.concept) for c in doc._.claims])\n")
    # -P: import the installed cramptext, not the checkout the tests run from
    out = subprocess.run([sys.executable, "-P", "-c", code], capture_output=True, text=True, check=True).stdout
    assert "('cause', 'dehydration')" in out


def test_concept_spans_are_on_the_doc(nlp):
    doc = nlp("Low magnesium and statins can both cause cramps.")
    labels = {span.label_ for span in doc.spans["cramptext_concepts"]}
    assert {"magnesium", "statins"} <= labels


def test_concept_matcher_round_trips_to_disk(nlp, tmp_path):
    matcher = nlp.get_pipe("cramptext_concepts")
    matcher.to_disk(tmp_path / "concepts")
    other = load_base_pipeline()
    other.add_pipe("cramptext_concepts").from_disk(tmp_path / "concepts")
    doc = other("Varicose veins may cause cramps.")
    assert [s.label_ for s in doc.spans["cramptext_concepts"]] == ["varicose_veins"]


def test_library_extract_claims():
    claims = cramptext.extract_claims("Stretching your calves before bed helps prevent cramps.")
    assert [(c.kind, c.concept) for c in claims] == [("remedy", "stretching")]


def test_model_from_environment(monkeypatch):
    monkeypatch.setenv("CRAMPTEXT_MODEL", "my_model")
    assert resolve_model_name() == "my_model"
    assert resolve_model_name("given") == "given"


def test_no_model_installed_names_the_pip_command(monkeypatch):
    monkeypatch.delenv("CRAMPTEXT_MODEL", raising=False)
    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    with pytest.raises(ModelError, match=INSTALL_HINT.replace(".", r"\.")):
        resolve_model_name()


def test_unknown_model_is_a_one_line_error(invoke, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Dehydration can cause leg cramps.\n")
    result = invoke("extract", str(path), "--model", "no_such_model_xyz")
    assert result.exit_code == 2
    assert result.stderr == ("Error: cannot load spaCy pipeline 'no_such_model_xyz'; install it "
                             f"(e.g. {INSTALL_HINT}) or name another with --model / CRAMPTEXT_MODEL\n")


def test_unused_components_are_left_out(nlp):
    assert "ner" not in nlp.pipe_names
    assert spacy.__version__.startswith("3.8")


def test_condition_codes_and_claim_codes():
    from cramptext.knowledge import load_knowledge

    codes = {c.codes["icd10cm"] for c in load_knowledge().lexicon.conditions.values()}
    assert {"R25.2", "G47.62", "M62.831"} <= codes
    (claim,) = [c for c in cramptext.extract_claims("Dehydration can cause leg cramps.") if c.kind == "cause"]
    assert claim.icd10cm == "E86.0"


SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_155f91860faa0152.txt"


def _claim_rows(claims) -> list[list]:
    return [[c.kind, c.concept, c.concept_id, c.start, c.end, c.negated, c.hedged] for c in claims]


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is not beside the repository")
def test_saved_pipeline_loads_elsewhere_with_the_same_claims(nlp, tmp_path):
    # nlp.to_disk saves the lexicon and cue data with the components, so spacy.load works in
    # a folder away from the checkout, in a fresh interpreter that never imported cramptext.
    saved = tmp_path / "pipeline"
    nlp.to_disk(saved)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = ("import json, sys, spacy\n"
            "nlp = spacy.load(sys.argv[1])\n"
            "doc = nlp(open(sys.argv[2], encoding='utf-8').read())\n"
            "print(json.dumps([[c.kind, c.concept, c.concept_id, c.start, c.end, c.negated, c.hedged]"
            " for c in doc._.claims]))\n")
    done = subprocess.run([sys.executable, "-P", "-c", code, str(saved), str(SEED)], capture_output=True, text=True,
                          cwd=elsewhere, timeout=300)
    assert done.returncode == 0, done.stderr
    here = _claim_rows(nlp(SEED.read_text(encoding="utf-8"))._.claims)
    assert len(here) > 50
    assert json.loads(done.stdout) == here
    assert (saved / "cramptext_concepts" / "concepts.yaml").is_file()


def test_context_component_marks_negation_and_hedging_on_spans():
    # A user's own English pipeline: concepts, then negation and hedging as a component of its own.
    from cramptext.nlp.model import load_base_pipeline

    own = load_base_pipeline()
    own.add_pipe("cramptext_concepts")
    own.add_pipe("cramptext_context")
    doc = own("Magnesium does not stop night cramps. Dehydration may cause cramps.")
    marks = {s.label_: (s._.negated, s._.hedged) for s in doc.spans["cramptext_concepts"]}
    assert marks["magnesium"] == (True, False)
    assert marks["dehydration"] == (False, True)


def test_components_declare_what_they_assign_and_require(nlp):
    from spacy.language import Language

    meta = {name: Language.get_factory_meta(name) for name in
            ("cramptext_line_breaks", "cramptext_concepts", "cramptext_context", "cramptext_claims")}
    assert meta["cramptext_line_breaks"].assigns == ["token.is_sent_start"]
    assert meta["cramptext_concepts"].assigns == ["doc.spans"]
    assert "span._.negated" in meta["cramptext_context"].assigns
    assert meta["cramptext_claims"].assigns == ["doc._.claims", "doc._.topic"]
    assert all(m.requires for name, m in meta.items() if name != "cramptext_line_breaks")
    assert nlp.analyze_pipes()["problems"] == {name: [] for name in nlp.pipe_names}
