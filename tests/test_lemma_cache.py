"""The concept matcher's lemmatised synonyms are kept on disk: read back while the lexicon and
model are the same, rebuilt when either changes or the file cannot be used."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cramptext.io.cachedir import cache_folder
from cramptext.knowledge import data_dir
from cramptext.nlp import lemma_cache
from cramptext.nlp.concepts import ConceptMatcher
from cramptext.nlp.model import load_base_pipeline


@pytest.fixture(scope="module")
def base():
    return load_base_pipeline()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CRAMPTEXT_CACHE_DIR", str(folder))
    return folder


def concepts(base, rules_dir=None) -> ConceptMatcher:
    component = ConceptMatcher(base, rules_dir=str(rules_dir) if rules_dir else None)
    component.initialize(nlp=base)
    return component


def no_lemmatising(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(self, texts):
        raise AssertionError("lemmatised again instead of reading the cache")
    monkeypatch.setattr(ConceptMatcher, "_lemmatise", fail)


def test_second_load_reads_the_cache(base, cache, monkeypatch):
    first = concepts(base).lemma_patterns
    assert list(cache.glob("lemma-patterns-*.json"))
    no_lemmatising(monkeypatch)
    assert concepts(base).lemma_patterns == first


def test_a_changed_lexicon_is_lemmatised_again(base, cache, tmp_path, monkeypatch):
    concepts(base)
    rules = tmp_path / "rules"
    shutil.copytree(data_dir(), rules, ignore=shutil.ignore_patterns("phrasing", "checks", "__pycache__"))
    lexicon = rules / "concepts.yaml"
    lexicon.write_text(lexicon.read_text(encoding="utf-8").replace("synonyms: [", "synonyms: [calf gripes, ", 1),
                       encoding="utf-8")
    calls = []
    lemmatise = ConceptMatcher._lemmatise
    monkeypatch.setattr(ConceptMatcher, "_lemmatise", lambda self, texts: calls.append(1) or lemmatise(self, texts))
    changed = concepts(base, rules)
    assert calls, "a changed lexicon must not be read from the cache"
    assert any(p["pattern"] == ["calf", "gripe"] for p in changed.lemma_patterns)
    assert len(list(cache.glob("lemma-patterns-*.json"))) == 2


def test_a_broken_cache_file_is_rebuilt(base, cache):
    first = concepts(base).lemma_patterns
    (path,) = cache.glob("lemma-patterns-*.json")
    path.write_text("{not json", encoding="utf-8")
    assert concepts(base).lemma_patterns == first
    assert '"value"' in path.read_text(encoding="utf-8")  # written again, whole


def test_an_unwritable_folder_only_costs_time(base, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("CRAMPTEXT_CACHE_DIR", str(blocker / "cache"))  # under a file: cannot be made
    assert concepts(base).lemma_patterns
    assert not (blocker / "cache").exists()


def test_the_cache_folder_is_the_users_unless_overridden(monkeypatch, tmp_path):
    monkeypatch.setenv("CRAMPTEXT_CACHE_DIR", str(tmp_path))
    assert cache_folder() == tmp_path
    monkeypatch.delenv("CRAMPTEXT_CACHE_DIR")
    assert cache_folder().name == "cramptext"
