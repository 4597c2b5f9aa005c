"""The corpus scorer on dev + seed, with floors that fail when extraction regresses.

``score.py`` is the corpus's own scorer (in ../shared/corpus, beside the project);
the predictions come from ``bordermap extract --format jsonl``.
"""

import importlib.util
import json
import os
import sys
from pathlib import Path

import pytest

from bordermap.cli import main
from tests.conftest import CORPUS, ROOT

SHARED = Path(os.environ.get("BORDERMAP_SHARED", ROOT.parent / "shared"))
SCORER = SHARED / "corpus" / "score.py"

FLOORS = {
    ("province", "all", "f1"): 0.85,
    ("province", "named", "f1"): 0.85,
    ("province", "violence", "f1"): 0.85,
    ("incidents", "f1"): 0.75,
    ("counts", "all", "lenient_accuracy"): 0.85,
    ("counts", "all", "strict_accuracy"): 0.85,
    ("event_type", "accuracy"): 0.85,
    ("date", "accuracy"): 0.75,
}


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    if not SCORER.is_file():
        pytest.skip(f"corpus scorer not found at {SCORER}; set BORDERMAP_SHARED")
    spec = importlib.util.spec_from_file_location("corpus_score", SCORER)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    tmp = tmp_path_factory.mktemp("score")
    pred = tmp / "pred.jsonl"
    assert (
        main(
            ["extract", str(ROOT / "seeds"), "--format", "jsonl", "-o", str(pred), "-q"]
        )
        == 0
    )
    gold = [
        json.loads(line)
        for name in ("dev", "seed")
        for line in (CORPUS / name / "gold.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
        if line.strip()
    ]
    result = score.score(gold, score.read_jsonl(str(pred)))
    print(score.render(result, by_article=True), file=sys.stderr)
    return result


@pytest.mark.parametrize("path", list(FLOORS), ids=lambda p: ".".join(p))
def test_floor(scores, path):
    value = scores
    for key in path:
        value = value[key]
    assert value is not None and value >= FLOORS[path], f"{'.'.join(path)} = {value}"


def test_every_gold_article_has_a_prediction(scores):
    assert scores["missing_predictions"] == []
    assert scores["articles"] == 11


def test_no_distractor_or_false_location(scores):
    assert scores["province"]["distractor_errors"] == 0
    assert scores["province"]["false_locations"] == 0
