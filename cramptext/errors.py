"""Exceptions cramptext raises; the CLI turns them into one-line messages."""


class CramptextError(Exception):
    """Base class: anything the user can fix (input, configuration, rules)."""

    exit_code = 2


class InputError(CramptextError):
    """A document cannot be read: missing, binary, not UTF-8, empty."""


class ConfigError(CramptextError):
    """Configuration is invalid; the message names file and line where known."""


class RuleError(CramptextError):
    """A rule or lexicon file is invalid; the message names file and line."""


class ModelError(CramptextError):
    """No usable spaCy pipeline could be loaded."""
