"""Configuration: `cramptext.toml` (top-level keys) or `[tool.cramptext]` in pyproject.toml.

Keys may be spelled with dashes or underscores (`extend-select` or
`extend_select`). Rule selection works like ruff's: `select` (default `ALL`)
plus `extend_select`, minus `ignore`, the most specific prefix winning, then
`per_file_ignores`.
"""
from __future__ import annotations

import math
import os
import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath
from typing import Any

from .errors import ConfigError
from .records import SEVERITIES

CONFIG_FILE = "cramptext.toml"
PYPROJECT_FILE = "pyproject.toml"
PYPROJECT_TABLE = ("tool", "cramptext")
ALL = "ALL"
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


# ---------------------------------------------------------------- selection

def selector_rank(selector: str, code: str) -> int | None:
    """How specifically `selector` names `code` (longer prefix = more specific); None if not."""
    if selector == ALL:
        return 0
    return len(selector) if code.startswith(selector) else None


def best_rank(selectors: tuple[str, ...], code: str) -> int | None:
    ranks = [r for r in (selector_rank(s, code) for s in selectors) if r is not None]
    return max(ranks) if ranks else None


def is_selected(code: str, enable: tuple[str, ...], disable: tuple[str, ...]) -> bool:
    """Most specific selector wins; on a tie `ignore` wins (as in ruff)."""
    on, off = best_rank(enable, code), best_rank(disable, code)
    return on is not None and (off is None or on > off)


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
}


def option_name(field_name: str) -> str:
    return field_name.replace("_", "-")


# ---------------------------------------------------------------- finding key lines

_TABLE_HEADER = re.compile(r"^\s*\[\[?\s*(?P<name>[^\[\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY_START = re.compile(r"""^\s*(?P<key>"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*[.=]""")
_DOTTED_PART = re.compile(r"""\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^.\s]+)\s*(?:\.|$)""")


def _unquote(token: str) -> str:
    return token[1:-1] if token[:1] in ("'", '"') else token


def _table_name(header: str) -> tuple[str, ...]:
    return tuple(_unquote(m.group(1)) for m in _DOTTED_PART.finditer(header))


def find_key_line(text: str, table: tuple[str, ...], key: str) -> int | None:
    """1-based line where `key` is set in `table`, by scanning the TOML text."""
    current: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), start=1):
        header = _TABLE_HEADER.match(line)
        if header:
            current = _table_name(header.group("name"))
            if current == (*table, key):  # the key written as its own [table]
                return number
            continue
        match = _KEY_START.match(line)
        if match and current == table and _unquote(match.group("key")) == key:
            return number
    return None


def locate(text: str, table: tuple[str, ...], key: str, subkey: str | None = None) -> int | None:
    """Line of `key` (or of `subkey` inside it, whether a sub-table or an inline table)."""
    if subkey is not None:
        line = find_key_line(text, (*table, key), subkey)
        if line is not None:
            return line
    return find_key_line(text, table, key)


def where(path: Path | str, line: int | None) -> str:
    return f"{path}:{line}" if line else f"{path}"


# ---------------------------------------------------------------- loading

def read_toml(path: Path) -> tuple[str, dict]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: cannot read configuration ({err})") from None
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: invalid TOML: {err}") from None


def cramptext_table(path: Path, data: dict) -> tuple[tuple[str, ...], dict | None]:
    """Where the settings live in the file and the table itself (None when absent)."""
    if path.name != PYPROJECT_FILE:
        return (), data
    tool = data.get("tool")
    table = tool.get("cramptext") if isinstance(tool, dict) else None
    return PYPROJECT_TABLE, table if isinstance(table, dict) else None


