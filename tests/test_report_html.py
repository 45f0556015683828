"""`cramptext report`: the editors' HTML page.

Pure-Python tests of the view model (nested highlights, cleaned text, counts,
charts, escaping), then the page in a real browser: Debian's chromium, headless,
driven by playwright (its own browser download is never used), on a report of
corpus/ plus a hostile article.
"""
from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cramptext.engine import DocumentResult
from cramptext.io.documents import Document, discover, read_document
from cramptext.normalise import SAFE
from cramptext.output import OutputContext, render
from cramptext.output.html import content_security_policy, environment, render_html_report
from cramptext.output.html.charts import bar_chart
from cramptext.output.html.model import cause_rows, cleaned_items, document_view, report_view
from cramptext.output.html.spans import Mark, Span, flatten, fragments, nest
from cramptext.records import Claim, Finding, Triple, line_col

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"

HOSTILE_NAME = "hostile<img src=x onerror=alert(5)>.html"
HOSTILE = """<h1>Night cramps <script>alert(1)</script> and what to do</h1>
<img src=x onerror=alert(2)> Dehydration can cause leg cramps at night.
</textarea><textarea>Magnesium supplements may help some people.</textarea>
<a href="javascript:alert(3)">Read more</a> "><svg onload=alert(4)> '><iframe src="javascript:alert(6)"></iframe>
<style>body { display: none }</style> {{ 7*7 }} ${alert(7)} &lt;b&gt; &amp;
See your doctor if the cramps wake you every night or your leg swells.
"""


# --- the view model, in plain Python ------------------------------------------------------------

def claim(text: str, words: str, kind: str = "cause", **extra) -> Claim:
    start = text.index(words)
    line, column = line_col(text, start)
    return Claim(source="a.txt", kind=kind, concept=extra.pop("concept", words.lower()), concept_id=None,
                 text=words, start=start, end=start + len(words), line=line, column=column, sentence="", **extra)


def finding(text: str, words: str, rule: str = "CT101", severity: str = "warning", *, at: int | None = None,
            **extra) -> Finding:
    start = text.index(words) if at is None else at
    end = start + len(words) if at is None else at
    line, column = line_col(text, start)
    return Finding(source="a.txt", rule=rule, name=extra.pop("name", "some-rule"), category="phrasing",
                   severity=severity, start=start, end=end, line=line, column=column,
                   message=extra.pop("message", f"{rule} message."), **extra)


def marks_of(items: list) -> list[Mark]:
    found = []
    for item in items:
        if isinstance(item, Mark):
            found.append(item)
            found.extend(marks_of(item.items))
    return found


def test_nest_keeps_the_text_and_each_claim_whole():
    text = "Cramps drive calves at night; magnesium deficiency may cause cramps."
    spans = [Span("claim", 0, 7, 20), Span("claim", 1, 30, 50),
             Span("finding", 0, 0, 28),   # covers the first claim and more
             Span("finding", 1, 13, 26),  # starts inside the first claim, ends outside it
             Span("finding", 2, 40, 40)]  # empty: widened to one character
    items = nest(text, spans)
    assert flatten(items) == text
    parts = fragments(items)
    assert parts[spans[0]] == [text[7:20]] and parts[spans[1]] == [text[30:50]]
    assert "".join(parts[spans[3]]) == text[13:26] and len(parts[spans[3]]) == 2  # cut at the claim's edge
    assert parts[spans[4]] == [text[40]]
    firsts = Counter(m.span for m in marks_of(items) if m.first)
    assert set(firsts) == set(spans) and set(firsts.values()) == {1}  # one focusable fragment per span


def test_nest_overlapping_claims_cut_the_later_one_only():
    text = "abcdefghij"
    first, second = Span("claim", 0, 1, 6), Span("claim", 1, 4, 9)
    parts = fragments(nest(text, [first, second]))
    assert parts[first] == ["bcdef"]
    assert "".join(parts[second]) == "efghi"


def test_nest_equal_ranges_nest_the_later_inside():
    text = "leg cramps"
    outer, inner = Span("claim", 0, 0, 10), Span("finding", 0, 0, 10)
    (mark,) = nest(text, [outer, inner])
    assert mark.span == outer and mark.items[0].span == inner


