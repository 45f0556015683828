"""Rules are small YAML files, one rule each, under ``rules/phrasing`` and ``rules/checks``.

A rule's ``kind`` picks the check that runs it (as Vale's ``extends`` does);
each check declares the ``params`` it needs and the categories it serves, and
a rule is validated against the shared schema and its check's parameter
schema at load time, with file and line in every error. Users add folders of
their own rules, with codes of their own prefix if they like ("ACME201").
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

import jsonschema

from ..errors import RuleError
from ..knowledge import data_dir
from ..knowledge.datafiles import load_yaml, node_line
from .base import PhrasingCheck
from .registry import CHECKS, PARAM_SCHEMAS
from .rule import Rule

RULE_FOLDERS = ("phrasing", "checks")
_RANGE = re.compile(r"^[A-Z]+(\d)")


def code_range(code: str) -> str:
    """The hundreds digit of a rule code: 1 phrasing, 2 claim, 3 consistency, 4 completeness, 5 readability."""
    return _RANGE.match(code).group(1)


def rule_files(folders: Iterable[Path]) -> list[Path]:
    files = []
    for folder in folders:
        folder = Path(folder)
        if not folder.is_dir():
            raise RuleError(f"{folder}: rule folder not found")
        files.extend(sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml")))
    return files


def load_rule(path: Path, param_schemas: dict[str, dict] = PARAM_SCHEMAS) -> Rule:
    data = load_yaml(path, "rule")
    kind = data["kind"]
    if kind not in param_schemas:
        line = node_line(path, ["kind"])
        raise RuleError(f"{path}:{line}: kind: unknown rule kind {kind!r} (known: {', '.join(sorted(param_schemas))})")
    validator = jsonschema.Draft202012Validator(param_schemas[kind])
    errors = sorted(validator.iter_errors(data.get("params", {})), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        line = node_line(path, ["params", *err.absolute_path])
        where = "/".join(["params", *map(str, err.absolute_path)])
        raise RuleError(f"{path}:{line}: {where}: {err.message}")
    if data["category"] not in CHECKS[kind].categories:
        line = node_line(path, ["category"])
        stage = "phrasing" if issubclass(CHECKS[kind], PhrasingCheck) else "article"
        raise RuleError(f"{path}:{line}: category: kind {kind!r} is a {stage} check, which serves "
                        f"{', '.join(sorted(CHECKS[kind].categories))} rules (got {data['category']!r})")
    if (data["category"] == "phrasing") != (code_range(data["code"]) == "1"):
        line = node_line(path, ["code"])
        raise RuleError(f"{path}:{line}: code: phrasing rules use CT1xx codes and only they do (got {data['code']}); "
                        "codes with a prefix of your own follow the same ranges")
    source = data.get("source") or {}
    return Rule(code=data["code"], name=data["name"], category=data["category"], severity=data["severity"],
                kind=kind, message=data["message"].strip(), why=" ".join(data["why"].split()),
                applicability=data.get("applicability"), replacement=data.get("replacement"),
                patterns=tuple(data.get("patterns", ())), params=data.get("params", {}),
                source_title=source.get("title"), source_url=source.get("url"),
                examples=data["examples"], path=path, enabled_by_default=data.get("enabled_by_default", True))


def rule_folders_in(folder: Path) -> list[Path]:
    """A folder of rule files, or a whole rules folder like the shipped one (its phrasing/ and
    checks/ hold the rules; the lexicon files beside them are not rules)."""
    inner = [folder / f for f in RULE_FOLDERS if (folder / f).is_dir()]
    return inner or [folder]


def builtin_rule_folders() -> list[Path]:
    base = data_dir()
    return [base / f for f in RULE_FOLDERS if (base / f).is_dir()]


def load_rules(extra_dirs: Iterable[Path] = ()) -> list[Rule]:
    """Built-in rules plus those in ``extra_dirs``; codes and names must be unique."""
    builtin = builtin_rule_folders()
    shipped = {f.resolve() for f in builtin} | {f.parent.resolve() for f in builtin}
    # A folder of the shipped rules given again (`rules validate rules/`) is not a second copy.
    extra = [folder for d in extra_dirs if Path(d).resolve() not in shipped for folder in rule_folders_in(Path(d))]
    folders = builtin + extra
    rules: dict[str, Rule] = {}
    names: dict[str, Rule] = {}
    for path in rule_files(folders):
        rule = load_rule(path, PARAM_SCHEMAS)
        if rule.code in rules and _same_file(rules[rule.code].path, path):
            continue  # a copy of a shipped rule (`rules validate rules/` from a checkout) is no second rule
        for seen, key in ((rules, rule.code), (names, rule.name)):
            if key in seen:
                line = node_line(path, ["code" if seen is rules else "name"])
                raise RuleError(f"{path}:{line}: {key} is already defined in {seen[key].path}")
        rules[rule.code] = rule
        names[rule.name] = rule
    return sorted(rules.values(), key=lambda r: r.code)


def _same_file(a: Path | None, b: Path) -> bool:
    return a is not None and a.read_bytes() == b.read_bytes()


def validate_folders(folders: Iterable[Path]) -> tuple[list[Rule], list[Path]]:
    """All rules with those in ``folders`` (errors raise with file and line), and the folders without rule files."""
    folders = [Path(f) for f in folders]
    empty = [f for f in folders if f.is_dir() and not rule_files([f])]
    return load_rules(folders), empty
