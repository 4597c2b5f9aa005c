"""Bad input: each case works, or stops with one line and a non-zero exit code.

Every test runs the real command line in-process and checks the message, the
exit code and that no output file was written or changed.
"""

from __future__ import annotations

import csv
import os

import pytest

from bordermap.cli import main
from tests.conftest import ROOT

GOOD = "Shelling killed two villagers in Surin on Monday.\n"


def run(argv, capsys):
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err.strip().splitlines()


def one_error(err: list[str], needle: str) -> None:
    errors = [line for line in err if line.startswith("error: ")]
    assert len(errors) == 1, err
    assert needle in errors[0], errors[0]
    assert not any("Traceback" in line for line in err)


@pytest.fixture
def out(tmp_path):
    return tmp_path / "out.html"


# ---------------------------------------------------------------- articles
def test_empty_file(tmp_path, out, capsys):
    (tmp_path / "a.md").write_text("", encoding="utf-8")
    code, _, err = run(["map", tmp_path / "a.md", "-o", out], capsys)
    assert code == 1 and not out.exists()
    one_error(err, "has no text; remove the file")


def test_whitespace_only(tmp_path, out, capsys):
    (tmp_path / "a.txt").write_text(" \n\t\n  ", encoding="utf-8")
    code, _, err = run(["map", tmp_path / "a.txt", "-o", out], capsys)
    assert code == 1 and not out.exists()
    one_error(err, "has no text")


