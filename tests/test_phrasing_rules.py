"""Every phrasing rule's own examples, run automatically (rule × example).

A ``bad`` example must give at least one finding of its rule, and, when it
has a ``fix``, that rule's replacements (whatever their applicability) must
turn it into exactly the fix; a ``good`` example must give none.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cramptext.engine import Engine
from cramptext.io import Document
from cramptext.normalise import apply_edits, edits_from
from cramptext.checks import Rule, load_rules

PHRASING_DIR = Path(__file__).resolve().parents[1] / "rules" / "phrasing"
EVERY_FIX = frozenset({"safe", "unsafe", "display"})
RULE_FILES = sorted(PHRASING_DIR.glob("*.y*ml"))


def _examples() -> list:
    params = []
    for path in RULE_FILES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        code = data["code"]
        for i, example in enumerate(data["examples"]["bad"]):
            params.append(pytest.param(path.name, code, "bad", example["text"], example.get("fix"),
                                       id=f"{code}-bad{i}"))
        for i, text in enumerate(data["examples"]["good"]):
            params.append(pytest.param(path.name, code, "good", text, None, id=f"{code}-good{i}"))
    return params


EXAMPLES = _examples()


@pytest.fixture(scope="module")
def rules_by_file() -> dict[str, Rule]:
    # the rules as loaded: from the checkout (editable) or the installed data package (wheel)
    return {rule.path.name: rule for rule in load_rules() if rule.path is not None and rule.path.parent.name == "phrasing"}


def test_every_rule_file_has_bad_and_good_examples() -> None:
    assert RULE_FILES, f"no rule files in {PHRASING_DIR}"
    codes = {p.values[1] for p in EXAMPLES}
    assert len(codes) == len(RULE_FILES)
    for code in codes:
        kinds = {p.values[2] for p in EXAMPLES if p.values[1] == code}
        assert kinds == {"bad", "good"}, code


def test_every_rule_file_is_loaded_as_a_phrasing_rule(rules_by_file: dict[str, Rule]) -> None:
    assert sorted(rules_by_file) == [p.name for p in RULE_FILES]
    for name, rule in rules_by_file.items():
        assert rule.category == "phrasing", name
        assert rule.code.startswith("CT1"), name
        assert name.startswith(rule.code), f"{name}: file name does not start with its code {rule.code}"


@pytest.mark.parametrize(("file_name", "code", "which", "text", "fix"), EXAMPLES)
def test_rule_example(nlp, rules_by_file: dict[str, Rule], file_name: str, code: str, which: str, text: str,
                      fix: str | None) -> None:
    rule = rules_by_file[file_name]
    assert rule.code == code
    (result,) = Engine(nlp, [rule], checks=False, claims=False).run([Document(file_name, text)])
    found = [f for f in result.findings if f.rule == code]
    if which == "good":
        assert found == [], f"{code} flags its good example {text!r}: {[text[f.start:f.end] for f in found]}"
        return
    assert found, f"{code} finds nothing in its bad example {text!r}"
    for f in found:
        assert 0 <= f.start < f.end <= len(text)
        assert (f.line, f.column) == (1, f.start + 1)
        assert f.category == "phrasing" and f.severity == rule.severity and f.name == rule.name
        assert f.message and "{" not in f.message, f.message
    if fix is not None:
        fixed, _ = apply_edits(text, edits_from(found, EVERY_FIX))
        assert fixed == fix


@pytest.mark.parametrize(("text", "applicability"), [
    ("Pain in the caviar wakes me at night.", "safe"),
    ("After a long walk the caviar becomes hard and the leg aches.", "unsafe"),
])
def test_a_fix_that_changes_the_number_of_a_subject_is_unsafe(nlp, rules_by_file, text, applicability) -> None:
    # "the caviar becomes" -> "the calves becomes" would break agreement: the writer must apply it.
    rule = rules_by_file["CT102-domain-word-body-part.yaml"]
    (result,) = Engine(nlp, [rule], checks=False, claims=False).run([Document("a.txt", text)])
    (finding,) = result.findings
    assert (finding.replacement, finding.applicability) == ("calves", applicability)


@pytest.mark.parametrize(("text", "applicability"), [
    ("Heavy legs by evening are a sign of phlebeurysm.", "safe"),
    ("Phlebeurysm makes the legs heavy by evening.", "unsafe"),
])
def test_a_plural_term_for_a_singular_subject_is_an_unsafe_fix(nlp, rules_by_file, text, applicability) -> None:
    rule = rules_by_file["CT128-rare-medical-term.yaml"]
    (result,) = Engine(nlp, [rule], checks=False, claims=False).run([Document("a.txt", text)])
    (finding,) = result.findings
    assert (finding.replacement.lower(), finding.applicability) == ("varicose veins", applicability)
