"""The output contract (/work/shared/CONTRACT.md) on every article of the corpus.

`extract --format jsonl` and `lint --format jsonl` run once over all the
articles (as `make run` does), then each article's records are checked.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from cramptext.cli import cli

CORPUS = Path(__file__).parents[1] / "corpus"
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
ARTICLES = sorted(p for p in CORPUS.iterdir()
                  if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES and p.name != "README.md")

KINDS = {"cause", "symptom", "remedy", "red_flag"}
CATEGORIES = {"phrasing", "claim", "consistency", "completeness", "readability"}
SEVERITIES = {"error", "warning", "info"}
CLAIM_FIELDS = {"source": str, "kind": str, "concept": str, "text": str, "start": int, "end": int, "line": int,
                "column": int, "sentence": str, "negated": bool, "hedged": bool}
FINDING_FIELDS = {"source": str, "rule": str, "name": str, "category": str, "severity": str, "start": int,
                  "end": int, "line": int, "column": int, "message": str}

# Known contract violations: (article, check) -> reason. Strict: fixing one fails the
# test until its entry is removed here.
SENTENCE_ACROSS_BREAK = ("a claim span crosses a sentence boundary the parser put inside it (after a heading or "
                         "list line), and `sentence` is only the sentence of its first token "
                         "(extract.py ClaimExtractor._mention)")
KNOWN: dict = {}


def per_article(check: str) -> list:
    params = []
    for path in ARTICLES:
        reason = KNOWN.get((path.name, check))
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(path, marks=marks, id=path.stem))
    return params


def original(path: Path) -> str:
    """The text exactly as the contract's offsets see it: UTF-8, BOM dropped, newlines as they are."""
    return path.read_bytes().decode("utf-8-sig")


