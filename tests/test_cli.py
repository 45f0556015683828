"""The command line: extract, fix, lint, rules (click's CliRunner on cramptext.cli.cli)."""
from __future__ import annotations

import csv
import errno
import io
import json
import os
import re
import shlex
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import cramptext
import cramptext.engine
from cramptext.checks import load_rules
from cramptext.cli import cli as cli_group

REPO = Path(__file__).resolve().parents[1]

ARTICLE = ("Dehydration can cause leg cramps. Stretching your calves before bed helps. "
           "See a doctor if the cramps are severe.\n")
# (kind, concept, concept_id, text, start, end, line, column, sentence, negated, hedged)
ARTICLE_CLAIMS = [
    ("cause", "dehydration", "dehydration", "Dehydration", 0, 11, 1, 1,
     "Dehydration can cause leg cramps.", False, True),
    ("remedy", "stretching", "stretching", "Stretching your calves", 34, 56, 1, 35,
     "Stretching your calves before bed helps.", False, False),
    ("red_flag", "see a doctor", "see_doctor", "See a doctor", 75, 87, 1, 76,
     "See a doctor if the cramps are severe.", False, False),
    ("red_flag", "severe cramps", "severe_cramps", "cramps are severe", 95, 112, 1, 96,
     "See a doctor if the cramps are severe.", False, False),
]
CLAIM_KEYS = ("kind", "concept", "concept_id", "text", "start", "end", "line", "column", "sentence",
              "negated", "hedged")

MT = "The reason that drives caviar can be reinforced sports. Many know it neponaslyshke.\n"
MT_SAFE = "The reason that drives calves can be intensive training. Many know it firsthand.\n"
MT_UNSAFE = "The reason that cramps calves can be intensive training. Many know it firsthand.\n"

FINDING_FIELDS = {"source": str, "rule": str, "name": str, "category": str, "severity": str, "start": int,
                  "end": int, "line": int, "column": int, "message": str}


def write(path: Path | str, text: str) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return path


def jsonl(text: str) -> list[dict]:
    assert text == "" or text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def as_rows(records: list[dict]) -> list[tuple]:
    return [tuple(r[k] for k in CLAIM_KEYS) for r in records]


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# ---------------------------------------------------------------- version

def test_version(invoke) -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"cramptext, version {cramptext.__version__}\n"
    assert cramptext.__version__ == "0.1.0"


def test_python_dash_m_version() -> None:
    done = subprocess.run([sys.executable, "-m", "cramptext", "--version"], capture_output=True, text=True,
                          cwd=REPO, timeout=120)
    assert (done.returncode, done.stdout, done.stderr) == (0, f"cramptext, version {cramptext.__version__}\n", "")


# ---------------------------------------------------------------- extract

@pytest.fixture
def article(workdir: Path) -> Path:
    return write(workdir / "a.txt", ARTICLE)


def test_extract_jsonl(nlp, invoke, article: Path) -> None:
    result = invoke("extract", "a.txt", "--format", "jsonl")
    assert (result.exit_code, result.stderr) == (0, "")
    records = jsonl(result.stdout)
    assert all(r["source"] == "a.txt" for r in records)
    rows = as_rows(records)
    for expected in ARTICLE_CLAIMS:
        assert expected in rows
    for r in records:
        assert ARTICLE[r["start"]:r["end"]] == r["text"]


def test_extract_returns_exactly_the_articles_claims(nlp, invoke, article: Path) -> None:
    result = invoke("extract", "a.txt", "--format", "jsonl")
    assert as_rows(jsonl(result.stdout)) == ARTICLE_CLAIMS


def test_extract_doctor_as_subject_is_no_red_flag(nlp, invoke, workdir: Path) -> None:
    write("d.txt", "Doctors see this complaint every week. Dehydration can cause leg cramps.\n")
    result = invoke("extract", "d.txt", "--format", "jsonl")
    assert [(r["kind"], r["concept"]) for r in jsonl(result.stdout)] == [("cause", "dehydration")]


def test_extract_json_is_the_jsonl_records_as_an_array(nlp, invoke, article: Path) -> None:
    as_json = invoke("extract", "a.txt", "--format", "json")
    as_lines = invoke("extract", "a.txt", "--format", "jsonl")
    assert (as_json.exit_code, as_json.stderr) == (0, "")
    records = json.loads(as_json.stdout)
    assert isinstance(records, list)
    assert records == jsonl(as_lines.stdout)
    assert as_json.stdout.startswith("[\n  {\n") and as_json.stdout.endswith("}\n]\n")
    for expected in ARTICLE_CLAIMS:
        assert expected in as_rows(records)


def test_extract_csv(nlp, invoke, article: Path) -> None:
    result = invoke("extract", "a.txt", "--format", "csv")
    assert (result.exit_code, result.stderr) == (0, "")
    header = result.stdout.splitlines()[0]
    assert header == "source,line,column,start,end,kind,concept,concept_id,icd10cm,negated,hedged,text,sentence"
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    got = {(r["kind"], r["concept"], r["concept_id"], r["text"], int(r["start"]), int(r["end"]), int(r["line"]),
            int(r["column"]), r["sentence"], r["negated"], r["hedged"]) for r in rows}
    for kind, concept, cid, text, start, end, line, col, sentence, negated, hedged in ARTICLE_CLAIMS:
        assert (kind, concept, cid or "", text, start, end, line, col, sentence, str(negated).lower(),
                str(hedged).lower()) in got
    assert {r["source"] for r in rows} == {"a.txt"}


def test_extract_table(nlp, invoke, article: Path) -> None:
    result = invoke("extract", "a.txt")  # table is the default
    assert (result.exit_code, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["LOCATION", "KIND", "CONCEPT", "FLAGS", "TEXT"]
    rows = [line.split() for line in lines[1:] if line.startswith("a.txt:")]
    assert ["a.txt:1:1", "cause", "dehydration", "hedged", "Dehydration"] in rows
    assert ["a.txt:1:35", "remedy", "stretching", "-", "Stretching", "your", "calves"] in rows
    assert ["a.txt:1:76", "red_flag", "see", "a", "doctor", "-", "See", "a", "doctor"] in rows
    assert ["a.txt:1:96", "red_flag", "severe", "cramps", "-", "cramps", "are", "severe"] in rows
    # Columns line up: every row's KIND starts where the header's does.
    kind_at = lines[0].index("KIND")
    assert all(line[kind_at - 2:kind_at] == "  " and line[kind_at] != " " for line in lines[1:len(rows) + 1])
    n_remedy = sum(1 for r in rows if r[1] == "remedy")
    assert lines[-2:] == ["", f"{len(rows)} claims in 1 document (1 cause, 0 symptom, {n_remedy} remedy, 2 red_flag)"]


def test_extract_table_without_claims(nlp, invoke, workdir: Path) -> None:
    write("none.txt", "The weather was fine today.\n")
    result = invoke("extract", "none.txt")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "No claims found.\n", "")


