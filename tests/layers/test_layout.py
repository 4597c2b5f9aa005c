"""The map at the sizes people read it: a wide screen, a laptop, a report's
iframe, a phone, and paper; in Debian's Chromium.

A "box" is anything drawn over the map: the title, the panel buttons, each
open panel, the zoom buttons, the scale bar, the attribution and its button.
"""

from __future__ import annotations

import io

import pytest

import bordermap

WIDE, LAPTOP, IFRAME, PHONE = (1920, 1080), (1366, 768), (800, 500), (390, 844)
SIZES = [WIDE, LAPTOP, IFRAME, PHONE]
SMALL = [IFRAME, PHONE]
#: folded, the boxes of a small map cover at most about a third of it
SMALL_SHARE = 0.34

BOXES = """root => [...root.querySelectorAll(
    '.bm-ui .bm-title, .bm-ui .bm-toolbar, .bm-ui .bm-panel,'
    + ' .bm-ui .leaflet-control-zoom, .bm-ui .leaflet-control-scale,'
    + ' .bm-ui .leaflet-control-attribution, .bm-ui .bm-attr-toggle')]
  .filter(e => e.getClientRects().length > 0)
  .map(e => { const r = e.getBoundingClientRect();
              return {name: e.className, x: r.x, y: r.y, w: r.width, h: r.height}; })"""


