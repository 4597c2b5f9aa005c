"""The real-pages corpus: its labels, its sentence labels and their checker, its cache.

The page texts are third-party and never committed; the checks that need them
run where the cache (tests/corpus/real/.cache) is filled and skip with one line
where it is not. The checker itself is tested here on a page we wrote.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from benchmarks import cache, sentences
from benchmarks.realpages import GOLD, SECOND, SENTENCES, read_jsonl, real_labels
from tests.conftest import ROOT

PAGE = """Chad says seven soldiers killed
Ndjamena, Jan 16 (Wire) Chad said Friday seven of its soldiers had been killed in a \
clash near the border town of Tine. "This is our last warning," he said.
ADVERTISEMENT
"""

LABEL = {
    "id": "R-SDTD-999",
    "case": "SD-TD",
    "countries": ["SDN", "TCD"],
    "url": "https://example.org/x",
    "outlet": "Example",
    "query": "q",
    "published": "2026-01-16",
    "published_basis": "text",
    "language": "en",
    "incidents": [
        {
            "n": 1,
            "scope": "event",
            "event_type": "armed_clash",
            "date": "2026-01-15",
            "date_text": "Thursday",
            "date_basis": "text",
            "country_iso3": "TCD",
            "admin1": [
                {
                    "as_written": "Tine",
                    "name": "Wadi Fira",
                    "iso_3166_2": "TD-WF",
                    "basis": "inferred_from_site",
                }
            ],
            "admin2": [],
            "site": "Tine",
            "attribution": "Chad",
            "killed": {
                "low": 7,
                "best": 7,
                "high": 7,
                "stated": 7,
                "qualifier": "exact",
                "unit": "persons",
                "victims": {"country": "TCD", "group": "soldiers"},
                "quote": "seven of its soldiers had been killed",
            },
            "wounded": None,
            "displaced": None,
            "planned": False,
            "notes": "",
        }
    ],
    "admin1_all": ["TD-WF"],
    "admin1_named": [],
    "admin1_violence": ["TD-WF"],
    "admin1_mentioned_not_incident": [],
    "label_notes": "",
}


def _count(text, incident=1):
    return {
        "text": text,
        "kind": "killed",
        "unit": "persons",
        "side": "TCD",
        "claimant": "Chad",
        "incident": incident,
    }


def _draft():
    return {
        "label": json.loads(json.dumps(LABEL)),
        "sentences": [
            {
                "at": "Chad says seven soldiers",
                "role": "report",
                "incidents": [1],
                "counts": [_count("seven soldiers")],
                "places": [],
            },
            {
                "at": "Ndjamena, Jan 16 (Wire)",
                "role": "retell",
                "incidents": [1],
                "counts": [_count("seven of its soldiers")],
                "places": [
                    {
                        "text": "Ndjamena",
                        "role": "statement",
                        "level": "site",
                        "country": "TCD",
                        "admin1": "TD-ND",
                        "name": "N'Djamena",
                    },
                    {
                        "text": "Tine",
                        "role": "event",
                        "level": "site",
                        "country": "TCD",
                        "admin1": "TD-WF",
                        "name": "Tine",
                    },
                ],
            },
            {"at": '"This is our', "role": "claim", "incidents": []},
            {"at": "ADVERTISEMENT", "role": "furniture"},
        ],
    }


@pytest.fixture
def page(tmp_path, monkeypatch):
    """A made-up page in a cache of its own, and an empty corpus folder."""
    cached = tmp_path / "cache"
    cached.mkdir()
    (cached / f"{LABEL['id']}.md").write_text(
        f"---\ndate: 2026-01-16\nurl: {LABEL['url']}\n---\n\n{PAGE}", "utf-8"
    )
    monkeypatch.setattr("benchmarks.realpages.CACHE", cached)
    real = tmp_path / "real"
    return real


def _write_draft(tmp_path, draft) -> Path:
    path = tmp_path / f"{draft['label']['id']}.json"
    path.write_text(json.dumps(draft), "utf-8")
    return path


def test_a_draft_is_stored_with_offsets_hash_and_length(page, tmp_path):
    stored, problems = sentences.ingest([_write_draft(tmp_path, _draft())], 9, page)
    assert (stored, problems) == (1, [])
    label = read_jsonl(page / "gold" / "SD-TD.jsonl")[0]
    assert label["batch"] == 9 and label["text_chars"] == len(PAGE.rstrip())
    line = read_jsonl(page / "sentences" / "SD-TD.jsonl")[0]
    assert [s["role"] for s in line["sentences"]] == [
        "report",
        "retell",
        "claim",
        "furniture",
    ]
    # the sentences tile the page: each starts where its words are
    second = line["sentences"][1]
    assert PAGE[second["start"] :].startswith("Ndjamena, Jan 16")
    tine = second["places"][1]
    assert PAGE[tine["start"] : tine["end"]] == "Tine"
    assert sentences.check_all(None, page) == (1, 0, [])


def test_the_checker_finds_each_kind_of_fault(page, tmp_path):
    sentences.ingest([_write_draft(tmp_path, _draft())], None, page)
    path = page / "sentences" / "SD-TD.jsonl"
    good = read_jsonl(path)[0]

    def problems_after(change):
        line = json.loads(json.dumps(good))
        change(line)
        path.write_text(json.dumps(line) + "\n", "utf-8")
        return sentences.check_all(None, page)[2]

    def shift(line):
        line["sentences"][1]["places"][1]["start"] += 1

    def drop_count(line):
        for s in line["sentences"]:
            s["counts"] = []

    def bad_role(line):
        line["sentences"][2]["role"] = "gossip"

    def gap(line):
        line["sentences"][1]["start"] += 9
        line["sentences"][1]["first_words"] = " ".join(
            PAGE[line["sentences"][1]["start"] :].split()[:6]
        )

    def other_text(line):
        line["text_sha256"] = "0" * 64

    assert any("not at its offsets" in p for p in problems_after(shift))
    assert any(
        "killed count has no count span" in p for p in problems_after(drop_count)
    )
    assert any("role 'gossip'" in p for p in problems_after(bad_role))
    assert any("between sentences is unlabelled" in p for p in problems_after(gap))
    assert any("refill the cache" in p for p in problems_after(other_text))


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("[1, 2]", "a draft is an object whose 'label' has an 'id'"),
        ("{not json", "not JSON"),
        (
            '{"label": {"id": "R-SDTD-999"}, "sentences": [{"role": "report"}]}',
            "sentence 1 has no 'at'; give its first words",
        ),
        ('{"label": {"id": "R-SDTD-999"}}', "no sentences; start from the skeleton"),
        ('{"label": {"id": "R-SDTD-1"}, "sentences": []}', "not cached"),
    ],
)
def test_a_broken_draft_is_one_line_saying_what_to_do(page, tmp_path, content, says):
    path = tmp_path / "draft.json"
    path.write_text(content, "utf-8")
    stored, problems = sentences.ingest([path], None, page)
    assert stored == 0 and len(problems) == 1 and says in problems[0]


def test_a_missing_draft_file_is_a_problem_not_a_traceback(page, tmp_path):
    stored, problems = sentences.ingest([tmp_path / "none.json"], None, page)
    assert stored == 0 and "cannot read the draft" in problems[0]


def test_a_dry_run_checks_all_and_stores_nothing(page, tmp_path):
    draft = _write_draft(tmp_path, _draft())
    assert sentences.ingest([draft], None, page, dry_run=True) == (0, [])
    assert not (page / "gold").exists()


def test_words_not_in_the_page_are_a_clear_error(page, tmp_path):
    draft = _draft()
    draft["sentences"][1]["places"][1]["text"] = "Abeche"
    stored, problems = sentences.ingest([_write_draft(tmp_path, draft)], None, page)
    assert stored == 0
    assert problems == [
        "R-SDTD-999.json: R-SDTD-999: place 'Abeche' not found in sentence "
        "'Ndjamena, Jan 16 (Wire) Chad said'"
    ]
    assert not (page / "gold").exists()  # nothing half-written


def test_a_page_labelled_again_under_another_id_is_refused(page, tmp_path, monkeypatch):
    sentences.ingest([_write_draft(tmp_path, _draft())], None, page)
    again = _draft()
    again["label"]["id"] = "R-SDTD-998"
    cached = tmp_path / "cache"
    (cached / "R-SDTD-998.md").write_text(
        (cached / "R-SDTD-999.md").read_text("utf-8"), "utf-8"
    )
    stored, problems = sentences.ingest([_write_draft(tmp_path, again)], None, page)
    assert stored == 0
    assert "R-SDTD-998: the same page as R-SDTD-999 (same url)" in problems


def test_a_label_inconsistent_with_its_incidents_is_refused(page, tmp_path):
    draft = _draft()
    draft["label"]["admin1_all"] = []
    stored, problems = sentences.ingest([_write_draft(tmp_path, draft)], None, page)
    assert stored == 0 and "admin1_all [] differs" in problems[0]


def test_a_second_reading_is_stored_beside_the_first(page, tmp_path):
    draft = _write_draft(tmp_path, _draft())
    stored, problems = sentences.store_second([draft], page)
    assert (stored, problems) == (0, ["R-SDTD-999: no first reading; ingest it first"])
    sentences.ingest([draft], 3, page)
    assert sentences.store_second([draft], page) == (1, [])
    assert read_jsonl(page / "second" / "SD-TD.jsonl")[0]["id"] == LABEL["id"]


def test_the_first_reading_is_kept_as_it_was_when_the_second_came(page, tmp_path):
    sentences.ingest([_write_draft(tmp_path, _draft())], 3, page)
    sentences.store_second([_write_draft(tmp_path, _draft())], page)
    settled = _draft()
    settled["label"]["label_notes"] = "settled"
    sentences.ingest([_write_draft(tmp_path, settled)], 3, page)
    sentences.store_second([_write_draft(tmp_path, _draft())], page)
    kept = read_jsonl(page / "first_reading" / "SD-TD.jsonl")
    assert [a["label_notes"] for a in kept] == [""]
    assert read_jsonl(page / "gold" / "SD-TD.jsonl")[0]["label_notes"] == "settled"


def test_one_phrase_can_be_two_counts_of_different_kinds(page, tmp_path):
    draft = _draft()
    told = dict(_count("seven soldiers"), kind="wounded")
    draft["sentences"][0]["counts"].append(told)
    assert sentences.ingest([_write_draft(tmp_path, draft)], None, page) == (1, [])
    counts = read_jsonl(page / "sentences" / "SD-TD.jsonl")[0]["sentences"][0]["counts"]
    assert [(c["start"], c["kind"]) for c in counts] == [
        (10, "killed"),
        (10, "wounded"),
    ]


def test_the_skeleton_suggests_every_sentence(page):
    draft = sentences.skeleton(LABEL["id"])
    assert [s["at"] for s in draft["sentences"]] == [
        "Chad says seven soldiers killed",
        "Ndjamena, Jan 16 (Wire) Chad said Friday seven",
        '"This is our last warning," he said.',
        "ADVERTISEMENT",
    ]


def test_the_cache_status_tells_missing_ok_and_differing(page):
    label = dict(LABEL, first_words="Chad says seven soldiers killed Ndjamena")
    assert cache.page_status(dict(label, id="R-SDTD-998")).state == "missing"
    assert cache.page_status(label).state == "ok"
    changed = cache.page_status(dict(label, text_sha256="0" * 64))
    assert (changed.state, changed.why) == ("differs", "hash differs")


# --- the committed corpus ------------------------------------------------


def test_every_page_label_is_complete_and_ids_are_unique():
    labels = real_labels()
    assert len(labels) >= 87
    ids = [a["id"] for a in labels]
    assert len(ids) == len(set(ids))
    for path in GOLD.glob("*.jsonl"):
        for a in read_jsonl(path):
            assert a["case"] == path.stem, a["id"]
            assert a["id"].startswith("R-" + path.stem.replace("-", "") + "-")
            assert sentences.label_problems(a) == []
            assert {"query", "url", "first_words"} <= set(a)


def test_no_page_is_labelled_twice():
    # two readers found the same page under the same url; a text printed twice
    # is one page, whatever its url
    labels = [a for a in real_labels() if "text_sha256" in a]
    for key in ("url", "text_sha256"):
        seen = [a[key] for a in labels]
        twice = sorted({v for v in seen if seen.count(v) > 1})
        assert twice == [], key


def test_every_sentence_label_and_second_reading_has_its_page():
    ids = {a["id"] for a in real_labels()}
    for folder in (SENTENCES, SECOND):
        for a in real_labels(folder):
            assert a["id"] in ids


def test_the_cached_pages_pass_the_checker():
    checked, _skipped, problems = sentences.check_all()
    if not checked:
        pytest.skip("the real pages are not cached (python -m benchmarks.cache --todo)")
    assert problems == []


# --- the measures built on the corpus -------------------------------------

SCORER = ROOT.parent / "shared" / "corpus" / "score.py"


@pytest.fixture
def scorer():
    from benchmarks.accuracy import load_scorer

    if not SCORER.is_file() and "BORDERMAP_SHARED" not in os.environ:
        pytest.skip(f"corpus scorer not found at {SCORER}; set BORDERMAP_SHARED")
    return load_scorer()


def test_two_readers_who_agree_score_one_and_a_missed_incident_shows(scorer, tmp_path):
    from benchmarks.agreement import agreement_rows

    first, second = tmp_path / "gold", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "SD-TD.jsonl").write_text(json.dumps(LABEL) + "\n", "utf-8")
    (second / "SD-TD.jsonl").write_text(json.dumps(LABEL) + "\n", "utf-8")
    rows = dict(agreement_rows(scorer, first, second))
    assert set(rows) == {"SD-TD", "language en", "ALL"}
    assert rows["ALL"]["province_f1"] == rows["ALL"]["incident_f1"] == 1.0
    (second / "SD-TD.jsonl").write_text(
        json.dumps(dict(LABEL, incidents=[], admin1_all=[])) + "\n", "utf-8"
    )
    rows = dict(agreement_rows(scorer, first, second))
    assert rows["ALL"]["incident_f1"] == 0.0


def _kinds(scorer, preds, gold_incidents=None):
    from benchmarks.failures import classify

    art = dict(LABEL, incidents=gold_incidents or LABEL["incidents"])
    line = {
        "sentences": [{"incidents": [1], "places": [{"text": "Tine", "role": "event"}]}]
    }
    return dict(classify(art, preds, scorer, {"en": _NoPlaces()}, line))


EVENT = LABEL["incidents"][0]
LOST = {"count: lost with its incident": 1}


@pytest.mark.parametrize(
    ("preds", "kinds"),
    [
        ([EVENT], {}),
        ([dict(EVENT, event_type="shelling")], {"incident: type wrong": 1, **LOST}),
        ([dict(EVENT, date="2026-01-10")], {"incident: day wrong (text)": 1, **LOST}),
        (
            [dict(EVENT, admin1=["TD-BA"])],
            {"incident: placed in the wrong province": 1, **LOST},
        ),
        (
            [dict(EVENT, killed=None, wounded=EVENT["killed"])],
            {"count: of the wrong kind": 1},
        ),
        (
            [dict(EVENT, killed=dict(EVENT["killed"], best=6, stated=6))],
            {"count: wrong figure or hedge": 1},
        ),
        ([dict(EVENT, killed=None)], {"count: missed": 1}),
        ([EVENT, dict(EVENT, killed=None)], {"spurious: one event told twice": 1}),
        (
            [EVENT, dict(EVENT, admin1=["TD-OU"], date="2025-06-01")],
            {"spurious: non-event read as incident": 1},
        ),
        ([], {"incident: place missing from the data": 1, **LOST}),
    ],
    ids=[
        "right",
        "type",
        "day",
        "province",
        "kind",
        "figure",
        "count missed",
        "told twice",
        "non-event",
        "place unknown",
    ],
)
def test_each_error_is_put_in_its_kind(scorer, preds, kinds):
    assert _kinds(scorer, preds) == kinds


def test_two_gold_events_found_as_one_are_merged(scorer):
    second = dict(EVENT, n=2, event_type="shelling", killed=None)
    kinds = _kinds(scorer, [EVENT], [EVENT, second])
    assert kinds == {"incident: merged into another": 1}


def test_a_mentioned_province_read_as_an_incident_is_the_wrong_role(scorer):
    from benchmarks.failures import classify

    art = dict(
        LABEL,
        admin1_mentioned_not_incident=[
            {"iso_3166_2": "TD-ND", "as_written": "Ndjamena"}
        ],
    )
    preds = [EVENT, dict(EVENT, admin1=["TD-ND"], date="2025-06-01")]
    kinds = classify(art, preds, scorer, {"en": _NoPlaces()}, None)
    assert dict(kinds) == {"spurious: place in the wrong role": 1}


class _NoPlaces:
    """A gazetteer that knows no place: every name is missing from the data."""

    def find(self, text):
        return []
