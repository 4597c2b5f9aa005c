"""Thai and Cyrillic text in an article comes out whole in every output format."""

from __future__ import annotations

import csv
import json

import geopandas as gpd
import pytest

from bordermap.cli import main

THAI, CYRILLIC = "อำเภอกาบเชิง", "обстрел у границы"
ARTICLE = (
    f'---\ntitle: "Rockets hit Kap Choeng; {CYRILLIC}"\ndate: 2025-11-14\n---\n\n'
    f"SURIN, Thailand — Rockets hit Kap Choeng district of Surin ({THAI}) on Friday, "
    "killing two villagers, the army said.\n"
)


def _cells(path, form):
    """Every text value of the output, read back with the format's own reader."""
    if form in ("gpkg", "parquet"):
        frame = (
            gpd.read_file(path, layer="incidents")
            if form == "gpkg"
            else gpd.read_parquet(path)
        )
        return [str(v) for v in frame.drop(columns="geometry").to_numpy().ravel()]
    text = path.read_text("utf-8")
    if form == "geojson":
        return [json.dumps(json.loads(text), ensure_ascii=False)]
    if form == "jsonl":
        return [
            json.dumps(json.loads(line), ensure_ascii=False)
            for line in text.splitlines()
        ]
    return [cell for row in csv.reader(text.splitlines()) for cell in row]


@pytest.mark.parametrize(
    "form", ["jsonl", "csv", "geojson", "ucdp", "acled", "gpkg", "parquet"]
)
def test_thai_and_cyrillic_round_trip(tmp_path, form):
    article = tmp_path / "a.md"
    article.write_text(ARTICLE, "utf-8")
    out = tmp_path / f"out.{form}"
    assert main(["extract", str(article), "--format", form, "-o", str(out), "-q"]) == 0
    cells = _cells(out, form)
    assert any(THAI in c for c in cells)  # the quote, in its own script
    assert any(CYRILLIC in c for c in cells)  # the title