def _open(browser, html, tmp_path, size, *, touch=False, name="map.html", wait=True):
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    context = browser.new_context(
        viewport={"width": size[0], "height": size[1]},
        has_touch=touch,
        is_mobile=touch,
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    if wait:
        page.wait_for_function("document.querySelector('.bm-ui .bm-toolbar')")
    return page, errors


def _map(frame):
    return frame.locator(".bordermap-map").first


def _boxes(frame) -> list[dict]:
    return _map(frame).evaluate(BOXES)


def _overlaps(boxes) -> list[tuple[str, str]]:
    out = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if (
                a["x"] < b["x"] + b["w"]
                and b["x"] < a["x"] + a["w"]
                and a["y"] < b["y"] + b["h"]
                and b["y"] < a["y"] + a["h"]
            ):
                out.append((a["name"], b["name"]))
    return out


def _covered(frame, boxes) -> float:
    """Share of the map under a box, counted on a 4-pixel grid."""
    r = _map(frame).bounding_box()
    hits = total = 0
    for x in range(int(r["x"]) + 2, int(r["x"] + r["width"]), 4):
        for y in range(int(r["y"]) + 2, int(r["y"] + r["height"]), 4):
            total += 1
            hits += any(
                b["x"] <= x < b["x"] + b["w"] and b["y"] <= y < b["y"] + b["h"]
                for b in boxes
            )
    return hits / total


def _check_layout(frame, small: bool) -> None:
    boxes = _boxes(frame)
    names = " ".join(b["name"] for b in boxes)
    for part in ("bm-title", "bm-toolbar", "leaflet-control-scale", "attribution"):
        assert part in names
    assert _overlaps(boxes) == []
    share = _covered(frame, boxes)
    if small:
        assert share <= SMALL_SHARE, share
    # the scale bar is the element at its own place: nothing lies on top of it
    assert _map(frame).evaluate(
        """root => { const s = root.querySelector('.leaflet-control-scale');
            const r = s.getBoundingClientRect();
            return s.contains(document.elementFromPoint(r.x + r.width / 2,
                                                        r.y + r.height / 2)); }"""
    )


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_boxes_never_overlap_and_a_small_map_stays_mostly_map(
    browser, offline_page, tmp_path, size
):
    page, errors = _open(browser, offline_page, tmp_path, size, touch=size == PHONE)
    _check_layout(page, small=size in SMALL)
    # and with every panel open that the size allows
    for button in page.locator(".bm-toolbar button").all():
        if button.get_attribute("aria-expanded") == "false":
            button.click()
            assert _overlaps(_boxes(page)) == []
    assert errors == []
    page.context.close()


def test_the_fragment_in_a_report_iframe(browser, offline_page, seed_frame, tmp_path):
    fragment = bordermap.render_fragment(bordermap.make_map(seed_frame, offline=True))
    (tmp_path / "fragment.html").write_text(
        f"<!DOCTYPE html><html><head><meta charset='utf-8'></head>"
        f"<body style='margin:0'>{fragment}</body></html>",
        encoding="utf-8",
    )
    report = (
        "<!DOCTYPE html><html><body><h1>Report</h1><p>Text before the map.</p>"
        "<iframe src='fragment.html' width='800' height='500' "
        "style='border:0'></iframe><p>Text after.</p></body></html>"
    )
    page, errors = _open(
        browser, report, tmp_path, LAPTOP, name="report.html", wait=False
    )
    frame = page.frame_locator("iframe")
    frame.locator(".bm-ui .bm-toolbar").wait_for()
    inner = page.frames[1]
    assert _map(inner).evaluate("root => root.classList.contains('bm-compact')")
    box = _map(inner).bounding_box()
    assert (box["width"], box["height"]) == (800, 500)  # the iframe, no scrolling
    _check_layout(inner, small=True)
    assert errors == []
    page.context.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_legend_entry_can_be_scrolled_into_view(
    browser, offline_page, tmp_path, size
):
    page, _ = _open(browser, offline_page, tmp_path, size)
    button = page.locator(".bm-toolbar button", has_text="Legend")
    if button.get_attribute("aria-expanded") == "false":
        button.click()
    entries = page.locator(".bm-ui .bm-legend p")
    assert entries.count() >= 15  # event types, casualty classes, displacement, border
    for i in range(entries.count()):
        entry = entries.nth(i)
        entry.scroll_into_view_if_needed()
        assert entry.evaluate(
            """e => { const r = e.getBoundingClientRect();
                const at = document.elementFromPoint(r.x + 4, r.y + r.height / 2);
                return e === at || e.contains(at); }"""
        ), entry.inner_text()
    page.context.close()


@pytest.mark.parametrize("size", SMALL, ids=lambda s: f"{s[0]}x{s[1]}")
def test_folded_panels_open_one_at_a_time_and_close(
    browser, offline_page, tmp_path, size
):
    page, _ = _open(browser, offline_page, tmp_path, size, touch=size == PHONE)
    buttons = page.locator(".bm-toolbar button")
    panels = page.locator(".bm-ui .bm-panel")
    assert buttons.count() == panels.count() == 5
    assert panels.evaluate_all("ps => ps.filter(p => !p.hidden).length") == 0
    for i in range(buttons.count()):
        button = buttons.nth(i)
        panel = page.locator("#" + button.get_attribute("aria-controls"))
        button.tap() if size == PHONE else button.click()
        assert panel.is_visible() and button.get_attribute("aria-expanded") == "true"
        assert panels.evaluate_all("ps => ps.filter(p => !p.hidden).length") == 1
        _check_layout_open(page)
        button.tap() if size == PHONE else button.click()
        assert panel.is_hidden() and button.get_attribute("aria-expanded") == "false"
    # Escape folds an open panel and gives the focus back to its button
    buttons.first.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    assert panels.evaluate_all("ps => ps.filter(p => !p.hidden).length") == 0
    assert page.evaluate("document.activeElement.className") == "bm-toggle"
    page.context.close()


def _check_layout_open(page) -> None:
    assert _overlaps(_boxes(page)) == []


def test_the_attribution_folds_to_a_line_and_opens_in_full(
    browser, offline_page, tmp_path
):
    page, _ = _open(browser, offline_page, tmp_path, PHONE, touch=True)
    attribution = page.locator(".bm-ui .leaflet-control-attribution")
    folded = attribution.bounding_box()["height"]
    assert folded < 24  # one line
    assert "OpenStreetMap contributors (ODbL" in attribution.text_content()
    page.locator(".bm-attr-toggle").tap()
    assert attribution.bounding_box()["height"] > 2 * folded
    assert _overlaps(_boxes(page)) == []
    page.context.close()


def test_a_tap_near_a_marker_opens_its_popup_on_a_phone(
    browser, offline_page, tmp_path
):
    page, _ = _open(browser, offline_page, tmp_path, PHONE, touch=True)
    # a marker in the open map, away from the boxes
    target = page.evaluate(
        """() => {
          const m = Object.values(window).find(v => v && v.bmCount), map = m._map;
          const r = map.getContainer().getBoundingClientRect();
          for (let i = 0; i < m.bmData.n; i += 1) {
            const p = map.latLngToContainerPoint([m.bmData.lat[i], m.bmData.lon[i]]);
            const x = r.x + p.x + 12, y = r.y + p.y + 9;  // 15 px off: a finger
            const at = document.elementFromPoint(x, y);
            if (at && !at.closest('.bm-ui') && x < r.right - 20 && y < r.bottom - 60)
              return [x, y];
          }
          return null; }"""
    )
    assert target is not None
    page.touchscreen.tap(*target)
    page.locator(".leaflet-popup").wait_for(state="visible")
    # once the map has panned it clear (an animation), it fits the screen
    page.wait_for_function(
        """([w, h]) => { const p = document.querySelector('.leaflet-popup');
            const r = p.getBoundingClientRect();
            return r.x >= 0 && r.y >= 0 && r.right <= w && r.bottom <= h; }""",
        arg=list(PHONE),
        timeout=3000,
    )
    page.context.close()


def test_keyboard_reaches_the_panels_and_the_list_of_incidents(
    browser, offline_page, seed_frame, tmp_path
):
    page, _ = _open(browser, offline_page, tmp_path, IFRAME)
    names = []
    for _ in range(12):
        page.keyboard.press("Tab")
        names.append(
            page.evaluate(
                "() => { const e = document.activeElement;"
                " return e.tagName + ':' + (e.getAttribute('aria-label') ||"
                " e.textContent.trim()); }"
            )
        )
    for label in ("Legend", "Dates", "Layers", "Not on a province", "List"):
        assert f"BUTTON:{label}" in names
    page.locator(".bm-toolbar button", has_text="List").focus()
    page.keyboard.press("Enter")
    rows = page.locator(".bm-ui .bm-list tbody tr")
    located = int((seed_frame.geometry.notna() & ~seed_frame.geometry.is_empty).sum())
    assert rows.count() == min(located, 50)
    first = rows.first.inner_text()
    assert "2025-" in first
    # "Show" puts the incident's popup on the map
    rows.first.locator("button").click()
    page.locator(".leaflet-popup").wait_for(state="visible")
    page.context.close()


def test_the_list_follows_the_date_filter(browser, offline_page, tmp_path):
    page, _ = _open(browser, offline_page, tmp_path, LAPTOP)
    page.locator(".bm-toolbar button", has_text="List").click()
    rows = page.locator(".bm-ui .bm-list tbody tr")
    everything = rows.count()
    page.locator(".bm-from").fill("2025-07-27")
    page.locator(".bm-to").fill("2025-07-27")
    page.locator(".bm-to").dispatch_event("change")
    assert 0 < rows.count() < everything
    assert all(t.startswith("2025-07-27") for t in rows.all_inner_texts())
    page.context.close()


def test_printed_map_carries_the_legend_and_the_figures_on_no_province(
    browser, offline_page, tmp_path
):
    from pypdf import PdfReader

    page, _ = _open(browser, offline_page, tmp_path, LAPTOP)
    pdf = page.pdf(format="A4", print_background=True)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    text = " ".join(text.split())
    for words in (
        "Killed and wounded per province",
        "none reported",
        "2–4",
        "25–49",
        "100 or more",
        "Not on any province",
        "more than three dozen",
        "International border",
    ):
        assert words in text, words
    # controls that only work on screen are not printed
    assert "All dates" not in text and "Sources" not in text
    page.context.close()
