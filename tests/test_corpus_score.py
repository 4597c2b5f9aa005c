"""The corpus scorer on the labelled articles, with floors that fail on regressions.

``score.py`` is the corpus's own scorer (in ../shared/corpus, beside the project);
the predictions come from ``bordermap extract --format jsonl``. Three sets:

* ``dev`` — the corpus dev articles and the seed (bundled in seeds/);
* ``held_out`` — our own articles on four borders, written before the rules
  for them (then used to fix general failures);
* ``fresh``, ``blind``, ``blind2``, ``blind3`` — our own articles labelled before
  the extractor first ran on them (each after the rules the one before exposed);
  docs/accuracy.md gives each first run as the honest unseen figure.
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

SETS = {
    "dev": (sorted((ROOT / "seeds").glob("*.md")), ["dev", "seed"]),
    "held_out": (sorted((CORPUS / "held_out").glob("*.md")), ["held_out"]),
    "fresh": (sorted((CORPUS / "fresh").glob("*.md")), ["fresh"]),
    "blind": (sorted((CORPUS / "blind").glob("*.md")), ["blind"]),
    "blind2": (sorted((CORPUS / "blind2").glob("*.md")), ["blind2"]),
    "blind3": (sorted((CORPUS / "blind3").glob("*.md")), ["blind3"]),
}
# The targets on dev + seed; the other sets keep a margin below today's.
FLOORS = {
    "dev": {
        ("province", "all", "f1"): 0.95,
        ("province", "violence", "f1"): 0.95,
        ("province", "named", "f1"): 0.98,
        ("incidents", "f1"): 0.80,
        ("counts", "all", "lenient_accuracy"): 0.90,
        ("counts", "all", "strict_accuracy"): 0.85,
        ("event_type", "accuracy"): 0.90,
        ("date", "accuracy"): 0.90,
    },
    "held_out": {
        ("province", "all", "f1"): 0.95,
        ("incidents", "f1"): 0.80,
        ("counts", "all", "lenient_accuracy"): 0.90,
        ("event_type", "accuracy"): 0.80,
        ("date", "accuracy"): 0.75,
    },
    "fresh": {
        ("province", "all", "f1"): 0.95,
        ("incidents", "f1"): 0.85,
        ("counts", "all", "lenient_accuracy"): 0.90,
        ("event_type", "accuracy"): 0.90,
        ("date", "accuracy"): 0.90,
    },
    "blind": {
        ("province", "all", "f1"): 0.95,
        ("province", "violence", "f1"): 0.95,
        ("incidents", "f1"): 0.85,
        ("counts", "all", "strict_accuracy"): 0.90,
        ("event_type", "accuracy"): 0.90,
        ("date", "accuracy"): 0.90,
    },
    "blind3": {
        # its labels count "the ceasefire brokered in Kuala Lumpur in October",
        # told as background, as an incident (MY-14); the real-news conventions
        # (tests/corpus/real/README.md) and the extractor do not: 0.917
        ("province", "all", "f1"): 0.90,
        ("province", "violence", "f1"): 0.85,
        ("incidents", "f1"): 0.78,
        ("counts", "all", "strict_accuracy"): 0.90,
        ("event_type", "accuracy"): 0.90,
        ("date", "accuracy"): 0.80,
    },
    "blind2": {
        ("province", "all", "f1"): 0.95,
        ("province", "violence", "f1"): 0.95,
        ("incidents", "f1"): 0.80,
        ("counts", "all", "strict_accuracy"): 0.90,
        ("event_type", "accuracy"): 0.90,
        ("date", "accuracy"): 0.90,
    },
}


@pytest.fixture(scope="module")
def scorer():
    if not SCORER.is_file():
        pytest.skip(f"corpus scorer not found at {SCORER}; set BORDERMAP_SHARED")
    spec = importlib.util.spec_from_file_location("corpus_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scores(scorer, tmp_path_factory):
    out = {}
    for name, (files, gold_dirs) in SETS.items():
        pred = tmp_path_factory.mktemp("score") / f"{name}.jsonl"
        argv = ["extract", *map(str, files), "--format", "jsonl", "-o", str(pred), "-q"]
        assert main(argv) == 0
        gold = [
            json.loads(line)
            for d in gold_dirs
            for line in (CORPUS / d / "gold.jsonl").read_text("utf-8").splitlines()
            if line.strip()
        ]
        out[name] = scorer.score(gold, scorer.read_jsonl(str(pred)))
        print(
            f"== {name}\n{scorer.render(out[name], by_article=True)}", file=sys.stderr
        )
    return out


@pytest.mark.parametrize(
    ("name", "path"),
    [(name, path) for name, floors in FLOORS.items() for path in floors],
    ids=lambda v: v if isinstance(v, str) else ".".join(v),
)
def test_floor(scores, name, path):
    value = scores[name]
    for key in path:
        value = value[key]
    floor = FLOORS[name][path]
    assert value is not None and value >= floor, f"{name}: {'.'.join(path)} = {value}"


@pytest.mark.parametrize("name", list(SETS))
def test_every_article_scored_and_no_false_location(scores, name):
    result = scores[name]
    assert result["missing_predictions"] == []
    assert result["province"]["distractor_errors"] == 0
    assert result["province"]["false_locations"] == 0


def test_dev_set_size(scores):
    assert scores["dev"]["articles"] == 11


# The real-news set (tests/corpus/real): scored only where its article texts are
# cached (they are third-party and never committed); floors a margin below now.
# Batches 1-2 are the pages the rules were written on; the whole set (batches
# 3 on were labelled after, each scored on its first run in docs/accuracy.md)
# keeps a floor of its own.
REAL_FLOORS = {
    "batches 1-2": {
        ("province", "all", "f1"): 0.78,
        ("province", "violence", "f1"): 0.78,
        ("incidents", "f1"): 0.50,
        ("counts", "all", "strict_accuracy"): 0.53,
        ("event_type", "accuracy"): 0.80,
        ("date", "accuracy"): 0.80,
    },
    "all": {
        ("province", "all", "f1"): 0.60,
        ("province", "violence", "f1"): 0.60,
        ("incidents", "f1"): 0.42,
        # 0.609 on batches 1-9; batch 10's 99 pages (first run 0.475) take the
        # 493 pages to 0.585
        ("counts", "all", "strict_accuracy"): 0.55,
        ("event_type", "accuracy"): 0.77,
        ("date", "accuracy"): 0.85,
    },
}
REAL_SETS = {"batches 1-2": {1, 2}, "all": None}


@pytest.fixture(scope="module")
def real_scores(scorer):
    from benchmarks.accuracy import predict_real, real_gold

    out = {}
    for name, batches in REAL_SETS.items():
        gold = real_gold(batches)
        if sum(len(arts) for arts in gold.values()) < 60:
            pytest.skip("the real-news articles are not cached (tests/corpus/real)")
        preds, errors = predict_real(gold)
        assert errors == {}
        arts = [a for case in gold for a in gold[case]]
        out[name] = scorer.score(arts, [p for case in preds for p in preds[case]])
    return out


@pytest.mark.parametrize(
    ("name", "path"),
    [(n, p) for n, floors in REAL_FLOORS.items() for p in floors],
    ids=lambda v: ".".join(v) if isinstance(v, tuple) else v,
)
def test_real_news_floor(real_scores, name, path):
    value = real_scores[name]
    for key in path:
        value = value[key]
    assert value is not None and value >= REAL_FLOORS[name][path], f"{'.'.join(path)}"


def test_real_news_puts_nothing_in_a_country_it_does_not_name(real_scores):
    assert real_scores["batches 1-2"]["province"]["false_locations"] == 0
