"""The map in a real browser: Debian's Chromium driven by Playwright.

Leaflet comes from the xstatic-leaflet package (served in place of the CDN),
tiles are answered with a blank image, and every other request is counted and
refused: the test sees the page exactly as a user's browser runs it.
"""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

import bordermap
from tests.layers.conftest import parse_page

pytest.importorskip("playwright.sync_api")

BLANK_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mP8/x8AAwMCAO+ip1sAAAAASUVORK5CYII="
)


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
        "([k, v]) => [k, window[v].bmCount ? window[v].bmCount()"
        " : window[v].getLayers().length]))",
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
    page.evaluate(f"window['{var}'].bmOpen(0)")
    popup = page.locator(".leaflet-popup-content")
    quote = popup.locator("blockquote").inner_text()
    assert "<script>window.__pwned = 1</script>" in quote
    assert page.locator(".leaflet-popup-content img").count() == 0
    # the javascript: URL is not made a link
    assert popup.locator("a").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert "Map <script>" in page.locator(".bm-title h3").inner_text()
    assert errors == [] and refused == []


def test_inline_in_jupyter_repr(browser, seed_frame, tmp_path):
    m = bordermap.make_map(seed_frame)
    html = m._repr_html_()
    assert "<iframe" in html and html == bordermap.make_map(seed_frame)._repr_html_()


# ------------------------------------------------------------ report-grade maps
def open_blocked(browser, html: str, tmp_path: Path, name: str = "page.html"):
    """Load a page with every network request refused and counted."""
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors, attempts = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def route(request_route):
        if request_route.request.url.startswith("file://"):
            return request_route.continue_()
        attempts.append(request_route.request.url)
        return request_route.abort()

    page.route("**/*", route)
    page.goto(path.as_uri())
    page.wait_for_function(
        "typeof L !== 'undefined' && document.querySelector('.bm-box')"
    )
    return page, errors, attempts


def test_offline_page_makes_no_request(browser, offline_page, seed_frame, tmp_path):
    page, errors, attempts = open_blocked(browser, offline_page, tmp_path)
    assert attempts == [] and errors == []
    var = parse_page(offline_page)["layer_vars"]["Incidents"]
    located = int((seed_frame.geometry.notna() & ~seed_frame.geometry.is_empty).sum())
    assert page.evaluate(f"window['{var}'].bmCount()") == located
    assert "<script src=" not in offline_page and "<link rel=" not in offline_page


def _non_background_share(png: bytes) -> float:
    from io import BytesIO

    from PIL import Image

    image = Image.open(BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20)
    background = max(colours)[1]
    total = image.width * image.height
    return 1 - sum(n for n, c in colours if c == background) / total


def test_screenshot_is_not_blank(browser, offline_page, tmp_path):
    page, _, _ = open_blocked(browser, offline_page, tmp_path)
    png = page.locator(".bordermap-map").screenshot()
    (tmp_path / "map.png").write_bytes(png)
    assert _non_background_share(png) > 0.2


def test_date_filter_filters_markers_and_retotals_provinces(
    browser, offline_page, tmp_path
):
    page, errors, _ = open_blocked(browser, offline_page, tmp_path)
    names = parse_page(offline_page)["layer_vars"]
    markers, provinces = names["Incidents"], names["Casualties by province"]
    count = f"window['{markers}'].bmCount()"
    colours = (
        f"(() => {{ const o = {{}}; window['{provinces}'].eachLayer(l => "
        "o[l.feature.properties.adm1_iso] = l.options.fillColor); return o; })()"
    )
    before_n, before_c = page.evaluate(count), page.evaluate(colours)
    page.fill(".bm-from", "2025-12-01")
    page.fill(".bm-to", "2025-12-31")
    page.locator(".bm-to").dispatch_event("change")
    december_n, december_c = page.evaluate(count), page.evaluate(colours)
    assert 0 < december_n < before_n
    assert december_c["TH-32"] == "#f7f7f7" != before_c["TH-32"]  # Surin: July only
    assert "Showing" in page.locator(".bm-time .bm-note").inner_text()
    page.click(".bm-time button")
    assert page.evaluate(count) == before_n and page.evaluate(colours) == before_c
    assert errors == []


def test_two_fragments_on_one_page(browser, seed_frame, tmp_path):
    from bordermap.geo.records import Article

    other = bordermap.extract(
        [
            Article(
                "x",
                "Shelling killed two villagers in Trat on Monday.",
                published=__import__("datetime").date(2025, 12, 9),
            )
        ]
    )
    first = bordermap.render_fragment(bordermap.make_map(seed_frame, offline=True))
    second = bordermap.render_fragment(bordermap.make_map(other, offline=True), "400px")
    html = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"
        "<h1>Report</h1><p>Before.</p>"
        + first
        + "<p>Between.</p>"
        + second
        + "<p>After.</p></body></html>"
    )
    page, errors, attempts = open_blocked(browser, html, tmp_path)
    assert errors == [] and attempts == []
    assert page.locator(".leaflet-container").count() == 2
    sizes = page.evaluate(
        "[...document.querySelectorAll('.bordermap-map')].map(e => e.offsetHeight)"
    )
    assert sizes == [600, 400]
    assert page.evaluate("document.body.style.margin") == ""  # no page-wide styles
    ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids) == len(set(ids))


