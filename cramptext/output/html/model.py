"""The report's view model: everything the template shows, computed from the
engine's results in plain Python (counts, nested marks, edits, chart geometry).
The template only lays it out; article text stays plain ``str`` here and is
escaped by the template engine."""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from ...normalise import SAFE, edits_from
from ...records import KINDS, SEVERITIES, Claim, Finding, Triple
from .charts import BarChart, bar_chart
from .spans import Span, nest

KIND_LABELS = {"cause": "Cause", "symptom": "Symptom", "remedy": "Remedy", "red_flag": "Red flag"}
KIND_PLURALS = {"cause": "Causes", "symptom": "Symptoms", "remedy": "Remedies", "red_flag": "Red flags"}
# The marker drawn before each highlight, so the kind does not rest on colour alone.
KIND_MARKERS = {"cause": "C", "symptom": "S", "remedy": "R", "red_flag": "!"}
SEVERITY_LABELS = {"error": "Errors", "warning": "Warnings", "info": "Info"}
TOP_CAUSES = 10
NO_SCORE = "–"


@dataclass(frozen=True)
class ClaimRow:
    id: str
    kind: str
    concept: str
    text: str
    line: int
    column: int
    negated: bool
    hedged: bool

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def marker(self) -> str:
        """The letter drawn before the highlight: kind, then ¬ when negated, ? when hedged."""
        return KIND_MARKERS.get(self.kind, "?") + ("¬" if self.negated else "") + ("?" if self.hedged else "")

    @property
    def tip_title(self) -> str:
        return f"{self.kind_label}: {self.concept}"

    @property
    def tip_body(self) -> str:
        flags = [name for name, on in (("negated (the text denies it)", self.negated),
                                       ("hedged (the text only suggests it)", self.hedged)) if on]
        return "; ".join(flags) if flags else "stated"


@dataclass(frozen=True)
class FindingRow:
    id: str
    rule: str
    name: str
    category: str
    severity: str
    line: int
    column: int
    text: str  # the words the finding is about
    message: str
    fix: str  # "" when the rule suggests none
    applicability: str | None
    related: tuple[str, ...]

    @property
    def tip_title(self) -> str:
        return f"{self.rule} {self.name} ({self.severity})"


@dataclass(frozen=True)
class TripleRow:
    cause: str
    cause_text: str
    symptom: str | None
    symptom_text: str | None
    remedy: str | None
    remedy_text: str | None
    line: int
    column: int
    basis: str
    negated: bool


@dataclass(frozen=True)
class EditView:
    """One change `cramptext fix` makes: ``old`` (original words) becomes ``new``."""

    old: str
    new: str
    rule: str
    message: str


@dataclass
class DocumentView:
    number: int
    anchor: str
    source: str
    title: str
    claims_by_kind: dict[str, int]
    findings_by_severity: dict[str, int]
    translation_score: float | None
    text_items: list  # str and spans.Mark trees
    claims: list[ClaimRow]
    findings: list[FindingRow]
    triples: list[TripleRow]
    cleaned_items: list  # str and EditView
    unsafe_fixes: int  # fixes only `cramptext fix --unsafe-fixes` applies
    kind_chart: BarChart
    rule_chart: BarChart

    @property
    def score_label(self) -> str:
        return NO_SCORE if self.translation_score is None else f"{self.translation_score:.2f}"

    @property
    def edits(self) -> int:
        return sum(isinstance(item, EditView) for item in self.cleaned_items)

    def claim_for(self, mark) -> ClaimRow:
        return self.claims[mark.span.index]

    def finding_for(self, mark) -> FindingRow:
        return self.findings[mark.span.index]


@dataclass(frozen=True)
class CauseRow:
    cause: str
    documents: int
    claims: int
    remedies: tuple[tuple[str, int], ...]  # remedy and how many articles give it for this cause
    advised_against: tuple[str, ...]


