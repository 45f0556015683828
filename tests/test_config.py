"""Configuration discovery, loading, errors, selection and code validation."""
from __future__ import annotations

from pathlib import Path

import pytest

from cramptext.config import Config, config_for, find_config, load_config, validate_codes
from cramptext.errors import ConfigError

KNOWN = {"CT101", "CT102", "CT110", "CT201", "CT202", "CT301"}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- find_config

def test_find_config_walks_up_and_prefers_cramptext_toml(tmp_path: Path) -> None:
    own = write(tmp_path / "proj" / "cramptext.toml", "")
    write(tmp_path / "proj" / "pyproject.toml", "[tool.cramptext]\n")
    doc = write(tmp_path / "proj" / "docs" / "deep" / "a.md", "text")
    assert find_config(doc) == own
    assert find_config(doc.parent) == own


def test_find_config_skips_pyproject_without_table(tmp_path: Path) -> None:
    outer = write(tmp_path / "pyproject.toml", '[tool.cramptext]\nselect = ["CT1"]\n')
    write(tmp_path / "proj" / "pyproject.toml", '[tool.ruff]\nselect = ["E"]  # cramptext\n')
    doc = write(tmp_path / "proj" / "a.md", "text")
    assert find_config(doc) == outer


def test_find_config_none_when_nothing_found(tmp_path: Path) -> None:
    doc = write(tmp_path / "a.md", "text")
    assert find_config(doc) is None
    assert config_for(doc) == Config()


def test_find_config_reports_broken_pyproject_that_mentions_cramptext(tmp_path: Path) -> None:
    broken = write(tmp_path / "pyproject.toml", "[tool.cramptext\n")
    with pytest.raises(ConfigError, match=f"^{broken}: invalid TOML: "):
        find_config(tmp_path / "a.md")


# ---------------------------------------------------------------- load_config

def test_load_cramptext_toml_with_every_key(tmp_path: Path) -> None:
    (tmp_path / "my-rules").mkdir()
    path = write(tmp_path / "cramptext.toml", """\
select = ["CT1", "CT2"]
extend-select = ["CT301"]
ignore = ["ct110"]
rule_dirs = ["my-rules"]
model = "en_core_web_sm"
max-grade = 9
fail_on = "warning"

[per-file-ignores]
"docs/*.md" = ["CT201"]

[severity]
CT101 = "info"
""")
    config = load_config(path)
    assert config == Config(
        select=("CT1", "CT2"), extend_select=("CT301",), ignore=("CT110",),
        per_file_ignores={"docs/*.md": ("CT201",)}, severity={"CT101": "info"},
        rule_dirs=(tmp_path / "my-rules",), model="en_core_web_sm", max_grade=9.0,
        fail_on="warning", path=path,
    )
    assert isinstance(config.max_grade, float)


def test_load_pyproject_table_and_defaults(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.cramptext]\n')
    config = load_config(path)
    assert (config.select, config.ignore, config.extend_select) == (("ALL",), (), ())
    assert (config.max_grade, config.fail_on, config.model, config.path) == (8.0, "error", None, path)


def test_pyproject_without_table_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", "[tool.ruff]\n")
    with pytest.raises(ConfigError, match=f"^{path}: no \\[tool.cramptext\\] table$"):
        load_config(path)


@pytest.mark.parametrize(("body", "message"), [
    ('select = ["CT1"]\nfrobnicate = 1\n',
     ":2: unknown key 'frobnicate' (expected one of: select, ignore, extend-select, "
     "per-file-ignores, severity, rule-dirs, model, max-grade, fail-on, topic, max-size)"),
    ('\n\nignore = "CT101"\n', ":3: ignore: must be a list of rule codes (strings)"),
    ("max_grade = true\n", ":1: max_grade: must be a number (got True)"),
    ("max_grade = -2\n", ":1: max_grade: must be a finite number greater than 0 (got -2)"),
    ("max_grade = nan\n", ":1: max_grade: must be a finite number greater than 0 (got nan)"),
    ('fail-on = "fatal"\n', ":1: fail-on: must be one of error, warning, info (got 'fatal')"),
    ('model = ""\n', ":1: model: must be a spaCy pipeline name or path (a non-empty string)"),
    ('rule_dirs = ["nowhere"]\n', ":1: rule_dirs: folder '{dir}/nowhere' does not exist"),
    ('[severity]\nCT101 = "info"\nCT102 = "loud"\n',
     ":3: severity: 'CT102' must be one of error, warning, info (got 'loud')"),
    ('severity = { CT101 = 3 }\n', ":1: severity: 'CT101' must be one of error, warning, info (got 3)"),
    ('[per-file-ignores]\n"a.md" = ["CT1"]\n"b.md" = "CT2"\n',
     ":3: per-file-ignores: 'b.md' must be a list of rule codes (strings)"),
    ('select = ["CT1"]\nextend-select = []\nextend_select = []\n',
     ":3: key 'extend_select' is given twice (also as 'extend-select')"),
])
def test_bad_values_name_file_line_and_key(tmp_path: Path, body: str, message: str) -> None:
    path = write(tmp_path / "cramptext.toml", body)
    expected = f"{path}{message}".replace("{dir}", str(tmp_path))
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == expected


def test_line_numbers_in_pyproject_point_into_the_cramptext_table(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml",
                 '[tool.ruff]\nselect = ["E"]\n\n[tool.cramptext]\nselect = "CT1"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == f"{path}:5: select: must be a list of rule codes (strings)"


def test_invalid_toml_and_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path / "cramptext.toml", "select = [\n")
    with pytest.raises(ConfigError, match=f"^{path}: invalid TOML: "):
        load_config(path)
    with pytest.raises(ConfigError, match="cannot read configuration"):
        load_config(tmp_path / "missing.toml")


