"""The library behind the command line: each function takes documents and
settings and returns records; none prints, none needs click.

    import cramptext
    nlp = cramptext.load()                                   # spaCy pipeline; doc._.claims, doc._.triples
    claims = cramptext.extract_claims("Dehydration can cause leg cramps.")
    result = cramptext.lint([cramptext.Document("a.txt", text)])
    links = list(cramptext.triples([cramptext.Document("a.txt", text)]))
"""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from typing import TYPE_CHECKING

from .checks.catalog import rule_catalog
from .checks.rule import Rule
from .config import Config, config_for_source, filter_findings, parse_suppressions, validate_codes
from .io.documents import Document
from .metrics import Stances
from .normalise import SAFE, SAFE_AND_UNSAFE
from .results import DocumentResult
from .runner import EngineSpec, RunOptions, analyse
from .records import CauseSummary, Claim, Disagreement, Finding, Triple, line_col
from .summary import summarise_triples as _summarise

if TYPE_CHECKING:  # spaCy is imported only when a document is analysed: a cached run never needs it
    from spacy.language import Language

    from .engine import Engine

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


def load(model: str | None = None, *, rules_dir: str | Path | None = None) -> Language:
    """The English pipeline with cramptext's components (``doc._.claims``), loaded once per process."""
    from .nlp.pipeline import cached_pipeline

    return cached_pipeline(model, str(rules_dir) if rules_dir else None)


def rules_for(config: Config, extra_dirs: Sequence[Path] = ()) -> list[Rule]:
    """Built-in rules, the configuration's rule folders and ``extra_dirs``, without those off by
    default that no selector names; codes the configuration names must exist."""
    rules, _ = rule_catalog([*config.rule_dirs, *extra_dirs])
    validate_codes(config, {r.code for r in rules})
    return [r for r in rules if r.enabled_by_default or config.names_explicitly(r.code)]


def engine_spec(config: Config, rules: Sequence[Rule], rule_dirs: Sequence[Path] = (), *, claims: bool = True,
                checks: bool = True) -> EngineSpec:
    """What builds the run's engine, in this process or in workers."""
    _, across = rule_catalog([*config.rule_dirs, *rule_dirs])
    return EngineSpec(model=config.model, rule_dirs=tuple(str(d) for d in [*config.rule_dirs, *rule_dirs]),
                      codes=tuple(r.code for r in rules), claims=claims, checks=checks,
                      max_grade=config.max_grade if config.is_set("max_grade") else None,
                      every_topic=config.topic == "cramps",
                      corpus_codes=tuple(r.code for r in rules if r.code in across))


def engine_for(config: Config, rules: Sequence[Rule], *, claims: bool = True, checks: bool = True) -> Engine:
    from .engine import Engine
    from .knowledge import load_knowledge

    max_grade = config.max_grade if config.is_set("max_grade") else None
    return Engine(load(config.model), rules, knowledge=load_knowledge(), claims=claims, checks=checks,
                  max_grade=max_grade, every_topic=config.topic == "cramps")


def extract(documents: Iterable[Document], *, config: Config | None = None, rule_dirs: Sequence[Path] = (),
            run: RunOptions | None = None) -> Iterator[DocumentResult]:
    """Each document's result (claims, triples, phrasing findings), in input order, as soon as it is
    done; claims are read through every phrasing fix (normalising is for reading)."""
    config = config or Config()
    phrasing = [r for r in rules_for(config, rule_dirs) if r.category == "phrasing"]
    yield from analyse(documents, engine_spec(config, phrasing, rule_dirs, checks=False), run)


def extract_claims(text: str, *, source: str = "-", model: str | None = None) -> list[Claim]:
    """Claims in ``text``, as ``Claim`` records."""
    (result,) = extract([Document(source, text)], config=Config(model=model), run=RunOptions(cache=False))
    return result.claims


def triples(documents: Iterable[Document], *, config: Config | None = None, rule_dirs: Sequence[Path] = (),
            run: RunOptions | None = None) -> Iterator[Triple]:
    """The cause-symptom-remedy links each document states, document by document, in text order
    (claims read as ``extract`` reads them)."""
    for result in extract(documents, config=config, rule_dirs=rule_dirs, run=run):
        yield from result.triples


def summarise_triples(triples: Iterable[Triple]) -> list[CauseSummary]:
    """Per cause across a corpus: the remedies and symptoms articles give for it, with how many
    articles give each (``triples`` records, e.g. from ``triples(documents)``)."""
    return _summarise(triples)