@dataclass
class ReportView:
    title: str
    tool_version: str
    documents: list[DocumentView]
    kinds: tuple[str, ...] = KINDS
    severities: tuple[str, ...] = SEVERITIES
    kind_labels: dict = field(default_factory=lambda: dict(KIND_LABELS))
    kind_plurals: dict = field(default_factory=lambda: dict(KIND_PLURALS))
    kind_markers: dict = field(default_factory=lambda: dict(KIND_MARKERS))
    severity_labels: dict = field(default_factory=lambda: dict(SEVERITY_LABELS))
    kind_chart: BarChart | None = None
    rule_chart: BarChart | None = None
    cause_chart: BarChart | None = None
    causes: list[CauseRow] = field(default_factory=list)
    any_triples: bool = False

    @property
    def total_claims(self) -> int:
        return sum(len(d.claims) for d in self.documents)

    @property
    def total_findings(self) -> int:
        return sum(len(d.findings) for d in self.documents)


def document_title(text: str, limit: int = 90) -> str:
    """The article's first non-empty line, without Markdown heading marks."""
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
    return ""


def fix_text(finding: Finding) -> str:
    if finding.replacement is None:
        return ""
    if finding.replacement == "":
        return "delete this text"
    return f"replace with {json.dumps(finding.replacement, ensure_ascii=False)}"


def cleaned_items(text: str, findings: Sequence[Finding]) -> list:
    """The text as `cramptext fix` leaves it (safe fixes), each change an ``EditView``."""
    by_place = {(f.start, f.end, f.replacement): f for f in findings if f.applicability in SAFE}
    items: list = []
    pos = 0
    for edit in edits_from(findings, SAFE):
        if edit.start > pos:
            items.append(text[pos:edit.start])
        finding = by_place.get((edit.start, edit.end, edit.text))
        items.append(EditView(text[edit.start:edit.end], edit.text, finding.rule if finding else "",
                              finding.message if finding else ""))
        pos = edit.end
    if pos < len(text):
        items.append(text[pos:])
    return items


def _claim_row(anchor: str, i: int, claim: Claim) -> ClaimRow:
    return ClaimRow(f"{anchor}-c{i}", claim.kind, claim.concept, claim.text, claim.line, claim.column,
                    claim.negated, claim.hedged)


def _finding_row(anchor: str, i: int, finding: Finding, text: str) -> FindingRow:
    related = tuple(f"{loc.source}:{loc.line}:{loc.column}" + (f" ({loc.message})" if loc.message else "")
                    for loc in finding.related)
    return FindingRow(f"{anchor}-f{i}", finding.rule, finding.name, finding.category, finding.severity,
                      finding.line, finding.column, text[finding.start:finding.end], finding.message,
                      fix_text(finding), finding.applicability, related)


def _triple_row(triple: Triple) -> TripleRow:
    return TripleRow(triple.cause, triple.cause_text, triple.symptom, triple.symptom_text, triple.remedy,
                     triple.remedy_text, triple.line, triple.column, triple.basis, triple.negated)


def kind_chart(title: str, counts: dict[str, int]) -> BarChart:
    return bar_chart(title, [(KIND_PLURALS[k], counts.get(k, 0), f"k-{k}") for k in KINDS],
                     empty_note="No claims.")


