"""Applying fixes and mapping positions back to the original (cramptext.fixes)."""
from __future__ import annotations

import random

import pytest

from cramptext.normalise import SAFE, SAFE_AND_UNSAFE, Edit, OffsetMap, apply_edits, edits_from
from cramptext.records import Finding

ALL = frozenset({"safe", "unsafe", "display"})


def finding(start: int, end: int, replacement: str | None, applicability: str | None = "safe",
            rule: str = "CT199") -> Finding:
    return Finding(source="a.txt", rule=rule, name="test-rule", category="phrasing", severity="warning",
                   start=start, end=end, line=1, column=start + 1, message="m",
                   replacement=replacement, applicability=applicability if replacement is not None else None)


# ---------------------------------------------------------------- apply_edits / OffsetMap

ORIGINAL = "The reason that drives caviar can be reinforced sports."


def test_apply_edits_replaces_inserts_and_deletes() -> None:
    edits = [Edit(0, 3, "A"), Edit(11, 11, "why "), Edit(29, 29, ","), Edit(37, 48, "")]
    clean, _ = apply_edits(ORIGINAL, edits)
    assert clean == "A reason why that drives caviar, can be sports."
    assert apply_edits(ORIGINAL, [])[0] == ORIGINAL


def test_offset_map_replacement() -> None:
    # "drives caviar" (16-29) -> "cramps calves" (same length), "reinforced sports" -> "intensive training"
    edits = [Edit(16, 29, "cramps calves"), Edit(37, 54, "intensive training")]
    clean, to_original = apply_edits(ORIGINAL, edits)
    assert clean == "The reason that cramps calves can be intensive training."
    assert to_original(0, 10) == (0, 10)                        # before any edit
    assert to_original(16, 29) == (16, 29)                      # exactly the replacement
    assert to_original(23, 29) == (16, 29)                      # inside it: grows to what it replaced
    assert to_original(37, 55) == (37, 54)                      # the longer replacement
    assert to_original(55, 56) == (54, 55)                      # after it: shifted back by one
    assert ORIGINAL[slice(*to_original(55, 56))] == "."
    assert to_original(30, 55) == (30, 54)
    assert ORIGINAL[slice(*to_original(30, 55))] == "can be reinforced sports"


def test_offset_map_insertion() -> None:
    original = "Leg cramps at night"
    clean, to_original = apply_edits(original, [Edit(3, 3, " muscle")])
    assert clean == "Leg muscle cramps at night"
    assert to_original(0, 3) == (0, 3)          # "Leg": ends where the insertion starts
    assert to_original(11, 17) == (4, 10)       # "cramps"
    assert to_original(4, 10) == (3, 3)         # "muscle": nothing in the original
    assert to_original(0, 17) == (0, 10)        # across the insertion
    assert original[slice(*to_original(0, 17))] == "Leg cramps"


def test_offset_map_deletion() -> None:
    original = "Leg cramps, cramps at night"
    clean, to_original = apply_edits(original, [Edit(10, 18, "")])
    assert clean == "Leg cramps at night"
    assert to_original(4, 10) == (4, 10)        # "cramps": ends where the deletion is
    assert to_original(11, 13) == (19, 21)      # "at"
    assert to_original(0, 19) == (0, 27)        # the whole text covers what was deleted
    assert to_original(0, 10) == (0, 10)        # "Leg cramps" stops before ", cramps"
    assert to_original(10, 19) == (18, 27)      # " at night" starts after it