def test_cleaned_text_is_what_fix_writes():
    text = "It drives calves at night. Basically, stretch."
    findings = [finding(text, "drives calves", replacement="causes calf cramps", applicability="safe"),
                finding(text, "Basically, ", rule="CT301", replacement="", applicability="unsafe")]
    result = DocumentResult(Document("a.txt", text), findings=findings)
    items = cleaned_items(text, findings)
    assert "".join(i if isinstance(i, str) else i.new for i in items) == result.cleaned(SAFE)
    (edit,) = [i for i in items if not isinstance(i, str)]
    assert (edit.old, edit.new, edit.rule) == ("drives calves", "causes calf cramps", "CT101")
    view = document_view(1, result)
    assert view.edits == 1 and view.unsafe_fixes == 1


def test_document_counts_score_and_triples():
    text = "Dehydration can cause cramps. Stretch your calves. See a doctor if it swells."
    claims = [claim(text, "Dehydration", hedged=True), claim(text, "Stretch your calves", "remedy"),
              claim(text, "See a doctor", "red_flag")]
    findings = [finding(text, "cramps", severity="info"), finding(text, "swells", severity="error")]
    result = DocumentResult(Document("a.txt", text), claims=claims, findings=findings)
    view = document_view(1, result)
    assert view.claims_by_kind == {"cause": 1, "symptom": 0, "remedy": 1, "red_flag": 1}
    assert view.findings_by_severity == {"error": 1, "warning": 0, "info": 1}
    assert view.score_label == "0.00" and view.triples == []  # engine results carry the score
    assert view.claims[0].marker == "C?"
    result.translation_score = 0.734
    assert document_view(1, result).score_label == "0.73"


def triple(cause: str, remedy: str | None, negated: bool = False) -> Triple:
    return Triple(source="a.txt", cause=cause, cause_id=None, cause_text=cause, symptom=None, symptom_id=None,
                  symptom_text=None, remedy=remedy, remedy_id=None, remedy_text=remedy, start=0, end=1, line=1,
                  column=1, basis="sentence", negated=negated)


def test_causes_across_articles_with_their_remedies():
    text = "Dehydration and magnesium deficiency."
    a = DocumentResult(Document("a.txt", text), claims=[claim(text, "Dehydration"), claim(text, "magnesium deficiency")],
                       triples=[triple("dehydration", "drinking water"),
                                triple("dehydration", "tonic water", negated=True)])
    b = DocumentResult(Document("b.txt", text), claims=[claim(text, "Dehydration")],
                       triples=[triple("dehydration", "drinking water"), triple("dehydration", "electrolytes")])
    rows = cause_rows([a, b])
    assert [r.cause for r in rows] == ["dehydration", "magnesium deficiency"]
    assert rows[0].documents == 2
    assert rows[0].remedies == (("drinking water", 2), ("electrolytes", 1))
    assert rows[0].advised_against == ("tonic water",)
    assert report_view([a, b]).any_triples


def test_bar_chart_scales_to_the_largest_value():
    chart = bar_chart("t", [("a", 10, "x"), ("b", 5, "x"), ("a very long label that cannot fit", 0, "x")])
    widths = [b.width for b in chart.bars]
    assert widths[0] == 2 * widths[1] and widths[2] == 0
    assert chart.bars[2].label.endswith("…") and chart.bars[2].full_label.startswith("a very long")
    assert bar_chart("t", []).bars == ()


