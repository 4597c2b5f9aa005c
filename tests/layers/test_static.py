import re
import subprocess
import sys

import pytest

import bordermap
from bordermap.errors import RenderError
from tests.conftest import HOSTILE, ROOT


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_static_maps_are_deterministic_across_processes(tmp_path, fmt):
    code = (
        "import bordermap,sys;f=bordermap.extract([sys.argv[1]]);"
        "bordermap.save_static_map(f, sys.argv[2])"
    )
    paths = [tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"]
    for path in paths:
        subprocess.run(
            [sys.executable, "-c", code, str(ROOT / "seeds"), str(path)], check=True
        )
    a, b = (p.read_bytes() for p in paths)
    assert a == b and len(a) > 50_000
    magic = {"png": b"\x89PNG", "svg": b"<?xml", "pdf": b"%PDF"}[fmt]
    assert a.startswith(magic)


def test_png_shows_the_map(tmp_path):
    from PIL import Image

    frame = bordermap.extract([ROOT / "seeds"])
    path = bordermap.save_static_map(frame, tmp_path / "m.png")
    image = Image.open(path).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20)
    assert len(colours) > 50  # polygons, markers, text: not a blank page
    # the choropleth's "2-4" class colour is on the page (Surin, Si Sa Ket, ...)
    assert any(c == (0xFC, 0xBB, 0xA1) for _, c in colours) or any(
        abs(c[0] - 0xFC) + abs(c[1] - 0xBB) + abs(c[2] - 0xA1) < 40 for _, c in colours
    )


def test_hostile_title_and_quotes_are_plain_text(tmp_path):
    from bordermap.geo.records import Article

    art = Article(
        "x",
        f"Shelling killed two villagers in Surin on Monday. {HOSTILE} $x^2$",
        title=HOSTILE,
        published=__import__("datetime").date(2025, 7, 29),
    )
    frame = bordermap.extract([art])
    path = bordermap.save_static_map(
        frame, tmp_path / "m.svg", title=f"$\\alpha$ {HOSTILE}"
    )
    import xml.etree.ElementTree as ET

    root = ET.parse(path).getroot()  # well-formed: no markup broke out of the text
    tags = {el.tag.rsplit("}", 1)[-1] for el in root.iter()}
    assert tags <= {
        "svg",
        "metadata",
        "RDF",
        "Work",
        "type",
        "date",
        "format",
        "creator",
        "Agent",
        "title",
        "defs",
        "style",
        "g",
        "path",
        "use",
        "clipPath",
        "rect",
        "text",
        "image",
        "polygon",
        "polyline",
        "line",
        "circle",
        "ellipse",
        "pattern",
        "mask",
        "linearGradient",
        "stop",
    }
    assert "script" not in tags
    assert not [a for el in root.iter() for a in el.attrib if a.startswith("on")]


def test_unknown_static_format(tmp_path):
    frame = bordermap.extract([ROOT / "seeds"])
    with pytest.raises(RenderError, match=r"\.png, \.svg or \.pdf"):
        bordermap.save_static_map(frame, tmp_path / "m.jpg")


def test_the_image_shows_the_latest_tolls_and_their_chart(tmp_path):
    from tests.layers.tollsdata import conflict

    frame = bordermap.extract(conflict())
    svg = bordermap.save_static_map(frame, tmp_path / "t.svg").read_text("utf-8")
    # matplotlib draws text as paths, each line named in a comment: the lines
    svg = " ".join(re.findall(r"<!-- (.*?) -->", svg.replace("&#39;", "'"), re.S))
    assert "latest reported totals" in svg
    latest = bordermap.latest_tolls(frame)
    for row in latest[latest["kind"] == "killed"].itertuples():
        assert f"{row.claimant}: {row.best}" in svg
    assert "Thai interior ministry: more than 390,000" in svg  # as written
    assert "Reported totals over time" in svg
    png = [bordermap.save_static_map(frame, tmp_path / f"t{i}.png").read_bytes()
           for i in range(2)]  # fmt: skip
    assert png[0] == png[1]
