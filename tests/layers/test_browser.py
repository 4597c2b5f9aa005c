"""The map in a real browser: Debian's Chromium driven by Playwright.

Leaflet comes from the xstatic-leaflet package (served in place of the CDN),
tiles are answered with a blank image, and every other request is counted and
refused: the test sees the page exactly as a user's browser runs it.
"""

from __future__ import annotations

import base64
import os
import shutil
from pathlib import Path

import pytest

import bordermap
from tests.layers.conftest import parse_page

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
BLANK_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mP8/x8AAwMCAO+ip1sAAAAASUVORK5CYII="
)

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError(
            "chromium is missing: the test command installs it with apt-get"
        )
    pytest.skip(
        "chromium not installed (apt-get install chromium)", allow_module_level=True
    )

playwright = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _leaflet_dir() -> Path:
    import xstatic.pkg.leaflet as leaflet

    return Path(leaflet.BASE_DIR)


def open_page(browser, html: str, tmp_path: Path):
    """Load ``html`` from a file:// URL; return (page, console errors, refused URLs)."""
    path = tmp_path / "map.html"
    path.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors, refused = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    leaflet = _leaflet_dir()

    def route(request_route):
        url = request_route.request.url
        if url.startswith("file://"):
            return request_route.continue_()
        if "leaflet@" in url and url.endswith((".js", ".css")):
            name = url.rsplit("/", 1)[1]
            kind = "application/javascript" if name.endswith(".js") else "text/css"
            return request_route.fulfill(
                body=(leaflet / name).read_bytes(), content_type=kind
            )
        if "tile.openstreetmap.org" in url:
            return request_route.fulfill(body=BLANK_PNG, content_type="image/png")
        refused.append(url)
        return request_route.abort()

    page.route("**/*", route)
    page.goto(path.as_uri())
    page.wait_for_function(
        "typeof L !== 'undefined' && document.querySelector('.bm-box')"
    )
    return page, errors, refused


def test_seed_map_draws_without_errors(browser, seed_page, seed_frame, tmp_path):
    page, errors, refused = open_page(browser, seed_page, tmp_path)
    assert errors == [] and refused == []
    names = parse_page(seed_page)["layer_vars"]
    drawn = page.evaluate(
        "names => Object.fromEntries(Object.entries(names).map("
        "([k, v]) => [k, window[v].getLayers().length]))",
        names,
    )
    located = int((seed_frame.geometry.notna() & ~seed_frame.geometry.is_empty).sum())
    assert drawn["Incidents"] == located
    assert drawn["Casualties by province"] == 14
    assert page.locator(".leaflet-control-layers-overlays label").count() == 4
    assert (
        page.locator(".bm-totals").inner_text().count("more than three dozen (low 37")
        == 1
    )


def test_layers_toggle(browser, seed_page, tmp_path):
    page, _, _ = open_page(browser, seed_page, tmp_path)
    var = parse_page(seed_page)["layer_vars"]["Incidents"]
    on_map = f"window['{var}']._map !== null && window['{var}']._map !== undefined"
    assert page.evaluate(on_map)
    page.locator(".leaflet-control-layers-overlays label", has_text="Incidents").click()
    assert not page.evaluate(on_map)
    page.locator(".leaflet-control-layers-overlays label", has_text="Incidents").click()
    assert page.evaluate(on_map)


def test_hostile_text_is_inert_and_shown_as_text(
    browser, hostile_page, hostile_frame, tmp_path
):
    page, errors, refused = open_page(browser, hostile_page, tmp_path)
    var = parse_page(hostile_page)["layer_vars"]["Incidents"]
    page.evaluate(f"window['{var}'].getLayers()[0].openPopup()")
    popup = page.locator(".leaflet-popup-content")
    quote = popup.locator("blockquote").inner_text()
    assert "<script>window.__pwned = 1</script>" in quote
    assert page.locator(".leaflet-popup-content img").count() == 0
    # the javascript: URL is not made a link
    assert popup.locator("a").count() == 0
    page.hover(".leaflet-interactive >> nth=-1")
    assert page.evaluate("window.__pwned") is None
    assert "Map <script>" in page.locator(".bm-title h3").inner_text()
    assert errors == [] and refused == []


def test_inline_in_jupyter_repr(browser, seed_frame, tmp_path):
    m = bordermap.make_map(seed_frame)
    html = m._repr_html_()
    assert "<iframe" in html and html == bordermap.make_map(seed_frame)._repr_html_()
