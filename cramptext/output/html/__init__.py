"""``cramptext report``: one self-contained HTML file for editors.

The view model (``model.py``: nested highlights, counts, chart geometry) is
plain Python; the page is a Jinja2 template with autoescaping on, so every
piece of article text is escaped. The stylesheet and the one script are
package files inlined as they are, and the Content-Security-Policy allows
exactly those two (by hash): nothing else runs or loads, no network access.
"""
from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from importlib import resources
from typing import Sequence

from jinja2 import Environment, FunctionLoader, StrictUndefined
from markupsafe import Markup

from ..context import OutputContext
from .model import ReportView, report_view

TEMPLATE = "report.html.j2"


def _asset(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def environment() -> Environment:
    """Templates from this package (shipped in the wheel), every ``{{ }}`` HTML-escaped."""
    return Environment(loader=FunctionLoader(_asset), autoescape=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(css: str, js: str) -> str:
    """Nothing loads or runs but the report's own inline stylesheet and script."""
    return (f"default-src 'none'; script-src {csp_hash(js)}; style-src {csp_hash(css)}; "
            "img-src 'none'; font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'")


def render_view(view: ReportView) -> str:
    css, js = _asset("report.css"), _asset("report.js")
    # Markup: the package's own files, inserted as they are (their hashes are in the CSP).
    return environment().get_template(TEMPLATE).render(report=view, css=Markup(css), js=Markup(js),
                                                       csp=content_security_policy(css, js))


def render_html_report(results: Sequence, context: OutputContext) -> str:
    """The report for engine ``DocumentResult``s (with findings, claims and triples)."""
    return render_view(report_view(results, tool_version=context.tool_version))


__all__ = ["render_html_report", "render_view", "report_view", "content_security_policy"]
