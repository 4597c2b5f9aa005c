"""The learned event type's runtime: features, a model read from plain data, its use."""

from __future__ import annotations

from datetime import date

from bordermap.geo.extract.incidents import article_incidents
from bordermap.geo.extract.learned import LinearModel, features, model, retype, using
from bordermap.geo.places.gazetteer import load_gazetteer
from bordermap.geo.records import Article

# a model of our own making: "mortar", "howitzers" and "pounded" say shelling
_MODEL = LinearModel(
    {
        "classes": ["armed_clash", "shelling"],
        "intercept": [0.5, -0.5],
        "weights": {
            "g=<mor": [-2.0, 2.0],
            "w=howitzers": [-3.0, 3.0],
            "w=pounded": [-3.0, 3.0],
        },
        "threshold": 0.8,
    }
)


def test_features_are_words_and_letter_runs():
    found = features("Mortars hit")
    assert {"w=mortars", "w=hit", "g=<mor", "g=ars>"} <= found
    assert features("ยิงปืนใหญ่") == {
        "t=ยิง",
        "t=ิงป",
        "t=งปื",
        "t=ปืน",
        "t=ืนใ",
        "t=นให",
        "t=ใหญ",
        "t=หญ่",
    }


def test_the_model_gives_probabilities_that_sum_to_one():
    probs = _MODEL.probabilities("Howitzers pounded the hamlets")
    assert abs(sum(probs.values()) - 1) < 1e-9
    assert _MODEL.predict("Howitzers pounded the hamlets")[0] == "shelling"
    assert _MODEL.predict("Troops exchanged fire")[0] == "armed_clash"


def test_only_the_rules_fallback_is_open_to_the_model():
    with using("event_type", _MODEL):
        assert retype("armed_clash", "Howitzers pounded the hamlets") == "shelling"
        assert retype("armed_clash", "Troops exchanged fire") == "armed_clash"
        assert retype("air_strike", "Howitzers pounded the hamlets") == "air_strike"
        assert (
            retype("evacuation_displacement", "Howitzers") == "evacuation_displacement"
        )
    with using("event_type", None):
        assert retype("armed_clash", "Howitzers pounded the hamlets") == "armed_clash"


def test_no_model_is_shipped_the_rules_decide():
    # the learned type did not beat the rules border by border (docs/accuracy.md)
    assert model("event_type") is None


def test_the_extractor_asks_the_model_in_use():
    # no trigger word: the rules read the killing alone as an armed clash
    text = "Troops pounded the hamlets of Surin on Monday, killing two villagers."
    article = Article(id="l", text=text, published=date(2025, 7, 28))
    with using("event_type", None):
        rules = {i.event_type for i in article_incidents(article, load_gazetteer())}
    with using("event_type", _MODEL):
        learned = {i.event_type for i in article_incidents(article, load_gazetteer())}
    assert rules == {"armed_clash"} and learned == {"shelling"}


def test_the_shipped_report_model_says_what_it_was_trained_on():
    found = model("report")
    assert found is not None and found.classes == ("no", "yes")
    assert found.meta["library"].startswith("scikit-learn")
    assert len(found.meta["training_data_sha256"]) == 64
    assert found.meta["sentences"] >= 3000 and found.meta["borders"] >= 40


def test_a_sentence_sure_to_tell_no_incident_gives_none():
    # an accusation about the past: the rules read "attacks on Surin" as an event
    text = (
        "Officials said Cambodia had been responsible for attacks on Surin in the past."
    )
    article = Article(id="r", text=text, published=date(2025, 7, 29))
    with using("report", None):
        assert article_incidents(article, load_gazetteer())
    assert article_incidents(article, load_gazetteer()) == []
    # a report stays one
    text = "Artillery shells killed two villagers in Surin on Monday."
    article = Article(id="r", text=text, published=date(2025, 7, 29))
    assert [i.admin1_iso for i in article_incidents(article, load_gazetteer())] == [
        ("TH-32",)
    ]