def canonical_keys(path: Path, text: str, table_name: tuple[str, ...],
                   table: dict) -> Iterator[tuple[str, str, Any]]:
    """(field, key as written, value) for every key; unknown or repeated keys raise."""
    seen: dict[str, str] = {}
    for raw_key, value in table.items():
        name = raw_key.replace("-", "_")
        line = locate(text, table_name, raw_key)
        if name not in FIELD_PARSERS:
            expected = ", ".join(option_name(n) for n in FIELD_PARSERS)
            raise ConfigError(f"{where(path, line)}: unknown key '{raw_key}' (expected one of: {expected})")
        if name in seen:
            raise ConfigError(f"{where(path, line)}: key '{raw_key}' is given twice "
                              f"(also as '{seen[name]}')")
        seen[name] = raw_key
        yield name, raw_key, value


def nested_key_lines(text: str, table_name: tuple[str, ...], name: str, raw_key: str,
                     value: Any) -> dict[str, int]:
    """Lines of the entries of per_file_ignores / severity, for later error messages."""
    lines: dict[str, int] = {}
    if name in ("per_file_ignores", "severity") and isinstance(value, dict):
        for subkey in value:
            line = locate(text, table_name, raw_key, subkey)
            if line:
                lines[f"{name}.{subkey.strip().upper() if name == 'severity' else subkey}"] = line
    return lines


def load_config(path: Path | str) -> Config:
    """Read a cramptext.toml or a pyproject.toml with a [tool.cramptext] table."""
    path = Path(path)
    text, data = read_toml(path)
    table_name, table = cramptext_table(path, data)
    if table is None:
        raise ConfigError(f"{path}: no [tool.cramptext] table")
    values: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    for name, raw_key, value in canonical_keys(path, text, table_name, table):
        try:
            values[name] = FIELD_PARSERS[name](value, path.parent)
        except BadValue as err:
            line = locate(text, table_name, raw_key, err.subkey)
            raise ConfigError(f"{where(path, line)}: {raw_key}: {err}") from None
        line = locate(text, table_name, raw_key)
        if line:
            key_lines[name] = line
        key_lines.update(nested_key_lines(text, table_name, name, raw_key, value))
    return Config(**values, path=path, key_lines=key_lines)


def has_cramptext_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    # Why: only parse pyproject files that might concern us, so a broken
    # unrelated pyproject.toml further up does not stop the linter.
    if "cramptext" not in text:
        return False
    _, table = cramptext_table(pyproject, read_toml(pyproject)[1])
    return table is not None


def find_config(start: Path) -> Path | None:
    """The nearest configuration file from `start` (a file or folder) upwards."""
    start = Path(start).absolute()
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        own = candidate / CONFIG_FILE
        if own.is_file():
            return own
        pyproject = candidate / PYPROJECT_FILE
        if pyproject.is_file() and has_cramptext_table(pyproject):
            return pyproject
    return None


def config_for(start: Path) -> Config:
    """The configuration that applies at `start`, or the defaults when there is none."""
    found = find_config(start)
    return load_config(found) if found else Config()


# ---------------------------------------------------------------- code validation

def mentioned_codes(config: Config) -> Iterator[tuple[str, str, str]]:
    """(field, line key, code) for every rule code or prefix the config mentions."""
    for name in ("select", "extend_select", "ignore"):
        for code in getattr(config, name):
            yield name, name, code
    for pattern, codes in config.per_file_ignores.items():
        for code in codes:
            yield "per_file_ignores", f"per_file_ignores.{pattern}", code
    for code in config.severity:
        yield "severity", f"severity.{code}", code


def is_known_selector(selector: str, known_codes: set[str]) -> bool:
    return selector == ALL or any(code.startswith(selector) for code in known_codes)


def validate_codes(config: Config, known_codes: set[str]) -> None:
    """Every code or prefix in the config must name at least one known rule."""
    for name, line_key, code in mentioned_codes(config):
        if is_known_selector(code, known_codes):
            continue
        if name in config.overridden:
            origin = COMMAND_LINE
        elif config.path is not None:
            origin = where(config.path, config.key_lines.get(line_key) or config.key_lines.get(name))
        else:
            origin = "configuration"
        raise ConfigError(f"{origin}: unknown rule code '{code}' in {name}")
