"""What `pip install cramptext` gives a user: a wheel, installed non-editable in a
fresh virtual environment, works from any folder, and building it prints no
setuptools warnings. Slow (a venv and an install): `make test` runs it."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# The seed article, in the project's own corpus: the tests run on a clone anywhere, ../shared or not.
SEED = REPO / "corpus" / "000_155f91860faa0152.txt"
# What setuptools says when a package or data folder is left out or mis-declared.
SETUPTOOLS_WARNING = re.compile(r"SetuptoolsDeprecationWarning|SetuptoolsWarning|BuildBackendWarning|"
                                r"is absent from the `packages` configuration|Installing '.*' as data is deprecated",
                                re.IGNORECASE)

pytestmark = pytest.mark.slow


def run(args, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=900, **kw)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv with cramptext installed from a freshly built wheel; its bin folder."""
    root = tmp_path_factory.mktemp("wheel")
    # Build from a copy of what the wheel is made of: a build/ folder left in the checkout
    # by an earlier build could otherwise smuggle old modules into the wheel.
    source = root / "source"
    source.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy2(REPO / name, source / name)
    for folder in ("cramptext", "rules"):
        shutil.copytree(REPO / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__"))
    built = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", root / "dist", source])
    assert built.returncode == 0, built.stderr
    assert not SETUPTOOLS_WARNING.search(built.stdout + built.stderr), built.stdout + built.stderr
    (wheel,) = (root / "dist").glob("cramptext-*.whl")
    venv.create(root / "venv", with_pip=True)
    bin_dir = root / "venv" / "bin"
    done = run([bin_dir / "python", "-m", "pip", "install", "--quiet", "-c", REPO / "constraints.txt", wheel])
    assert done.returncode == 0, done.stderr
    return bin_dir


def test_installed_copy_extracts_from_any_folder(installed, tmp_path):
    assert SEED.exists(), "corpus/ lacks the seed article"
    done = run([installed / "cramptext", "extract", SEED, "--format", "jsonl"], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    claims = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(claims) > 50
    assert {c["kind"] for c in claims} == {"cause", "symptom", "remedy", "red_flag"}


def test_installed_copy_lists_its_rules_and_lints(installed, tmp_path):
    done = run([installed / "cramptext", "rules"], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    codes = set(re.findall(r"^(CT\d{3}) ", done.stdout, re.MULTILINE))
    assert {"CT101", "CT120", "CT201", "CT302", "CT501"} <= codes
    article = tmp_path / "a.txt"
    article.write_text("For night cramps, drink tonic water with quinine every evening.\n", encoding="utf-8")
    done = run([installed / "cramptext", "lint", article, "--format", "jsonl"], cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "CT201" in {json.loads(line)["rule"] for line in done.stdout.splitlines()}


def test_installed_copy_ships_every_package_and_rule_file(installed):
    site = next((installed.parent / "lib").glob("python3*/site-packages"))
    shipped = {p.relative_to(site / "cramptext").as_posix() for p in (site / "cramptext").rglob("*")
               if p.is_file() and "__pycache__" not in p.parts}
    sources = {p.relative_to(REPO / "cramptext").as_posix() for p in (REPO / "cramptext").rglob("*.py")}
    rules = {"data/" + p.relative_to(REPO / "rules").as_posix() for p in (REPO / "rules").rglob("*")
             if p.suffix in (".yaml", ".py")}
    assets = {p.relative_to(REPO / "cramptext").as_posix() for p in (REPO / "cramptext").rglob("*")
              if p.suffix in (".j2", ".css", ".js")}
    assert sources <= shipped
    assert rules <= shipped
    assert {"output/html/report.html.j2", "output/html/report.css", "output/html/report.js"} <= assets <= shipped


def test_installed_copy_writes_the_html_report(installed, tmp_path):
    done = run([installed / "cramptext", "report", SEED, "-o", tmp_path / "report.html"], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html and 'data-claim="doc-1-c0"' in html