class Page(HTMLParser):
    """What the test needs from the page: tags, attributes, script and style bodies, text of an element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.stack: list[str] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self.texts: dict[str, list[str]] = {}
        self._capture: list[tuple[str, int]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag in ("br", "meta", "input", "rect", "link", "img"):
            return
        self.stack.append(tag)
        if attrs.get("id", "").endswith("-text") or attrs.get("id", "").endswith("-cleaned"):
            self.texts[attrs["id"]] = []
            self._capture.append((attrs["id"], len(self.stack)))

    def handle_endtag(self, tag):
        if self._capture and self._capture[-1][1] == len(self.stack):
            self._capture.pop()
        if self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] in self.raw:
            self.raw[self.stack[-1]].append(data)
        for key, _ in self._capture:
            self.texts[key].append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


def hostile_result() -> DocumentResult:
    text = HOSTILE
    claims = [claim(text, "Dehydration"), claim(text, "Magnesium supplements", "remedy"),
              claim(text, "See your doctor", "red_flag")]
    findings = [finding(text, "<script>alert(1)</script>", message='Says "<script>" & </textarea> here.',
                        replacement="<img src=x onerror=alert(8)>", applicability="safe"),
                finding(text, "onerror=alert(2)>", rule="CT301", severity="error")]
    return DocumentResult(Document(HOSTILE_NAME, text), claims=claims, findings=findings,
                          triples=[triple("dehydration <script>", "water\" onmouseover=\"alert(9)")])


def test_article_text_is_escaped_everywhere():
    html = render("results", "html", [hostile_result()], OutputContext(tool_version="test"))
    page = parse(html)
    assert [t for t, _ in page.tags].count("script") == 1  # the report's own
    assert not any(t in ("img", "iframe", "textarea", "object", "embed", "style") for t, _ in page.tags[1:]
                   if t != "style") and [t for t, _ in page.tags].count("style") == 1
    assert all(a["href"].startswith("#") for t, a in page.tags if t == "a")
    assert not any(name.startswith("on") for _, attrs in page.tags for name in attrs)
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "</textarea><textarea>" not in html
    assert 'data-tip-body="Says &#34;&lt;script&gt;&#34; &amp; &lt;/textarea&gt; here."' in html
    # The article's text comes back whole, as text, in the highlighted view.
    assert "".join(page.texts["doc-1-text"]) == HOSTILE
    assert "{{ 7*7 }}" in "".join(page.texts["doc-1-text"])


def test_the_policy_allows_only_the_reports_own_script_and_style():
    html = render_html_report([hostile_result()], OutputContext())
    page = parse(html)
    (csp,) = [a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    script, style = "".join(page.raw["script"]), "".join(page.raw["style"])
    assert csp == content_security_policy(style, script)

    def digest(body: str) -> str:
        return base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()

    assert f"script-src 'sha256-{digest(script)}'" in csp and f"style-src 'sha256-{digest(style)}'" in csp
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp
    # Self-contained: nothing outside the page is named.
    links = [value for _, attrs in page.tags for name, value in attrs.items()
             if name in ("src", "href", "action", "srcset", "poster", "data")]
    assert links and all(value.startswith("#") for value in links)
    assert not re.search(r"@import|url\(|@font-face", style)
    assert not re.search(r"fetch|XMLHttpRequest|innerHTML|eval|import\(|location", script)
    assert environment().autoescape is True


def test_template_inserts_nothing_unescaped_but_the_assets():
    source = (REPO / "cramptext" / "output" / "html" / "report.html.j2").read_text(encoding="utf-8")
    assert "|safe" not in source.replace(" ", "") and "autoescape false" not in source


# --- the command line ---------------------------------------------------------------------------

def test_report_command_writes_one_page(nlp, invoke, workdir: Path):
    (workdir / "a.txt").write_text("Dehydration can cause leg cramps. Stretch your calves.\n", encoding="utf-8")
    result = invoke("report", "a.txt", "-o", "report.html")
    assert result.exit_code == 0, result.output
    assert "Wrote a report of 1 document" in result.stderr and "report.html" in result.stderr
    html = (workdir / "report.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and 'data-claim="doc-1-c0"' in html


def test_report_command_needs_an_output_file(invoke, workdir: Path):
    (workdir / "a.txt").write_text("Cramps.\n", encoding="utf-8")
    result = invoke("report", "a.txt")
    assert result.exit_code == 2 and "--output" in result.output


def test_report_command_into_a_missing_folder(nlp, invoke, workdir: Path):
    (workdir / "a.txt").write_text("Dehydration can cause leg cramps.\n", encoding="utf-8")
    result = invoke("report", "a.txt", "-o", "nowhere/report.html")
    assert result.exit_code == 2 and "nowhere" in result.stderr


# --- in a real browser --------------------------------------------------------------------------

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str:
    found = os.environ.get("CRAMPTEXT_CHROMIUM") or shutil.which("chromium")
    if not found:
        pytest.skip("Debian's chromium is not installed and could not be (`make test` installs it with apt-get "
                    "where apt-get works as root); the HTML report was not tried in a browser")
    return found


@dataclass
class Browsed:
    path: Path
    results: list
    screenshots: Path
    events: dict = field(default_factory=lambda: {"dialog": [], "console": [], "pageerror": [], "request": []})


@pytest.fixture(scope="module")
def built(tmp_path_factory, nlp) -> Browsed:
    """The report of corpus/ and a hostile article, through the library's ``report``."""
    from cramptext.api import report

    folder = tmp_path_factory.mktemp("report")
    hostile = folder / HOSTILE_NAME
    hostile.write_text(HOSTILE, encoding="utf-8")
    documents = [read_document(p) for p in discover([str(CORPUS)])] + [read_document(str(hostile))]
    result = report(documents, folder / "report.html")
    return Browsed(folder / "report.html", result.results, folder)