def test_extract_stdin(nlp, invoke, workdir: Path) -> None:
    result = invoke("extract", "-", "--format", "jsonl", input=ARTICLE)
    assert (result.exit_code, result.stderr) == (0, "")
    records = jsonl(result.stdout)
    assert {r["source"] for r in records} == {"-"}
    for expected in ARTICLE_CLAIMS:
        assert expected in as_rows(records)


def test_extract_output_file(nlp, invoke, article: Path) -> None:
    printed = invoke("extract", "a.txt", "--format", "jsonl").stdout
    result = invoke("extract", "a.txt", "--format", "jsonl", "--output", "claims.jsonl")
    count = len(printed.splitlines())
    assert (result.exit_code, result.stdout, result.stderr) == \
        (0, "", f"Wrote {count} claims from 1 document to claims.jsonl.\n")
    assert Path("claims.jsonl").read_text(encoding="utf-8") == printed
    # Again over an existing file: replaced, not appended to.
    result = invoke("extract", "a.txt", "--format", "csv", "-o", "claims.jsonl")
    assert result.exit_code == 0
    assert Path("claims.jsonl").read_text(encoding="utf-8").startswith("source,line,column,")


def test_extract_output_into_a_missing_folder(nlp, invoke, article: Path) -> None:
    result = invoke("extract", "a.txt", "--output", "nope/claims.jsonl")
    assert result.exit_code == 2
    assert result.stderr == "Error: nope/claims.jsonl: folder nope does not exist; nothing written\n"
    assert not Path("nope").exists()


def _bad_input(kind: str) -> tuple[str, str]:
    """Create a bad input in the current folder: (path, message)."""
    if kind == "missing":
        return "missing.txt", "missing.txt: no such file or folder"
    if kind == "folder":
        write("notes/data.csv", "a,b\n")
        return "notes", "notes: no articles (.txt, .md, .html) in this folder"
    if kind == "binary":
        Path("bin.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
        return "bin.txt", "bin.txt: binary file, not text"
    if kind == "utf8":
        Path("latin1.txt").write_bytes("Crampes la nuit, caf\u00e9.".encode("latin-1"))
        return "latin1.txt", "latin1.txt: not valid UTF-8 (byte 20)"
    if kind == "empty":
        Path("empty.txt").write_bytes(b"")
        return "empty.txt", "empty.txt: empty file"
    raise AssertionError(kind)


BAD_INPUTS = ["missing", "folder", "binary", "utf8", "empty"]


@pytest.mark.parametrize("kind", BAD_INPUTS)
def test_extract_bad_input_is_one_line_and_exit_2(nlp, invoke, workdir: Path, kind: str) -> None:
    path, message = _bad_input(kind)
    result = invoke("extract", path, "--format", "jsonl")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"Error: {message}\n")


@pytest.mark.parametrize("kind", BAD_INPUTS)
def test_extract_bad_input_does_not_stop_the_good_file(nlp, invoke, article: Path, kind: str) -> None:
    path, message = _bad_input(kind)
    result = invoke("extract", path, "a.txt", "--format", "jsonl")
    assert result.exit_code == 2
    assert result.stderr == f"Error: {message}\n"
    records = jsonl(result.stdout)
    assert {r["source"] for r in records} == {"a.txt"}
    for expected in ARTICLE_CLAIMS:
        assert expected in as_rows(records)


def test_extract_several_bad_inputs_each_reported_in_order(nlp, invoke, article: Path) -> None:
    made = [_bad_input(kind) for kind in BAD_INPUTS]
    result = invoke("extract", *[p for p, _ in made], "a.txt", "--format", "jsonl")
    assert result.exit_code == 2
    assert result.stderr == "".join(f"Error: {m}\n" for _, m in made)
    assert {r["source"] for r in jsonl(result.stdout)} == {"a.txt"}


def test_extract_folder_reads_its_articles(nlp, invoke, workdir: Path) -> None:
    write("docs/b.txt", ARTICLE)
    write("docs/a.md", "Dehydration can cause leg cramps.\n")
    write("docs/.draft.txt", "Magnesium deficiency can cause leg cramps.\n")
    result = invoke("extract", "docs", "--format", "jsonl")
    assert (result.exit_code, result.stderr) == (0, "")
    sources = [r["source"] for r in jsonl(result.stdout)]
    assert sorted(set(sources)) == ["docs/a.md", "docs/b.txt"]
    assert sources == sorted(sources)  # documents in folder order


PARAGRAPH_FILLER = (
    "Night cramps are common and often wake people from sleep. "
    "The muscle in the calf tightens suddenly and the pain can last several minutes. "
    "Many people have them only now and then. "
    "Keeping a simple diary of when they happen is useful for spotting a pattern over the weeks. "
    "Write down the time, what you did that day, what you ate and drank, and how long it lasted. "
    "Bring the diary along to your next appointment so that the details are not forgotten. ")
PARAGRAPH_LEADS = [
    "Dehydration can cause leg cramps.", "Cramps are a familiar problem.",
    "Prolonged standing at work can trigger cramps in the calves.", "They are usually harmless.",
    "The calf is the usual place.", "Magnesium deficiency may lead to night cramps.",
    "Some people have cramps every night.", "Pain in the caviar wakes me at night.",
    "Stretching the calves before sleep can prevent cramps.", "See a doctor if the cramps are severe.",
]


