"""Inline suppression comments in Markdown / HTML.

    <!-- cramptext: disable=CT201,CT202 -->   ... region ...   <!-- cramptext: enable=CT201 -->
    <!-- cramptext: disable -->               (or disable=all: every rule, to enable or the end)
    <!-- cramptext: disable-next=CT201 -->    (the next non-blank line only)

Codes may be full codes or prefixes (`CT2`). Directives apply in document
order, the later one winning, so `disable` then `enable=CT201` leaves only
CT201 on. Comments that cannot be understood are not ignored silently: see
`Suppressions.problems`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .selectors import ALL, is_known_selector, names
DISABLE, ENABLE, DISABLE_NEXT = "disable", "enable", "disable-next"

# Any HTML comment whose text starts with the word "cramptext".
_COMMENT = re.compile(r"<!--\s*cramptext\b(?P<body>.*?)-->", re.DOTALL | re.IGNORECASE)
_DIRECTIVE = re.compile(
    r"^\s*:\s*(?P<action>disable-next|disable|enable)\b\s*(?:=\s*(?P<codes>.*?))?\s*$",
    re.DOTALL | re.IGNORECASE,
)
_CODE = re.compile(r"[^\s,]+")
# A line holding nothing but cramptext comments (so stacked disable-next lines work).
_ONLY_COMMENTS = re.compile(r"\s*(?:<!--\s*cramptext\b.*?-->\s*)*", re.IGNORECASE)

MALFORMED = ("Malformed cramptext comment; expected 'disable', 'enable' or 'disable-next', "
             "e.g. <!-- cramptext: disable=CT201 -->.")


@dataclass(frozen=True)
class Directive:
    """One understood comment; `codes` is (ALL,) for all rules."""

    action: str
    codes: tuple[str, ...]
    code_spans: tuple[tuple[int, int], ...]  # where each code is written, for problems
    start: int  # the comment's span
    end: int
    # For disable-next: the span of the line it covers (None when no line follows).
    target: tuple[int, int] | None = None

    def names(self, code: str) -> bool:
        return any(names(selector, code) for selector in self.codes)

    def covers_line_of(self, offset: int) -> bool:
        return self.target is not None and self.target[0] <= offset < self.target[1]


@dataclass(frozen=True)
class Suppressions:
    directives: tuple[Directive, ...] = ()
    malformed: tuple[tuple[int, int, str], ...] = ()

    def is_suppressed(self, code: str, start: int) -> bool:
        """Whether a finding of rule `code` starting at character `start` is turned off."""
        disabled = False
        for directive in self.directives:
            if directive.action == DISABLE_NEXT:
                if directive.covers_line_of(start) and directive.names(code):
                    return True
                continue
            # Why: directives are in document order and a region starts at its
            # comment, so nothing after `start` can matter (disable-next targets
            # lie after their comment too).
            if directive.start > start:
                break
            if directive.names(code):
                disabled = directive.action == DISABLE
        return disabled

    def problems(self, known_codes: set[str]) -> list[tuple[int, int, str]]:
        """(start, end, message) for malformed comments and codes no rule has."""
        found = list(self.malformed)
        for directive in self.directives:
            for code, (start, end) in zip(directive.codes, directive.code_spans):
                if not is_known_selector(code, known_codes):
                    found.append((start, end, f"Unknown rule code '{code}' in cramptext comment."))
            if directive.action == DISABLE_NEXT and directive.target is None:
                found.append((directive.start, directive.end,
                              "cramptext disable-next comment has no line after it to apply to."))
        return sorted(found)


def next_line_span(text: str, offset: int) -> tuple[int, int] | None:
    """The first line after the one holding `offset` that has real content."""
    line_end = text.find("\n", offset)
    while line_end != -1:
        line_start = line_end + 1
        line_end = text.find("\n", line_start)
        stop = len(text) if line_end == -1 else line_end
        if not _ONLY_COMMENTS.fullmatch(text, line_start, stop):
            return line_start, stop
    return None


def parse_codes(raw: str, offset: int) -> tuple[tuple[str, ...], tuple[tuple[int, int], ...]]:
    """Codes in `disable=...`, upper-cased, with their spans; 'all' becomes ALL."""
    matches = list(_CODE.finditer(raw))
    codes = tuple(m.group().upper() for m in matches)
    spans = tuple((offset + m.start(), offset + m.end()) for m in matches)
    return codes, spans


def parse_comment(text: str, comment: re.Match[str]) -> Directive | tuple[int, int, str]:
    """A directive, or a (start, end, message) problem for a comment we cannot read."""
    body_start = comment.start("body")
    directive = _DIRECTIVE.match(comment.group("body"))
    if directive is None:
        return comment.start(), comment.end(), MALFORMED
    action = directive.group("action").lower()
    raw_codes = directive.group("codes")
    if raw_codes is None:
        codes, spans = (ALL,), ()
    else:
        codes, spans = parse_codes(raw_codes, body_start + directive.start("codes"))
        if not codes:
            return comment.start(), comment.end(), f"cramptext '{action}=' comment lists no rule codes."
        if ALL in codes:
            codes, spans = (ALL,), ()
    target = next_line_span(text, comment.end()) if action == DISABLE_NEXT else None
    return Directive(action, codes, spans, comment.start(), comment.end(), target)


def parse_suppressions(text: str) -> Suppressions:
    directives: list[Directive] = []
    malformed: list[tuple[int, int, str]] = []
    for comment in _COMMENT.finditer(text):
        parsed = parse_comment(text, comment)
        if isinstance(parsed, Directive):
            directives.append(parsed)
        else:
            malformed.append(parsed)
    return Suppressions(tuple(directives), tuple(malformed))
