"""Inline suppression comments: regions, disable-next, and reported problems."""
from __future__ import annotations

from cramptext.config.suppress import Suppressions, parse_suppressions

KNOWN = {"CT101", "CT201", "CT202", "CT301"}


def at(text: str, phrase: str) -> int:
    """Offset of a phrase that occurs once (so it cannot hit a comment by accident)."""
    assert text.count(phrase) == 1, phrase
    return text.index(phrase)


def test_no_comments_suppresses_nothing() -> None:
    suppressions = parse_suppressions("Plain text, no comments.\n<!-- an ordinary comment -->\n")
    assert suppressions == Suppressions()
    assert not suppressions.is_suppressed("CT101", 0)
    assert suppressions.problems(KNOWN) == []


def test_disable_enable_region() -> None:
    text = (
        "before\n"
        "<!-- cramptext: disable=CT201,CT202 -->\n"
        "inside\n"
        "<!-- cramptext: enable=CT201 -->\n"
        "after\n"
    )
    s = parse_suppressions(text)
    assert not s.is_suppressed("CT201", at(text, "before"))
    assert s.is_suppressed("CT201", at(text, "inside"))
    assert s.is_suppressed("CT202", at(text, "inside"))
    assert not s.is_suppressed("CT101", at(text, "inside"))
    assert not s.is_suppressed("CT201", at(text, "after"))
    assert s.is_suppressed("CT202", at(text, "after"))  # never re-enabled: runs to the end
    assert s.problems(KNOWN) == []


def test_disable_all_forms_and_partial_enable() -> None:
    for opener in ("<!-- cramptext: disable -->", "<!--cramptext:disable=all-->",
                   "<!-- CRAMPTEXT: Disable=ALL -->"):
        text = f"alpha\n{opener}\nbravo\n<!-- cramptext: enable=CT2 -->\ncharlie\n"
        s = parse_suppressions(text)
        assert not s.is_suppressed("CT101", at(text, "alpha"))
        assert s.is_suppressed("CT101", at(text, "bravo")) and s.is_suppressed("CT201", at(text, "bravo"))
        assert s.is_suppressed("CT101", at(text, "charlie"))
        assert not s.is_suppressed("CT201", at(text, "charlie"))  # prefix CT2 re-enabled
        assert s.problems(KNOWN) == []


def test_enable_without_codes_turns_everything_back_on() -> None:
    text = "<!-- cramptext: disable=CT101 -->\nx\n<!-- cramptext: enable -->\ny\n"
    s = parse_suppressions(text)
    assert s.is_suppressed("CT101", at(text, "\nx\n") + 1)
    assert not s.is_suppressed("CT101", at(text, "y"))


def test_disable_next_covers_next_non_blank_line_only() -> None:
    text = (
        "<!-- cramptext: disable-next=CT101 -->\n"
        "\n"
        "   \n"
        "target line\n"
        "later line\n"
    )
    s = parse_suppressions(text)
    assert s.is_suppressed("CT101", at(text, "target"))
    assert s.is_suppressed("CT101", at(text, "target line\n") + len("target line") - 1)
    assert not s.is_suppressed("CT201", at(text, "target"))
    assert not s.is_suppressed("CT101", at(text, "later"))


def test_stacked_disable_next_and_trailing_comment() -> None:
    text = (
        "<!-- cramptext: disable-next=CT101 -->\n"
        "<!-- cramptext: disable-next=CT201 -->\n"
        "both here\n"
        "plain <!-- cramptext: disable-next -->\n"
        "all here\n"
        "free\n"
    )
    s = parse_suppressions(text)
    assert s.is_suppressed("CT101", at(text, "both")) and s.is_suppressed("CT201", at(text, "both"))
    assert not s.is_suppressed("CT101", at(text, "plain"))
    assert s.is_suppressed("CT301", at(text, "all here"))
    assert not s.is_suppressed("CT301", at(text, "free"))


def test_codes_are_case_insensitive_and_space_separated() -> None:
    text = "<!-- cramptext: disable = ct101, CT201  CT301 -->\nx\n"
    s = parse_suppressions(text)
    assert s.directives[0].codes == ("CT101", "CT201", "CT301")
    assert all(s.is_suppressed(code, at(text, "\nx\n") + 1) for code in ("CT101", "CT201", "CT301"))


def test_problems_malformed_unknown_and_dangling() -> None:
    text = (
        "<!-- cramptext: frobnicate -->\n"
        "<!-- cramptext disable=CT101 -->\n"
        "<!-- cramptext: disable= -->\n"
        "<!-- cramptext: disable=CT101,CT999 -->\n"
        "x\n"
        "<!-- cramptext: disable-next=ct9 -->"
    )
    s = parse_suppressions(text)
    malformed = ("Malformed cramptext comment; expected 'disable', 'enable' or 'disable-next', "
                 "e.g. <!-- cramptext: disable=CT201 -->.")
    first, second, third = text.splitlines()[:3]
    assert s.problems(KNOWN) == [
        (0, len(first), malformed),
        (len(first) + 1, len(first) + 1 + len(second), malformed),
        (at(text, third), at(text, third) + len(third), "cramptext 'disable=' comment lists no rule codes."),
        (at(text, "CT999"), at(text, "CT999") + 5, "Unknown rule code 'CT999' in cramptext comment."),
        (text.rindex("<!--"), len(text),
         "cramptext disable-next comment has no line after it to apply to."),
        (at(text, "ct9 "), at(text, "ct9 ") + 3, "Unknown rule code 'CT9' in cramptext comment."),
    ]
    # The well-formed part of a comment with an unknown code still applies.
    assert s.is_suppressed("CT101", at(text, "\nx\n") + 1)


def test_prefixes_count_as_known_when_they_match_a_rule() -> None:
    s = parse_suppressions("<!-- cramptext: disable=CT2 -->\n")
    assert s.problems(KNOWN) == []
    assert s.problems({"CT101"}) == [(24, 27, "Unknown rule code 'CT2' in cramptext comment.")]
