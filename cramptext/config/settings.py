"""Settings: the values a configuration holds, how each is parsed, and which rules they enable.

Keys may be spelled with dashes or underscores (`extend-select` or
`extend_select`). Rule selection works like ruff's: `select` (default `ALL`)
plus `extend_select`, minus `ignore`, the most specific prefix winning, then
`per_file_ignores`.
"""
from __future__ import annotations

import math
import re
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath
from typing import Any

from ..errors import ConfigError
from ..records import SEVERITIES
from .selectors import ALL, is_selected, selector_rank

COMMAND_LINE = "command line"


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = (ALL,)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    severity: dict[str, str] = field(default_factory=dict)
    rule_dirs: tuple[Path, ...] = ()
    model: str | None = None
    max_grade: float = 8.0
    fail_on: str = "error"
    topic: str = "auto"  # "auto": claims only where the text is about cramps; "cramps": treat every article so
    max_size: int = 10_000_000  # bytes: a larger article is refused with a message (the others go on)
    path: Path | None = None
    # Fields that CLI flags set (so errors name the command line, not the file).
    overridden: frozenset[str] = frozenset()
    # Line of each key in the file: "ignore", "severity.CT101", "per_file_ignores.docs/*.md".
    key_lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def merge(self, **overrides: Any) -> Config:
        """A copy with CLI flags applied; a value of None means the flag was not given."""
        changes: dict[str, Any] = {}
        for name, value in overrides.items():
            if name not in FIELD_PARSERS:
                raise TypeError(f"Config.merge() got an unknown option {name!r}")
            if value is None:
                continue
            try:
                changes[name] = FIELD_PARSERS[name](value, None)
            except BadValue as err:
                raise ConfigError(f"{COMMAND_LINE}: {option_name(name)}: {err}") from None
        return replace(self, **changes, overridden=self.overridden | frozenset(changes))

    def is_set(self, name: str) -> bool:
        """Whether the file or a flag gives ``name`` (not just the default)."""
        return name in self.overridden or name in self.key_lines

    def names_explicitly(self, code: str) -> bool:
        """Whether a selector other than ALL selects ``code`` (rules off by default need one)."""
        return any(s != ALL for s in self.select + self.extend_select if selector_rank(s, code) is not None) \
            and self.is_enabled(code)

    def is_enabled(self, code: str, source_path: str | Path | None = None) -> bool:
        """Whether rule `code` runs (on `source_path`, when given)."""
        if not is_selected(code, self.select + self.extend_select, self.ignore):
            return False
        if source_path is None:
            return True
        return not any(selector_rank(s, code) is not None for s in self.ignores_for(source_path))

    def ignores_for(self, source_path: str | Path) -> tuple[str, ...]:
        """Codes that per_file_ignores turns off for this document."""
        relative = relative_posix(source_path, self.path.parent if self.path else None)
        name = PurePosixPath(relative).name
        codes: list[str] = []
        for pattern, pattern_codes in self.per_file_ignores.items():
            if glob_matches(pattern, relative, name):
                codes.extend(pattern_codes)
        return tuple(codes)

    def severity_for(self, code: str, default: str) -> str:
        """The configured severity for `code` (most specific key wins), else `default`."""
        best: tuple[int, str] | None = None
        for selector, level in self.severity.items():
            rank = selector_rank(selector, code)
            if rank is not None and (best is None or rank > best[0]):
                best = (rank, level)
        return best[1] if best else default


def relative_posix(source_path: str | Path, root: Path | None) -> str:
    """The document path relative to the config folder.

    A document outside that folder is matched by its absolute path, so the
    folder-relative globs do not catch it by accident.
    """
    path = Path(source_path)
    if root is not None:
        absolute = Path(os.path.abspath(path))
        try:
            return absolute.relative_to(os.path.abspath(root)).as_posix()
        except ValueError:
            return absolute.as_posix()
    text = path.as_posix()
    while text.startswith("./"):
        text = text[2:]
    return text


def glob_matches(pattern: str, relative: str, name: str) -> bool:
    """fnmatch on the posix path; a pattern without '/' may also match the file name."""
    pattern = pattern[2:] if pattern.startswith("./") else pattern
    return fnmatchcase(relative, pattern) or ("/" not in pattern and fnmatchcase(name, pattern))


# ---------------------------------------------------------------- value parsers

