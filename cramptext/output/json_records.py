"""``--format json`` and ``jsonl``: the records' CONTRACT.md fields, for any kind of record."""
from __future__ import annotations

import json
from typing import Sequence

from .context import OutputContext


def render_json(records: Sequence, context: OutputContext) -> str:
    return json.dumps([r.to_dict() for r in (*records, *context.summaries)], ensure_ascii=False, indent=2) + "\n"


def render_jsonl(records: Sequence, context: OutputContext) -> str:
    """One record a line: the records, then summary records ("type": "document" or "disagreement")."""
    return "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in (*records, *context.summaries))
