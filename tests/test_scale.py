"""The dask engine on a two-worker LocalCluster equals the local engine, row for row."""

import csv
import json

import pandas as pd
import pytest

import bordermap
from bordermap.cli import main
from tests.conftest import ROOT

pytest.importorskip("dask_geopandas")


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tables")
    articles = bordermap.read_articles([ROOT / "seeds"])
    with (folder / "a.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "title", "published", "text"])
        for a in articles[:6]:
            writer.writerow([a.id, a.title, a.published, a.text])
    with (folder / "b.jsonl").open("w", encoding="utf-8") as fh:
        for a in articles[6:]:
            fh.write(
                json.dumps(
                    {"title": a.title, "published": str(a.published), "text": a.text}
                )
                + "\n"
            )
    pd.DataFrame(
        [
            {
                "id": f"p-{a.id}",
                "text": a.text + " Repeated in Parquet.",
                "published": str(a.published),
            }
            for a in articles[:3]
        ]
    ).to_parquet(folder / "c.parquet")
    return folder


def test_dask_equals_local_row_for_row(tables):
    from bordermap.scale import extract_dask

    paths = [tables / "a.csv", tables / "b.jsonl"]
    local = bordermap.extract(paths)
    distributed = extract_dask(paths, workers=2)
    assert len(local) == len(distributed) > 30
    pd.testing.assert_frame_equal(
        pd.DataFrame(local.drop(columns="geometry")),
        pd.DataFrame(distributed.drop(columns="geometry")),
        check_dtype=False,
    )
    assert local.geometry.equals(distributed.geometry)
    assert (
        bordermap.aggregate(local)
        .drop(columns="geometry")
        .equals(bordermap.aggregate(distributed).drop(columns="geometry"))
    )


def test_dask_reads_parquet(tables):
    from bordermap.scale import extract_dask

    frame = extract_dask([tables / "c.parquet"], workers=2)
    assert set(frame["article_id"]) <= {
        f"p-{a}"
        for a in (
            "00-talks-resume-lasting-ceasefire",
            "01-ta-muen-thom-opening-shots",
            "02-chong-bok-landmine-hill-481",
        )
    }
    assert "TH-32" in set(frame["adm1_iso"].dropna())


def test_engine_on_the_command_line(tables, tmp_path):
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    paths = [str(tables / "a.csv"), str(tables / "b.jsonl")]
    assert main(["extract", *paths, "-o", str(local), "-q"]) == 0
    assert (
        main(
            [
                "extract",
                *paths,
                "-o",
                str(dask),
                "-q",
                "--engine",
                "dask",
                "--workers",
                "2",
            ]
        )
        == 0
    )
    assert local.read_bytes() == dask.read_bytes()


def test_a_warc_split_by_record_equals_one_process(tmp_path):
    from tests.geo.sources.test_web import _warc, page

    seeds = bordermap.read_articles([ROOT / "seeds"])
    pages = [
        (f"https://x.example/{a.id}", "200", "text/html",
         page(a, f"https://x.example/{a.id}").encode("utf-8"))
        for a in seeds
    ]  # fmt: skip
    archive = tmp_path / "crawl.warc.gz"
    # more records than one chunk, with repeats and pages about elsewhere
    other = bordermap.Article(
        "o",
        "Markets rose in Frankfurt on a quiet day of trade.",
        "Markets",
        seeds[0].published,
    )
    _warc(
        archive,
        [*pages * 3, ("https://x.example/o", "200", "text/html",
                      page(other, "https://x.example/o").encode("utf-8"))],
    )  # fmt: skip
    outputs = {}
    for name, extra in {
        "one": [],
        "jobs": ["--jobs", "2"],
        "dask": ["--engine", "dask", "--workers", "2"],
    }.items():
        out = tmp_path / f"{name}.jsonl"
        args = ["extract", str(archive), "--format", "jsonl", "-o", str(out), "-q"]
        assert main(args + extra) == 0
        outputs[name] = out.read_bytes()
    assert outputs["one"] == outputs["jobs"] == outputs["dask"]
    rows = [json.loads(line) for line in outputs["one"].splitlines()]
    assert len(rows) == len(seeds)  # repeats read once, the market page skipped


def test_dask_reads_thai_and_russian_and_takes_the_language_option(tmp_path):
    rows = [
        {"id": "th", "published": "2025-11-14",
         "text": "จรวดตกที่ อ.กาบเชิง จ.สุรินทร์ เมื่อ 13 พ.ย.68 มีผู้เสียชีวิต 2 ราย"},
        {"id": "ru", "published": "2021-04-30",
         "text": "В Баткенской области погибли не менее 24 человек."},
    ]  # fmt: skip
    path = tmp_path / "native.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    outputs = {}
    for engine, extra in (
        ("local", []),
        ("dask", ["--engine", "dask", "--workers", "2"]),
    ):
        for lang in ("", "en"):
            out = tmp_path / f"{engine}-{lang or 'own'}.jsonl"
            option = ["--language", lang] if lang else []
            assert (
                main(["extract", str(path), "-o", str(out), "-q", *extra, *option]) == 0
            )
            outputs[engine, lang] = out.read_bytes()
    assert outputs["local", ""] == outputs["dask", ""]
    assert outputs["local", "en"] == outputs["dask", "en"]
    found = [json.loads(x) for x in outputs["dask", ""].decode().splitlines()]
    assert [len(a["incidents"]) for a in found] == [1, 1]
    as_english = [json.loads(x) for x in outputs["dask", "en"].decode().splitlines()]
    assert [len(a["incidents"]) for a in as_english] == [0, 0]  # read as English
