"""cramptext as spaCy components and as a library; model choice."""
from __future__ import annotations

import subprocess
import sys

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
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
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