def test_extract_long_article_in_pieces(nlp, invoke, workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\n\n".join(f"{lead} {PARAGRAPH_FILLER}" for lead in PARAGRAPH_LEADS) + "\n"
    write("long.txt", text)
    whole = invoke("extract", "long.txt", "--format", "jsonl")
    assert whole.exit_code == 0

    pieces = []
    real_chunks = cramptext.engine.chunks

    def spy(doc_text: str, limit: int):
        found = real_chunks(doc_text, limit)
        if limit == 2000:  # the article into pieces (not a piece into the parser's windows)
            pieces.append([offset for offset, _ in found])
        return found

    from cramptext.runner.spec import engine_for_spec

    monkeypatch.setattr(cramptext.engine, "CHUNK_CHARS", 2000)
    monkeypatch.setattr(cramptext.engine, "chunks", spy)
    engine_for_spec.cache_clear()  # an engine built with the usual piece size
    try:
        result = invoke("extract", "long.txt", "--format", "jsonl", "--no-cache")
    finally:
        engine_for_spec.cache_clear()
    assert (result.exit_code, result.stderr) == (0, "")
    assert len(pieces) == 1 and len(pieces[0]) >= 3, pieces  # really cut into pieces
    assert all(text[offset - 2:offset] == "\n\n" for offset in pieces[0][1:])  # at paragraph breaks

    claims = jsonl(result.stdout)
    for c in claims:
        assert text[c["start"]:c["end"]] == c["text"]
        line = text.count("\n", 0, c["start"]) + 1
        column = c["start"] - (text.rfind("\n", 0, c["start"]) + 1) + 1
        assert (c["line"], c["column"]) == (line, column)
        assert " ".join(c["text"].split()) in c["sentence"]
    got = {(c["kind"], c["concept"], c["text"], c["start"], c["line"]) for c in claims}
    expected = [
        ("cause", "magnesium deficiency", "Magnesium deficiency", "Magnesium deficiency may lead"),
        ("symptom", "pain", "Pain", "Pain in the caviar"),                      # found through the CT102 fix
        ("remedy", "stretching", "Stretching the calves", "Stretching the calves before sleep"),
        ("red_flag", "see a doctor", "See a doctor", "See a doctor if"),
        ("red_flag", "severe cramps", "cramps are severe", "cramps are severe"),
    ]
    last_piece = pieces[0][-1]
    for kind, concept, words, anchor in expected:
        start = text.index(anchor) + anchor.index(words)
        assert (kind, concept, words, start, text.count("\n", 0, start) + 1) in got, (kind, concept)
    assert any(c["start"] >= last_piece for c in claims)
    # Cutting into pieces changes nothing in the result.
    assert claims == jsonl(whole.stdout)


# ---------------------------------------------------------------- fix

@pytest.fixture
def mt(workdir: Path) -> Path:
    return write(workdir / "mt.txt", MT)


def test_fix_prints_the_cleaned_text(nlp, invoke, mt: Path) -> None:
    result = invoke("fix", "mt.txt")
    assert (result.exit_code, result.stdout, result.stderr) == (0, MT_SAFE, "")
    assert mt.read_text(encoding="utf-8") == MT


def test_fix_unsafe_fixes(nlp, invoke, mt: Path) -> None:
    result = invoke("fix", "mt.txt", "--unsafe-fixes")
    assert (result.exit_code, result.stdout, result.stderr) == (0, MT_UNSAFE, "")


def test_fix_several_files_have_headers(nlp, invoke, mt: Path) -> None:
    write("b.txt", "Pain in the caviar wakes me at night.")  # no final newline
    result = invoke("fix", "mt.txt", "b.txt")
    assert result.exit_code == 0
    assert result.stdout == f"==> mt.txt <==\n{MT_SAFE}==> b.txt <==\nPain in the calves wakes me at night.\n"


def test_fix_stdin(nlp, invoke, workdir: Path) -> None:
    result = invoke("fix", "-", input=MT)
    assert (result.exit_code, result.stdout, result.stderr) == (0, MT_SAFE, "")


def test_fix_diff(nlp, invoke, mt: Path) -> None:
    result = invoke("fix", "mt.txt", "--diff")
    assert result.exit_code == 0
    assert result.stdout == ("--- a/mt.txt\n+++ b/mt.txt\n@@ -1 +1 @@\n"
                             f"-{MT}+{MT_SAFE}")
    assert mt.read_text(encoding="utf-8") == MT


def test_fix_diff_of_a_clean_file_is_empty(nlp, invoke, workdir: Path) -> None:
    write("clean.txt", MT_SAFE)
    result = invoke("fix", "clean.txt", "--diff")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_fix_write_rewrites_in_place_keeping_the_mode(nlp, invoke, mt: Path) -> None:
    mt.chmod(0o640)
    result = invoke("fix", "mt.txt", "--write")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "Fixed 1 of 1 file.\n")
    assert mt.read_text(encoding="utf-8") == MT_SAFE
    assert stat.S_IMODE(mt.stat().st_mode) == 0o640
    assert sorted(p.name for p in mt.parent.iterdir()) == ["mt.txt"]  # no temp file left


def test_fix_write_keeps_crlf_newlines(nlp, invoke, workdir: Path) -> None:
    path = write("crlf.txt", "Pain in the caviar wakes me.\r\nIt lasts.\r\n")
    result = invoke("fix", "crlf.txt", "--write")
    assert result.exit_code == 0
    assert path.read_bytes() == b"Pain in the calves wakes me.\r\nIt lasts.\r\n"


@pytest.mark.parametrize("options", [(), ("--unsafe-fixes",)], ids=["safe", "unsafe"])
def test_fix_write_twice_changes_nothing_the_second_time(nlp, invoke, mt: Path, options) -> None:
    first = invoke("fix", "mt.txt", "--write", *options)
    assert (first.exit_code, first.stderr) == (0, "Fixed 1 of 1 file.\n")
    once = mt.read_text(encoding="utf-8")
    assert once == (MT_UNSAFE if options else MT_SAFE)
    second = invoke("fix", "mt.txt", "--write", *options)
    assert (second.exit_code, second.stderr) == (0, "Fixed 0 of 1 file.\n")
    assert mt.read_text(encoding="utf-8") == once
    assert invoke("fix", "mt.txt", "--diff", *options).stdout == ""


def test_fix_write_read_only_file(nlp, invoke, mt: Path) -> None:
    mt.chmod(0o444)
    result = invoke("fix", "mt.txt", "--write")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "Error: mt.txt: file is read-only; nothing written"
    assert result.stdout == ""
    assert mt.read_text(encoding="utf-8") == MT
    assert stat.S_IMODE(mt.stat().st_mode) == 0o444
    assert sorted(p.name for p in mt.parent.iterdir()) == ["mt.txt"]


def test_fix_write_read_only_file_is_not_counted_as_fixed(nlp, invoke, mt: Path) -> None:
    mt.chmod(0o444)
    result = invoke("fix", "mt.txt", "--write")
    assert result.stderr == "Error: mt.txt: file is read-only; nothing written\nFixed 0 of 1 file.\n"


def test_fix_write_read_only_file_does_not_stop_the_others(nlp, invoke, mt: Path) -> None:
    other = write("b.txt", MT)
    mt.chmod(0o444)
    result = invoke("fix", "mt.txt", "b.txt", "--write")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "Error: mt.txt: file is read-only; nothing written"
    assert mt.read_text(encoding="utf-8") == MT
    assert other.read_text(encoding="utf-8") == MT_SAFE


@pytest.mark.parametrize("name", ["notes", "looks-like-a-file.txt"])
def test_fix_write_on_a_folder_without_articles(nlp, invoke, workdir: Path, name: str) -> None:
    write(f"{name}/data.csv", "a,b\n")
    before = tree(workdir)
    result = invoke("fix", name, "--write")
    assert result.exit_code == 2
    assert result.stderr == f"Error: {name}: no articles (.txt, .md, .html) in this folder\nFixed 0 of 0 files.\n"
    assert result.stdout == ""
    assert tree(workdir) == before


