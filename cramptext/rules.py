"""Rules: small YAML files, one rule each, under ``rules/phrasing`` and ``rules/checks``.

A rule's ``kind`` picks the check that runs it (as Vale's ``extends`` does);
each check declares the ``params`` it needs, and a rule is validated against
the shared schema and its check's parameter schema at load time, with file
and line in every error. Users add folders of their own rules.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import jsonschema

from .datafiles import load_yaml, node_line
from .errors import RuleError
from .knowledge import default_rules_dir
from .records import RuleInfo

RULE_FOLDERS = ("phrasing", "checks")


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    category: str
    severity: str
    kind: str
    message: str
    why: str
    applicability: str | None
    replacement: str | None
    patterns: tuple = field(default=(), compare=False)
    params: dict = field(default_factory=dict, compare=False, hash=False)
    source_title: str | None = None
    source_url: str | None = None
    examples: dict = field(default_factory=dict, compare=False, hash=False)
    path: Path | None = field(default=None, compare=False)

    def info(self) -> RuleInfo:
        bad = self.examples.get("bad") or [{}]
        good = self.examples.get("good") or [None]
        return RuleInfo(code=self.code, name=self.name, category=self.category, severity=self.severity,
                        message=self.message, why=self.why, applicability=self.applicability,
                        source_title=self.source_title, source_url=self.source_url,
                        example_bad=bad[0].get("text"), example_good=good[0])

    def format_message(self, **values) -> str:
        try:
            return self.message.format(**values)
        except (KeyError, IndexError, ValueError):
            return self.message


def rule_files(folders: Iterable[Path]) -> list[Path]:
    files = []
    for folder in folders:
        folder = Path(folder)
        if not folder.is_dir():
            raise RuleError(f"{folder}: rule folder not found")
        files.extend(sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml")))
    return files


def load_rule(path: Path, param_schemas: dict[str, dict]) -> Rule:
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
    if (data["category"] == "phrasing") != data["code"].startswith("CT1"):
        line = node_line(path, ["code"])
        raise RuleError(f"{path}:{line}: code: phrasing rules use CT1xx codes and only they do (got {data['code']})")
    source = data.get("source") or {}
    return Rule(code=data["code"], name=data["name"], category=data["category"], severity=data["severity"],
                kind=kind, message=data["message"].strip(), why=" ".join(data["why"].split()),
                applicability=data.get("applicability"), replacement=data.get("replacement"),
                patterns=tuple(data.get("patterns", ())), params=data.get("params", {}),
                source_title=source.get("title"), source_url=source.get("url"),
                examples=data["examples"], path=path)


def load_rules(extra_dirs: Iterable[Path] = (), *, rules_dir: Path | None = None) -> list[Rule]:
    """Built-in rules plus those in ``extra_dirs``; codes and names must be unique."""
    from .checks import PARAM_SCHEMAS  # the registry of rule kinds

    base = Path(rules_dir) if rules_dir else default_rules_dir()
    folders = [base / f for f in RULE_FOLDERS if (base / f).is_dir()] + [Path(d) for d in extra_dirs]
    rules: dict[str, Rule] = {}
    names: dict[str, Rule] = {}
    for path in rule_files(folders):
        rule = load_rule(path, PARAM_SCHEMAS)
        for seen, key in ((rules, rule.code), (names, rule.name)):
            if key in seen:
                line = node_line(path, ["code" if seen is rules else "name"])
                raise RuleError(f"{path}:{line}: {key} is already defined in {seen[key].path}")
        rules[rule.code] = rule
        names[rule.name] = rule
    return sorted(rules.values(), key=lambda r: r.code)
