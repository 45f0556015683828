"""Every check kind, by the name a rule's ``kind`` gives (Vale's ``extends``)."""
from __future__ import annotations

from .article.contradiction import ContradictionCheck, CorpusContradictionCheck
from .article.dismissed_sign import DismissedSignCheck
from .article.marketing_claim import MarketingClaimCheck
from .article.missing_red_flag import MissingRedFlagCheck
from .article.overclaim import OverclaimCheck
from .article.readability import ReadabilityCheck
from .article.remedy_concepts import RemedyConceptsCheck
from .base import Check
from .phrasing.calque_table import CalqueTableCheck
from .phrasing.calque_verb import CalqueVerbCheck
from .phrasing.domain_word import DomainWordCheck
from .phrasing.missing_subject import MissingSubjectCheck
from .phrasing.mojibake import MojibakeCheck
from .phrasing.pattern import PatternCheck
from .phrasing.phrase_list import PhraseListCheck
from .phrasing.rare_term import RareTermCheck
from .phrasing.regex import RegexCheck
from .phrasing.tautology import TautologyCheck
from .phrasing.untranslated import UntranslatedCheck
from .phrasing.verb_first import VerbFirstCheck
from .phrasing.word_sense import WordSenseCheck
from .phrasing.wrong_term import WrongTermCheck

PHRASING_CHECKS = (MojibakeCheck, PhraseListCheck, PatternCheck, RegexCheck, CalqueVerbCheck, DomainWordCheck,
                   UntranslatedCheck, WrongTermCheck, CalqueTableCheck, WordSenseCheck,
                   TautologyCheck, RareTermCheck, VerbFirstCheck, MissingSubjectCheck)
ARTICLE_CHECKS = (RemedyConceptsCheck, OverclaimCheck, DismissedSignCheck, MarketingClaimCheck, MissingRedFlagCheck,
                  ContradictionCheck, CorpusContradictionCheck, ReadabilityCheck)

CHECKS: dict[str, type[Check]] = {check.kind: check for check in (*PHRASING_CHECKS, *ARTICLE_CHECKS)}
PARAM_SCHEMAS = {kind: check.params_schema for kind, check in CHECKS.items()}