def test_fix_write_on_a_folder_of_articles_fixes_them(nlp, invoke, workdir: Path) -> None:
    # A folder is a documented PATH: its articles are rewritten, nothing else.
    write("docs/a.txt", MT)
    write("docs/b.md", MT_SAFE)
    write("docs/data.csv", MT)
    result = invoke("fix", "docs", "--write")
    assert (result.exit_code, result.stderr) == (0, "Fixed 1 of 2 files.\n")
    assert tree(workdir / "docs") == {"a.txt": MT_SAFE.encode(), "b.md": MT_SAFE.encode(), "data.csv": MT.encode()}


def test_fix_write_refuses_stdin(nlp, invoke, workdir: Path) -> None:
    result = invoke("fix", "-", "--write", input=MT)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", "Error: --write cannot rewrite standard input\n")


@pytest.mark.parametrize("kind", BAD_INPUTS)
def test_fix_bad_input_does_not_stop_the_good_file(nlp, invoke, mt: Path, kind: str) -> None:
    path, message = _bad_input(kind)
    result = invoke("fix", path, "mt.txt", "--write")
    assert result.exit_code == 2
    assert result.stderr == f"Error: {message}\nFixed 1 of 1 file.\n"
    assert mt.read_text(encoding="utf-8") == MT_SAFE


def test_fix_output_dir(nlp, invoke, mt: Path) -> None:
    result = invoke("fix", "mt.txt", "--output-dir", "out/clean")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "Fixed 1 of 1 file; the fixed copies are under out/clean.\n")
    assert Path("out/clean/mt.txt").read_text(encoding="utf-8") == MT_SAFE
    assert mt.read_text(encoding="utf-8") == MT


MIXED = ("Leg cramps and calf muscle spasm: the cause of seizures in the leg muscles is often fatigue.\n"  # CT104 unsafe
         "Pain in the caviar wakes me at night.\n"                                                       # CT102 safe
         "Welcome daily kneading of the muscles.\n")                                                     # CT109 display


def test_fix_applies_only_safe_fixes_by_default(nlp, invoke, workdir: Path) -> None:
    write("mixed.txt", MIXED)
    lint = invoke("lint", "mixed.txt", "--select", "CT1", "--format", "jsonl")
    assert {(f["rule"], f["applicability"]) for f in jsonl(lint.stdout)} == \
        {("CT104", "unsafe"), ("CT102", "safe"), ("CT109", "display")}
    safe = invoke("fix", "mixed.txt")
    assert safe.stdout == MIXED.replace("caviar", "calves")
    unsafe = invoke("fix", "mixed.txt", "--unsafe-fixes")
    assert unsafe.stdout == MIXED.replace("caviar", "calves").replace("of seizures", "of cramps")
    assert "Welcome daily kneading" in unsafe.stdout  # display-only fixes are never applied


def test_rule_applicability_matches_what_fix_applies() -> None:
    applicability = {r.code: r.applicability for r in load_rules() if r.category == "phrasing"}
    assert {c: applicability[c] for c in ("CT101", "CT104")} == {"CT101": "unsafe", "CT104": "unsafe"}
    assert {c: applicability[c] for c in ("CT102", "CT103", "CT108")} == {"CT102": "safe", "CT103": "safe",
                                                                           "CT108": "safe"}


# ---------------------------------------------------------------- lint

def _heads(stdout: str) -> list[str]:
    return [" ".join(line.split()[:2]) for line in stdout.splitlines() if line.startswith("mt.txt:")]


MT_FINDINGS = [("CT101", 16, 29, 1, 17, "cramps calves", "unsafe"), ("CT102", 23, 29, 1, 24, "calves", "safe"),
               ("CT108", 37, 54, 1, 38, "intensive training", "safe"), ("CT103", 69, 82, 1, 70, "firsthand", "safe")]


def test_lint_warnings_do_not_fail_by_default(nlp, invoke, mt: Path) -> None:
    result = invoke("lint", "mt.txt", "--select", "CT1")
    assert (result.exit_code, result.stderr) == (0, "")
    assert _heads(result.stdout) == ["mt.txt:1:17: CT101", "mt.txt:1:24: CT102", "mt.txt:1:38: CT108",
                                     "mt.txt:1:70: CT103"]
    fixable = [line for line in result.stdout.splitlines() if line.startswith("mt.txt:")]
    assert [line.endswith(" [*]") for line in fixable] == [False, True, True, True]  # CT101 is unsafe
    assert "Found 4 findings (0 errors, 4 warnings, 0 info)" in result.stdout.splitlines()[-1]


def test_lint_summary_advises_an_existing_command(nlp, invoke, mt: Path) -> None:
    result = invoke("lint", "mt.txt", "--select", "CT1")
    assert "--fix" not in result.stdout
    assert "cramptext fix" in result.stdout.splitlines()[-1]


@pytest.mark.parametrize(("options", "code"), [
    ((), 0),
    (("--fail-on", "error"), 0),
    (("--fail-on", "warning"), 1),
    (("--fail-on", "info"), 1),
    (("--fail-on", "warning", "--exit-zero"), 0),
    (("--exit-zero",), 0),
])
def test_lint_exit_code_follows_fail_on(nlp, invoke, mt: Path, options, code: int) -> None:
    result = invoke("lint", "mt.txt", "--select", "CT1", *options)
    assert result.exit_code == code
    assert result.stderr == ""
    assert len(_heads(result.stdout)) == 4  # --exit-zero still reports everything


def test_lint_info_findings_and_fail_on(nlp, invoke, workdir: Path) -> None:
    write("info.txt", "Eat more bananas.In addition, stretch your legs.\n")  # CT114 is info
    assert invoke("lint", "info.txt", "--select", "CT114", "--fail-on", "warning").exit_code == 0
    assert invoke("lint", "info.txt", "--select", "CT114", "--fail-on", "info").exit_code == 1


def test_lint_clean_file(nlp, invoke, workdir: Path) -> None:
    write("clean.txt", ARTICLE)
    result = invoke("lint", "clean.txt", "--select", "CT1", "--fail-on", "info")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "All checks passed.\n", "")


def test_lint_missing_file(nlp, invoke, workdir: Path) -> None:
    result = invoke("lint", "missing.txt")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", "Error: missing.txt: no such file or folder\n")


def test_lint_bad_input_does_not_stop_the_good_file(nlp, invoke, mt: Path) -> None:
    result = invoke("lint", "missing.txt", "mt.txt", "--select", "CT1", "--format", "jsonl")
    assert result.exit_code == 2
    assert result.stderr == "Error: missing.txt: no such file or folder\n"
    assert [f["rule"] for f in jsonl(result.stdout)] == ["CT101", "CT102", "CT108", "CT103"]


