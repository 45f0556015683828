"""Document structure: headings, list items, and the claim kind a section is about.

Works on the raw text (before parsing) so that spaCy's sentence splitter
cannot glue a heading to the paragraph under it.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# Lines of an article (plain text, Markdown or HTML).
RE_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(?P<title>.+?)\s*#*\s*$")
RE_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(?P<title>[^*_]{2,80})\1\s*:?\s*$")
RE_HTML_HEADING = re.compile(r"^\s*<h[1-6][^>]*>(?P<title>.*?)</h[1-6]>\s*$", re.IGNORECASE)
RE_LIST_ITEM = re.compile(r"^\s*(?:[-*+•–]|\d{1,2}[.)])\s+")
RE_BLANK_LINE = re.compile(r"\n[ \t]*\n")
RE_LINE = re.compile(r"[^\n]*\n?")
RE_TERMINAL_PUNCT = re.compile(r"(?<!\.\.)[.!;,]\s*$")  # "...if..." trails off: still a heading
RE_LEAD_IN_END = re.compile(r"(:-?|\.\.\.|…)\s*$")  # "See your GP if:" introduces a list ("...them:-" too)
RE_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# Markup that is not prose (HTML tags and comments, Markdown emphasis markers).
RE_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
RE_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")

KIND_PRIORITY = ("red_flag", "remedy", "symptom", "cause")


@dataclass(frozen=True)
class Block:
    start: int
    end: int  # end of the line's text, newline excluded
    role: str  # "heading", "item" or "text"
    section_kind: str | None  # the kind of claims the section under the last heading states
    lead_in_kind: str | None = None  # for list items: the kind their "...if:" lead-in line names


def heading_title(line: str) -> str | None:
    """The title if ``line`` looks like a heading, else None."""
    for pattern in (RE_MD_HEADING, RE_HTML_HEADING, RE_BOLD_LINE):
        m = pattern.match(line)
        if m:
            return m.group("title")
    stripped = line.strip()
    words = RE_WORD.findall(stripped)
    if not words or RE_LIST_ITEM.match(line) or not stripped[0].isupper() or RE_LEAD_IN_END.search(stripped):
        return None  # "Other things that raise the risk are:" introduces a list: a lead-in, not a heading
    # A short line on its own, with no sentence punctuation, or an FAQ question.
    if stripped.endswith("?") and len(words) <= 15:
        return stripped
    if len(words) <= 12 and not RE_TERMINAL_PUNCT.search(stripped):
        return stripped
    return None


def _keyword_regex(words) -> re.Pattern:
    alternatives = sorted((re.escape(w) for w in words), key=len, reverse=True)
    return re.compile(r"\b(?:%s)\w*" % "|".join(alternatives), re.IGNORECASE)


class SectionClassifier:
    """Kind of a section from its heading, by the earliest cue word in it."""

    def __init__(self, heading_cues: dict):
        self._regexes = {kind: _keyword_regex(words) for kind, words in heading_cues.items() if words}
        self.key = tuple(sorted((kind, regex.pattern) for kind, regex in self._regexes.items()))  # same cues, same key

    def kind_of(self, title: str, *, last: bool = False) -> str | None:
        """The kind of the first cue in a heading; of the last one in a lead-in line,
        whose list completes its end ("Doctors are unsure why, but these raise the risk:")."""
        best = None
        for kind in KIND_PRIORITY:
            regex = self._regexes.get(kind)
            found = list(regex.finditer(title)) if regex else []
            if not found:
                continue
            pos = found[-1].start() if last else found[0].start()
            if best is None or (pos > best[0] if last else pos < best[0]):
                best = (pos, kind)
        return best[1] if best else None


class Structure:
    """Blocks of one text, with lookup by character offset."""

    def __init__(self, text: str, classifier: SectionClassifier):
        self.blocks: list[Block] = []
        section = None
        lead_in = None  # kind named by the last line ending in ":", for the list under it
        previous_blank = True
        for m in RE_LINE.finditer(text):
            line = m.group().rstrip("\n")
            if not m.group():
                break
            start, end = m.start(), m.start() + len(line)
            if line.strip():
                title = heading_title(line)
                next_text = text[m.end():m.end() + 200].split("\n", 1)[0]
                # A short unpunctuated line in the middle of a paragraph, followed by
                # more prose, is a heading only if the next line starts a new thought.
                if title is not None and not (previous_blank or next_text.strip() == "" or next_text[:1].isupper()
                                              or RE_LIST_ITEM.match(next_text)):
                    title = None
                if title is not None:
                    section = classifier.kind_of(title)
                    lead_in = section if RE_LEAD_IN_END.search(line) else None
                    self.blocks.append(Block(start, end, "heading", section))
                elif RE_LIST_ITEM.match(line):
                    self.blocks.append(Block(start, end, "item", section, lead_in))
                else:
                    lead_in = classifier.kind_of(line, last=True) if RE_LEAD_IN_END.search(line) else None
                    self.blocks.append(Block(start, end, "text", section))
            previous_blank = not line.strip()
        self._starts = [b.start for b in self.blocks]

    def block_at(self, offset: int) -> Block | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return None
        block = self.blocks[i]
        return block if offset <= block.end else None

    def section_kind(self, offset: int) -> str | None:
        block = self.block_at(offset)
        return block.section_kind if block else None

    def lead_in_kind(self, offset: int) -> str | None:
        block = self.block_at(offset)
        return block.lead_in_kind if block else None

    def role(self, offset: int) -> str:
        block = self.block_at(offset)
        return block.role if block else "text"