PAYLOADS = {
    "markup": "<b id=injected>bold</b><iframe src=x></iframe>",
    "handler": (
        "<img src=x onerror=\"window.__pwned='img'\"><svg onload=window.__pwned='svg'>"
    ),
    "script_end": "</script><script>window.__pwned='script'</script>",
    "template": "`${window.__pwned='tpl'}` {{7*7}}",
    "separators": "line\u2028sep\u2029para",
    "javascript_url": "javascript:window.__pwned='url'",
}


def test_every_hostile_payload_stays_text(browser, tmp_path):
    import geopandas as gpd

    from bordermap.geo.places.boundaries import read_boundaries, world_admin1
    from bordermap.geo.records import Article

    hostile = " ".join(PAYLOADS.values())
    world = world_admin1()
    frame = world[world["adm0_iso3"].isin(["KGZ", "TJK"])][
        ["adm1_iso", "adm1_name", "geometry"]
    ].copy()
    frame.loc[frame["adm1_iso"] == "KG-B", "adm1_name"] = (
        f"Batken {PAYLOADS['handler']}"
    )
    path = tmp_path / "hostile.geojson"
    gpd.GeoDataFrame(frame, crs=4326).to_file(path)
    layers = read_boundaries(
        path, ("KGZ", "TJK"), name_column="adm1_name", code_column="adm1_iso"
    )
    article = Article(
        id="evil",
        title=f"Title {hostile}",
        url=PAYLOADS["javascript_url"],
        text=(
            f"Shelling hit Batken in Kyrgyzstan on Monday, killing two villagers. "
            f"Officials of {PAYLOADS['markup']} said {hostile}. "
            # one incident in two provinces: listed in the box with their names
            "On Tuesday shells hit Batken and Sughd, wounding three soldiers."
        ),
        published=__import__("datetime").date(2022, 9, 17),
    )
    incidents = bordermap.extract([article], boundaries=layers)
    html = bordermap.render_html(
        bordermap.make_map(
            incidents, boundaries=layers, title=f"Map {hostile}", offline=True
        )
    )
    page, errors, attempts = open_blocked(browser, html, tmp_path)
    names = parse_page(html)["layer_vars"]
    # open every popup and every tooltip: content is built only then
    page.evaluate(
        "names => Object.values(names).forEach(v => { const layer = window[v];"
        " if (layer.bmOpen) { for (let i = 0; i < layer.bmData.n; i += 1) {"
        " layer.bmOpen(i); } }"
        " if (layer.eachLayer) layer.eachLayer(l => {"
        " if (l.getPopup()) { l.openPopup(); }"
        " if (l.getTooltip()) { l.openTooltip(); } }); })",
        names,
    )
    assert page.evaluate("window.__pwned") is None
    assert (
        page.locator("#injected, iframe, .leaflet-container img, svg[onload]").count()
        == 0
    )
    handlers = page.evaluate(
        "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes])"
        ".filter(a => a.name.startsWith('on')).length"
    )
    assert handlers == 0
    assert page.locator("a[href^='javascript']").count() == 0
    text = page.locator("body").inner_text()
    assert "<b id=injected>bold</b>" in text  # shown as text
    assert "window.__pwned='script'" in text
    assert "`${window.__pwned='tpl'}`" in page.locator(".bm-title").inner_text()
    # the hostile province name reaches the box of figures on no province as text
    box = page.locator(".bm-totals").inner_text()
    assert "3 (low 3" in box and PAYLOADS["handler"] in box
    assert errors == [] and attempts == []


def test_markers_are_visible_above_the_provinces(browser, offline_page, tmp_path):
    from io import BytesIO

    from PIL import Image

    page, _, _ = open_blocked(browser, offline_page, tmp_path)
    var = parse_page(offline_page)["layer_vars"]["Incidents"]
    spot = page.evaluate(
        f"(() => {{ const l = window['{var}'], d = l.bmData;"
        " for (let i = 0; i < d.n; i += 1) {"
        "  const p = l._map.latLngToContainerPoint([d.lat[i], d.lon[i]]);"
        "  const r = l._map.getContainer().getBoundingClientRect();"
        "  if (p.x > 320 && p.x < r.width - 320 && p.y > 150 && p.y < r.height - 150)"
        "   return {x: p.x + r.left, y: p.y + r.top, color: d.colors[d.type[i]]}; }"
        " return null; })()"
    )
    assert spot is not None
    image = Image.open(BytesIO(page.screenshot())).convert("RGB")
    want = tuple(int(spot["color"][k : k + 2], 16) for k in (1, 3, 5))
    got = image.getpixel((round(spot["x"]), round(spot["y"])))
    assert sum(abs(a - b) for a, b in zip(got, want, strict=True)) < 90, (got, want)
