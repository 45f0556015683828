"""The command line: extract, fix, lint, rules (click's CliRunner on cramptext.cli.cli)."""
from __future__ import annotations

import csv
import io
import json
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import cramptext
import cramptext.engine
from cramptext.checks import load_rules

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
        assert (kind, concept, cid or "", text, start, end, line, col, sentence, str(negated), str(hedged)) in got
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
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
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
        pieces.append([offset for offset, _ in found])
        return found

    monkeypatch.setattr(cramptext.engine, "CHUNK_CHARS", 2000)
    monkeypatch.setattr(cramptext.engine, "chunks", spy)
    result = invoke("extract", "long.txt", "--format", "jsonl")
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
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "Fixed 1 of 1 file.\n")
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
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", "")
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
    assert result.stderr.startswith("Wrote 1 document, ")
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
