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
from typing import Iterable, Iterator, Sequence

from spacy.language import Language

from .checks import Rule, load_rules
from .config import Config, config_for_source, filter_findings, parse_suppressions, validate_codes
from .engine import DocumentResult, Engine
from .io.documents import Document
from .knowledge import load_knowledge
from .nlp.pipeline import cached_pipeline
from .normalise import SAFE, SAFE_AND_UNSAFE
from .metrics import disagreements
from .records import CauseSummary, Claim, Disagreement, Finding, Triple, line_col
from .summary import summarise_triples as _summarise

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


def load(model: str | None = None, *, rules_dir: str | Path | None = None) -> Language:
    """The English pipeline with cramptext's components (``doc._.claims``), loaded once per process."""
    return cached_pipeline(model, str(rules_dir) if rules_dir else None)


def rules_for(config: Config, extra_dirs: Sequence[Path] = ()) -> list[Rule]:
    """Built-in rules, the configuration's rule folders and ``extra_dirs``, without those off by
    default that no selector names; codes the configuration names must exist."""
    rules = load_rules([*config.rule_dirs, *extra_dirs])
    validate_codes(config, {r.code for r in rules})
    return [r for r in rules if r.enabled_by_default or config.names_explicitly(r.code)]


def engine_for(config: Config, rules: Sequence[Rule], *, claims: bool = True, checks: bool = True) -> Engine:
    max_grade = config.max_grade if config.is_set("max_grade") else None
    return Engine(load(config.model), rules, knowledge=load_knowledge(), claims=claims, checks=checks,
                  max_grade=max_grade, every_topic=config.topic == "cramps")


def extract(documents: Iterable[Document], *, config: Config | None = None,
            rule_dirs: Sequence[Path] = ()) -> Iterator[DocumentResult]:
    """Claims of each document, read through every phrasing fix (normalising is for reading)."""
    config = config or Config()
    phrasing = [r for r in rules_for(config, rule_dirs) if r.category == "phrasing"]
    yield from engine_for(config, phrasing, checks=False).run(documents)


def extract_claims(text: str, *, source: str = "-", model: str | None = None) -> list[Claim]:
    """Claims in ``text``, as ``Claim`` records."""
    (result,) = extract([Document(source, text)], config=Config(model=model))
    return result.claims


def triples(documents: Iterable[Document], *, config: Config | None = None,
            rule_dirs: Sequence[Path] = ()) -> Iterator[Triple]:
    """The cause-symptom-remedy links each document states, document by document, in text order
    (claims read as ``extract`` reads them)."""
    for result in extract(documents, config=config, rule_dirs=rule_dirs):
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


def lint(documents: Iterable[Document], *, config: Config | None = None, rule_dirs: Sequence[Path] = (),
         overrides: dict | None = None) -> LintResult:
    """Findings for ``documents``. ``config`` gives the rules and the model; each document's own
    configuration (found upwards from it, with ``overrides`` on top) its selection and severities."""
    config = config or Config()
    overrides = overrides or {}
    rules = rules_for(config, rule_dirs)
    known = {r.code for r in rules}
    results = list(engine_for(config, rules).run(documents))
    findings: list[Finding] = []
    problems: list[str] = []
    for result in results:
        doc = result.document
        own = config_for_source(doc.source).merge(**overrides)
        validate_codes(own, known)
        suppressions = parse_suppressions(doc.text)
        for start, _end, message in suppressions.problems(known):
            line, column = line_col(doc.text, start)
            problems.append(f"{doc.source}:{line}:{column}: {message}")
        result.findings = filter_findings(result.findings, own, doc.source, suppressions)
        findings.extend(result.findings)
    return LintResult(results, findings, rules, problems,
                      disagreements({r.document.source: r.claims for r in results if r.on_topic}))


@dataclass(frozen=True)
class FixedDocument:
    document: Document
    text: str  # the fixed text

    @property
    def changed(self) -> bool:
        return self.text != self.document.text


def fix(documents: Iterable[Document], *, config: Config | None = None, rule_dirs: Sequence[Path] = (),
        unsafe: bool = False) -> Iterator[FixedDocument]:
    """Each document with the fixes of the phrasing rules the configuration enables:
    safe ones, and unsafe ones too with ``unsafe``."""
    config = config or Config()
    phrasing = [r for r in rules_for(config, rule_dirs) if r.category == "phrasing" and config.is_enabled(r.code)]
    applicable = SAFE_AND_UNSAFE if unsafe else SAFE
    for result in engine_for(config, phrasing, claims=False, checks=False).run(documents):
        yield FixedDocument(result.document, result.cleaned(applicable))


def export(documents: Iterable[Document], target: Path, fmt: str | None = None, *, config: Config | None = None,
           rule_dirs: Sequence[Path] = (), overrides: dict | None = None, timeout: float | None = None) -> dict[str, int]:
    """Lint ``documents`` and upsert texts, cleaned texts, claims, findings, edits and triples into
    the export at ``target`` (``fmt``: sqlite, parquet, jsonl or csv; from the suffix when None).
    Returns the run's rows per table and the documents ``added``, ``replaced`` and ``unchanged``."""
    from .store import export as write_export, format_for
    from .store.versions import provenance

    config = config or Config()
    fmt = format_for(target, fmt)
    result = lint(documents, config=config, rule_dirs=rule_dirs, overrides=overrides)
    made = provenance(load(config.model), [*config.rule_dirs, *rule_dirs])
    return write_export(result.results, Path(target), fmt, made, timeout=timeout)


def _tool_version() -> str:
    """The installed cramptext's version (not ``cramptext.__version__``: the package imports this module)."""
    try:
        return metadata.version("cramptext")
    except metadata.PackageNotFoundError:
        return ""


def report(documents: Iterable[Document], output_path: Path, *, config: Config | None = None,
           rule_dirs: Sequence[Path] = (), overrides: dict | None = None) -> LintResult:
    """Lint ``documents`` and write the editors' HTML report (claims, findings, triples, cleaned
    text, charts) to ``output_path``, atomically. Returns the lint result the report shows."""
    from .io.atomic import write_new_file
    from .output import OutputContext, render

    result = lint(documents, config=config, rule_dirs=rule_dirs, overrides=overrides)
    context = OutputContext(texts={r.document.source: r.document.text for r in result.results},
                            rules={r.code: r.info() for r in result.rules}, tool_version=_tool_version())
    write_new_file(Path(output_path), render("results", "html", result.results, context))
    return result
