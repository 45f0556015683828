"""Cause-symptom-remedy links between the claims of a Doc (``doc._.triples``)."""
from .component import TripleComponent, make_triple_linker
from .linker import Linker
from .mention import BASES, Link, TripleMention

__all__ = ["BASES", "Link", "Linker", "TripleComponent", "TripleMention", "make_triple_linker"]
