"""The false-alarm suite: fluent health articles written for the tests (tests/fixtures/plain_english).

Every phrasing rule runs on them; at most 0.5 phrasing findings per 1,000
words may fire, and the assertion lists each one with its rule and words.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from cramptext.checks import load_rules
from cramptext.engine import Engine
from cramptext.io import Document

SUITE = Path(__file__).resolve().parent / "fixtures" / "plain_english"
MAX_PER_1K_WORDS = 0.5


@pytest.fixture(scope="module")
def suite() -> list[tuple[Document, int]]:
    manifest = json.loads((SUITE / "manifest.json").read_text(encoding="utf-8"))
    documents = []
    for entry in manifest["documents"]:
        text = (SUITE / entry["source"]).read_text(encoding="utf-8")
        documents.append((Document(entry["source"], text), len(text.split())))
    return documents


def test_the_suite_is_big_and_varied_enough(suite) -> None:
    assert sum(words for _, words in suite) >= 10_000
    assert len(suite) >= 20


def test_the_manifest_counts_words_as_str_split(suite) -> None:
    manifest = json.loads((SUITE / "manifest.json").read_text(encoding="utf-8"))
    assert [e["words"] for e in manifest["documents"]] == [words for _, words in suite]


def test_plain_english_gets_at_most_half_a_phrasing_finding_per_1000_words(nlp, suite) -> None:
    rules = [r for r in load_rules() if r.category == "phrasing"]
    assert rules
    engine = Engine(nlp, rules, checks=False, claims=False)
    found = [(result.document, f) for result in engine.run([d for d, _ in suite]) for f in result.findings
             if f.category == "phrasing"]
    words = sum(n for _, n in suite)
    listing = "\n".join(f"  {d.source}:{f.line}:{f.column} {f.rule} {d.text[f.start:f.end]!r}" for d, f in found)
    assert len(found) / words * 1000 <= MAX_PER_1K_WORDS, (
        f"{len(found)} phrasing findings in {words} words of plain English:\n{listing}")
