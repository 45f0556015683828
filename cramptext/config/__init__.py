"""Configuration: files found upwards from the articles, flags on top, rule
selectors shared with inline suppression comments."""
from .files import config_for, config_for_source, find_config, load_config, run_config
from .filtering import filter_findings
from .settings import Config
from .suppress import Suppressions, parse_suppressions
from .validation import validate_codes

__all__ = ["Config", "Suppressions", "config_for", "config_for_source", "filter_findings", "find_config",
           "load_config", "parse_suppressions", "run_config", "validate_codes"]
