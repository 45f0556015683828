"""Run cramptext on articles and score the output with ../shared/eval/score.py."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from cramptext.engine import Engine
from cramptext.io import Document
from cramptext.checks import load_rules

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
SEED_GOLD = SHARED / "eval" / "seed-gold.json"
SEED_DIR = SHARED / "seed"
OWN_GOLD = REPO / "tests" / "gold" / "articles-gold.json"
REAL_GOLD = SHARED / "eval" / "real" / "gold.json"
REAL_DIR = SHARED / "eval" / "real" / "texts"
CORPUS = REPO / "corpus"


def run_and_score(nlp, gold: Path, text_dir: Path, tmp_path: Path) -> dict:
    """Score.py's JSON result for cramptext's claims, findings and triples on the gold's documents
    (links are scored only where the gold has them)."""
    data = json.loads(gold.read_text(encoding="utf-8"))
    sources = [d["source"] for d in data.get("documents", [data])]
    documents = [Document(str(text_dir / s), (text_dir / s).read_text(encoding="utf-8")) for s in sources]
    claims, findings, triples = tmp_path / "claims.jsonl", tmp_path / "findings.jsonl", tmp_path / "triples.jsonl"
    with claims.open("w") as c_out, findings.open("w") as f_out, triples.open("w") as t_out:
        for result in Engine(nlp, load_rules()).run(documents):
            c_out.writelines(json.dumps(c.to_dict()) + "\n" for c in result.claims)
            f_out.writelines(json.dumps(f.to_dict()) + "\n" for f in result.findings)
            t_out.writelines(json.dumps(t.to_dict()) + "\n" for t in result.triples)
    out = subprocess.run([sys.executable, str(SCORER), str(gold), str(text_dir), str(claims), str(findings),
                          str(triples), "--json"], check=True, capture_output=True, text=True).stdout
    return json.loads(out)