@pytest.mark.parametrize("option", ["--select", "--ignore", "--extend-select"])
def test_lint_unknown_rule_code(nlp, invoke, mt: Path, option: str) -> None:
    result = invoke("lint", "mt.txt", option, "CT999")
    assert result.exit_code == 2
    assert result.stdout == ""
    where = option.lstrip("-").replace("-", "_")
    assert result.stderr == f"Error: command line: unknown rule code 'CT999' in {where}\n"


def test_lint_jsonl_records_have_the_contract_fields(nlp, invoke, mt: Path) -> None:
    result = invoke("lint", "mt.txt", "--select", "CT1", "--format", "jsonl")
    assert (result.exit_code, result.stderr) == (0, "")
    records = jsonl(result.stdout)
    for r in records:
        for name, typ in FINDING_FIELDS.items():
            assert type(r[name]) is typ, (name, r)
        assert r["replacement"] is None or isinstance(r["replacement"], str)
        assert r["source"] == "mt.txt" and r["category"] == "phrasing" and r["severity"] == "warning"
        assert MT[r["start"]:r["end"]]
    assert [(r["rule"], r["start"], r["end"], r["line"], r["column"], r["replacement"], r["applicability"])
            for r in records] == MT_FINDINGS
    assert [r["name"] for r in records] == ["calque-cramp-verb", "domain-word-body-part", "reinforced-training",
                                            "untranslated-word"]
    json_result = invoke("lint", "mt.txt", "--select", "CT1", "--format", "json")
    assert json.loads(json_result.stdout) == records


def test_lint_output_file(nlp, invoke, mt: Path) -> None:
    result = invoke("lint", "mt.txt", "--select", "CT1", "--format", "jsonl", "--output", "findings.jsonl",
                    "--fail-on", "warning")
    assert (result.exit_code, result.stdout, result.stderr) == \
        (1, "", "Wrote 4 findings from 1 document to findings.jsonl.\n")
    assert [f["rule"] for f in jsonl(Path("findings.jsonl").read_text(encoding="utf-8"))] == \
        ["CT101", "CT102", "CT108", "CT103"]


# ---------------------------------------------------------------- rules

def _rule_files() -> list[Path]:
    return sorted(p for folder in ("phrasing", "checks") for p in (REPO / "rules" / folder).glob("*.y*ml"))


