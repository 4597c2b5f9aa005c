"""Each benchmark runs end to end at a small size (no timing is asserted)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.__main__ import QUICK
from tests.conftest import ROOT


@pytest.mark.parametrize("name", list(QUICK))
def test_benchmark_smoke(name):
    result = subprocess.run(
        [sys.executable, *QUICK[name]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip()


SHARED = Path(os.environ.get("BORDERMAP_SHARED", ROOT.parent / "shared"))
SCORER = SHARED / "corpus" / "score.py"


def _accuracy(tmp_path, *args):
    if not SCORER.is_file():
        pytest.skip(f"corpus scorer not found at {SCORER}; set BORDERMAP_SHARED")
    env = {**os.environ, "BORDERMAP_REAL_CACHE": str(tmp_path)}
    return subprocess.run(
        [sys.executable, "-m", "benchmarks.accuracy", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )


def test_accuracy_without_a_cache_says_how_to_fill_it(tmp_path):
    result = _accuracy(tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "no real article is cached" in result.stdout


def test_accuracy_scores_a_cached_article_against_its_label(tmp_path):
    # an own-words stand-in under a real label's id: the plumbing, not the score
    gold = json.loads((ROOT / "tests/corpus/real/gold/TH-KH.jsonl").open().readline())
    words = gold["first_words"]
    (tmp_path / f"{gold['id']}.md").write_text(
        f"---\ndate: {gold['published']}\n---\n\n{words} Shells hit Surin.\n", "utf-8"
    )
    result = _accuracy(tmp_path, "--json", str(tmp_path / "out.json"))
    assert result.returncode == 0, result.stderr[-2000:]
    scores = json.loads((tmp_path / "out.json").read_text("utf-8"))
    assert scores["TH-KH now"]["articles"] == 1
    assert scores["TH-KH first run"]["articles"] == 1


def test_accuracy_scores_one_labelling_batch(tmp_path):
    # batch 1 (labels without "batch") and batch 2 stand-ins: --batch keeps one
    path = ROOT / "tests/corpus/real/gold/TH-KH.jsonl"
    labels = [json.loads(x) for x in path.read_text("utf-8").splitlines()]
    picked = [
        next(g for g in labels if g.get("batch", 1) == 1),
        next(g for g in labels if g.get("batch", 1) == 2),
    ]
    for gold in picked:
        (tmp_path / f"{gold['id']}.md").write_text(
            f"---\ndate: {gold['published']}\n---\n\n{gold['first_words']} "
            "Shells hit Surin.\n",
            "utf-8",
        )
    result = _accuracy(tmp_path, "--batch", "2", "--json", str(tmp_path / "out.json"))
    assert result.returncode == 0, result.stderr[-2000:]
    scores = json.loads((tmp_path / "out.json").read_text("utf-8"))
    assert scores["TH-KH now"]["articles"] == 1
    assert "1 cached real articles" in result.stdout
