"""Control characters made visible, so an article's text cannot drive the reader's terminal.

A hostile (or just broken) article can hold escape sequences (clear the
screen, set the window title, hide a hyperlink), a bell, a bare carriage
return or backspaces that overwrite what was printed, or Unicode bidi
controls that show text in another order than it is stored. Formats people
read (text, table, csv, github) write such characters as escapes instead.
"""
from __future__ import annotations

import re

# C0 controls and DEL, C1 controls, the line and paragraph separators, and the bidi controls
# (ALM, LRM, RLM, LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, keep: str = "") -> str:
    """``text`` with each control character written as an escape (``\\x1b``, ``\\r``, ``\\u202e``).

    ``keep`` names characters to leave as they are, such as tab and newline where the
    format allows them; where a newline is kept, so is a carriage return just before it
    (a CRLF line break), but not a bare one.
    Text without control characters comes back unchanged.
    """
    if not _CONTROL.search(text):
        return text

    def replace(match: re.Match) -> str:
        char = match.group()
        if char in keep:
            return char
        if char == "\r" and "\n" in keep and text.startswith("\n", match.end()):
            return char
        return _escape(char)

    return _CONTROL.sub(replace, text)


__all__ = ["visible"]