def line_col(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1



@pytest.mark.parametrize("text", [
    "Cramps at night.\n" * 3000,  # a long article of short lines
    "word " * 10_000,  # a long paragraph without a line break
    "\n\nStart after blank lines.\r\nAnd a Windows line end.\n" * 800 + "no break at the end",
])
def test_line_and_column_of_long_texts_are_those_of_short_ones(text: str) -> None:
    """Long texts take line breaks from an index found once; the figures are the plain count's."""
    from cramptext.records import LONG_TEXT, line_col as records_line_col

    assert len(text) >= LONG_TEXT
    offsets = [0, 1, len(text) - 1, len(text), *range(0, len(text), 997)]
    offsets += [i for i, c in enumerate(text[:200]) if c == "\n"] + [i + 1 for i, c in enumerate(text[:200]) if c == "\n"]
    for offset in offsets:
        assert records_line_col(text, offset) == line_col(text, offset), offset

def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def by_source(stdout: str) -> dict[str, list[dict]]:
    records: dict[str, list[dict]] = {str(p): [] for p in ARTICLES}
    for line in stdout.splitlines():
        record = json.loads(line)
        records.setdefault(record["source"], []).append(record)
    return records


@pytest.fixture(scope="module")
def extracted(nlp) -> tuple[int, str, str]:
    return run("extract", *map(str, ARTICLES), "--format", "jsonl")


@pytest.fixture(scope="module")
def linted(nlp) -> tuple[int, str, str]:
    return run("lint", *map(str, ARTICLES), "--format", "jsonl")


@pytest.fixture(scope="module")
def claims(extracted) -> dict[str, list[dict]]:
    return by_source(extracted[1])


@pytest.fixture(scope="module")
def findings(linted) -> dict[str, list[dict]]:
    return by_source(linted[1])


def test_corpus_has_articles() -> None:
    assert len(ARTICLES) >= 5, ARTICLES


def test_extract_runs_cleanly(extracted, claims) -> None:
    code, stdout, stderr = extracted
    assert (code, stderr) == (0, "")
    assert stdout.endswith("\n")
    assert set(claims) == {str(p) for p in ARTICLES}  # every source is a path as given


def test_lint_runs_cleanly(linted, findings) -> None:
    code, stdout, stderr = linted
    assert code in (0, 1)  # 1: a finding reaches the default --fail-on (error)
    assert stderr == ""
    assert set(findings) == {str(p) for p in ARTICLES}
    assert sum(len(v) for v in findings.values()) > 0


def test_json_is_the_jsonl_records_as_one_array(nlp, extracted, linted) -> None:
    some = [str(p) for p in ARTICLES[:3]]
    for command, (_, jsonl_out, _) in (("extract", extracted), ("lint", linted)):
        code, stdout, _ = run(command, *some, "--format", "json")
        assert code in (0, 1)
        expected = [json.loads(line) for line in jsonl_out.splitlines() if json.loads(line)["source"] in some]
        assert json.loads(stdout) == expected, command


# ---------------------------------------------------------------- claims

@pytest.mark.parametrize("path", per_article("claim_fields"))
def test_claim_fields(claims, path: Path) -> None:
    records = claims[str(path)]
    assert records, f"{path.name}: no claims at all"
    for r in records:
        for name, typ in CLAIM_FIELDS.items():
            assert type(r[name]) is typ, (name, r)
        assert r["concept_id"] is None or type(r["concept_id"]) is str, r
        assert r["source"] == str(path)
        assert r["kind"] in KINDS, r
        assert r["concept"] and r["concept"] == r["concept"].lower() and r["concept"] == r["concept"].strip(), r
        assert r["concept_id"] != "", r


@pytest.mark.parametrize("path", per_article("claim_positions"))
def test_claim_positions(claims, path: Path) -> None:
    text = original(path)
    for r in claims[str(path)]:
        assert 0 <= r["start"] < r["end"] <= len(text), r
        assert text[r["start"]:r["end"]] == r["text"], r
        assert (r["line"], r["column"]) == line_col(text, r["start"]), r


@pytest.mark.parametrize("path", per_article("claim_sentence"))
def test_claim_sentence(claims, path: Path) -> None:
    flat = " ".join(original(path).split())
    for r in claims[str(path)]:
        assert r["sentence"].strip(), r
        assert r["sentence"] in flat, f"not a sentence of the original text: {r['sentence']!r}"
        assert " ".join(r["text"].split()) in r["sentence"], f"{r['text']!r} not in {r['sentence']!r}"


# ---------------------------------------------------------------- findings

@pytest.mark.parametrize("path", per_article("finding_fields"))
def test_finding_fields(findings, path: Path) -> None:
    for r in findings[str(path)]:
        for name, typ in FINDING_FIELDS.items():
            assert type(r[name]) is typ, (name, r)
        assert r["replacement"] is None or type(r["replacement"]) is str, r
        assert r["source"] == str(path)
        assert re.fullmatch(r"CT[1-5]\d\d", r["rule"]), r
        assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", r["name"]), r
        assert r["category"] in CATEGORIES, r
        assert r["severity"] in SEVERITIES, r
        assert (r["category"] == "phrasing") == r["rule"].startswith("CT1"), r
        assert r["message"].strip() and "\n" not in r["message"], r


@pytest.mark.parametrize("path", per_article("finding_positions"))
def test_finding_positions(findings, path: Path) -> None:
    text = original(path)
    for r in findings[str(path)]:
        assert 0 <= r["start"] <= r["end"] <= len(text), r
        assert text[r["start"]:r["end"]].strip(), f"empty span: {r}"
        assert (r["line"], r["column"]) == line_col(text, r["start"]), r


# ---------------------------------------------------------------- known bugs, reduced

def test_claim_sentence_after_a_heading(nlp, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Drug treatment\n\nMagnesium supplements are widely used and may help some people, but "
                       "randomised trials in older adults have found little benefit over placebo.\n", encoding="utf-8")
    code, stdout, _ = run("extract", str(article), "--format", "jsonl")
    assert code == 0
    records = [json.loads(line) for line in stdout.splitlines()]
    magnesium = [r for r in records if r["concept_id"] == "magnesium"]
    assert magnesium
    for r in magnesium:
        assert r["text"] in r["sentence"], r