# ---------------------------------------------------------------- merge

def test_merge_overrides_and_ignores_none(tmp_path: Path) -> None:
    base = Config(select=("CT1",), ignore=("CT110",), fail_on="error")
    merged = base.merge(select="CT1,CT2", ignore=None, fail_on="info", extend_select=("CT301", "CT302,CT303"),
                        max_grade=10, model=None)
    assert merged.select == ("CT1", "CT2")
    assert merged.ignore == ("CT110",)
    assert merged.extend_select == ("CT301", "CT302", "CT303")
    assert (merged.fail_on, merged.max_grade, merged.model) == ("info", 10.0, None)
    assert merged.overridden == {"select", "fail_on", "extend_select", "max_grade"}
    assert base.select == ("CT1",)  # frozen: the original is untouched


def test_merge_errors_name_the_command_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        Config().merge(fail_on="loud")
    assert str(caught.value) == "command line: fail-on: must be one of error, warning, info (got 'loud')"
    with pytest.raises(TypeError):
        Config().merge(colour="red")
    (tmp_path / "extra").mkdir()
    assert Config().merge(rule_dirs=str(tmp_path / "extra")).rule_dirs == (tmp_path / "extra",)


# ---------------------------------------------------------------- selection

def test_default_selects_everything() -> None:
    assert all(Config().is_enabled(code) for code in KNOWN)


def test_most_specific_prefix_wins() -> None:
    config = Config(select=("CT1",), ignore=("CT11",), extend_select=("CT110",))
    assert config.is_enabled("CT101")
    assert config.is_enabled("CT110")          # CT110 (5) beats CT11 (4)
    assert not config.is_enabled("CT111")      # CT11 (4) beats CT1 (3)
    assert not config.is_enabled("CT201")      # never selected


def test_ignore_wins_a_tie_and_all_is_least_specific() -> None:
    assert not Config(select=("CT101",), ignore=("CT101",)).is_enabled("CT101")
    config = Config(select=("ALL",), ignore=("CT2",))
    assert config.is_enabled("CT101") and not config.is_enabled("CT201")
    assert not Config(select=("CT1",), ignore=("ALL",)).is_enabled("CT999")
    assert Config(select=("CT1",), ignore=("ALL",)).is_enabled("CT101")


def test_per_file_ignores_relative_to_config_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "proj" / "cramptext.toml", """\
[per-file-ignores]
"docs/*.md" = ["CT2"]
"README.md" = ["ALL"]
""")
    config = load_config(path)
    monkeypatch.chdir(tmp_path)
    assert not config.is_enabled("CT201", "proj/docs/a.md")
    assert not config.is_enabled("CT201", tmp_path / "proj" / "docs" / "a.md")
    assert config.is_enabled("CT101", "proj/docs/a.md")
    assert config.is_enabled("CT201", "proj/other/a.md")
    assert config.is_enabled("CT201", "docs/a.md")          # outside the config folder's docs/
    assert not config.is_enabled("CT101", "proj/sub/README.md")  # a bare name matches anywhere
    assert config.ignores_for("proj/docs/a.md") == ("CT2",)


def test_severity_for_most_specific_key() -> None:
    config = Config(severity={"CT1": "error", "CT101": "info", "ALL": "warning"})
    assert config.severity_for("CT101", "warning") == "info"
    assert config.severity_for("CT102", "warning") == "error"
    assert config.severity_for("CT301", "info") == "warning"
    assert Config().severity_for("CT301", "info") == "info"


# ---------------------------------------------------------------- validate_codes

def test_validate_codes_accepts_known_codes_prefixes_and_all(tmp_path: Path) -> None:
    path = write(tmp_path / "cramptext.toml", """\
select = ["ALL"]
ignore = ["CT1", "CT202"]
[per-file-ignores]
"*.md" = ["ALL", "CT3"]
[severity]
CT11 = "info"
""")
    validate_codes(load_config(path), KNOWN)


@pytest.mark.parametrize(("body", "message"), [
    ('select = ["ALL"]\nignore = ["CT101", "CT999"]\n', ":2: unknown rule code 'CT999' in ignore"),
    ('extend-select = ["XX"]\n', ":1: unknown rule code 'XX' in extend_select"),
    ('[per-file-ignores]\n"a.md" = ["CT1"]\n"b.md" = ["CT4"]\n',
     ":3: unknown rule code 'CT4' in per_file_ignores"),
    ('[severity]\nCT5 = "info"\n', ":2: unknown rule code 'CT5' in severity"),
])
def test_validate_codes_names_file_line_and_key(tmp_path: Path, body: str, message: str) -> None:
    path = write(tmp_path / "cramptext.toml", body)
    with pytest.raises(ConfigError) as caught:
        validate_codes(load_config(path), KNOWN)
    assert str(caught.value) == f"{path}{message}"


def test_validate_codes_from_flags_names_the_command_line(tmp_path: Path) -> None:
    path = write(tmp_path / "cramptext.toml", 'ignore = ["CT101"]\n')
    with pytest.raises(ConfigError) as caught:
        validate_codes(load_config(path).merge(ignore="CT999"), KNOWN)
    assert str(caught.value) == "command line: unknown rule code 'CT999' in ignore"
    with pytest.raises(ConfigError) as caught:
        validate_codes(Config(select=("CT9",)), KNOWN)
    assert str(caught.value) == "configuration: unknown rule code 'CT9' in select"
