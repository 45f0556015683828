"""Configuration files: find them upwards from the articles, read them, and
remember the line of every key so errors can name it.

`cramptext.toml` (top-level keys) or `[tool.cramptext]` in pyproject.toml.
"""
from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..io.documents import STDIN
from .settings import FIELD_PARSERS, BadValue, Config, option_name

CONFIG_FILE = "cramptext.toml"
PYPROJECT_FILE = "pyproject.toml"
PYPROJECT_TABLE = ("tool", "cramptext")


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
    folder = start if _is(start, Path.is_dir) else start.parent
    for candidate in (folder, *folder.parents):
        own = candidate / CONFIG_FILE
        if _is(own, Path.is_file):
            return own
        pyproject = candidate / PYPROJECT_FILE
        if _is(pyproject, Path.is_file) and has_cramptext_table(pyproject):
            return pyproject
    return None


def _is(path: Path, test) -> bool:
    """``test(path)``, false where the path cannot be looked at (an unreadable folder, a link loop):
    reading the articles reports those, one line each."""
    try:
        return test(path)
    except (OSError, RuntimeError):
        return False


def config_for(start: Path) -> Config:
    """The configuration that applies at `start`, or the defaults when there is none."""
    found = find_config(start)
    return load_config(found) if found else Config()




@lru_cache(maxsize=64)
def _config_at(path: Path | None) -> Config:
    return load_config(path) if path else Config()


def config_for_source(source: str) -> Config:
    """The configuration found upwards from a document (standard input: from the current folder)."""
    start = Path.cwd() if source == STDIN else Path(source).resolve().parent
    return _config_at(find_config(start))


def run_config(paths: Sequence[str], overrides: dict | None = None) -> Config:
    """The configuration that picks rules and model for a run: the first path's, with flags applied."""
    first = next((p for p in paths if p != STDIN), None)
    start = Path(os.path.abspath(first)) if first else Path.cwd()
    start = start if _is(start, Path.is_dir) else start.parent
    return config_for(start).merge(**(overrides or {}))
