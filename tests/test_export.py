"""`cramptext export`: one table model in SQLite, Parquet, JSON Lines and CSV; upserts by content;
a killed export leaves the previous one whole; concurrent exports lose nothing."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from cramptext.store import export, format_for
from cramptext.store.model import BOOLEAN, TABLES, Provenance

FORMATS = ("sqlite", "parquet", "jsonl", "csv")
TARGET = {"sqlite": "out.sqlite", "parquet": "out.parquet", "jsonl": "out.jsonl", "csv": "out.csv"}

# Builds analysed documents without spaCy (with triples, which the engine does not make yet):
# shared by the tests and the child processes they start.
SYNTHETIC = textwrap.dedent('''
    from cramptext.engine import DocumentResult
    from cramptext.io.documents import Document
    from cramptext.records import Claim, Finding, Location, Triple

    def synthetic(source, variant="", padding=0):
        text = ("Dehydration can cause leg cramps" + variant + ". Stretching helps with it. "
                "The reason that drives caviar is sport." + " More words." * padding + "\\n")
        first, second = text.index("Dehydration"), text.index("Stretching")
        bad = text.index("drives caviar")
        sentence = text[:text.index(".") + 1]
        claims = [Claim(source, "cause", "dehydration", "dehydration", "Dehydration", first, first + 11, 1,
                        first + 1, sentence, False, True, "E86.0"),
                  Claim(source, "remedy", "stretching", None, "Stretching", second, second + 10, 1, second + 1,
                        "Stretching helps with it.", False, False)]
        findings = [Finding(source, "CT101", "calque-cramp-verb", "phrasing", "warning", bad, bad + 13, 1, bad + 1,
                            "Say it plainly.", "cramps calves", "safe",
                            (Location(source, first, first + 11, 1, first + 1, "see also"),)),
                    Finding(source, "CT402", "advice-without-red-flag", "completeness", "info", 0, 0, 1, 1,
                            "No advice to see a doctor.")]
        triples = [Triple(source, "dehydration", "dehydration", "Dehydration", None, None, None, "stretching", None,
                          "Stretching", first, second + 10, 1, first + 1, "paragraph", False)]
        return DocumentResult(Document(source, text), claims, findings, triples, translation_score=0.25)
''')
exec(SYNTHETIC)  # defines synthetic()

PROVENANCE = Provenance("en_core_web_sm", "3.8.0", "abc", "2026-01-01T00:00:00+00:00")


def read(target: Path, fmt: str) -> dict[str, list[dict]]:
    """Every table of an export, rows as dicts (each format read its own way)."""
    if fmt == "sqlite":
        with sqlite3.connect(target) as db:
            db.row_factory = sqlite3.Row
            tables = {t.name: [dict(r) for r in db.execute(f"SELECT * FROM {t.name} ORDER BY id")] for t in TABLES}
        for t in TABLES:  # SQLite keeps a BOOLEAN as 0 or 1
            for row in tables[t.name]:
                row.update({c.name: bool(row[c.name]) for c in t.columns if c.type == BOOLEAN})
        return tables
    if fmt == "parquet":
        import pyarrow.parquet as pq

        return {t.name: pq.read_table(target / f"{t.name}.parquet").to_pylist() for t in TABLES}
    if fmt == "jsonl":
        tables = {t.name: [] for t in TABLES}
        for line in target.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            tables[row.pop("table")].append(row)
        return tables
    from cramptext.store.csv import read_tables

    return read_tables(target)


def counts(tables) -> dict[str, int]:
    return {name: len(rows) for name, rows in tables.items()}


# ---------------------------------------------------------------- round trip, every format

@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_every_record_in_every_format(tmp_path: Path, fmt: str) -> None:
    results = [synthetic("a.txt"), synthetic("b.txt", " at night")]
    target = tmp_path / TARGET[fmt]
    got = export(results, target, None, PROVENANCE)
    assert got | {} == {"documents": 2, "claims": 4, "findings": 4, "edits": 2, "triples": 2,
                        "added": 2, "replaced": 0, "unchanged": 0}
    tables = read(target, fmt)
    assert counts(tables) == {"documents": 2, "claims": 4, "findings": 4, "edits": 2, "triples": 2}
    for table in TABLES:  # every column, in the model's order
        assert all(list(row) == table.names for row in tables[table.name]), table.name
    docs = {d["source"]: d for d in tables["documents"]}
    a = docs["a.txt"]
    assert a["text"] == results[0].document.text and "cramps calves" in a["clean_text"]
    assert (a["words"], a["translation_score"], a["model"], a["model_version"], a["ruleset_version"]) == \
        (len(results[0].document.text.split()), 0.25, "en_core_web_sm", "3.8.0", "abc")
    assert len(a["sha256"]) == 64 and a["sha256"] != docs["b.txt"]["sha256"]
    # claims, findings, triples: every record of the run, with the contract's fields and the right types
    for name in ("claims", "findings", "triples"):
        want = [{k: v for k, v in rec.to_dict().items() if k != "related"} for r in results for rec in getattr(r, name)]
        have = [{k: row[k] for k in want[0]} for row in tables[name]]
        key = lambda d: json.dumps(d, sort_keys=True)  # noqa: E731
        assert sorted(map(key, have)) == sorted(map(key, want)), name
    finding = next(f for f in tables["findings"] if f["rule"] == "CT101")
    assert json.loads(finding["related"])[0]["message"] == "see also"
    # links by id: children to their document, triples to their claims, edits to their finding
    ids = {d["id"]: d["source"] for d in tables["documents"]}
    claim_ids = {c["id"]: c for c in tables["claims"]}
    for name in ("claims", "findings", "edits", "triples"):
        assert all(ids[row["document_id"]] == row["source"] for row in tables[name]), name
    for t in tables["triples"]:
        assert claim_ids[t["cause_claim_id"]]["concept"] == "dehydration"
        assert claim_ids[t["remedy_claim_id"]]["kind"] == "remedy" and t["symptom_claim_id"] is None
    for e in tables["edits"]:
        f = next(f for f in tables["findings"] if f["id"] == e["finding_id"])
        assert (e["rule"], e["original"], e["replacement"]) == ("CT101", "drives caviar", "cramps calves")
        assert (e["start"], e["end"]) == (f["start"], f["end"])


def test_parquet_columns_are_typed(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    export([synthetic("a.txt")], tmp_path / "out.parquet", None, PROVENANCE)
    schema = pq.read_schema(tmp_path / "out.parquet" / "claims.parquet")
    assert schema.field("start").type == pa.int64() and schema.field("negated").type == pa.bool_()
    assert schema.field("concept_id").type == pa.string()
    docs = pq.read_schema(tmp_path / "out.parquet" / "documents.parquet")
    assert docs.field("translation_score").type == pa.float64()
    assert pa.types.is_timestamp(docs.field("analysed_at").type)


def test_sqlite_schema_and_indexes(tmp_path: Path) -> None:
    export([synthetic("a.txt")], tmp_path / "out.sqlite", None, PROVENANCE)
    with sqlite3.connect(tmp_path / "out.sqlite") as db:
        indexes = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        types = {row[1]: row[2] for row in db.execute("PRAGMA table_info(claims)")}
        plan = " ".join(str(r) for r in db.execute(
            "EXPLAIN QUERY PLAN SELECT * FROM claims WHERE concept = 'dehydration' AND kind = 'cause'"))
        (integrity,) = db.execute("PRAGMA integrity_check").fetchone()
        (fk,) = db.execute("SELECT count(*) FROM pragma_foreign_key_check").fetchone()
    assert {"claims_by_concept", "claims_by_kind", "findings_by_rule", "triples_by_cause",
            "documents_by_source"} <= indexes
    assert (types["start"], types["negated"], types["concept"]) == ("INTEGER", "BOOLEAN", "TEXT")
    assert "claims_by_" in plan
    assert (integrity, fk) == ("ok", 0)


# ---------------------------------------------------------------- upsert by content

@pytest.mark.parametrize("fmt", FORMATS)
def test_second_export_adds_no_row_and_leaves_unchanged_documents_alone(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / TARGET[fmt]
    export([synthetic("a.txt"), synthetic("b.txt")], target, None, PROVENANCE)
    before = read(target, fmt)
    later = Provenance("en_core_web_sm", "3.8.0", "abc", "2026-02-02T00:00:00+00:00")
    got = export([synthetic("a.txt"), synthetic("b.txt")], target, None, later)
    assert (got["added"], got["replaced"], got["unchanged"]) == (0, 0, 2)
    assert read(target, fmt) == before  # same rows, same ids, same analysed_at


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_changed_document_is_replaced_and_a_new_one_added(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / TARGET[fmt]
    export([synthetic("a.txt"), synthetic("b.txt")], target, None, PROVENANCE)
    before = read(target, fmt)
    got = export([synthetic("a.txt", " at night"), synthetic("b.txt"), synthetic("c.txt")], target, None, PROVENANCE)
    assert (got["added"], got["replaced"], got["unchanged"]) == (1, 1, 1)
    after = read(target, fmt)
    assert counts(after) == {"documents": 3, "claims": 6, "findings": 6, "edits": 3, "triples": 3}
    docs = {d["source"]: d for d in after["documents"]}
    assert "at night" in docs["a.txt"]["text"]
    old_b = next(d for d in before["documents"] if d["source"] == "b.txt")
    assert docs["b.txt"] == old_b
    assert [c for c in after["claims"] if c["source"] == "b.txt"] == \
        [c for c in before["claims"] if c["source"] == "b.txt"]
    assert all(c["document_id"] == docs["a.txt"]["id"] for c in after["claims"] if c["source"] == "a.txt")
    assert len({row["id"] for row in after["claims"]}) == len(after["claims"])


def test_a_new_rule_set_replaces_the_analysis(tmp_path: Path) -> None:
    target = tmp_path / "out.sqlite"
    export([synthetic("a.txt")], target, None, PROVENANCE)
    got = export([synthetic("a.txt")], target, None, Provenance("en_core_web_sm", "3.8.0", "def", "x"))
    assert (got["replaced"], counts(read(target, "sqlite"))["documents"]) == (1, 1)
    assert read(target, "sqlite")["documents"][0]["ruleset_version"] == "def"


def test_the_same_source_twice_in_one_run_is_one_document(tmp_path: Path) -> None:
    got = export([synthetic("a.txt"), synthetic("a.txt")], tmp_path / "out.sqlite", None, PROVENANCE)
    assert got["documents"] == 1 and counts(read(tmp_path / "out.sqlite", "sqlite"))["claims"] == 2


# ---------------------------------------------------------------- formats, files, modes

@pytest.mark.parametrize(("name", "fmt", "want"), [
    ("x.sqlite", None, "sqlite"), ("x.db", None, "sqlite"), ("x.sqlite3", None, "sqlite"), ("x", None, "sqlite"),
    ("x.parquet", None, "parquet"), ("tables", "parquet", "parquet"), ("x.jsonl", None, "jsonl"),
    ("x.csv", None, "csv"), ("x.sqlite", "csv", "csv"), ("X.PARQUET", None, "parquet"),
])
def test_format_from_the_suffix(name: str, fmt, want: str) -> None:
    assert format_for(name, fmt) == want


@pytest.mark.parametrize("fmt", FORMATS)
def test_new_exports_get_normal_permissions(tmp_path: Path, fmt: str) -> None:
    old = os.umask(0o022)
    try:
        target = tmp_path / TARGET[fmt]
        export([synthetic("a.txt")], target, None, PROVENANCE)
    finally:
        os.umask(old)
    if target.is_dir():
        assert stat.S_IMODE(target.stat().st_mode) == 0o755
        files = list(target.iterdir())
        assert len(files) == len(TABLES) and all(stat.S_IMODE(p.stat().st_mode) == 0o644 for p in files)
    else:
        assert stat.S_IMODE(target.stat().st_mode) == 0o644
    left = [p.name for p in tmp_path.iterdir() if p.name.endswith((".tmp", ".old", ".spill", "-journal"))]
    assert left == []


def test_a_folder_that_is_no_export_is_refused(tmp_path: Path) -> None:
    from cramptext.errors import InputError

    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "mine.txt").write_text("keep me")
    with pytest.raises(InputError, match="no export tables"):
        export([synthetic("a.txt")], tmp_path / "notes", "parquet", PROVENANCE)
    assert (tmp_path / "notes" / "mine.txt").read_text() == "keep me"


def test_another_database_is_refused(tmp_path: Path) -> None:
    from cramptext.errors import InputError

    with sqlite3.connect(tmp_path / "other.db") as db:
        db.execute("CREATE TABLE mine (x)")
    with pytest.raises(InputError, match="not a cramptext export database"):
        export([synthetic("a.txt")], tmp_path / "other.db", None, PROVENANCE)
    (tmp_path / "junk.sqlite").write_bytes(b"not a database at all, just some bytes here" * 10)
    with pytest.raises(InputError, match="not an SQLite database"):
        export([synthetic("a.txt")], tmp_path / "junk.sqlite", None, PROVENANCE)


def test_the_exporter_before_is_replaced(tmp_path: Path) -> None:
    """Databases of the old exporter (rebuilt on every export) are upgraded in place."""
    with sqlite3.connect(tmp_path / "out.sqlite") as db:
        db.executescript("CREATE TABLE documents (source TEXT PRIMARY KEY, text TEXT); CREATE TABLE claims (source);"
                         "CREATE TABLE findings (source);")
    export([synthetic("a.txt")], tmp_path / "out.sqlite", None, PROVENANCE)
    assert counts(read(tmp_path / "out.sqlite", "sqlite"))["claims"] == 2


def test_an_interrupted_folder_swap_is_recovered(tmp_path: Path) -> None:
    """Killed between moving the old folder aside and renaming the new one in: the next export
    finds the previous export and builds on it."""
    target = tmp_path / "out.parquet"
    export([synthetic("a.txt")], target, None, PROVENANCE)
    os.rename(target, tmp_path / ".out.parquet.old")
    got = export([synthetic("b.txt")], target, None, PROVENANCE)
    assert got["added"] == 1
    assert {d["source"] for d in read(target, "parquet")["documents"]} == {"a.txt", "b.txt"}
    assert not (tmp_path / ".out.parquet.old").exists()


@pytest.mark.parametrize("fmt", ("parquet", "jsonl", "csv"))
def test_a_file_export_holds_no_more_for_a_larger_collection(tmp_path: Path, fmt: str, monkeypatch) -> None:
    """Rows are streamed through (the previous export read as it is copied, the run's rows spilled
    beside the target): exporting ten times the documents, and upserting into that export, needs
    about the same peak memory as the small export (Python's heap, measured by tracemalloc)."""
    import tracemalloc

    from cramptext.store import parquet

    monkeypatch.setattr(parquet, "BATCH_ROWS", 20)  # row groups far smaller than the collection

    def peak(count: int, target: Path, variant: str = "") -> int:
        results = (synthetic(f"doc{i}.txt", variant if i % 2 else "", padding=200) for i in range(count))
        tracemalloc.start()
        try:
            export(results, target, fmt, PROVENANCE)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    export([synthetic("warm.txt")], tmp_path / ("warm" + TARGET[fmt]), fmt, PROVENANCE)  # imports pyarrow
    small = peak(100, tmp_path / ("small" + TARGET[fmt]))
    large_target = tmp_path / ("large" + TARGET[fmt])
    large = peak(1000, large_target)
    upsert = peak(1000, large_target, " changed")  # half of them replaced, half unchanged
    assert counts(read(large_target, fmt))["documents"] == 1000
    # what does grow, a few hundred bytes a document (each path and, for the upsert, the identity of
    # each document in the export), is far less than holding its rows (its text twice and more)
    text = len(synthetic("doc0.txt", padding=200).document.text)
    assert (large - small) / 900 < text / 2 and (upsert - small) / 900 < text / 2, (text, small, large, upsert)


# ---------------------------------------------------------------- killed, concurrent (child processes)

CHILD = SYNTHETIC + textwrap.dedent('''
    import sys, time
    from pathlib import Path
    from cramptext.store import export
    from cramptext.store.model import Provenance

    target, fmt, prefix, count, marker, pause = sys.argv[1:7]
    count, pause = int(count), float(pause)

    def results():
        for i in range(count):
            yield synthetic(f"{prefix}{i}.txt", " changed", padding=50)
            if i == count // 2:
                Path(marker).write_text("half")  # half way through the write
                time.sleep(pause)

    got = export(results(), target, fmt, Provenance("m", "1", "r", "2026-03-03T00:00:00+00:00"), timeout=60)
    print(got["documents"])
''')


def _child(tmp_path: Path, *args) -> subprocess.Popen:
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    return subprocess.Popen([sys.executable, str(script), *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _wait_for(path: Path, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.02)


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_export_killed_midway_leaves_the_previous_one_whole(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / TARGET[fmt]
    export([synthetic(f"doc{i}.txt") for i in range(5)], target, None, PROVENANCE)
    before = read(target, fmt)
    # the child replaces every one of those documents and adds more; killed half way through
    proc = _child(tmp_path, target, fmt, "doc", 400, tmp_path / "half", 60)
    _wait_for(tmp_path / "half", proc)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    if fmt == "sqlite":
        # committed as results arrive: every document is there once, as it was or as the run
        # analysed it (the file whole); the folder and file formats are swapped in whole
        with sqlite3.connect(target) as db:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        after = read(target, fmt)
        sources = [d["source"] for d in after["documents"]]
        assert len(sources) == len(set(sources)) and set(sources) >= {d["source"] for d in before["documents"]}
        assert counts(after)["claims"] == 2 * len(sources)
    else:
        assert read(target, fmt) == before
    done = counts(read(target, fmt))["documents"]
    export([synthetic("new.txt")], target, None, PROVENANCE)  # and the next export goes on from there
    assert counts(read(target, fmt))["documents"] == done + 1
    # and clears what the killed one left beside the target (its spilled rows, a half-written folder)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith((".spill", ".tmp"))] == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_two_concurrent_exports_both_land(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / TARGET[fmt]
    first = _child(tmp_path, target, fmt, "first", 20, tmp_path / "first-half", 1.0)
    _wait_for(tmp_path / "first-half", first)  # the first is inside its write
    second = _child(tmp_path, target, fmt, "second", 20, tmp_path / "second-half", 0)
    for proc in (first, second):
        out, err = proc.communicate(timeout=120)
        assert (proc.returncode, out.strip()) == (0, "20"), err
    tables = read(target, fmt)
    sources = {d["source"] for d in tables["documents"]}
    assert sources == {f"first{i}.txt" for i in range(20)} | {f"second{i}.txt" for i in range(20)}
    assert counts(tables)["claims"] == 80


def test_a_database_locked_too_long_is_refused_with_a_message(tmp_path: Path) -> None:
    from cramptext.store.sqlite import ExportBusy

    target = tmp_path / TARGET["sqlite"]
    export([synthetic("a.txt")], target, None, PROVENANCE)
    holder = sqlite3.connect(target, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer, in the middle of its transaction
    try:
        with pytest.raises(ExportBusy, match="another export is writing"):
            export([synthetic("b.txt")], target, None, PROVENANCE, timeout=0.3)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_busy_folder_export_is_refused_with_a_message(tmp_path: Path) -> None:
    from cramptext.store.sqlite import ExportBusy

    target = tmp_path / TARGET["parquet"]
    first = _child(tmp_path, target, "parquet", "first", 4, tmp_path / "half", 30)
    try:
        _wait_for(tmp_path / "half", first)
        with pytest.raises(ExportBusy, match="another export is writing"):
            export([synthetic("a.txt")], target, None, PROVENANCE, timeout=0.3)
    finally:
        first.kill()
        first.wait()


def test_an_sqlite_export_commits_as_results_arrive(tmp_path: Path, monkeypatch) -> None:
    """Results are written while the run goes on: a reader sees the first documents before the
    last is analysed (the exporter holds the write lock only while writing)."""
    import cramptext.store.sqlite as sqlite_store

    monkeypatch.setattr(sqlite_store, "COMMIT_SECONDS", 0.0)
    target = tmp_path / TARGET["sqlite"]
    seen = []

    def results():
        for i in range(3):
            if i:
                with sqlite3.connect(target) as db:
                    seen.append(db.execute("SELECT count(*) FROM documents").fetchone()[0])
            yield synthetic(f"doc{i}.txt")

    export(results(), target, None, PROVENANCE)
    assert seen == [1, 2]


# ---------------------------------------------------------------- the command, on a real run

ARTICLE = "The reason that drives caviar can be reinforced sports. Dehydration can cause leg cramps.\n"


@pytest.mark.parametrize("fmt", FORMATS)
def test_command_round_trip_of_a_run(nlp, invoke, workdir: Path, fmt: str) -> None:
    import cramptext
    from cramptext.io.documents import Document

    Path("a.txt").write_text(ARTICLE, encoding="utf-8")
    Path("b.txt").write_text("Magnesium supplements help leg cramps. See a doctor if cramps are severe.\n",
                             encoding="utf-8")
    result = invoke("export", "a.txt", "b.txt", "./a.txt", "-o", TARGET[fmt])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("Analysed 2 documents: ") and "(2 added, 0 replaced, 0 unchanged)" in result.stderr
    run = cramptext.lint([Document("a.txt", ARTICLE), Document("b.txt", Path("b.txt").read_text())])
    tables = read(Path(TARGET[fmt]), fmt)
    claims = {(c.source, c.kind, c.concept, c.start, c.end, c.negated, c.hedged) for r in run.results for c in r.claims}
    assert {(c["source"], c["kind"], c["concept"], c["start"], c["end"], bool(c["negated"]), bool(c["hedged"]))
            for c in tables["claims"]} == claims
    assert len(tables["claims"]) == len(claims)
    findings = sorted((f.source, f.rule, f.start, f.end, f.message) for f in run.findings)
    assert sorted((f["source"], f["rule"], f["start"], f["end"], f["message"]) for f in tables["findings"]) == findings
    assert len(tables["triples"]) == sum(len(r.triples) for r in run.results)
    docs = {d["source"]: d for d in tables["documents"]}
    assert set(docs) == {"a.txt", "b.txt"}
    assert docs["a.txt"]["clean_text"] == run.results[0].cleaned()
    assert docs["a.txt"]["model"].startswith("en_core_web_sm") and len(docs["a.txt"]["ruleset_version"]) == 16
    again = invoke("export", "a.txt", "b.txt", "-o", TARGET[fmt])
    assert "(0 added, 0 replaced, 2 unchanged)" in again.stderr
    assert read(Path(TARGET[fmt]), fmt) == tables


def test_command_format_option_and_db_alias(nlp, invoke, workdir: Path) -> None:
    Path("a.txt").write_text(ARTICLE, encoding="utf-8")
    assert invoke("export", "a.txt", "-o", "tables", "--format", "parquet").exit_code == 0
    assert sorted(p.name for p in Path("tables").iterdir()) == sorted(f"{t.name}.parquet" for t in TABLES)
    assert invoke("export", "a.txt", "--db", "out.db").exit_code == 0
    assert read(Path("out.db"), "sqlite")["documents"][0]["source"] == "a.txt"
    both = invoke("export", "a.txt", "--db", "x.sqlite", "-o", "y.sqlite")
    assert (both.exit_code, both.stderr) == (2, "Error: -o and --db name different files; give one\n")
    none = invoke("export", "a.txt")
    assert (none.exit_code, none.stderr) == (2, "Error: missing -o OUT (the export to write)\n")


def test_the_readme_documents_the_schema_and_its_queries_run(tmp_path: Path) -> None:
    import re

    from cramptext.store.sqlite import schema_sql

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert schema_sql() in readme
    export([synthetic("a.txt")], tmp_path / "out.sqlite", None, PROVENANCE)
    section = readme.split("## Export", 1)[1].split("\n## ", 1)[0]
    queries = re.findall(r"```sql\n(--.*?)```", section, re.S)[0]
    with sqlite3.connect(tmp_path / "out.sqlite") as db:
        for query in re.split(r";\n", queries):
            if query.strip():
                db.execute(query).fetchall()
