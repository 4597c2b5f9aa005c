"""Shared fixtures: small articles and geometries built in code, and the corpus."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from bordermap.geo.places.gazetteer import load_gazetteer
from bordermap.geo.records import Article

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = HERE / "corpus"

#: Hostile strings for every context article text can reach.
HOSTILE = (
    "<script>window.__pwned = 1</script>"
    '<img src=x onerror="window.__pwned=2">'
    "</script><script>window.__pwned=3</script>"
    "`${window.__pwned=4}` \u2028 \u2029 \"quoted\" 'single' &amp;"
)


@pytest.fixture(scope="session")
def gazetteer():
    return load_gazetteer()


@pytest.fixture
def article():
    """A three-sentence article with a dateline."""
    return Article(
        id="t-01",
        text=(
            "SURIN, Thailand, July 24 — Cambodian rockets hit a village in Kap Choeng "
            "district of Surin on Thursday, killing two civilians. "
            "More than 3,000 people fled to shelters. "
            "The Royal Thai Army said the rockets were fired from a base at Khao Laem."
        ),
        title="Rockets hit Kap Choeng",
        published=date(2025, 7, 24),
    )


@pytest.fixture
def report_file(tmp_path):
    """The review tests' border report (`test_review.TEXT`) as an article file."""
    from tests.geo.review.test_review import TEXT

    path = tmp_path / "a1.md"
    path.write_text(
        "---\ntitle: Border report\ndate: 2025-11-10\n---\n\n" + TEXT, "utf-8"
    )
    return path


@pytest.fixture
def squares():
    """Two square provinces of two countries sharing an edge, and the border line."""
    adm1 = gpd.GeoDataFrame(
        {
            "adm0_iso3": ["AAA", "BBB"],
            "adm1_iso": ["AA-1", "BB-1"],
            "adm1_name": ["West", "East"],
            "border": [True, True],
        },
        geometry=[shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1)],
        crs="EPSG:4326",
    )
    line = gpd.GeoDataFrame(
        geometry=[shapely.LineString([(1, 0), (1, 1)])], crs="EPSG:4326"
    )
    return adm1, line


def read_gold(name: str) -> list[dict]:
    path = CORPUS / name / "gold.jsonl"
    return [
        json.loads(line)
        for line in path.read_text(encoding="utf-8").splitlines()
        if line
    ]


def seed_articles():
    from bordermap.geo.sources.articles import read_articles

    return read_articles([ROOT / "seeds"])