@dataclass
class LintResult:
    results: list[DocumentResult]
    findings: list[Finding]
    rules: list[Rule]
    problems: list[str]  # unknown codes or malformed suppression comments: "path:line:col: message"
    disagreements: list[Disagreement] = field(default_factory=list)  # between the articles of the run

    def summaries(self) -> list:
        """Per document (topic, machine-translation score), then where articles disagree."""
        return [r.summary() for r in self.results] + list(self.disagreements)

    def fails(self, fail_on: str) -> bool:
        return any(SEVERITY_RANK[f.severity] >= SEVERITY_RANK[fail_on] for f in self.findings)


class LintRun:
    """A lint run as a stream: iterate for each document's result (findings filtered by the
    document's own configuration and suppressions) as soon as it is done; what concerns the
    whole run (problems, summaries, disagreements) is complete once the stream is."""

    def __init__(self, documents: Iterable[Document], config: Config, rule_dirs: Sequence[Path],
                 overrides: dict, run: RunOptions | None):
        self.rules = rules_for(config, rule_dirs)
        self.problems: list[str] = []  # unknown codes or malformed suppression comments: "path:line:col: message"
        self.failed: list[str] = []  # documents whose analysis failed: "path: why"
        self.document_summaries: list = []
        self.severities = dict.fromkeys(SEVERITY_RANK, 0)
        self.by_rule: dict[str, int] = {}
        self._stances = Stances()  # on-topic documents' stances, for the disagreements
        self._stream = self._filtered(analyse(documents, engine_spec(config, self.rules, rule_dirs), run),
                                      overrides)

    def __iter__(self) -> Iterator[DocumentResult]:
        return self._stream

    def _filtered(self, results: Iterable[DocumentResult], overrides: dict) -> Iterator[DocumentResult]:
        known = {r.code for r in self.rules}
        for result in results:
            if result.error is not None:  # passed on as it is, for the caller to report
                self.failed.append(f"{result.document.source}: {result.error}")
                yield result
                continue
            doc = result.document
            own = config_for_source(doc.source).merge(**overrides)
            validate_codes(own, known)
            suppressions = parse_suppressions(doc.text)
            for start, _end, message in suppressions.problems(known):
                line, column = line_col(doc.text, start)
                self.problems.append(f"{doc.source}:{line}:{column}: {message}")
            result.findings = filter_findings(result.findings, own, doc.source, suppressions)
            for f in result.findings:
                self.severities[f.severity] += 1
                self.by_rule[f.rule] = self.by_rule.get(f.rule, 0) + 1
            self.document_summaries.append(result.summary())
            if result.on_topic:
                self._stances.add(doc.source, result.claims)
            yield result

    @property
    def disagreements(self) -> list[Disagreement]:
        return self._stances.disagreements()

    def summaries(self) -> list:
        """Per document (topic, machine-translation score), then where articles disagree."""
        return self.document_summaries + self.disagreements

    def fails(self, fail_on: str) -> bool:
        return any(n and SEVERITY_RANK[s] >= SEVERITY_RANK[fail_on] for s, n in self.severities.items())


def lint_stream(documents: Iterable[Document], *, config: Config | None = None, rule_dirs: Sequence[Path] = (),
                overrides: dict | None = None, run: RunOptions | None = None) -> LintRun:
    """Findings for ``documents``, document by document (see ``LintRun``)."""
    return LintRun(documents, config or Config(), rule_dirs, overrides or {}, run)


def lint(documents: Iterable[Document], *, config: Config | None = None, rule_dirs: Sequence[Path] = (),
         overrides: dict | None = None, run: RunOptions | None = None) -> LintResult:
    """Findings for ``documents``. ``config`` gives the rules and the model; each document's own
    configuration (found upwards from it, with ``overrides`` on top) its selection and severities."""
    stream = lint_stream(documents, config=config, rule_dirs=rule_dirs, overrides=overrides, run=run)
    results = [r for r in stream if r.error is None]
    return LintResult(results, [f for r in results for f in r.findings], stream.rules,
                      stream.failed + stream.problems, stream.disagreements)


@dataclass(frozen=True)
class FixedDocument:
    document: Document
    text: str  # the fixed text
    error: str | None = None  # why it could not be analysed (``text`` is then the original)

    @property
    def changed(self) -> bool:
        return self.text != self.document.text


