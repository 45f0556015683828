"""Load YAML data files and validate them against a JSON Schema.

Errors name the file and the line of the offending value, like Vale does for
its rule files: PyYAML's node marks give the lines, jsonschema the paths.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

# libyaml's loader when PyYAML was built with it: several times faster on the lexicon.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

from ..errors import RuleError


@lru_cache(maxsize=None)
def schema(name: str) -> dict:
    """A schema shipped in ``cramptext/knowledge/schemas/`` (``name`` without suffix)."""
    text = resources.files("cramptext.knowledge.schemas").joinpath(f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)


def _node_at(node: yaml.Node, path) -> yaml.Node:
    """The YAML node at a jsonschema error path (as deep as it exists)."""
    for key in path:
        if isinstance(node, yaml.MappingNode):
            match = [v for k, v in node.value if getattr(k, "value", None) == key]
            if not match:
                break
            node = match[0]
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            break
    return node


def load_yaml(path: Path, schema_name: str) -> Any:
    """Parse ``path`` and validate it; raise RuleError naming file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot read: {exc}") from None
    try:
        data = yaml.load(text, Loader=SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        raise RuleError(f"{where}: invalid YAML: {problem}") from None
    import jsonschema  # only when data files are read, not when they come from the cache

    validator = jsonschema.Draft202012Validator(schema(schema_name))
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        root = yaml.compose(text, Loader=SafeLoader)  # node marks give the line; only needed for errors
        line = _node_at(root, err.absolute_path).start_mark.line + 1 if root is not None else 1
        field = "/".join(str(p) for p in err.absolute_path) or "(top level)"
        raise RuleError(f"{path}:{line}: {field}: {err.message}")
    return data


def node_line(path: Path, keys: list) -> int:
    """Line of the value at ``keys`` in a YAML file (for errors found after validation)."""
    root = yaml.compose(path.read_text(encoding="utf-8"), Loader=SafeLoader)
    return _node_at(root, keys).start_mark.line + 1 if root is not None else 1
