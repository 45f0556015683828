"""Every rule code a configuration mentions must name a rule."""
from __future__ import annotations

from collections.abc import Iterator

from ..errors import ConfigError
from .files import where
from .selectors import is_known_selector
from .settings import COMMAND_LINE, Config


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
