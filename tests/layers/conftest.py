"""Map fixtures: the seed map and a map built from a hostile article."""

from __future__ import annotations

import json
import os
import re
import shutil
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest

import bordermap
from bordermap.geo.records import Article
from tests.conftest import HOSTILE, ROOT


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def marker_features(columns: dict) -> list[dict]:
    """The marker layer's columns as one dict of properties per incident."""
    out = []
    for i in range(columns["n"]):
        codes = {
            k: c if isinstance(c, int) else c[i] for k, c in columns["text"].items()
        }
        props = {
            k: (columns["strings"][c] if c >= 0 else None) for k, c in codes.items()
        }
        day = columns["day"][i]
        props.update(
            date=None if day < 0 else str(date(1970, 1, 1) + timedelta(days=day)),
            event_type=columns["types"][columns["type"][i]],
        )
        out.append(
            {
                "geometry": {
                    "type": "Point",
                    "coordinates": [columns["lon"][i], columns["lat"][i]],
                },
                "properties": props,
            }
        )
    return out


def parse_page(page: str) -> dict:
    """Scripts, tags, data layers (by layer-control name) and boxes of a page."""
    parser = _Scripts()
    parser.feed(page)
    script = "\n".join(parser.scripts)
    decoder = json.JSONDecoder()
    layers, boxes = {}, []
    for m in re.finditer(r"var (\w+) = bordermap\.dataLayer\(", script):
        data, end = decoder.raw_decode(script, m.end())
        options, _ = decoder.raw_decode(script, end + 2)
        layers[m.group(1)] = {"data": data, "options": options}
    for m in re.finditer(r"var (\w+) = bordermap\.markerLayer\(", script):
        data, end = decoder.raw_decode(script, m.end())
        block = re.search(
            rf'<script type="application/json" id="{m.group(1)}_text">(.*?)</script>',
            page,
            re.S,
        )
        data.update(json.loads(block.group(1)))
        options, _ = decoder.raw_decode(script, end + 2)
        layers[m.group(1)] = {
            "data": {"features": marker_features(data), "columns": data},
            "options": options,
        }
    for m in re.finditer(r"bordermap\.box\(\w+, ", script):
        boxes.append(decoder.raw_decode(script, m.end())[0])
    control = re.search(r"overlays :  \{(.*?)\}", script, re.S).group(1)
    names = {json.loads(k): v for k, v in re.findall(r'("[^"]*") : (\w+),', control)}
    return {
        "scripts": parser.scripts,
        "tags": parser.tags,
        "layers": {name: layers[var] for name, var in names.items()},
        "layer_vars": names,
        "boxes": boxes,
    }


@pytest.fixture(scope="session")
def seed_frame():
    return bordermap.extract([ROOT / "seeds"])


@pytest.fixture(scope="session")
def seed_page(seed_frame):
    return bordermap.render_html(bordermap.make_map(seed_frame))


@pytest.fixture(scope="session")
def hostile_article():
    text = (
        f"SURIN, Thailand, July 24 — Rockets hit Kap Choeng district of Surin, "
        f"killing two villagers {HOSTILE}, the army said."
    )
    return Article(
        id="evil</script>",
        text=text,
        title=f"Title {HOSTILE}",
        published=date(2025, 7, 24),
        url="javascript:window.__pwned=5//<script>",
    )


@pytest.fixture(scope="session")
def hostile_frame(hostile_article):
    return bordermap.extract([hostile_article])


@pytest.fixture(scope="session")
def hostile_page(hostile_frame):
    return bordermap.render_html(
        bordermap.make_map(hostile_frame, title=f"Map {HOSTILE}")
    )


#: Debian's Chromium; the test command installs it (apt-get) before the tests.
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    """Chromium driven by Playwright; skipped off CI when it is not installed."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            raise RuntimeError(
                "chromium is missing: the test command installs it with apt-get"
            )
        pytest.skip("chromium not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def offline_page(seed_frame):
    return bordermap.render_html(bordermap.make_map(seed_frame, offline=True))