def rule_chart(title: str, findings: Iterable[Finding]) -> BarChart:
    findings = list(findings)
    counts = Counter(f.rule for f in findings)
    names = {f.rule: f.name for f in findings}
    rows = [(f"{rule} {names[rule]}", n, "rule")
            for rule, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return bar_chart(title, rows, empty_note="No findings.")


def document_view(number: int, result) -> DocumentView:
    """One document's part of the report, from an engine ``DocumentResult``."""
    text = result.document.text
    anchor = f"doc-{number}"
    claims = sorted(result.claims, key=lambda c: (c.start, c.end))
    findings = sorted(result.findings, key=lambda f: (f.start, f.end, f.rule))
    triples = sorted(getattr(result, "triples", None) or [], key=lambda t: (t.start, t.end))
    # Claims first (never cut), longer before shorter at the same place; then findings.
    spans = [Span("claim", i, c.start, c.end) for i, c in enumerate(claims)]
    spans.sort(key=lambda s: (s.start, -(s.end - s.start)))
    finding_spans = [Span("finding", i, f.start, f.end) for i, f in enumerate(findings)]
    finding_spans.sort(key=lambda s: (s.start, -(s.end - s.start)))
    by_kind = Counter(c.kind for c in claims)
    by_severity = Counter(f.severity for f in findings)
    return DocumentView(
        number=number, anchor=anchor, source=result.document.source, title=document_title(text),
        claims_by_kind={k: by_kind.get(k, 0) for k in KINDS},
        findings_by_severity={s: by_severity.get(s, 0) for s in SEVERITIES},
        translation_score=getattr(result, "translation_score", None),
        text_items=nest(text, spans + finding_spans),
        claims=[_claim_row(anchor, i, c) for i, c in enumerate(claims)],
        findings=[_finding_row(anchor, i, f, text) for i, f in enumerate(findings)],
        triples=[_triple_row(t) for t in triples],
        cleaned_items=cleaned_items(text, findings),
        unsafe_fixes=sum(1 for f in findings if f.replacement is not None and f.applicability == "unsafe"),
        kind_chart=kind_chart("Claims per kind", by_kind),
        rule_chart=rule_chart("Findings per rule", findings),
    )


def cause_rows(results: Sequence, limit: int = TOP_CAUSES) -> list[CauseRow]:
    """The causes most articles state (not denied), with the remedies the articles' triples give for them."""
    documents: dict[str, set[int]] = defaultdict(set)
    claims: Counter = Counter()
    for i, result in enumerate(results):
        for c in result.claims:
            if c.kind == "cause" and not c.negated:
                documents[c.concept].add(i)
                claims[c.concept] += 1
    remedies: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    against: dict[str, set[str]] = defaultdict(set)
    for i, result in enumerate(results):
        for t in getattr(result, "triples", None) or []:
            if t.remedy is None:
                continue
            documents.setdefault(t.cause, set())
            if t.negated:
                against[t.cause].add(t.remedy)
            else:
                remedies[t.cause][t.remedy].add(i)
    ranked = sorted(documents, key=lambda c: (-len(documents[c]), -claims[c], c))[:limit]
    rows = []
    for cause in ranked:
        given = sorted(((r, len(docs)) for r, docs in remedies[cause].items()), key=lambda rd: (-rd[1], rd[0]))
        rows.append(CauseRow(cause, len(documents[cause]), claims[cause], tuple(given),
                             tuple(sorted(against[cause]))))
    return rows


def report_view(results: Sequence, *, tool_version: str = "", title: str = "cramptext report") -> ReportView:
    """The whole report's view model from engine ``DocumentResult``s, in the order given."""
    results = list(results)
    documents = [document_view(n, r) for n, r in enumerate(results, 1)]
    all_claims = Counter(c.kind for r in results for c in r.claims)
    causes = cause_rows(results)
    cause_chart = bar_chart("Most frequent causes (articles stating each)",
                            [(row.cause, row.documents, "k-cause") for row in causes],
                            empty_note="No causes found.")
    return ReportView(
        title=title, tool_version=tool_version, documents=documents,
        kind_chart=kind_chart("Claims per kind, all articles", all_claims),
        rule_chart=rule_chart("Findings per rule, all articles", (f for r in results for f in r.findings)),
        cause_chart=cause_chart, causes=causes,
        any_triples=any(getattr(r, "triples", None) for r in results),
    )


__all__ = ["ReportView", "DocumentView", "report_view", "document_view", "cleaned_items"]
