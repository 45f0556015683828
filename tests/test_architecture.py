"""The layout's promises: no import cycle in the package, click only in the CLI,
spaCy only where language is processed."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "cramptext"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imports_of(name: str) -> set[str]:
    """Every cramptext module ``name`` imports, at the top or inside a function."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            target = f"{base}.{node.module}" if node.level and node.module else (base if node.level else node.module)
            found.add(target)
            found |= {f"{target}.{a.name}" for a in node.names}
    return {m for m in found if m in MODULES and m != name}


def test_no_import_cycle():
    graph = {name: imports_of(name) for name in MODULES}
    state: dict[str, int] = {}
    cycles = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(trail[trail.index(nxt):] + [nxt] if nxt in trail else [node, nxt])
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    # A package's __init__ importing its own submodules is how packages work, not a cycle.
    real = [c for c in cycles if not (len(c) == 2 and c[1].startswith(c[0] + "."))]
    assert real == []


def test_only_the_cli_imports_click():
    users = sorted(name for name, path in MODULES.items()
                   if any(isinstance(n, (ast.Import, ast.ImportFrom)) and
                          any((a.name if isinstance(n, ast.Import) else (n.module or "")).split(".")[0] == "click"
                              for a in n.names)
                          for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))))
    assert users == ["cramptext.cli"]


def test_the_flow_is_in_the_folder_names():
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert {"io", "config", "knowledge", "nlp", "checks", "output", "store"} <= folders
    assert {"engine.py", "normalise.py", "api.py", "cli.py"} <= {p.name for p in PACKAGE.glob("*.py")}