class BadValue(ValueError):
    """A config value of the wrong type; `subkey` points inside a table when known."""

    def __init__(self, message: str, subkey: str | None = None) -> None:
        super().__init__(message)
        self.subkey = subkey


def split_cli_codes(value: Any) -> list[Any]:
    # Why: flags arrive as "CT1,CT2" or as a tuple from repeated options.
    items = [value] if isinstance(value, str) else list(value)
    return [part for item in items for part in (item.split(",") if isinstance(item, str) else [item])]


def parse_codes(value: Any, base: Path | None) -> tuple[str, ...]:
    if base is None and isinstance(value, (str, list, tuple)):
        value = split_cli_codes(value)
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise BadValue("must be a list of rule codes (strings)")
    codes = tuple(v.strip().upper() for v in value)
    if any(not code for code in codes):
        raise BadValue("rule codes must not be empty")
    return codes


def parse_per_file_ignores(value: Any, base: Path | None) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise BadValue("must be a table of glob = [rule codes]")
    parsed: dict[str, tuple[str, ...]] = {}
    for pattern, codes in value.items():
        try:
            parsed[pattern] = parse_codes(codes, base)
        except BadValue as err:
            raise BadValue(f"'{pattern}' {err}", subkey=pattern) from None
    return parsed


def parse_level(value: Any, base: Path | None) -> str:
    if value not in SEVERITIES:
        raise BadValue(f"must be one of {', '.join(SEVERITIES)} (got {value!r})")
    return value


def parse_severity(value: Any, base: Path | None) -> dict[str, str]:
    if not isinstance(value, dict):
        raise BadValue("must be a table of rule code = severity")
    parsed: dict[str, str] = {}
    for code, level in value.items():
        try:
            parsed[code.strip().upper()] = parse_level(level, base)
        except BadValue as err:
            raise BadValue(f"'{code}' {err}", subkey=code) from None
    return parsed


def parse_rule_dirs(value: Any, base: Path | None) -> tuple[Path, ...]:
    if isinstance(value, (str, Path)) and base is None:
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, (str, Path)) for v in value):
        raise BadValue("must be a list of folder paths (strings)")
    folders = tuple((base / v) if base is not None else Path(v) for v in value)
    for folder in folders:
        if not folder.is_dir():
            raise BadValue(f"folder '{folder}' does not exist")
    return folders


def parse_model(value: Any, base: Path | None) -> str:
    if not isinstance(value, str) or not value.strip():
        raise BadValue("must be a spaCy pipeline name or path (a non-empty string)")
    return value.strip()


def parse_max_grade(value: Any, base: Path | None) -> float:
    # Why: bool is an int subclass, but `max_grade = true` is surely a mistake.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise BadValue(f"must be a number (got {value!r})")
    if not math.isfinite(value) or value <= 0:
        raise BadValue(f"must be a finite number greater than 0 (got {value!r})")
    return float(value)


TOPICS = ("auto", "cramps")


def parse_topic(value: Any, base: Path | None) -> str:
    if value not in TOPICS:
        raise BadValue(f"must be one of {', '.join(TOPICS)} (got {value!r})")
    return value


SIZE_UNITS = {"": 1, "b": 1, "kb": 1_000, "mb": 1_000_000, "gb": 1_000_000_000}


def parse_max_size(value: Any, base: Path | None) -> int:
    """Bytes: a whole number, or a string such as "20 MB" or "500kb"."""
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?b?)\s*", value.lower())
        if not m:
            raise BadValue(f"must be a size in bytes, such as 10000000 or \"10 MB\" (got {value!r})")
        value = float(m.group(1)) * SIZE_UNITS[m.group(2)]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise BadValue(f"must be a size in bytes greater than 0 (got {value!r})")
    return int(value)


FIELD_PARSERS: dict[str, Callable[[Any, Path | None], Any]] = {
    "select": parse_codes,
    "ignore": parse_codes,
    "extend_select": parse_codes,
    "per_file_ignores": parse_per_file_ignores,
    "severity": parse_severity,
    "rule_dirs": parse_rule_dirs,
    "model": parse_model,
    "max_grade": parse_max_grade,
    "fail_on": parse_level,
    "topic": parse_topic,
    "max_size": parse_max_size,
}


def option_name(field_name: str) -> str:
    return field_name.replace("_", "-")


