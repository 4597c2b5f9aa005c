"""The learned link's runtime: a model of our own decides, within the exact limits."""

from __future__ import annotations

from datetime import date

import pytest

from bordermap.geo.extract.incidents import article_incidents
from bordermap.geo.extract.learned import LinearModel, model, recording, using
from bordermap.geo.places.gazetteer import load_gazetteer
from bordermap.geo.records import Article


def _model(intercept: float, languages=("en",), **weights) -> LinearModel:
    return LinearModel(
        {
            "classes": ["no", "yes"],
            "intercept": [intercept],
            "weights": {k.replace("_", " "): [w] for k, w in weights.items()},
            "threshold": 0.6,
            "meta": {"split_below": 0.3, "languages": list(languages)},
        }
    )


ALWAYS = _model(5.0)
NEVER = _model(-5.0)


def _read(text, language="en", published=date(2025, 12, 9)):
    article = Article(id="a", text=text, published=published, language=language)
    return article_incidents(article, load_gazetteer())


LEAD_AND_BODY = (
    "Shells struck Kantharalak district overnight, the army said. "
    "Local officials reported that a mortar attack hit Kantharalak district, "
    "wounding four villagers, on Monday."
)


def test_no_link_model_is_shipped_the_rules_link():
    # judged border by border it did not beat the rules (docs/accuracy.md)
    assert model("link") is None


def test_the_model_joins_what_the_rules_keep_apart_and_parts_what_they_join():
    with using("link", None):
        rules = _read(LEAD_AND_BODY)
    with using("link", ALWAYS):
        joined = _read(LEAD_AND_BODY)
    with using("link", NEVER):
        parted = _read(LEAD_AND_BODY)
    assert len(joined) <= len(rules) <= len(parted)
    assert len(joined) == 1 and joined[0].wounded.best == 4


@pytest.mark.parametrize(
    "text",
    [
        # another clock time, "a further": two exchanges
        "Troops exchanged fire near Ta Muen Thom at 8.20am. "
        "A further exchange of fire near the temple at 9.15am wounded one soldier.",
        # two days the text gives
        "Shells hit Kantharalak district on Monday, wounding two. "
        "Shells hit Kantharalak district on Saturday, wounding five.",
        # a planned event and one that happened
        "Troops clashed in Kantharalak district on Monday. "
        "The army will clash with them again in Kantharalak district next week.",
    ],
)
def test_what_the_words_tell_apart_stays_apart_whatever_the_model_says(text):
    with using("link", None):
        rules = [(i.event_type, str(i.date), i.planned) for i in _read(text)]
    with using("link", ALWAYS):
        learned = [(i.event_type, str(i.date), i.planned) for i in _read(text)]
    assert learned == rules and len(rules) == 2


def test_a_language_the_model_was_not_kept_for_is_linked_by_the_rules():
    text = (
        "Снаряды упали в Баткенской области в понедельник. Снаряды ранили двух человек."
    )
    with using("link", None):
        rules = [(i.admin1_iso, i.wounded) for i in _read(text, "ru")]
    with using("link", NEVER):
        learned = [(i.admin1_iso, i.wounded) for i in _read(text, "ru")]
    assert learned == rules


def test_every_weighed_pair_is_recorded_for_the_trainer():
    with using("link", None), recording("link") as rows:
        _read(LEAD_AND_BODY)
    assert rows, "the body's frame is weighed against the lead's incident"
    article, frame_at, incident_at, values = rows[0]
    assert article == "a" and frame_at > incident_at
    assert values["type=same"] == 1.0 and "place=same" in values
