"""Compiled regular expressions shared across cramptext (one place, compiled once)."""
import re

# Structure of an article (plain text or Markdown).
RE_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(?P<title>.+?)\s*#*\s*$")
RE_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(?P<title>[^*_]{2,80})\1\s*:?\s*$")
RE_HTML_HEADING = re.compile(r"^\s*<h[1-6][^>]*>(?P<title>.*?)</h[1-6]>\s*$", re.IGNORECASE)
RE_LIST_ITEM = re.compile(r"^\s*(?:[-*+•–]|\d{1,2}[.)])\s+")
RE_BLANK_LINE = re.compile(r"\n[ \t]*\n")
RE_LINE = re.compile(r"[^\n]*\n?")
RE_TERMINAL_PUNCT = re.compile(r"(?<!\.\.)[.!;,]\s*$")  # "...if..." trails off: still a heading
RE_LEAD_IN_END = re.compile(r"(:|\.\.\.|…)\s*$")  # "See your GP if:" introduces a list
RE_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# Markup that is not prose (HTML tags and comments, Markdown emphasis markers).
RE_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
RE_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
