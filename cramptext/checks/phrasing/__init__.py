"""Phrasing checks (CT1xx): machine-translated and awkward wording, found on the parse of the original text."""
