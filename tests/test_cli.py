import json
import re

import pandas as pd
import pytest

from bordermap.cli import main
from tests.conftest import ROOT

SEEDS = str(ROOT / "seeds")


def test_map_of_the_bundled_seeds(tmp_path, capsys):
    out = tmp_path / "seeds.html"
    assert main(["map", "-o", str(out), "-q"]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "incidents from 11 articles" in capsys.readouterr().err


def test_the_header_counts_articles_that_gave_no_incident(tmp_path, capsys):
    folder = tmp_path / "articles"
    folder.mkdir()
    for path in sorted((ROOT / "seeds").glob("*.md"))[:3]:
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), "utf-8")
    (folder / "weather.md").write_text("Rain fell on Bangkok on Monday.\n", "utf-8")
    out = tmp_path / "map.html"
    assert main(["map", str(folder), "-o", str(out), "-q"]) == 0
    said = capsys.readouterr().err
    assert re.search(r"\d+ incidents from 4 articles \(1 with no incident\)", said)
    assert "(1 with no incident)" in out.read_text(encoding="utf-8")
    assert "(s)" not in said


def test_extract_jsonl_is_one_object_per_article(tmp_path):
    out = tmp_path / "pred.jsonl"
    assert main(["extract", SEEDS, "--format", "jsonl", "-o", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 11 and {"id", "file", "incidents"} <= set(rows[0])
    inc = rows[1]["incidents"][0]
    assert {"event_type", "date", "admin1", "killed", "wounded", "displaced"} <= set(
        inc
    )


def test_extract_csv_and_geojson(capsys):
    assert main(["extract", SEEDS, "--format", "csv"]) == 0
    header = capsys.readouterr().out.splitlines()[0].split(",")
    assert {
        "id",
        "event_type",
        "killed_low",
        "killed_best",
        "killed_high",
        "lon",
        "lat",
    } <= set(header)
    assert main(["extract", SEEDS, "--format", "geojson"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["type"] == "FeatureCollection" and data["features"]


def test_same_input_same_bytes(tmp_path):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    assert main(["map", SEEDS, "-o", str(a), "-q"]) == 0
    assert main(["map", SEEDS, "-o", str(b), "-q"]) == 0
    assert a.read_bytes() == b.read_bytes()


def test_missing_input_is_one_error_line(tmp_path, capsys):
    assert main(["map", str(tmp_path / "nope.md"), "-o", str(tmp_path / "x.html")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and "nope.md" in err[0]
    assert not (tmp_path / "x.html").exists()


def test_output_directory_must_exist(tmp_path, capsys):
    assert main(["map", SEEDS, "-o", str(tmp_path / "no" / "x.html")]) == 1
    assert "no such directory" in capsys.readouterr().err


def test_failed_run_leaves_the_old_file(tmp_path):
    out = tmp_path / "map.html"
    out.write_text("old", encoding="utf-8")
    bad = tmp_path / "bad.md"
    bad.write_text("---\ndate: not a date\n---\nText", encoding="utf-8")
    assert main(["map", str(bad), "-o", str(out)]) == 1
    assert out.read_text(encoding="utf-8") == "old"
    assert {p.name for p in tmp_path.iterdir()} == {
        "map.html",
        "bad.md",
    }  # no temp file left


@pytest.mark.parametrize(
    "argv",
    [
        ["frob"],
        ["map", "--frob", "-o", "x.html"],
        ["extract", SEEDS, "--format", "xml"],
        ["extract", SEEDS, "--countries", "THAILAND"],
        ["extract"],
    ],
    ids=str,
)
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_published_resolves_relative_dates(tmp_path, capsys):
    art = tmp_path / "a.txt"
    art.write_text(
        "Shelling killed two villagers in Surin on Sunday.", encoding="utf-8"
    )
    assert main(["extract", str(art)]) == 0
    assert json.loads(capsys.readouterr().out)["incidents"][0]["date"] is None
    assert main(["extract", str(art), "--published", "2025-12-23"]) == 0
    assert json.loads(capsys.readouterr().out)["incidents"][0]["date"] == "2025-12-21"


def test_map_of_another_border(tmp_path):
    from tests.conftest import CORPUS
    from tests.layers.conftest import parse_page

    out = tmp_path / "kg_tj.html"
    arts = sorted(str(p) for p in (CORPUS / "held_out").glob("02-*.md"))
    assert main(["map", *arts, "--countries", "KGZ,TJK", "-o", str(out), "-q"]) == 0
    page = parse_page(out.read_text(encoding="utf-8"))
    provinces = page["layers"]["Casualties by province"]["data"]["features"]
    codes = {f["properties"]["adm1_iso"] for f in provinces}
    assert {"KG-B", "TJ-SU"} <= codes
    batken = next(f for f in provinces if f["properties"]["adm1_iso"] == "KG-B")
    assert batken["properties"]["incidents"] >= 1


def test_user_boundaries_on_the_command_line(tmp_path, capsys):
    from bordermap.geo.places.boundaries import world_admin1

    world = world_admin1()
    frame = world[world["adm0_iso3"].isin(["KGZ", "TJK"])][
        ["adm1_iso", "adm1_name", "geometry"]
    ]
    frame = frame.rename(columns={"adm1_name": "province", "adm1_iso": "code"})
    path = tmp_path / "mine.geojson"
    frame.to_crs(3857).to_file(path)
    art = tmp_path / "a.txt"
    art.write_text(
        "Shelling killed two villagers in Batken province of Kyrgyzstan on Monday.",
        encoding="utf-8",
    )
    argv = [
        "extract",
        str(art),
        "--countries",
        "KGZ,TJK",
        "--boundaries",
        str(path),
        "--name-column",
        "province",
        "--code-column",
        "code",
        "--format",
        "csv",
    ]
    assert main(argv) == 0
    rows = capsys.readouterr().out.splitlines()
    assert "KG-B" in rows[1]
    assert main([*argv[:-2], "--name-column", "nope"]) == 1
    assert "no column 'nope'" in capsys.readouterr().err


def test_unknown_country_pair_is_one_error(tmp_path, capsys):
    assert main(["map", "--countries", "THA,IND", "-o", str(tmp_path / "x.html")]) == 1
    assert "share no land border" in capsys.readouterr().err


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_static_map_from_the_command_line(tmp_path, suffix):
    out = tmp_path / f"map{suffix}"
    assert main(["map", SEEDS, "-o", str(out), "-q"]) == 0
    assert out.stat().st_size > 50_000


def test_offline_and_fragment(tmp_path):
    page, fragment = tmp_path / "off.html", tmp_path / "frag.html"
    assert main(["map", SEEDS, "--offline", "-o", str(page), "-q"]) == 0
    html = page.read_text(encoding="utf-8")
    head = html.split("<body>")[0]
    assert not re.search(r"<(?:script|link|img)[^>]+(?:src|href)=", head)
    assert main(["map", SEEDS, "--fragment", "-o", str(fragment), "-q"]) == 0
    text = fragment.read_text(encoding="utf-8")
    assert text.startswith('<div class="bordermap-fragment"') and "<html" not in text
    assert main(["map", SEEDS, "--fragment", "-o", str(tmp_path / "x.png")]) == 1


def test_two_processes_give_the_same_output(tmp_path):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["extract", SEEDS, "-o", str(one), "-q"]) == 0
    assert main(["extract", SEEDS, "-o", str(two), "-q", "--jobs", "2"]) == 0
    assert one.read_bytes() == two.read_bytes()


def test_compare_news_with_its_own_ged_export(tmp_path, capsys):
    ged = tmp_path / "ged.csv"
    assert main(["extract", SEEDS, "--format", "ucdp", "-o", str(ged), "-q"]) == 0
    table = tmp_path / "pairs.csv"
    assert main(["compare", SEEDS, str(ged), "-o", str(table), "-q"]) == 0
    out = capsys.readouterr().out
    matched = int(re.search(r"matched ([\d,]+)", out).group(1).replace(",", ""))
    rows = pd.read_csv(table)
    pairs = rows[rows["status"] == "matched"]
    assert len(pairs) == matched > 0
    # every pair is an incident and its own export, with the same figures
    assert (pairs["id_b"] == "ucdp-" + pairs["id_a"]).all()
    assert (pairs["killed_diff"].fillna(0) == 0).all()
    # what stays unmatched cannot be placed by either rule: no province, no site
    only = rows[rows["status"] != "matched"]
    assert only["adm1_a"].isna().all() and only["adm1_b"].isna().all()


def test_compare_needs_two_sources(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["compare", SEEDS])
    assert exc.value.code == 2
    assert "the following arguments are required: B" in capsys.readouterr().err
