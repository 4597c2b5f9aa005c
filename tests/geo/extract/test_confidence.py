"""Each incident's confidence: computed, carried to every output, and filtered on."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from bordermap.cli import main
from bordermap.geo.extract.confidence import calibrate, sure_enough
from bordermap.geo.extract.incidents import article_incidents, merge_reports
from bordermap.geo.extract.learned import LinearModel, model, recording, using
from bordermap.geo.places.gazetteer import load_gazetteer
from bordermap.geo.records import Article, Change
from bordermap.geo.review.corrections import COLUMNS
from tests.geo.review.test_review import ROCKETS, SHELLS, TEXT

# a model of our own making: an incident with a death toll is sure (0.953), any
# other is a coin toss (0.5)
SURE_OF_KILLINGS = LinearModel(
    {
        "classes": ["no", "yes"],
        "intercept": [0.0],
        "weights": {"count=killed": [3.0]},
        "threshold": 0.5,
    }
)


@pytest.fixture
def article(report_file):
    return report_file


def _incidents():
    a = Article(id="a", text=TEXT, published=date(2025, 11, 10))
    return article_incidents(a, load_gazetteer())


def test_each_incident_gets_the_models_probability():
    with using("confidence", SURE_OF_KILLINGS), recording("confidence") as seen:
        found = {i.quote.text: i.confidence for i in _incidents()}
    assert found == {ROCKETS: 0.953, SHELLS: 0.5}
    known = dict(seen)
    assert known["a-01"]["count=killed"] == 1.0 and "count=killed" not in known["a-02"]
    assert known["a-01"]["precision=admin2"] == 1.0
    with using("confidence", None):
        assert {i.confidence for i in _incidents()} == {None}


def test_the_calibration_map_is_monotone_and_clamped():
    knots = [[0.1, 0.05], [0.5, 0.4], [0.9, 0.95]]
    values = [calibrate(p / 20, knots) for p in range(21)]
    assert values == sorted(values)
    assert values[0] == 0.05 and values[-1] == 0.95
    assert calibrate(0.3, knots) == pytest.approx(0.225)


def test_one_incident_told_by_two_articles_takes_the_surer_reading():
    with using("confidence", SURE_OF_KILLINGS):
        first = _incidents()
        again = article_incidents(
            Article(id="b", text=SHELLS, published=date(2025, 11, 10)), load_gazetteer()
        )
    merged = [i for i in merge_reports(first + again) if len(i.sources) == 2]
    assert len(merged) == 1 and merged[0].confidence == 0.5
    sure = [i for i in merge_reports(first + first) if i.quote.text == ROCKETS]
    assert sure[0].confidence == 0.953


def test_a_reviewed_or_unscored_incident_passes_any_minimum():
    rockets, shells = (i for i in _with_model())
    assert sure_enough(shells, None) and not sure_enough(shells, 0.6)
    assert sure_enough(rockets, 0.6)
    kept = shells.__class__(**{**_fields(shells), "review": (Change("kept", "", ""),)})
    assert sure_enough(kept, 0.99)
    unscored = shells.__class__(**{**_fields(shells), "confidence": None})
    assert sure_enough(unscored, 0.99)


def _with_model():
    with using("confidence", SURE_OF_KILLINGS):
        return _incidents()


def _fields(inc) -> dict:
    return {name: getattr(inc, name) for name in inc.__slots__}


def test_every_output_format_carries_the_confidence(article, tmp_path, capsys):
    with using("confidence", SURE_OF_KILLINGS):
        assert main(["extract", str(article), "-q"]) == 0
        row = json.loads(capsys.readouterr().out)
        assert [i["confidence"] for i in row["incidents"]] == [0.953, 0.5]
        assert main(["extract", str(article), "--format", "csv", "-q"]) == 0
        table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
        assert sorted(r["confidence"] for r in table) == ["0.5", "0.953"]
        assert main(["extract", str(article), "--format", "geojson", "-q"]) == 0
        features = json.loads(capsys.readouterr().out)["features"]
        assert sorted(f["properties"]["confidence"] for f in features) == [0.5, 0.953]
        out = tmp_path / "map.html"
        assert main(["map", str(article), "-o", str(out), "--offline", "-q"]) == 0
    page = out.read_text(encoding="utf-8")
    assert "confidence 0.95" in page and "confidence 0.50" in page


@pytest.mark.parametrize("form", ["jsonl", "csv"])
def test_min_confidence_leaves_out_the_doubtful(article, form, capsys):
    with using("confidence", SURE_OF_KILLINGS):
        argv = ["extract", str(article), "--format", form, "-q", "--min-confidence"]
        assert main([*argv, "0.6"]) == 0
        text = capsys.readouterr().out
    assert "Kap Choeng" in text and "Kantharalak" not in text


def test_min_confidence_keeps_what_a_reviewer_kept(article, tmp_path, capsys):
    corrections = tmp_path / "corrections.csv"
    keep = {"article": "a1", "quote": SHELLS, "type": "shelling"}
    keep |= {"incident": "a1-02", "action": "keep", "reviewer": "ana"}
    with corrections.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, restval="")
        w.writeheader()
        w.writerow(keep)
    with using("confidence", SURE_OF_KILLINGS):
        argv = [
            "extract",
            str(article),
            "-q",
            "--min-confidence",
            "0.99",
            "--corrections",
            str(corrections),
        ]
        assert main(argv) == 0
    kept = json.loads(capsys.readouterr().out)["incidents"]
    assert [i["quote"] for i in kept] == [SHELLS]


@pytest.mark.parametrize("value", ["1.5", "-0.1", "sure"])
def test_a_minimum_that_is_no_probability_is_one_error_line(article, value, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["extract", str(article), "--min-confidence", value])
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert "give a probability from 0 to 1" in err[-1]


def test_the_shipped_model_is_calibrated_on_borders_it_never_saw():
    found = model("confidence")
    assert found is not None, "models/confidence.json.gz is shipped"
    held_out = found.meta["held_out"][found.meta["held_out"]["shipped"]]
    assert held_out["ece"] <= 0.05 and held_out["n"] >= 1000
    xs = [x for x, _ in found.calibration]
    ys = [y for _, y in found.calibration]
    assert xs == sorted(xs) and ys == sorted(ys)
    values = [i.confidence for i in _incidents()]
    assert values and all(0.0 <= v <= 1.0 for v in values)
