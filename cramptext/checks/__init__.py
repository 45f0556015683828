"""Checks: rules (YAML data) run by check kinds (code), one module per kind.

``base`` defines what a check is built with and reads, ``registry`` maps a
rule's ``kind`` to its check, ``loading`` reads and validates rule files.
"""
from .base import ArticleCheck, ArticleInput, Check, CheckContext, PhrasingCheck, PhrasingInput
from .loading import load_rule, load_rules
from .registry import CHECKS, PARAM_SCHEMAS
from .rule import Rule

__all__ = ["ArticleCheck", "ArticleInput", "CHECKS", "Check", "CheckContext", "PARAM_SCHEMAS", "PhrasingCheck",
           "PhrasingInput", "Rule", "load_rule", "load_rules"]