def fix(documents: Iterable[Document], *, config: Config | None = None, rule_dirs: Sequence[Path] = (),
        unsafe: bool = False, run: RunOptions | None = None) -> Iterator[FixedDocument]:
    """Each document with the fixes of the phrasing rules the configuration enables:
    safe ones, and unsafe ones too with ``unsafe``."""
    config = config or Config()
    phrasing = [r for r in rules_for(config, rule_dirs) if r.category == "phrasing" and config.is_enabled(r.code)]
    applicable = SAFE_AND_UNSAFE if unsafe else SAFE
    for result in analyse(documents, engine_spec(config, phrasing, rule_dirs, claims=False, checks=False), run):
        yield FixedDocument(result.document, result.cleaned(applicable), result.error)


@dataclass
class ExportRun:
    """What an export wrote: rows per table and documents added, replaced and unchanged (``counts``),
    the lint run behind it (findings per severity and rule, problems, summaries) and every output."""

    counts: dict[str, int]
    lint: LintRun
    outputs: list[tuple[str, str]] = field(default_factory=list)  # (what, where)


def export(documents: Iterable[Document], target: Path, fmt: str | None = None, *, config: Config | None = None,
           rule_dirs: Sequence[Path] = (), overrides: dict | None = None, timeout: float | None = None,
           run: RunOptions | None = None, cleaned_dir: Path | None = None, report_path: Path | None = None,
           given: Sequence[str] = (), on_result: Callable[[DocumentResult], None] | None = None) -> ExportRun:
    """Lint ``documents`` and upsert texts, cleaned texts, claims, findings, edits and triples into
    the export at ``target`` (``fmt``: sqlite, parquet, jsonl or csv; from the suffix when None), as
    the results arrive. With ``cleaned_dir``, each cleaned text is written there too (the paths
    relative to ``given``, the paths the user gave); with ``report_path``, the editors' HTML report.
    ``on_result`` sees each result once it is written (progress)."""
    from .store import export as write_export, format_for
    from .store.versions import provenance

    config = config or Config()
    fmt = format_for(target, fmt)
    stream = lint_stream(documents, config=config, rule_dirs=rule_dirs, overrides=overrides, run=run)
    made = provenance(config.model, [*config.rule_dirs, *rule_dirs])
    shown: list[DocumentResult] = []

    def results() -> Iterator[DocumentResult]:
        for result in stream:
            if result.error is not None:
                if on_result is not None:
                    on_result(result)
                continue
            if cleaned_dir is not None:
                write_cleaned(result, Path(cleaned_dir), given)
            if report_path is not None:
                shown.append(result)
            yield result
            if on_result is not None:
                on_result(result)

    done = ExportRun(write_export(results(), Path(target), fmt, made, timeout=timeout), stream,
                     [("export", str(target))])
    if cleaned_dir is not None:
        done.outputs.append(("cleaned texts", str(cleaned_dir)))
    if report_path is not None:
        write_report(shown, stream.rules, Path(report_path))
        done.outputs.append(("HTML report", str(report_path)))
    return done


def write_cleaned(result: DocumentResult, folder: Path, given: Sequence[str] = ()) -> Path:
    """The cleaned text of ``result`` (every fix, as the export's ``clean_text``) under ``folder``."""
    from .io.atomic import write_new_file
    from .io.documents import relative_name

    target = folder / relative_name(result.document.source, list(given) or [result.document.source])
    target.parent.mkdir(parents=True, exist_ok=True)
    write_new_file(target, result.cleaned())
    return target


def _tool_version() -> str:
    """The installed cramptext's version (not ``cramptext.__version__``: the package imports this module)."""
    try:
        return metadata.version("cramptext")
    except metadata.PackageNotFoundError:
        return ""


def write_report(results: Sequence[DocumentResult], rules: Sequence[Rule], output_path: Path) -> None:
    """The editors' HTML report of ``results`` (claims, findings, triples, cleaned text, charts),
    written to ``output_path`` atomically."""
    from .io.atomic import write_new_file
    from .output import OutputContext, render

    context = OutputContext(texts={r.document.source: r.document.text for r in results},
                            rules={r.code: r.info() for r in rules}, tool_version=_tool_version())
    write_new_file(Path(output_path), render("results", "html", list(results), context))


def report(documents: Iterable[Document], output_path: Path, *, config: Config | None = None,
           rule_dirs: Sequence[Path] = (), overrides: dict | None = None, run: RunOptions | None = None
           ) -> LintResult:
    """Lint ``documents`` and write the editors' HTML report to ``output_path``, atomically.
    Returns the lint result the report shows."""
    result = lint(documents, config=config, rule_dirs=rule_dirs, overrides=overrides, run=run)
    write_report(result.results, result.rules, Path(output_path))
    return result
