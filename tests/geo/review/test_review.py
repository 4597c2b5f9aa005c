"""A reviewer's corrections: read, checked, matched to incidents, applied."""

from __future__ import annotations

import csv
from datetime import date

import pytest

import bordermap
from bordermap.errors import CorrectionsError
from bordermap.geo.records import Article
from bordermap.geo.review.corrections import COLUMNS, read_corrections

TEXT = (
    "SURIN, Thailand — Cambodian rockets hit a village in Kap Choeng district of "
    "Surin on Monday morning, killing two villagers, the Royal Thai Army said.\n\n"
    "Artillery shells struck Kantharalak district of Si Sa Ket in the afternoon, "
    "wounding five soldiers, the Second Army Region said.\n\n"
    "Residents said a grenade was thrown into the market on Monday night."
)
ROCKETS = (
    "Cambodian rockets hit a village in Kap Choeng district of Surin on Monday "
    "morning, killing two villagers, the Royal Thai Army said."
)
SHELLS = (
    "Artillery shells struck Kantharalak district of Si Sa Ket in the afternoon, "
    "wounding five soldiers, the Second Army Region said."
)


def article(text: str = TEXT) -> Article:
    return Article("a1", text, title="Border report", published=date(2025, 11, 10))


def write(path, rows, header=COLUMNS):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=header)
        w.writeheader()
        for row in rows:
            w.writerow(row)
    return path


def row(**cells):
    return {"article": "a1", **cells}


def corrected(tmp_path, rows, text=TEXT):
    path = write(tmp_path / "c.csv", rows)
    return bordermap.apply_corrections(
        bordermap.extract_by_article([article(text)]), path
    )


def test_the_extractor_reads_what_the_tests_correct():
    frame = bordermap.extract([article()])
    assert frame[["event_type", "adm1_iso"]].values.tolist() == [
        ["shelling", "TH-32"],
        ["shelling", "TH-33"],
    ]


def test_set_drop_and_add(tmp_path):
    frame = corrected(
        tmp_path,
        [
            row(quote=ROCKETS, type="shelling", action="set", field="killed_best",
                old="2", new="3", reviewer="Dara", note="hospital list"),
            row(quote=SHELLS, type="shelling", action="drop"),
            row(quote="a grenade was thrown into the market", action="add"),
            row(quote="a grenade was thrown into the market", action="set",
                field="event_type", new="attack_on_civilians"),
            row(quote="a grenade was thrown into the market", action="set",
                field="province", new="Surin"),
        ],
    )  # fmt: skip
    assert frame["id"].tolist() == ["a1-01", "a1-added-01"]
    first, added = frame.iloc[0], frame.iloc[1]
    # the bounds that equalled the old best follow the new one
    assert (first.killed_low, first.killed_best, first.killed_high) == (3, 3, 3)
    assert '"reviewer": "Dara"' in first.review and '"old": "2"' in first.review
    assert added.event_type == "attack_on_civilians" and added.adm1_iso == "TH-32"
    assert added.quote == "a grenade was thrown into the market"
    assert frame.attrs["unapplied"] == []
    provinces = bordermap.aggregate(frame).set_index("adm1_iso")
    assert provinces.loc["TH-32", "killed_best"] == 3
    assert provinces.loc["TH-33", "incidents"] == 0


def test_a_province_set_to_none_is_border_wide(tmp_path):
    frame = corrected(
        tmp_path,
        [row(quote=SHELLS, type="shelling", action="set", field="province", new="")],
    )
    moved = frame.set_index("id").loc["a1-02"]
    assert moved.precision == "border" and not isinstance(moved.adm1_iso, str)


def test_a_decision_follows_its_quote_through_a_new_paragraph(tmp_path):
    text = TEXT.replace("\n\n", "\n\nA new paragraph about talks in Bangkok.\n\n", 1)
    frame = corrected(
        tmp_path,
        [row(quote=SHELLS, type="armed_clash", incident="a1-07", action="set",
             field="wounded_best", new="6")],
        text=text,
    )  # fmt: skip
    # the ids moved on and the type differs: found by its quote
    (shells,) = frame.index[frame["quote"] == SHELLS]
    assert frame.loc[shells, "wounded_best"] == 6


def test_a_shortened_quote_still_finds_its_incident(tmp_path):
    frame = corrected(
        tmp_path,
        [row(quote="Artillery shells struck Kantharalak district", type="shelling",
             action="set", field="district", new="Kantharalak")],
    )  # fmt: skip
    assert "district" in frame.set_index("id").loc["a1-02", "review"]


def test_a_decision_that_finds_nothing_is_kept_and_said(tmp_path, caplog):
    frame = corrected(
        tmp_path,
        [row(quote="No such sentence in the article at all.", type="shelling",
             action="set", field="killed_best", new="9")],
    )  # fmt: skip
    assert [d["quote"] for d in frame.attrs["unapplied"]] == [
        "No such sentence in the article at all."
    ]
    said = [r.getMessage() for r in caplog.records]
    assert len(said) == 1 and "c.csv: 1 decision(s) no longer find" in said[0]
    assert "rows 1" in said[0]


@pytest.mark.parametrize(
    ("cells", "said"),
    [
        (
            {"field": "killed_best", "new": "-3"},
            "row 1: killed_best '-3' is not a count",
        ),
        (
            {"field": "date", "new": "2025-13-40"},
            "row 1: date '2025-13-40' is not a date",
        ),
        ({"field": "event_type", "new": "riot"}, "event_type 'riot' is not one of"),
        ({"field": "colour", "new": "red"}, "field 'colour' is not one of"),
        ({"action": "undo"}, "action 'undo' is not one of"),
        ({"field": "killed_qualifier", "new": "lots"}, "'lots' is not one of"),
    ],
)
def test_bad_values_name_the_row_and_the_value(tmp_path, cells, said):
    path = write(tmp_path / "c.csv", [row(quote=ROCKETS, type="shelling", **cells)])
    with pytest.raises(CorrectionsError, match=said):
        read_corrections(path)


def test_unknown_column(tmp_path):
    path = write(
        tmp_path / "c.csv",
        [{"article": "a1", "quote": ROCKETS, "colour": "red"}],
        header=("article", "quote", "colour"),
    )
    with pytest.raises(CorrectionsError, match="row 1: unknown column 'colour'"):
        read_corrections(path)


def test_a_province_not_on_the_map(tmp_path):
    with pytest.raises(CorrectionsError, match="province 'Narnia' is not a province"):
        corrected(tmp_path, [row(quote=ROCKETS, action="set", field="province",
                                 new="Narnia")])  # fmt: skip


def test_an_article_not_among_the_inputs(tmp_path):
    rows = [{"article": "elsewhere", "quote": ROCKETS, "action": "keep"}]
    with pytest.raises(CorrectionsError, match="article 'elsewhere' is not among"):
        corrected(tmp_path, rows)


def test_json_lines_and_the_spreadsheet_guard(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(
        '{"article": "a1", "quote": "' + ROCKETS + '", "type": "shelling", '
        '"field": "attribution", "new": "\'=army"}\n',
        encoding="utf-8",
    )
    (d,) = read_corrections(path)
    assert (d.action, d.new) == ("set", "=army")  # the guard is taken off