@pytest.mark.parametrize("seed", range(40))
def test_offset_map_spans_outside_edits_map_to_the_same_text(seed: int) -> None:
    rng = random.Random(seed)
    original = "".join(rng.choice("abcdefgh \n") for _ in range(rng.randint(20, 80)))
    # Non-overlapping edits with at least one character between them: replacements,
    # insertions (empty span) and deletions (empty text).
    edits, pos = [], rng.randint(0, 3)
    while pos < len(original) - 1:
        length = rng.choice([0, 0, 1, 2, 5])
        if pos + length > len(original):
            break
        text = rng.choice(["", "X", "YYYY", "Z\nZ"]) if length else rng.choice(["X", "YYYY"])
        edits.append(Edit(pos, pos + length, text))
        pos += length + rng.randint(1, 8)
    clean, to_original = apply_edits(original, edits)

    # The stretches of the clean text that no edit wrote, and the original they came from.
    new_ranges, shift = [], 0
    for e in edits:
        new_ranges.append((e.start + shift, e.start + shift + len(e.text)))
        shift += len(e.text) - (e.end - e.start)
    bounds = [0] + [x for r in new_ranges for x in r] + [len(clean)]
    gaps = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    checked = 0
    for lo, hi in gaps:
        for start in range(lo, hi + 1):
            for end in range(start, hi + 1):
                mapped = to_original(start, end)
                assert original[mapped[0]:mapped[1]] == clean[start:end], (edits, start, end, mapped)
                checked += 1
    assert checked > 0

    # Every span maps to original bounds that are ordered and inside the original.
    for start in range(len(clean) + 1):
        for end in range(start, len(clean) + 1, 3):
            mapped_start, mapped_end = to_original(start, end)
            assert 0 <= mapped_start <= len(original) and 0 <= mapped_end <= len(original)


def test_offset_map_without_edits_is_identity() -> None:
    to_original = OffsetMap([])
    assert [to_original(s, e) for s, e in ((0, 0), (3, 9), (100, 200))] == [(0, 0), (3, 9), (100, 200)]


# ---------------------------------------------------------------- edits_from

def test_edits_from_respects_applicability() -> None:
    findings = [finding(0, 3, "A", "safe"), finding(5, 8, "B", "unsafe"), finding(10, 12, "C", "display"),
                finding(14, 15, None)]
    assert edits_from(findings, SAFE) == [Edit(0, 3, "A")]
    assert edits_from(findings, SAFE_AND_UNSAFE) == [Edit(0, 3, "A"), Edit(5, 8, "B")]
    assert edits_from(findings, ALL) == [Edit(0, 3, "A"), Edit(5, 8, "B"), Edit(10, 12, "C")]
    assert edits_from(findings, frozenset()) == []


def test_edits_from_drops_overlaps_first_and_longest_wins() -> None:
    findings = [
        finding(23, 29, "calves", "safe", rule="CT102"),           # inside the next one
        finding(16, 29, "cramps calves", "unsafe", rule="CT101"),
        finding(16, 22, "cramps", "safe", rule="CT199"),          # same start, shorter
        finding(28, 40, "x", "safe"),                              # overlaps the end
        finding(29, 33, "y", "safe"),                              # adjacent: kept
        finding(50, 50, "", "safe"),                               # empty edit: no-op, dropped
        finding(51, 51, " ", "safe"),                              # insertion: kept
    ]
    assert edits_from(findings, SAFE_AND_UNSAFE) == [Edit(16, 29, "cramps calves"), Edit(29, 33, "y"),
                                                      Edit(51, 51, " ")]
    # Without the unsafe one, the safe fixes it covered apply.
    assert edits_from(findings, SAFE) == [Edit(16, 22, "cramps"), Edit(23, 29, "calves"), Edit(29, 33, "y"),
                                          Edit(51, 51, " ")]


def test_edits_from_keeps_deletions() -> None:
    assert edits_from([finding(4, 10, "", "safe")], SAFE) == [Edit(4, 10, "")]


def test_edits_from_result_applies_cleanly() -> None:
    findings = [finding(16, 29, "cramps calves", "unsafe"), finding(23, 29, "calves", "safe"),
                finding(37, 54, "intensive training", "safe")]
    assert apply_edits(ORIGINAL, edits_from(findings, SAFE))[0] == \
        "The reason that drives calves can be intensive training."
    assert apply_edits(ORIGINAL, edits_from(findings, SAFE_AND_UNSAFE))[0] == \
        "The reason that cramps calves can be intensive training."


def test_what_lint_marks_fixable_is_what_fix_applies() -> None:
    from cramptext.output.positions import is_fixable

    for applicability in ("safe", "unsafe", "display", None):
        f = finding(0, 3, "A", applicability)
        assert is_fixable(f) == bool(edits_from([f], SAFE)), applicability
