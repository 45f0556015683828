"""The lexicon and cue files: validated at load time, errors name file and line."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from cramptext.errors import RuleError
from cramptext.knowledge import data_dir, load_knowledge, load_lexicon
from cramptext.checks import load_rules


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_rules_load():
    knowledge = load_knowledge()
    assert len(knowledge.lexicon) > 100
    assert len(load_rules()) >= 20


def test_every_synonym_names_one_concept():
    counts = Counter(s for c in load_knowledge().lexicon for s in c.synonyms)
    assert [s for s, n in counts.items() if n > 1] == []


def test_names_for_kinds_the_concept_takes(tmp_path):
    path = write(tmp_path / "c.yaml", "concepts:\n  - id: x\n    name: x\n    kinds: [cause]\n"
                                     "    names: {remedy: y}\n")
    with pytest.raises(RuleError, match=rf"^{path}:5: names given for kinds the concept cannot take"):
        load_lexicon(path)


def test_schema_error_names_file_and_line(tmp_path):
    path = write(tmp_path / "c.yaml", "concepts:\n  - id: x\n    name: x\n    kinds: [cure]\n")
    with pytest.raises(RuleError, match=rf"^{path}:4: concepts/0/kinds/0: 'cure' is not one of"):
        load_lexicon(path)


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    path = write(tmp_path / "c.yaml", "concepts:\n  - id: x\n    name: [unclosed\n")
    with pytest.raises(RuleError, match=rf"^{path}:4: invalid YAML"):
        load_lexicon(path)


def test_duplicate_concept_id(tmp_path):
    path = write(tmp_path / "c.yaml", "concepts:\n  - {id: x, name: x, kinds: [cause]}\n"
                                     "  - {id: x, name: y, kinds: [cause]}\n")
    with pytest.raises(RuleError, match=rf"^{path}:3: duplicate concept id 'x'"):
        load_lexicon(path)


def test_data_package_holds_the_lexicon():
    assert (data_dir() / "concepts.yaml").is_file()


def test_loaded_knowledge_is_kept_until_a_file_changes(tmp_path, monkeypatch) -> None:
    """Validated once, then read back from the cache folder; an edited file is loaded afresh."""
    import shutil

    import cramptext.knowledge as knowledge

    rules = tmp_path / "rules"
    rules.mkdir()
    for name in knowledge.KNOWLEDGE_FILES:
        shutil.copyfile(knowledge.data_dir() / name, rules / name)
    monkeypatch.setenv("CRAMPTEXT_CACHE_DIR", str(tmp_path / "cache"))
    load = knowledge._load_knowledge.__wrapped__  # past the in-process lru_cache
    first = load(rules)
    assert list((tmp_path / "cache").glob("knowledge-*.pickle"))

    def no_reading(path):
        raise AssertionError(f"{path} was read and validated again")

    monkeypatch.setattr(knowledge, "load_lexicon", no_reading)
    kept = load(rules)
    assert kept.lexicon.concepts.keys() == first.lexicon.concepts.keys() and kept.rules_dir == rules
    with open(rules / "concepts.yaml", "a", encoding="utf-8") as handle:
        handle.write("# edited\n")
    with pytest.raises(AssertionError, match="read and validated again"):
        load(rules)
