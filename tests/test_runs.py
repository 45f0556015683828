"""Runs at corpus scale (issue 10): results stream out in input order as documents are done,
a stopped run keeps what it did, the cache, parallel and Dask runs give the same records as a
plain run, only edited sentences are parsed again, long articles go through in bounded pieces,
and a size limit guards against worse."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

import pytest

from cramptext.api import engine_spec, rules_for
from cramptext.config import Config
from cramptext.io.documents import Document
from cramptext.runner import RunOptions, analyse

REPO = Path(__file__).resolve().parents[1]
CRAMPTEXT = [sys.executable, "-P", "-c", "from cramptext.cli import main; main()"]

ARTICLES = [
    "Night cramps in the calves are often caused by dehydration. Drink more water during the day.\n",
    "Leg cramps at night may come from a lack of magnesium.\n\nStretching the calf before bed helps. "
    "If cramps persist, see a doctor.\n",
    "Drives caviar at night. The reason can be reinforced sports.\n\nMassage the muscle and take a warm bath.\n",
    "Statins can cause muscle cramps. Talk to your doctor before you stop taking them.\n",
    "Pregnancy often brings leg cramps at night. Calcium-rich food and gentle stretching may help.\n",
    "Diuretics wash out potassium, which can cause cramps in the legs.\n\nEat bananas and dried apricots.\n",
]


def documents(n: int = 6) -> list[Document]:
    return [Document(f"doc{i:02d}.txt", ARTICLES[i % len(ARTICLES)] + f"Note {i}.\n") for i in range(n)]


def records(results) -> list[dict]:
    """Every record of a run, comparable across runs (summaries included)."""
    out = []
    for r in results:
        out.append({"source": r.document.source, "summary": asdict(r.summary()),
                    "claims": [c.to_dict() for c in r.claims], "findings": [f.to_dict() for f in r.findings],
                    "triples": [t.to_dict() for t in r.triples]})
    return out


@contextmanager
def texts_parsed(engine, parsed: list[str], calls: list[list[str]] | None = None):
    """Every text the engine's pipeline is asked to parse, into ``parsed`` (and the texts of each
    call together into ``calls``)."""
    real_pipe = engine.nlp.pipe

    def spy(texts, *args, **kwargs):
        texts = list(texts)
        parsed.extend(texts)
        if calls is not None:
            calls.append(texts)
        return real_pipe(texts, *args, **kwargs)

    engine.nlp.pipe = spy
    try:
        yield
    finally:
        del engine.nlp.pipe


@pytest.fixture(scope="module")
def spec():
    config = Config()
    return engine_spec(config, rules_for(config))


# ---------------------------------------------------------------- the same records, however run

def test_processes_give_the_records_of_a_plain_run_in_input_order(nlp, spec) -> None:
    docs = documents(9)
    plain = records(analyse(docs, spec, RunOptions(cache=False)))
    parallel = records(analyse(docs, spec, RunOptions(jobs=2, cache=False)))
    assert [r["source"] for r in parallel] == [d.source for d in docs]
    assert parallel == plain
    assert sum(len(r["claims"]) for r in plain) > 9


@pytest.mark.filterwarnings("ignore")
def test_dask_local_cluster_gives_the_records_of_a_plain_run(nlp, spec) -> None:
    pytest.importorskip("dask.distributed")
    docs = documents(5)
    plain = records(analyse(docs, spec, RunOptions(cache=False)))
    on_dask = records(analyse(docs, spec, RunOptions(engine="dask", jobs=1, cache=False)))
    assert on_dask == plain


def test_the_checks_across_documents_see_every_document_in_order(nlp) -> None:
    config = Config(select=("ALL", "CT302"), extend_select=("CT302",))
    spec = engine_spec(config, rules_for(config))
    assert spec.corpus_codes == ("CT302",)
    docs = [Document("a.txt", "Quinine helps with leg cramps at night.\n"),
            Document("b.txt", "Quinine does not help with leg cramps at night.\n")]
    plain = records(analyse(docs, spec, RunOptions(cache=False)))
    parallel = records(analyse(docs, spec, RunOptions(jobs=2, cache=False)))
    assert parallel == plain
    assert any(f["rule"] == "CT302" for f in plain[1]["findings"])


# ---------------------------------------------------------------- the cache

def test_a_cached_rerun_neither_loads_the_model_nor_parses(nlp, spec, tmp_path: Path, monkeypatch) -> None:
    import cramptext.runner.spec as runner_spec

    options = RunOptions(cache_dir=str(tmp_path))
    docs = documents(4)
    first = records(analyse(docs, spec, options))

    def no_engine(_spec):
        raise AssertionError("the engine was built: the model would be loaded")

    monkeypatch.setattr(runner_spec, "engine_for_spec", no_engine)
    monkeypatch.setattr("cramptext.runner.engine_for_spec", no_engine)
    assert records(analyse(docs, spec, options)) == first
    # a copy under another name is the same text: cached too, with its own path in every record
    copy = [Document("elsewhere/copy.txt", docs[1].text)]
    (moved,) = records(analyse(copy, spec, options))
    assert {c["source"] for c in moved["claims"]} == {"elsewhere/copy.txt"}
    assert moved["claims"] == [dict(c, source="elsewhere/copy.txt") for c in first[1]["claims"]]


def _run_then_tell_if_imported(module: str) -> str:
    """A ``python -c`` script: the cramptext command of its arguments, then on stderr whether it imported ``module``."""
    return ("import sys\nfrom cramptext.cli import main\nsys.argv = ['cramptext'] + sys.argv[1:]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            f"print({module!r} in sys.modules, file=sys.stderr)\n")


def test_a_cached_run_of_the_command_does_not_import_spacy(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLES[0], encoding="utf-8")
    env = dict(os.environ, CRAMPTEXT_CACHE_DIR=str(tmp_path / "cache"))
    command = [sys.executable, "-P", "-c", _run_then_tell_if_imported("spacy"), "export", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out.sqlite")]
    cold = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    warm = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert cold.stderr.strip().endswith("True"), cold.stderr
    assert warm.stderr.strip().endswith("False"), warm.stderr
    assert "1 unchanged" in warm.stderr


def test_the_readability_grade_needs_no_textacy_and_pyphen_only_for_a_long_paragraph(tmp_path: Path) -> None:
    """textacy (with scikit-learn and SciPy, 0.8 s to import) is never loaded by a run; pyphen's
    dictionaries only once a paragraph is long enough to grade."""
    short = "Night cramps in the calves are common.\n\nMagnesium may help some people.\n"
    long = ("Nocturnal calf cramps frequently accompany electrolyte abnormalities, peripheral vascular "
            "insufficiency and pharmacological interventions, particularly thiazide diuretics and statins. " * 3
            ).strip() + "\n"
    loaded = {}
    for module in ("textacy", "pyphen"):
        script = _run_then_tell_if_imported(module)
        for name, text in (("short", short), ("long", long)):
            (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
            run = subprocess.run([sys.executable, "-P", "-c", script, "lint", str(tmp_path / f"{name}.txt"),
                                  "--no-cache", "--format", "jsonl"], capture_output=True, text=True, timeout=300)
            loaded[module, name] = run.stderr.strip().splitlines()[-1]
            if name == "long":
                assert "CT501" in run.stdout, run.stdout
    assert loaded == {("textacy", "short"): "False", ("textacy", "long"): "False",
                      ("pyphen", "short"): "False", ("pyphen", "long"): "True"}


def test_a_changed_rule_set_rechecks_without_parsing_again(nlp, tmp_path: Path) -> None:
    from cramptext.runner.cache import ParseCache
    from cramptext.runner.spec import engine_for_spec

    config = Config()
    all_rules = rules_for(config)
    fewer = engine_spec(config, [r for r in all_rules if r.code != "CT501"])
    every = engine_spec(config, all_rules)
    parses = ParseCache(tmp_path / "cache.sqlite", "model")
    docs = documents(3)
    list(engine_for_spec(fewer).analyse(docs, parses=parses))
    engine = engine_for_spec(every)
    parsed: list[str] = []
    with texts_parsed(engine, parsed):
        again = list(engine.analyse(docs, parses=parses))
    assert [t for t in parsed if t in {d.text for d in docs}] == []  # no document parsed again
    assert records(again) == records(engine_for_spec(every).analyse(docs))
    # A stored parse keeps the parse, not the tok2vec tensor nothing reads (96 floats a word).
    from spacy.tokens import Doc

    stored = Doc(nlp.vocab).from_bytes(parses.get(docs[0].text))
    assert stored.text == docs[0].text and stored.has_annotation("DEP") and stored.tensor.size == 0
    with_tensor = nlp(docs[0].text).to_bytes(exclude=["user_data"])
    assert len(parses.get(docs[0].text)) < len(with_tensor) - 300 * len(stored)


def test_a_run_with_other_rules_reuses_the_parses_of_the_last(nlp, tmp_path: Path) -> None:
    from cramptext.runner.spec import engine_for_spec

    config = Config()
    all_rules = rules_for(config)
    fewer = engine_spec(config, [r for r in all_rules if r.code != "CT402"])
    every = engine_spec(config, all_rules)
    options = RunOptions(cache_dir=str(tmp_path))
    docs = documents(3)
    list(analyse(docs, fewer, options))
    engine = engine_for_spec(every)
    parsed: list[str] = []
    with texts_parsed(engine, parsed):
        again = records(analyse(docs, every, options))
    assert not {d.text for d in docs} & set(parsed)
    assert again == records(analyse(docs, every, RunOptions(cache=False)))


def test_no_cache_reads_and_writes_nothing(nlp, spec, tmp_path: Path) -> None:
    list(analyse(documents(2), spec, RunOptions(cache=False, cache_dir=str(tmp_path))))
    assert not (tmp_path / "cache.sqlite").exists()


# ---------------------------------------------------------------- one pass, only what changed parsed again

def test_only_the_sentences_an_edit_touches_are_parsed_again(nlp, spec) -> None:
    from cramptext.runner.spec import engine_for_spec

    engine = engine_for_spec(spec)
    untouched = "Dehydration is a common cause of cramps in the legs. Drink water through the day."
    neighbour = "Massage helps in the evening."
    edited = "The reason that drives caviar can be reinforced sports."
    text = f"{untouched}\n\n{neighbour} {edited}\n\n{untouched} Stretch the calf before bed.\n"
    parsed: list[str] = []
    with texts_parsed(engine, parsed):
        (result,) = engine.analyse([Document("a.txt", text)])
    assert parsed[0] == text  # the whole text once
    assert len(parsed) == 2 and "caviar" not in parsed[1] and untouched not in parsed[1]
    assert parsed[1].startswith("The reason")  # not its paragraph's other sentence
    assert ("cause", "overexertion") in {(c.kind, c.concept) for c in result.claims}  # read in the new parse
    for claim in result.claims:
        assert text[claim.start:claim.end] == claim.text
    # the joined parse is the parse of the cleaned text, sentence for sentence
    cleaned = result.cleaned()
    assert "caviar" not in cleaned


def test_a_long_article_without_breaks_goes_through_in_bounded_pieces(nlp) -> None:
    from cramptext.engine import Engine
    from cramptext.nlp.pipeline import chunks

    config = Config()
    rules = rules_for(config)
    sentence = "Dehydration can cause leg cramps at night, so drink water and stretch the calf. "
    text = sentence * 400  # one paragraph, no line break: about 32,000 characters
    engine = Engine(nlp, rules, chunk_chars=2_000)
    assert max(len(piece) for _, piece in chunks(text, 2_000)) <= 2_000
    (result,) = engine.run([Document("long.txt", text)])
    dehydration = [c for c in result.claims if c.concept == "dehydration"]
    assert len(dehydration) >= 300  # found all along the text, not only in the first piece
    for claim in result.claims:
        assert text[claim.start:claim.end] == claim.text


def test_the_parser_is_given_a_long_piece_in_bounded_windows(nlp, spec) -> None:
    """The parser's memory grows with its input: a piece longer than PARSE_CHARS goes in windows,
    joined again into one parse of the whole piece (claims found all along, offsets exact)."""
    from cramptext.engine import PARSE_CHARS
    from cramptext.runner.spec import engine_for_spec

    engine = engine_for_spec(spec)
    sentence = "Dehydration can cause leg cramps at night, so drink water and stretch the calf. "
    text = sentence * (2 * PARSE_CHARS // len(sentence) + 10)  # one paragraph, over two windows
    parsed: list[str] = []
    with texts_parsed(engine, parsed):
        (result,) = engine.analyse([Document("long.txt", text)])
    assert len(parsed) >= 3 and max(map(len, parsed)) <= PARSE_CHARS
    assert "".join(parsed) == text
    dehydration = [c for c in result.claims if c.concept == "dehydration"]
    assert len(dehydration) >= text.count("Dehydration") - 2  # a sentence cut at a window may lose one
    for claim in result.claims:
        assert text[claim.start:claim.end] == claim.text


def test_documents_in_hand_are_parsed_together_within_the_window_bound(nlp, spec) -> None:
    """A worker's batch goes to the parser a few texts at a time (faster), never more than
    PARSE_CHARS at once, and with the same records as one by one; by default, one at a time
    (a batch would wait for the next document to be read)."""
    from cramptext.engine import PARSE_CHARS
    from cramptext.runner.spec import engine_for_spec

    engine = engine_for_spec(spec)
    given = documents(6)
    whole = {d.text for d in given}
    runs = {}
    for batch in (1, 4):
        calls: list[list[str]] = []
        with texts_parsed(engine, [], calls):
            runs[batch] = records(engine.analyse(given, batch=batch))
        first_pass = [texts for texts in calls if set(texts) <= whole]
        assert sum(len(texts) for texts in first_pass) == len(given)
        assert all(sum(map(len, texts)) <= PARSE_CHARS or len(texts) == 1 for texts in first_pass)
        if batch == 1:
            assert all(len(texts) == 1 for texts in first_pass)
        else:
            assert max(len(texts) for texts in first_pass) > 1
    assert runs[4] == runs[1] and any(r["claims"] for r in runs[1])


def test_the_model_runs_on_numpys_blas_held_to_one_thread_while_parsing(nlp, spec) -> None:
    """thinc's layers multiply with numpy's BLAS, not BLIS (a third less parse time); the engine
    holds that BLAS to one thread while it parses (one core a process, --jobs for more) and lets
    it go afterwards."""
    from threadpoolctl import threadpool_info

    from cramptext.runner.spec import engine_for_spec

    engine = engine_for_spec(spec)
    list(engine.analyse(documents(1)))  # the BLAS libraries the engine holds are those loaded by now
    numpys = {lib["filepath"] for lib in threadpool_info() if lib["user_api"] == "blas"
              and "numpy" in lib["filepath"]}  # numpy's own (other tests may load SciPy's too)

    def blas_threads() -> set[int]:
        return {lib["num_threads"] for lib in threadpool_info() if lib["filepath"] in numpys}

    layers = [engine.nlp.get_pipe(name).model for name in ("tok2vec", "tagger", "parser")]
    assert all(layer.ops.use_blis is False for model in layers for layer in model.walk())
    before, during = blas_threads(), []
    real_pipe = engine.nlp.pipe

    def watched(texts, *args, **kwargs):
        for doc in real_pipe(texts, *args, **kwargs):
            during.append(blas_threads())
            yield doc

    engine.nlp.pipe = watched
    try:
        assert all(result.claims for result in engine.analyse(documents(2)))
    finally:
        del engine.nlp.pipe
    assert before and during and all(threads == {1} for threads in during)
    assert blas_threads() == before


def test_no_parse_outlives_its_document(nlp, spec) -> None:
    """Memory does not grow with the number of documents: a parse is freed once its result is out
    (the engine's shared per-Doc results keep a few at most)."""
    import gc
    import weakref

    from cramptext.runner.spec import engine_for_spec

    engine = engine_for_spec(spec)
    alive: list = []
    real_pipe = engine.nlp.pipe

    def tracked(texts, *args, **kwargs):
        for doc in real_pipe(texts, *args, **kwargs):
            alive.append(weakref.ref(doc))
            yield doc

    engine.nlp.pipe = tracked
    try:
        for result in engine.analyse(documents(6) * 4):  # translated ones are parsed twice
            assert result.claims
    finally:
        del engine.nlp.pipe
    gc.collect()
    assert len(alive) >= 24
    assert sum(ref() is not None for ref in alive) <= 4


# ---------------------------------------------------------------- the command line: streaming, stopping, limits

def _fifo_run(tmp_path: Path, args: list[str], n: int = 12):
    """The command over ``n`` articles and then a named pipe nobody writes to yet: whatever comes
    out before the pipe is written came before the last document was even read."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for doc in documents(n):
        (folder / doc.source).write_text(doc.text, encoding="utf-8")
    fifo = tmp_path / "last.txt"
    os.mkfifo(fifo)
    proc = subprocess.Popen([*CRAMPTEXT, *args, str(folder), str(fifo)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    return proc, fifo


def _release(fifo: Path, text: str = "Magnesium may help with cramps in the legs.\n") -> None:
    with open(fifo, "w", encoding="utf-8") as pipe:
        pipe.write(text)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_the_first_record_is_written_before_the_last_file_is_read(tmp_path: Path) -> None:
    proc, fifo = _fifo_run(tmp_path, ["extract", "--format", "jsonl", "--no-cache"])
    first: list[str] = []
    reader = threading.Thread(target=lambda: first.append(proc.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout=240)
    try:
        assert first and first[0], proc.stderr.read() if proc.poll() is not None else "no record yet"
        assert proc.poll() is None  # still waiting for the last file
        assert json.loads(first[0])["source"].endswith("doc00.txt")
    finally:
        _release(fifo)
    rest, err = proc.communicate(timeout=240)
    sources = [json.loads(line)["source"] for line in (first[0] + rest).splitlines()]
    assert proc.returncode == 0, err
    assert sources[-1].endswith("last.txt")
    assert sources == sorted(sources, key=lambda s: (s.endswith("last.txt"), s))  # input order


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_an_interrupted_export_keeps_the_documents_done(tmp_path: Path) -> None:
    target = tmp_path / "out.sqlite"
    proc, fifo = _fifo_run(tmp_path, ["export", "-o", str(target), "--no-cache"], n=10)
    deadline = time.monotonic() + 240
    written = 0
    while time.monotonic() < deadline and proc.poll() is None:
        if target.exists():
            try:
                with sqlite3.connect(target) as db:
                    written = db.execute("SELECT count(*) FROM documents").fetchone()[0]
            except sqlite3.Error:
                written = 0
            if written:
                break
        time.sleep(0.2)
    assert written >= 1, proc.stderr.read() if proc.poll() is not None else "nothing committed"
    time.sleep(1.0)  # the analysis has reached the pipe: the run waits there, documents 1-10 done
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    _release_quietly(fifo)
    assert proc.returncode == 130 and "interrupted" in err, err
    with sqlite3.connect(target) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        sources = [row[0] for row in db.execute("SELECT source FROM documents")]
    assert len(sources) == 10 and not any(s.endswith("last.txt") for s in sources)


def _release_quietly(fifo: Path) -> None:
    """Unblock nobody: the reader is gone; opening for writing would wait, so open non-blocking."""
    try:
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    except OSError:
        pass


def test_an_article_over_the_size_limit_is_skipped_with_one_line(invoke, workdir: Path) -> None:
    (workdir / "small.txt").write_text(ARTICLES[0], encoding="utf-8")
    (workdir / "big.txt").write_text(ARTICLES[1] * 50, encoding="utf-8")
    result = invoke("extract", "big.txt", "small.txt", "--format", "jsonl", "--max-size", "2kb")
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert errors == [f"Error: big.txt: {len(ARTICLES[1] * 50):,} bytes, over the size limit of 2,000 "
                      "(max_size in the configuration, or --max-size); not analysed"]
    assert {json.loads(line)["source"] for line in result.stdout.splitlines()} == {"small.txt"}
    assert "Traceback" not in result.stderr


def test_a_bad_size_limit_is_a_usage_error(invoke, workdir: Path) -> None:
    (workdir / "a.txt").write_text(ARTICLES[0], encoding="utf-8")
    result = invoke("extract", "a.txt", "--max-size", "lots")
    assert result.exit_code == 2
    assert "max-size" in result.stderr and "'lots'" in result.stderr and "Traceback" not in result.stderr


def test_scheduler_needs_the_dask_engine(invoke, workdir: Path) -> None:
    (workdir / "a.txt").write_text(ARTICLES[0], encoding="utf-8")
    result = invoke("export", "a.txt", "-o", "out.sqlite", "--scheduler", "tcp://127.0.0.1:1")
    assert result.exit_code == 2 and "--scheduler needs --engine dask" in result.stderr


def test_export_writes_every_output_of_the_one_pass_and_names_them(invoke, workdir: Path) -> None:
    for doc in documents(3):
        (workdir / doc.source).write_text(doc.text, encoding="utf-8")
    (workdir / "out").mkdir()
    result = invoke("export", ".", "-o", "out/db.sqlite", "--cleaned", "out/clean", "--report", "out/report.html",
                    "--no-cache")
    assert result.exit_code == 0, result.stderr
    assert (workdir / "out/report.html").is_file()
    assert sorted(p.name for p in (workdir / "out/clean").iterdir()) == ["doc00.txt", "doc01.txt", "doc02.txt"]
    cleaned = (workdir / "out/clean/doc02.txt").read_text(encoding="utf-8")
    assert "caviar" not in cleaned and "Drives calves at night" in cleaned
    with sqlite3.connect(workdir / "out/db.sqlite") as db:
        stored = db.execute("SELECT clean_text FROM documents WHERE source LIKE '%doc02.txt'").fetchone()[0]
    assert stored == cleaned
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Analysed 3 documents:") and "findings:" in lines[0]
    assert any(line.startswith("Wrote the export to out/db.sqlite (3 added") for line in lines)
    assert "Wrote the cleaned texts to out/clean." in lines and "Wrote the HTML report to out/report.html." in lines


def test_no_progress_bar_when_stderr_is_not_a_terminal(invoke, workdir: Path) -> None:
    (workdir / "a.txt").write_text(ARTICLES[0], encoding="utf-8")
    result = invoke("extract", "a.txt", "--format", "jsonl", "-o", "claims.jsonl")
    assert result.exit_code == 0
    assert "doc/s" not in result.stderr and "words/s" not in result.stderr and "\r" not in result.stderr
    assert result.stderr.strip().startswith("Wrote ") and result.stderr.strip().endswith("to claims.jsonl.")


def test_the_progress_bar_counts_documents_and_words(capsys) -> None:
    from cramptext.output.progress import Progress
    from cramptext.results import DocumentResult

    with Progress(total=2, enabled=True) as progress:
        progress.update(DocumentResult(Document("a.txt", "one two three")))
        progress.update(DocumentResult(Document("b.txt", "four five")))
        assert progress.words == 5
        assert progress.bar.n == 2 and progress.bar.total == 2
        assert progress.bar.postfix.endswith("words/s")
    assert "analysing" in capsys.readouterr().err


def test_a_document_the_engine_fails_on_is_one_error_and_the_run_goes_on(nlp, invoke, workdir: Path,
                                                                          monkeypatch) -> None:
    import cramptext.engine

    real = cramptext.engine.translation_score

    def fails_on_boom(text, findings):
        if "BOOM" in text:
            raise ValueError("something inside broke")
        return real(text, findings)

    monkeypatch.setattr(cramptext.engine, "translation_score", fails_on_boom)
    (workdir / "a.txt").write_text(ARTICLES[0], encoding="utf-8")
    (workdir / "b.txt").write_text("BOOM. " + ARTICLES[1], encoding="utf-8")
    (workdir / "c.txt").write_text(ARTICLES[3], encoding="utf-8")
    result = invoke("extract", "a.txt", "b.txt", "c.txt", "--format", "jsonl", "--no-cache")
    assert result.exit_code == 2
    assert result.stderr == "Error: b.txt: cannot be analysed: ValueError: something inside broke\n"
    assert {json.loads(line)["source"] for line in result.stdout.splitlines()} == {"a.txt", "c.txt"}
    export = invoke("export", "a.txt", "b.txt", "c.txt", "-o", "out.sqlite", "--no-cache")
    assert export.exit_code == 2 and "Error: b.txt: cannot be analysed" in export.stderr
    with sqlite3.connect(workdir / "out.sqlite") as db:
        assert [r[0] for r in db.execute("SELECT source FROM documents ORDER BY source")] == ["a.txt", "c.txt"]
