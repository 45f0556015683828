"""Awkward-phrasing floors on the shared real-text development set and the fluent ("quiet") set.

Measured with ../shared/eval/score.py; skipped when ../shared is not beside
the repository. Floors sit a little under the measured figures (README).
"""
import pytest

from scoring import SCORER, SHARED, run_and_score

REAL = SHARED / "eval" / "real"


def false_alarms(scores: dict) -> list[str]:
    return [f"{source}: {m}" for source, misses in scores["misses"].items() for m in misses
            if m.startswith("false alarm")]
QUIET = SHARED / "eval" / "quiet"

pytestmark = pytest.mark.skipif(not (SCORER.exists() and (REAL / "gold.json").exists()),
                                reason="../shared/eval (scorer and real set) is not beside the repository")


@pytest.fixture(scope="module")
def real_scores(nlp, tmp_path_factory):
    return run_and_score(nlp, REAL / "gold.json", REAL / "texts", tmp_path_factory.mktemp("real"))


def test_real_awkward_recall_and_precision(real_scores):
    # Issue 8 asks for recall >= 0.60 at precision >= 0.6; measured 0.80 / 0.93, so a drop below these is a regression.
    awkward = real_scores["awkward"]
    assert awkward["recall"] >= 0.75, awkward
    assert awkward["precision"] >= 0.85, awkward


def test_real_plain_articles_get_no_phrasing_finding(real_scores):
    # Articles whose gold lists no awkward phrase (the fluent ones): every phrasing finding is a false alarm.
    awkward = real_scores["awkward"]
    assert awkward["false_alarms_per_1k_clean_words"] == 0, false_alarms(real_scores)


@pytest.mark.skipif(not (QUIET / "gold.json").exists(), reason="no quiet set")
def test_quiet_set_gets_no_phrasing_finding(nlp, tmp_path):
    scores = run_and_score(nlp, QUIET / "gold.json", QUIET / "texts", tmp_path)
    assert scores["awkward"]["false_alarms_per_1k_clean_words"] == 0, false_alarms(scores)