@pytest.fixture(scope="module")
def browser_driver():
    """Playwright's sync API and Debian's chromium, or a skip that says which is missing (before any work)."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package (test extra) is not installed")
    return sync_api, chromium_path()


@pytest.fixture(scope="module")
def page(browser_driver, built: Browsed):
    sync_api, executable = browser_driver
    with sync_api.sync_playwright() as driver:
        context = driver.chromium.launch_persistent_context(
            str(built.screenshots / "profile"), executable_path=executable, headless=True, args=CHROMIUM_FLAGS,
            viewport={"width": 1280, "height": 900})
        tab = context.new_page()
        events = built.events
        tab.on("dialog", lambda d: (events["dialog"].append(d.message), d.dismiss()))
        tab.on("console", lambda m: events["console"].append(f"{m.type}: {m.text}"))
        tab.on("pageerror", lambda e: events["pageerror"].append(str(e)))
        tab.on("request", lambda r: events["request"].append(r.url))
        tab.goto(built.path.as_uri())
        tab.wait_for_load_state("load")
        yield tab
        context.close()


HIGHLIGHTS_JS = """() => {
  const found = [];
  for (const box of document.querySelectorAll('.text.original')) {
    const firsts = box.querySelectorAll('[data-claim][tabindex="0"]');
    for (const el of firsts) {
      const id = el.getAttribute('data-claim');
      const parts = box.querySelectorAll(`[data-claim="${id}"]`);
      const range = document.createRange();
      range.setStart(box, 0);
      range.setEndBefore(el);
      found.push({doc: box.id.replace(/-text$/, ''), kind: [...el.classList].find(c => c.startsWith('k-')).slice(2),
                  start: [...range.toString()].length, text: [...parts].map(p => p.textContent).join('')});
    }
  }
  return found;
}"""


def test_each_claims_highlight_sits_on_its_words(built: Browsed, page):
    shown = page.evaluate(HIGHLIGHTS_JS)
    expected = [{"doc": f"doc-{n}", "kind": c.kind, "start": c.start, "text": c.text}
                for n, r in enumerate(built.results, 1) for c in r.claims]
    key = lambda h: (h["doc"], h["start"], h["kind"], h["text"])  # noqa: E731
    assert len(expected) > 400
    assert sorted(shown, key=key) == sorted(expected, key=key)
    # And every article's whole text is there, as text.
    texts = page.evaluate("() => [...document.querySelectorAll('.text.original')].map(b => b.textContent)")
    assert texts == [r.document.text for r in built.results]


def test_every_highlight_is_a_tab_stop_in_reading_order(built: Browsed, page):
    counts = page.evaluate("""() => [...document.querySelectorAll('.text.original')].map(b => [
        b.querySelectorAll('[data-claim][tabindex="0"]').length, b.querySelectorAll('[data-finding][tabindex="0"]').length])""")
    assert counts == [[len(r.claims), len(r.findings)] for r in built.results]
    # Walk the hostile article's highlights with the Tab key.
    n = len(built.results)
    order = page.evaluate(f"""() => [...document.querySelectorAll('#doc-{n}-text [tabindex="0"]')].map(e => e.id)""")
    page.focus(f"#{order[0]}")
    walked = [order[0]]
    for _ in order[1:]:
        page.keyboard.press("Tab")
        walked.append(page.evaluate("() => document.activeElement.id"))
    assert walked == order


def test_focusing_a_finding_shows_its_message_and_fix(built: Browsed, page):
    n = next(i for i, r in enumerate(built.results, 1) if "201_mt" in r.document.source)
    result = built.results[n - 1]
    target = next(f for f in sorted(result.findings, key=lambda f: (f.start, f.end, f.rule)) if f.replacement)
    index = sorted(result.findings, key=lambda f: (f.start, f.end, f.rule)).index(target)
    element = f"#doc-{n}-f{index}-t"
    assert page.locator(element).text_content() == result.document.text[target.start:target.end]
    # Focus the highlight before it, then Tab: the keyboard path, not a click.
    order = page.evaluate(f"""() => [...document.querySelectorAll('#doc-{n}-text [tabindex="0"]')].map(e => e.id)""")
    position = order.index(element[1:])
    if position:
        page.focus(f"#{order[position - 1]}")
        page.keyboard.press("Tab")
    else:
        page.focus(element)
    assert page.evaluate("() => document.activeElement.id") == element[1:]
    tip = page.locator("#tip")
    assert tip.is_visible()
    assert target.message in tip.text_content()
    assert target.replacement in tip.text_content()
    assert page.locator(element).get_attribute("aria-describedby") == "tip"
    page.screenshot(path=str(built.screenshots / "finding-focused.png"))
    page.keyboard.press("Escape")
    assert not tip.is_visible()


def test_the_hostile_article_runs_nothing_and_shows_its_text(built: Browsed, page):
    n = len(built.results)
    section = page.locator(f"#doc-{n}")
    section.scroll_into_view_if_needed()
    assert page.evaluate("() => document.scripts.length") == 1
    assert page.evaluate("() => document.querySelectorAll('img, iframe, textarea, object, embed, svg:not(.chart)').length") == 0
    assert page.locator(f"#doc-{n}-text").text_content() == HOSTILE
    assert page.get_by_text("<script>alert(1)</script>", exact=False).first.is_visible()
    assert section.locator("h2").text_content().startswith(f"{n}. ")
    assert HOSTILE_NAME in section.locator("h2").text_content()
    csp = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "script-src 'sha256-" in csp and "default-src 'none'" in csp
    # Hover and focus everything in the hostile article: still nothing runs.
    for element in page.locator(f"#doc-{n}-text [tabindex='0']").all():
        element.hover()
        element.focus()
    page.wait_for_timeout(200)
    page.screenshot(path=str(built.screenshots / "hostile-article.png"))
    events = built.events
    assert events["dialog"] == []
    assert [m for m in events["console"] if m.startswith(("error", "warning"))] == []
    assert events["pageerror"] == []
    assert set(events["request"]) == {built.path.as_uri()}  # the page itself, nothing else


def test_cleaned_text_marks_what_fix_changes(built: Browsed, page):
    n = next(i for i, r in enumerate(built.results, 1) if "201_mt" in r.document.source)
    result = built.results[n - 1]
    box = page.locator(f"#doc-{n}-cleaned")
    assert box.is_visible() and box.locator("ins").count() > 5
    without_removed = box.evaluate("b => { const c = b.cloneNode(true); c.querySelectorAll('del').forEach(d => d.remove());"
                                   " return c.textContent; }")
    assert without_removed == result.cleaned(SAFE)  # exactly what `cramptext fix` writes
    box.locator("del").first.scroll_into_view_if_needed()
    assert box.locator("del").first.is_visible()
    page.locator(f"#doc-{n} .hide-removed").check()
    assert not box.locator("del").first.is_visible()
    page.locator(f"#doc-{n} .hide-removed").uncheck()


def test_the_index_sorts_by_each_column(built: Browsed, page):
    page.evaluate("() => window.scrollTo(0, 0)")
    header = page.locator("#index-table thead th").nth(2)  # Causes
    header.locator("button").click()
    column = lambda: [int(x) for x in page.locator("#index-table tbody tr td:nth-child(3)").all_text_contents()]  # noqa: E731
    assert column() == sorted(column()) and header.get_attribute("aria-sort") == "ascending"
    header.locator("button").click()
    assert column() == sorted(column(), reverse=True) and header.get_attribute("aria-sort") == "descending"
    causes = {f"{r.document.source}": sum(c.kind == "cause" for c in r.claims) for r in built.results}
    assert max(column()) == max(causes.values())
    page.locator("#index-table thead th").nth(0).locator("button").click()
    assert [int(x) for x in page.locator("#index-table tbody tr td:nth-child(1)").all_text_contents()] == \
        list(range(1, len(built.results) + 1))


def test_screenshots_at_desktop_and_phone_widths(built: Browsed, page):
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.evaluate("() => window.scrollTo(0, 0)")
        shot = built.screenshots / f"report-{width}.png"
        page.screenshot(path=str(shot))
        assert shot.stat().st_size > 10_000
        # Nothing wider than the screen but the tables' own scroll boxes.
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    print(f"screenshots in {built.screenshots}")