def test_rules_lists_every_rule(invoke) -> None:
    result = invoke("rules")
    assert (result.exit_code, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["CODE", "NAME", "CATEGORY", "SEVERITY", "FIX"]
    listed = [line.split() for line in lines[1:]]
    expected = []
    for path in _rule_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        expected.append([data["code"], data["name"], data["category"], data["severity"],
                         data.get("applicability") or "-"])
    assert listed == sorted(expected)


def test_rules_shows_one_rules_documentation(invoke) -> None:
    data = yaml.safe_load((REPO / "rules" / "phrasing" / "CT101-calque-cramp-verb.yaml").read_text(encoding="utf-8"))
    result = invoke("rules", "CT101")
    assert (result.exit_code, result.stderr) == (0, "")
    out = result.stdout
    assert out.startswith("CT101 calque-cramp-verb\n\nCategory: phrasing    Severity: warning    Fix: unsafe\n\n"
                          "Why this is bad:\n")
    assert f"  {' '.join(data['why'].split())}\n" in out
    for example in data["examples"]["bad"]:
        assert f"  {example['text']}\n  -> {example['fix']}\n" in out
    for text in data["examples"]["good"]:
        assert f"  {text}\n" in out
    assert invoke("rules", "ct101").stdout == out  # codes are not case-sensitive


def test_rules_unknown_code(invoke) -> None:
    result = invoke("rules", "CT999")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "Error: unknown rule code 'CT999'; `cramptext rules` lists them\n"


CUSTOM_RULE = """\
code: CT199
name: foo-bar
category: phrasing
severity: warning
kind: pattern
applicability: safe
message: "'{match}' is a placeholder; write '{replacement}'."
why: "Placeholders are no words."
patterns:
  - [{LOWER: foo}, {LOWER: bar}]
replacement: "baz"
examples:
  bad:
    - text: "foo bar cramps"
      fix: "baz cramps"
  good:
    - "baz cramps"
"""


def test_rules_validate_a_valid_custom_rule(invoke, workdir: Path) -> None:
    write("myrules/CT199-foo-bar.yaml", CUSTOM_RULE)
    result = invoke("rules", "validate", "myrules")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == f"{len(load_rules()) + 1} rules valid (built-in rules included).\n"


def test_custom_rule_is_used_by_lint(nlp, invoke, workdir: Path) -> None:
    write("myrules/CT199-foo-bar.yaml", CUSTOM_RULE)
    write("a.txt", "Foo bar can cause leg cramps.\n")
    result = invoke("lint", "a.txt", "--rules-dir", "myrules", "--select", "CT199", "--format", "jsonl")
    assert (result.exit_code, result.stderr) == (0, "")
    (finding,) = jsonl(result.stdout)
    assert (finding["rule"], finding["name"], finding["start"], finding["end"], finding["replacement"],
            finding["message"]) == ("CT199", "foo-bar", 0, 7, "Baz", "'Foo bar' is a placeholder; write 'Baz'.")


@pytest.mark.parametrize(("old", "new", "line", "problem"), [
    ("severity: warning", "severity: fatal", 4, "severity: 'fatal' is not one of ['error', 'warning', 'info']"),
    ("code: CT199", "code: CT299", 1, "code: phrasing rules use CT1xx codes and only they do (got CT299)"),
    ('replacement: "baz"\n', 'replacement: "baz"\nparams:\n  requires_in_sentence: [leg, 3]\n', 13,
     "params/requires_in_sentence/1: 3 is not of type 'string'"),
    ("kind: pattern", "kind: magic", 5, "kind: unknown rule kind 'magic' (known: "),
    ('why: "Placeholders are no words."', "why: [oops", 9, "invalid YAML: "),
    ("code: CT199", "code: CT101", 1, "CT101 is already defined in "),
], ids=["schema", "code-category", "params", "kind", "yaml-syntax", "duplicate-code"])
def test_rules_validate_a_broken_rule_names_file_and_line(invoke, workdir: Path, old: str, new: str, line: int,
                                                          problem: str) -> None:
    assert old in CUSTOM_RULE
    path = write("myrules/CT199-foo-bar.yaml", CUSTOM_RULE.replace(old, new))
    result = invoke("rules", "validate", "myrules")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.count("\n") == 1 and result.stderr.endswith("\n")
    assert result.stderr.startswith(f"Error: myrules/CT199-foo-bar.yaml:{line}: {problem}")
    assert path.exists()


def test_rules_validate_needs_a_folder(invoke, workdir: Path) -> None:
    result = invoke("rules", "validate")
    assert (result.exit_code, result.stderr) == (2, "Error: usage: cramptext rules validate DIR...\n")
    result = invoke("rules", "validate", "nowhere")
    assert (result.exit_code, result.stderr) == (2, "Error: nowhere: rule folder not found\n")


def test_export_sqlite(nlp, invoke, workdir: Path) -> None:
    import sqlite3

    write("a.txt", "The reason that drives caviar can be reinforced sports. Dehydration can cause leg cramps.\n")
    result = invoke("export", "a.txt", "--db", "out.sqlite")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("Analysed 1 document: ")
    assert "Wrote the export to out.sqlite (1 added, 0 replaced, 0 unchanged)." in result.stderr
    with sqlite3.connect(workdir / "out.sqlite") as db:
        (clean,) = db.execute("SELECT clean_text FROM documents WHERE source = 'a.txt'").fetchone()
        kinds = {row for row in db.execute("SELECT kind, concept FROM claims")}
        rules = {row[0] for row in db.execute("SELECT rule FROM findings")}
    assert "intensive training" in clean and "caviar" not in clean
    assert ("cause", "dehydration") in kinds and ("cause", "overexertion") in kinds
    assert {"CT101", "CT108"} <= rules
    assert [p.name for p in workdir.iterdir() if p.name.startswith(".out.sqlite")] == []


def test_export_into_a_folder_is_refused(nlp, invoke, workdir: Path) -> None:
    write("a.txt", "Dehydration can cause leg cramps.\n")
    (workdir / "db").mkdir()
    result = invoke("export", "a.txt", "--db", "db")
    assert (result.exit_code, result.stderr) == (2, "Error: db: not a regular file; nothing written\n")


# ---------------------------------------------------------------- control characters in what is printed

# C0 (but tab and newline), DEL, C1 and the bidi controls: none may reach the terminal raw.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
HOSTILE_NAME = "h\x1b[2J.txt"
HOSTILE_ARTICLE = ("Dehydration\x07 can cause leg cramps. Stretching your\x1b[8m calves before bed helps. "
                   "See a doctor \x1b]0;pwned\x07if the cramps \u202eare severe.\n")


@pytest.mark.parametrize("fmt", ["table", "csv"])
def test_extract_shows_control_characters_as_escapes(nlp, invoke, workdir: Path, fmt: str) -> None:
    write(HOSTILE_NAME, HOSTILE_ARTICLE)
    result = invoke("extract", HOSTILE_NAME, "--format", fmt)
    assert (result.exit_code, result.stderr) == (0, "")
    assert CONTROL.findall(result.stdout) == []
    assert "h\\x1b[2J.txt" in result.stdout and "Stretching your\\x1b[8m calves" in result.stdout
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert {r["source"] for r in rows} == {"h\\x1b[2J.txt"}
        assert any("\\x1b]0;pwned\\x07if the cramps \\u202eare severe." in r["sentence"] for r in rows)
        assert any(r["sentence"] == "Dehydration\\x07 can cause leg cramps." for r in rows)


HOSTILE_MT = ("The reason that drives caviar \x1b[2Jcan be reinforced sports.\x07 Many \u202eknow it "
              "neponaslyshke.\r\n")


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_lint_shows_control_characters_as_escapes(nlp, invoke, workdir: Path, fmt: str) -> None:
    write("mt.txt", HOSTILE_MT)
    result = invoke("lint", "mt.txt", "--select", "CT1", "--format", fmt)
    assert result.exit_code == 0
    assert CONTROL.findall(result.stdout) == []
    assert "\\x1b[2J" in result.stdout and "\\x07" in result.stdout
    if fmt == "text":
        shown = [line for line in result.stdout.splitlines() if line.startswith("1 | ")]
        assert shown and all(line == "1 | The reason that drives caviar \\x1b[2Jcan be reinforced sports.\\x07 "
                                     "Many \\u202eknow it neponaslyshke." for line in shown)
        # The caret under the calque sits under its words, after the escapes.
        lines = result.stdout.splitlines()
        for at, line in enumerate(lines):
            if line.startswith("mt.txt:") and " CT103 " in line:
                carets = lines[at + 2].split(" | ", 1)[1]
                pad = len(carets) - len(carets.lstrip())
                assert lines[at + 1][len("1 | "):][pad:len(carets)] == "neponaslyshke"
                break
        else:
            raise AssertionError(result.stdout)


def test_lint_text_long_line_is_shown_as_a_window(nlp, invoke, workdir: Path) -> None:
    text = " ".join(["Night cramps are common and often wake people from sleep."] * 200)
    text = text[:9_000] + " Pain in the caviar wakes me at night. " + text[:11_000]
    text = text[:20_000] + "\n"
    write("long.txt", text)
    result = invoke("lint", "long.txt", "--select", "CT102")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("long.txt:1:") and " CT102 " in lines[0]
    shown, carets = lines[1].split(" | ", 1)[1], lines[2].split(" | ", 1)[1]
    assert shown.startswith("…") and shown.endswith("…") and len(shown) <= 120
    pad = len(carets) - len(carets.lstrip())
    assert shown[pad:len(carets)] == "caviar"
    assert len(result.stdout) < 1000


def test_extract_csv_booleans_are_lowercase(nlp, invoke, article: Path) -> None:
    result = invoke("extract", "a.txt", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {(r["negated"], r["hedged"]) for r in rows} == {("false", "true"), ("false", "false")}
    as_json = jsonl(invoke("extract", "a.txt", "--format", "jsonl").stdout)
    assert [(r["negated"], r["hedged"]) for r in rows] == [(json.dumps(r["negated"]), json.dumps(r["hedged"]))
                                                          for r in as_json]
    assert "True" not in result.stdout and "False" not in result.stdout


# ---------------------------------------------------------------- unreadable folders, looping links, UTF-16

def _article_claims_only(result) -> None:
    """ARTICLE's claims from a.txt, and only those."""
    records = jsonl(result.stdout)
    assert {r["source"] for r in records} == {"a.txt"}
    assert as_rows(records) == ARTICLE_CLAIMS




@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="mode 000 does not stop root from reading a folder; "
                           "test_extract_unreadable_folder_as_root simulates it")
@pytest.mark.parametrize("order", [
    "folder-first",
    "folder-last",
])
def test_extract_unreadable_folder(nlp, invoke, article: Path, order: str) -> None:
    write("noperm/n.txt", ARTICLE)
    Path("noperm").chmod(0)
    paths = ["noperm", "a.txt"] if order == "folder-first" else ["a.txt", "noperm"]
    try:
        result = invoke("extract", *paths, "--format", "jsonl")
    finally:
        Path("noperm").chmod(0o755)
    assert (result.exit_code, result.stderr) == (2, "Error: noperm: cannot read folder: Permission denied\n")
    _article_claims_only(result)


def _refuse_to_list(monkeypatch: pytest.MonkeyPatch, folder: str) -> None:
    """Make ``folder`` unlistable as mode 000 does for a user other than root."""
    real_scandir = os.scandir

    def scandir(path="."):
        if os.path.realpath(path) == os.path.realpath(folder):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)


