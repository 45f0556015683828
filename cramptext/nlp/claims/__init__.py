"""Claim extraction: concept mentions and open-vocabulary phrases become claims of a kind."""
from .component import ClaimComponent, make_claim_extractor
from .extractor import ClaimExtractor
from .mention import ClaimMention

__all__ = ["ClaimComponent", "ClaimExtractor", "ClaimMention", "make_claim_extractor"]
