"""Exporters: analysed articles into stores data teams query."""
from .sqlite import export_sqlite

__all__ = ["export_sqlite"]