@pytest.mark.parametrize("order", ["folder-first", "folder-last"])
def test_extract_unreadable_folder_as_root(nlp, invoke, article: Path, monkeypatch: pytest.MonkeyPatch,
                                           order: str) -> None:
    write("noperm/n.txt", ARTICLE)
    _refuse_to_list(monkeypatch, "noperm")
    paths = ["noperm", "a.txt"] if order == "folder-first" else ["a.txt", "noperm"]
    result = invoke("extract", *paths, "--format", "jsonl")
    assert (result.exit_code, result.stderr) == (2, "Error: noperm: cannot read folder: Permission denied\n")
    _article_claims_only(result)


def test_extract_unreadable_subfolder_as_root(nlp, invoke, workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write("docs/a.txt", ARTICLE)
    write("docs/locked/n.txt", ARTICLE)
    _refuse_to_list(monkeypatch, "docs/locked")
    result = invoke("extract", "docs", "--format", "jsonl")
    assert result.exit_code == 2
    assert result.stderr == f"Error: {Path('docs/locked')}: cannot read folder: Permission denied\n"
    assert {r["source"] for r in jsonl(result.stdout)} == {str(Path("docs/a.txt"))}


def test_extract_unreadable_folder_first_as_root_also_unstattable(nlp, invoke, article: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # What mode 000 really does for a user: the folder cannot be listed, nor anything in it looked at.
    write("noperm/n.txt", ARTICLE)
    _refuse_to_list(monkeypatch, "noperm")
    inside = os.path.realpath("noperm") + os.sep
    real_stat = os.stat

    def stat_(path, *args, **kwargs):
        if isinstance(path, (str, os.PathLike)) and os.path.abspath(os.fspath(path)).startswith(inside):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat_)
    result = invoke("extract", "noperm", "a.txt", "--format", "jsonl")
    assert (result.exit_code, result.stderr) == (2, "Error: noperm: cannot read folder: Permission denied\n")
    _article_claims_only(result)


def _symlink_loop(name: str) -> None:
    """``name`` -> its folder's loop.tmp -> ``name``."""
    target = Path(name).parent / "loop.tmp"
    os.symlink(Path(name).name, target)
    os.symlink(target.name, name)


@pytest.mark.parametrize("command", ["extract", "lint"])
def test_looping_symlink_given_after_a_file(nlp, invoke, article: Path, command: str) -> None:
    _symlink_loop("x.txt")
    options = ("--format", "jsonl") if command == "extract" else ("--format", "jsonl", "--select", "CT2")
    result = invoke(command, "a.txt", "x.txt", *options)
    assert (result.exit_code, result.stderr) == (2, "Error: x.txt: broken or looping symbolic link\n")
    if command == "extract":
        _article_claims_only(result)


def test_looping_symlink_given_first(nlp, invoke, article: Path) -> None:
    _symlink_loop("x.txt")
    result = invoke("extract", "x.txt", "a.txt", "--format", "jsonl")
    assert (result.exit_code, result.stderr) == (2, "Error: x.txt: broken or looping symbolic link\n")
    _article_claims_only(result)


def test_looping_symlink_inside_a_folder(nlp, invoke, workdir: Path) -> None:
    write("docs/a.txt", ARTICLE)
    os.symlink("y.txt", "docs/x.txt")
    os.symlink("x.txt", "docs/y.txt")
    result = invoke("extract", "docs", "--format", "jsonl")
    assert result.exit_code == 2
    assert result.stderr == "".join(f"Error: {Path('docs', n)}: broken or looping symbolic link\n"
                                    for n in ("x.txt", "y.txt"))
    records = jsonl(result.stdout)
    assert {r["source"] for r in records} == {str(Path("docs/a.txt"))}
    assert len(records) == len(ARTICLE_CLAIMS)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_extract_utf16_file(nlp, invoke, article: Path, encoding: str) -> None:
    bom = {"utf-16-le": "\ufeff", "utf-16-be": "\ufeff"}.get(encoding, "")  # "utf-16" writes its own
    Path("u16.txt").write_bytes((bom + ARTICLE).encode(encoding))
    result = invoke("extract", "u16.txt", "--format", "jsonl")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "Error: u16.txt: UTF-16 text; save it as UTF-8\n"
    result = invoke("extract", "u16.txt", "a.txt", "--format", "jsonl")
    assert (result.exit_code, result.stderr) == (2, "Error: u16.txt: UTF-16 text; save it as UTF-8\n")
    _article_claims_only(result)


# ---------------------------------------------------------------- fix: modes and --output-dir

@pytest.mark.parametrize(("options", "message"), [
    (("--write", "--diff"), "--diff and --write cannot be used together"),
    (("--write", "--output-dir", "D"), "--write and --output-dir cannot be used together"),
    (("--output-dir", "D", "-o", "F"), "--output-dir and --output cannot be used together"),
    (("--output-dir", "D", "--diff"), "--diff and --output-dir cannot be used together"),
])
def test_fix_modes_that_cannot_be_combined(invoke, mt: Path, options, message: str) -> None:
    before = tree(mt.parent)
    result = invoke("fix", "mt.txt", *options)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"Error: {message}\n")
    assert tree(mt.parent) == before
    assert not Path("D").exists() and not Path("F").exists()


def test_fix_output_dir_keeps_relative_paths(nlp, invoke, workdir: Path) -> None:
    write("a/x.txt", MT)
    write("b/x.txt", MT_SAFE)
    result = invoke("fix", "a/x.txt", "b/x.txt", "--output-dir", "D")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "Fixed 1 of 2 files; the fixed copies are under D.\n")
    assert tree(workdir / "D") == {str(Path("a/x.txt")): MT_SAFE.encode(), str(Path("b/x.txt")): MT_SAFE.encode()}
    assert Path("a/x.txt").read_text(encoding="utf-8") == MT


def test_fix_output_dir_of_a_folder_keeps_paths_below_it(nlp, invoke, workdir: Path) -> None:
    write("docs/x.txt", MT)
    write("docs/sub/deeper/y.md", MT)
    write("docs/notes.csv", MT)
    result = invoke("fix", "docs", "--output-dir", "D")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "Fixed 2 of 2 files; the fixed copies are under D.\n")
    assert tree(workdir / "D") == {"x.txt": MT_SAFE.encode(), str(Path("sub/deeper/y.md")): MT_SAFE.encode()}
    assert tree(workdir / "docs")["x.txt"] == MT.encode()


# ---------------------------------------------------------------- rules validate

def test_rules_validate_the_projects_own_rules(invoke) -> None:
    result = invoke("rules", "validate", str(REPO / "rules"))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == f"{len(load_rules())} rules valid (built-in rules included).\n"