def test_binary_file(tmp_path, out, capsys):
    (tmp_path / "a.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    code, _, err = run(["map", tmp_path / "a.md", "-o", out], capsys)
    assert code == 1 and not out.exists()
    one_error(err, "binary file, not an article")


def test_latin1_is_read_with_a_warning(tmp_path, capsys):
    (tmp_path / "a.txt").write_bytes(
        "Shelling killed two villagers in Surin on Monday. Caf\xe9.".encode("latin-1")
    )
    code, text, err = run(
        ["extract", tmp_path / "a.txt", "--published", "2025-07-29"], capsys
    )
    assert code == 0 and '"TH-32"' in text
    assert any("not UTF-8; read as Latin-1" in line for line in err)


def test_utf16_with_bom(tmp_path, capsys):
    (tmp_path / "a.txt").write_bytes(GOOD.encode("utf-16"))
    code, text, _ = run(["extract", tmp_path / "a.txt"], capsys)
    assert code == 0 and '"TH-32"' in text


def test_crlf_line_ends(tmp_path, capsys):
    (tmp_path / "a.md").write_bytes(
        b"---\r\ntitle: T\r\ndate: 2025-07-29\r\n---\r\n\r\n"
        + GOOD.encode().replace(b"\n", b"\r\n")
    )
    code, text, _ = run(["extract", tmp_path / "a.md"], capsys)
    assert code == 0 and '"2025-07-28"' in text and '"title": "T"' in text


def test_malformed_front_matter(tmp_path, out, capsys):
    (tmp_path / "a.md").write_text("---\ntitle: [oops\n---\nText.", encoding="utf-8")
    code, _, err = run(["map", tmp_path / "a.md", "-o", out], capsys)
    assert code == 1 and not out.exists()
    one_error(err, "is not valid YAML")


def test_date_that_is_not_a_date(tmp_path, out, capsys):
    (tmp_path / "a.md").write_text(
        "---\ndate: yesterday-ish\n---\nText.", encoding="utf-8"
    )
    code, _, err = run(["map", tmp_path / "a.md", "-o", out], capsys)
    assert code == 1
    one_error(err, "'yesterday-ish' is not a date; write it as YYYY-MM-DD")


def test_future_publication_date_warns(tmp_path, capsys):
    (tmp_path / "a.md").write_text(
        f"---\ndate: 2099-01-05\n---\n{GOOD}", encoding="utf-8"
    )
    code, _, err = run(["extract", tmp_path / "a.md"], capsys)
    assert code == 0
    assert any("2099-01-05 is in the future" in line for line in err)


def test_directory_with_no_articles(tmp_path, out, capsys):
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    code, _, err = run(["map", tmp_path, "-o", out], capsys)
    assert code == 1
    one_error(err, "no articles (.md, .markdown, .txt, .csv, .jsonl, .ndjson)")


def test_directory_skips_tables_that_are_not_articles(tmp_path, capsys):
    (tmp_path / "a.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "gold.jsonl").write_text('{"id": "DEV-01"}\n', encoding="utf-8")
    (tmp_path / "labels.csv").write_text("id,label\n1,x\n", encoding="utf-8")
    (tmp_path / "more.csv").write_text("id;text\nm;Shelling hit Trat.\n", "utf-8")
    code, text, err = run(["extract", tmp_path], capsys)
    assert code == 0 and len(text.splitlines()) == 2  # a.md and more.csv
    skipped = [line for line in err if "not articles, skipped" in line]
    assert len(skipped) == 2 and all(line.startswith("warning: ") for line in skipped)
    # a table in UTF-16 is recognised as the reader reads it
    (tmp_path / "wide.csv").write_bytes(
        "id,text\nw,Rockets hit Surin.\n".encode("utf-16")
    )
    code, text, _ = run(["extract", tmp_path], capsys)
    assert code == 0 and '"id": "w"' in text
    # named on its own, the same file is an error
    code, _, err = run(["extract", tmp_path / "gold.jsonl"], capsys)
    assert code == 1
    one_error(err, "expected an object with a 'text' (or 'html') field")


def test_path_that_does_not_exist(tmp_path, out, capsys):
    code, _, err = run(["map", tmp_path / "nope.md", "-o", out], capsys)
    assert code == 1
    one_error(err, "no such file or directory")


def test_glob_that_matches_nothing(tmp_path, out, capsys):
    code, _, err = run(["map", f"{tmp_path}/*.md", "-o", out], capsys)
    assert code == 1
    one_error(err, "the pattern matches no file")


def test_glob_expands(tmp_path, capsys):
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text(GOOD.replace("two", name[0]), encoding="utf-8")
    code, text, _ = run(["extract", f"{tmp_path}/*.md"], capsys)
    assert code == 0 and len(text.splitlines()) == 2


def test_duplicate_files_are_read_once(tmp_path, capsys):
    (tmp_path / "a.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "copy.md").write_text(GOOD, encoding="utf-8")
    code, text, err = run(
        ["extract", tmp_path / "a.md", tmp_path / "a.md", tmp_path / "copy.md"], capsys
    )
    assert code == 0 and len(text.splitlines()) == 1
    assert any("repeats an earlier article" in line for line in err)


def test_bad_file_skipped_on_request(tmp_path, capsys):
    (tmp_path / "a.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.md").write_bytes(bytes(64))
    code, text, err = run(["extract", tmp_path, "--on-error", "skip"], capsys)
    assert code == 0 and len(text.splitlines()) == 1
    assert any("binary file" in line and "skipped" in line for line in err)


# ---------------------------------------------------------------- tables
def write_csv(path, rows, delimiter=","):
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=delimiter).writerows(rows)


def test_csv_without_text_column(tmp_path, out, capsys):
    write_csv(tmp_path / "a.csv", [["id", "body"], ["1", GOOD]])
    code, _, err = run(["map", tmp_path / "a.csv", "-o", out], capsys)
    assert code == 1
    one_error(err, "no 'text' column (columns: ['id', 'body'])")


def test_csv_extra_columns_and_quoted_newlines(tmp_path, capsys):
    write_csv(
        tmp_path / "a.csv",
        [
            ["id", "text", "author", "extra"],
            ["x", "Shelling killed two villagers\nin Surin.", "A", "B"],
        ],
    )
    code, text, _ = run(["extract", tmp_path / "a.csv"], capsys)
    assert code == 0 and '"id": "x"' in text and '"TH-32"' in text


def test_csv_semicolon_separator(tmp_path, capsys):
    write_csv(tmp_path / "a.csv", [["id", "text"], ["x", GOOD.strip()]], delimiter=";")
    code, text, _ = run(["extract", tmp_path / "a.csv"], capsys)
    assert code == 0 and '"TH-32"' in text


def test_empty_table(tmp_path, out, capsys):
    (tmp_path / "a.csv").write_text("", encoding="utf-8")
    code, _, err = run(["map", tmp_path / "a.csv", "-o", out], capsys)
    assert code == 1
    one_error(err, "the table is empty")
    write_csv(tmp_path / "b.csv", [["id", "text"]])
    code, _, err = run(["map", tmp_path / "b.csv", "-o", out], capsys)
    assert code == 1
    one_error(err, "the table has no rows")


def test_jsonl_broken_line_stops_or_goes_on(tmp_path, capsys):
    path = tmp_path / "a.jsonl"
    path.write_text(
        '{"id": "1", "text": "Shelling hit Surin."}\n{broken\n'
        '{"id": "3", "text": "Shelling hit Trat."}\n',
        encoding="utf-8",
    )
    code, _, err = run(["extract", path], capsys)
    assert code == 1
    one_error(err, "a.jsonl:2: not valid JSON")
    assert "--on-error skip" in err[-1]
    code, text, err = run(["extract", path, "--on-error", "skip"], capsys)
    assert code == 0 and len(text.splitlines()) == 2
    assert any("a.jsonl:2" in line and "skipped" in line for line in err)


# ---------------------------------------------------------------- boundaries
def test_boundaries_not_geospatial(tmp_path, out, capsys):
    (tmp_path / "b.geojson").write_text("this is not json", encoding="utf-8")
    code, _, err = run(
        [
            "map",
            "--countries",
            "KGZ,TJK",
            "--boundaries",
            tmp_path / "b.geojson",
            "-o",
            out,
        ],
        capsys,
    )
    assert code == 1
    one_error(err, "is not a vector file GDAL can read")


def test_boundaries_empty_layer(tmp_path, out, capsys):
    (tmp_path / "b.geojson").write_text(
        '{"type": "FeatureCollection", "features": []}', encoding="utf-8"
    )
    code, _, err = run(
        [
            "map",
            "--countries",
            "KGZ,TJK",
            "--boundaries",
            tmp_path / "b.geojson",
            "-o",
            out,
        ],
        capsys,
    )
    assert code == 1
    one_error(err, "has no features")


def _kg_tj(tmp_path, crs=None, name="adm1_name"):
    import geopandas as gpd

    from bordermap.geo.places.boundaries import world_admin1

    world = world_admin1()
    frame = world[world["adm0_iso3"].isin(["KGZ", "TJK"])][["adm1_name", "geometry"]]
    frame = gpd.GeoDataFrame(frame.rename(columns={"adm1_name": name}), crs=4326)
    path = tmp_path / "b.shp"
    if crs is not None:
        frame = frame.to_crs(crs)
    frame.to_file(path)
    return path


def test_boundaries_without_crs_are_read_as_lonlat(tmp_path, out, capsys):
    path = _kg_tj(tmp_path)
    path.with_suffix(".prj").unlink()
    code, _, err = run(
        ["map", "--countries", "KGZ,TJK", "--boundaries", path, "-o", out, "-q"], capsys
    )
    assert code == 0 and out.exists()
    assert any("has no CRS; read as EPSG:4326" in line for line in err)


def test_boundaries_in_a_projected_crs_are_reprojected(tmp_path, out, capsys):
    path = _kg_tj(tmp_path, crs=32642)
    code, _, _ = run(
        ["map", "--countries", "KGZ,TJK", "--boundaries", path, "-o", out, "-q"], capsys
    )
    assert code == 0 and out.exists()


def test_boundaries_name_column_missing(tmp_path, out, capsys):
    path = _kg_tj(tmp_path, name="label")
    code, _, err = run(
        [
            "map",
            "--countries",
            "KGZ,TJK",
            "--boundaries",
            path,
            "--name-column",
            "name",
            "-o",
            out,
        ],
        capsys,
    )
    assert code == 1
    one_error(err, "has no column 'name'; pass --name-column one of ['label']")


def test_countries_that_share_no_border(out, capsys):
    code, _, err = run(["map", "--countries", "THA,IND", "-o", out], capsys)
    assert code == 1
    one_error(err, "THA and IND share no land border")


def test_unknown_country_code(out, capsys):
    code, _, err = run(["map", "--countries", "THA,XXX", "-o", out], capsys)
    assert code == 1
    one_error(err, "unknown country code XXX")


# ---------------------------------------------------------------- output
def test_output_directory_does_not_exist(tmp_path, capsys):
    code, _, err = run(["map", "-o", tmp_path / "no" / "m.html"], capsys)
    assert code == 1
    one_error(err, "no such directory")


def test_output_cannot_be_written(tmp_path, capsys):
    target = tmp_path / "m.html"
    target.mkdir()  # a directory where the file should go
    code, _, err = run(["map", "-o", target], capsys)
    assert code == 1
    one_error(err, "cannot write")
    assert target.is_dir() and not [p for p in tmp_path.iterdir() if p.name != "m.html"]


def test_existing_file_is_replaced_atomically(tmp_path, monkeypatch, capsys):
    target = tmp_path / "m.html"
    target.write_text("old map", encoding="utf-8")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    code, _, err = run(["map", "-o", target, "-q"], capsys)
    assert code == 130 and "no output file was changed" in err[-1]
    assert target.read_text(encoding="utf-8") == "old map"
    assert [p.name for p in tmp_path.iterdir()] == ["m.html"]  # no temporary left
    monkeypatch.undo()
    assert run(["map", "-o", target, "-q"], capsys)[0] == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


# ---------------------------------------------------------------- command line
@pytest.mark.parametrize(
    "argv",
    [
        ["map", "--bogus", "-o", "x.html"],
        ["extract", str(ROOT / "seeds"), "--format", "xlsx"],
        ["map"],  # -o is required
        ["frobnicate"],
        ["extract", str(ROOT / "seeds"), "--on-error", "maybe"],
    ],
    ids=[
        "unknown option",
        "unknown format",
        "missing -o",
        "unknown command",
        "bad choice",
    ],
)
def test_usage_errors_exit_2_with_usage(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    assert "usage: bordermap" in capsys.readouterr().err


def test_unexpected_errors_are_one_line(monkeypatch, tmp_path, capsys):
    import bordermap.pipeline

    def broken(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(bordermap.pipeline, "extract", broken)
    code, _, err = run(["map", "-o", tmp_path / "m.html"], capsys)
    assert code == 1
    one_error(err, "unexpected ZeroDivisionError: boom")
    with pytest.raises(ZeroDivisionError):
        main(["map", "-o", str(tmp_path / "m.html"), "--debug"])