def test_rules_validate_an_empty_folder(invoke, workdir: Path) -> None:
    (workdir / "empty").mkdir()
    write("notes/README.md", "Not a rule.\n")
    for folder in ("empty", "notes"):
        result = invoke("rules", "validate", folder)
        assert result.exit_code == 2
        assert result.stderr == f"Error: {folder}: no rule files (.yaml) in this folder\n"


def test_rules_validate_a_custom_rule_with_its_own_prefix(nlp, invoke, workdir: Path) -> None:
    write("acme/ACME199-foo-bar.yaml", CUSTOM_RULE.replace("code: CT199", "code: ACME199"))
    result = invoke("rules", "validate", "acme")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == f"{len(load_rules()) + 1} rules valid (built-in rules included).\n"
    write("a.txt", "Foo bar can cause leg cramps.\n")
    lint = invoke("lint", "a.txt", "--rules-dir", "acme", "--select", "ACME199", "--format", "jsonl")
    assert (lint.exit_code, lint.stderr) == (0, "")
    assert [(f["rule"], f["replacement"]) for f in jsonl(lint.stdout)] == [("ACME199", "Baz")]


# ---------------------------------------------------------------- help and options

COMMANDS = ("extract", "fix", "lint", "triples", "export", "report", "rules")


def test_help_lists_every_command_with_its_whole_description(invoke) -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    listing = result.stdout.split("Commands:\n", 1)[1]
    assert sorted(cli_group.commands) == sorted(COMMANDS)
    for name in COMMANDS:
        short = cli_group.commands[name].short_help
        assert short and not short.endswith("...")
        assert re.search(rf"^  {name} +{re.escape(short)}$", listing, re.M), (name, listing)
    assert "..." not in listing


def _examples(help_text: str) -> list[str]:
    assert "\nExamples:\n" in help_text.replace("  Examples:", "Examples:")
    block = help_text.split("Examples:\n", 1)[1].split("\n\n", 1)[0]
    return [line.strip() for line in block.splitlines()]


@pytest.mark.parametrize("name", [
    *COMMANDS,
])
def test_command_help_has_examples_and_format_help(invoke, name: str) -> None:
    result = invoke(name, "--help")
    assert (result.exit_code, result.stderr) == (0, "")
    command = cli_group.commands[name]
    formats = [p for p in command.params if "--format" in getattr(p, "opts", [])]
    if formats:
        assert formats[0].help
        assert re.search(r"^  --format \[", result.stdout, re.M)
        assert " ".join(formats[0].help.split()[:3]) in " ".join(result.stdout.split())
    examples = _examples(result.stdout)
    assert examples and all(line.startswith(f"cramptext {name}") for line in examples)
    for line in examples:  # each example parses: its options exist and its values are valid
        args = shlex.split(line)[2:]
        command.make_context(name, args)


def test_top_level_examples_parse(invoke) -> None:
    examples = _examples(invoke("--help").stdout)
    assert {shlex.split(line)[1] for line in examples} <= set(COMMANDS)
    for line in examples:
        name, *args = shlex.split(line)[1:]
        cli_group.commands[name].make_context(name, args)


@pytest.mark.parametrize(("option", "name", "commands"), [
    ("--rules-dir", "rule_dirs", ("extract", "fix", "lint", "export", "report")),
    ("--select", "select", ("lint", "export", "report")),
    ("--ignore", "ignore", ("lint", "export", "report")),
    ("-o", "output", ("extract", "fix", "lint", "report")),
])
def test_shared_options(option: str, name: str, commands: tuple[str, ...]) -> None:
    for command in commands:
        args = ["a.txt", option, "x"] + (["--db", "out.sqlite"] if command == "export" else []) + \
            (["-o", "report.html"] if command == "report" and option != "-o" else [])
        value = cli_group.commands[command].make_context(command, args).params[name]
        assert [str(v) for v in value] == ["x"] if isinstance(value, tuple) else value == "x", command


def test_shared_options_in_use(nlp, invoke, workdir: Path) -> None:
    write("myrules/CT199-foo-bar.yaml", CUSTOM_RULE)
    write("a.txt", "Foo bar can cause leg cramps. Pain in the caviar wakes me at night.\n")
    extract = invoke("extract", "a.txt", "--rules-dir", "myrules", "--format", "jsonl", "-o", "claims.jsonl")
    assert (extract.exit_code, extract.stdout) == (0, "")
    assert extract.stderr.startswith("Wrote ") and extract.stderr.endswith(" to claims.jsonl.\n")
    assert jsonl(Path("claims.jsonl").read_text(encoding="utf-8"))
    fix = invoke("fix", "a.txt", "--rules-dir", "myrules", "-o", "fixed.txt")
    assert (fix.exit_code, fix.stdout, fix.stderr) == (0, "", "")
    assert Path("fixed.txt").read_text(encoding="utf-8") == \
        "Baz can cause leg cramps. Pain in the calves wakes me at night.\n"
    lint = invoke("lint", "a.txt", "--rules-dir", "myrules", "--select", "CT1", "--ignore", "CT102",
                  "--format", "jsonl", "-o", "findings.jsonl")
    assert (lint.exit_code, lint.stdout, lint.stderr) == (0, "", "Wrote 1 finding from 1 document to findings.jsonl.\n")
    assert [f["rule"] for f in jsonl(Path("findings.jsonl").read_text(encoding="utf-8"))] == ["CT199"]
    export = invoke("export", "a.txt", "--db", "out.sqlite", "--rules-dir", "myrules", "--select", "CT1",
                    "--ignore", "CT102")
    assert export.exit_code == 0, export.stderr
    import sqlite3

    with sqlite3.connect(workdir / "out.sqlite") as db:
        assert [row[0] for row in db.execute("SELECT rule FROM findings")] == ["CT199"]


# ---------------------------------------------------------------- the same file twice

@pytest.mark.parametrize("paths", [("a.txt", "a.txt"), ("a.txt", "./a.txt"), ("a.txt", "sub/../a.txt"),
                                   ("a.txt", "link.txt")])
def test_the_same_file_twice_is_read_once(nlp, invoke, article: Path, paths) -> None:
    Path("sub").mkdir()
    os.symlink("a.txt", "link.txt")
    result = invoke("extract", *paths, "--format", "jsonl")
    assert (result.exit_code, result.stderr) == (0, "")
    _article_claims_only(result)


def test_a_file_and_its_folder_are_read_once(nlp, invoke, workdir: Path) -> None:
    write("docs/a.txt", ARTICLE)
    result = invoke("extract", "docs", "docs/a.txt", "--format", "jsonl")
    assert (result.exit_code, result.stderr) == (0, "")
    records = jsonl(result.stdout)
    assert len(records) == len(ARTICLE_CLAIMS) and {r["source"] for r in records} == {str(Path("docs/a.txt"))}
