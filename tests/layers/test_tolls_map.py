"""The box of figures on no province in Chromium: latest tolls first, history, chart."""

from __future__ import annotations

import pytest

import bordermap
from tests.conftest import HOSTILE
from tests.layers.tollsdata import conflict


@pytest.fixture(scope="module")
def frame(tmp_path_factory):
    folder = tmp_path_factory.mktemp("conflict")  # a folder of 40 article files
    for a in conflict():
        (folder / f"{a.id}.md").write_text(
            f"---\ntitle: {a.title}\ndate: {a.published}\n---\n\n{a.text}\n", "utf-8"
        )
    frame = bordermap.extract([folder])
    assert frame.attrs["articles"] == 40
    return frame


@pytest.fixture(scope="module")
def page(frame):
    return bordermap.render_html(bordermap.make_map(frame, offline=True))


def _open(browser, html, tmp_path):
    path = tmp_path / "tolls.html"
    path.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: errors.append(f"dialog: {d.message}") or d.dismiss())
    page.goto(path.as_uri())
    page.locator(".bm-totals .bm-latest").wait_for()
    return page, errors


def _rows(page):
    return page.locator(".bm-ui .bm-totals .bm-latest > p:not(.bm-note)")


def test_the_latest_view_is_short_and_the_history_is_whole(
    browser, frame, page, tmp_path
):
    p, errors = _open(browser, page, tmp_path)
    latest = bordermap.latest_tolls(frame)
    assert 1 <= _rows(p).count() == len(latest) <= 12  # 40 articles, 80 reports
    shown = " ".join(_rows(p).all_inner_texts())
    for row in latest.itertuples():
        assert f"best {row.best:,}" in shown  # each claimant's newest, as written
    history = p.locator(".bm-ui .bm-totals .bm-history")
    assert history.is_hidden()
    switch = p.locator(".bm-ui .bm-totals .bm-history-toggle")
    switch.click()
    assert history.is_visible() and switch.get_attribute("aria-expanded") == "true"
    reported = history.locator("p:not(.bm-note)", has_text="reported total").count()
    assert reported == len(bordermap.tolls(frame)) == 80
    assert errors == []
    p.close()


def test_the_chart_has_a_line_per_claimant_kind_and_side(
    browser, frame, page, tmp_path
):
    p, _ = _open(browser, page, tmp_path)
    lines = p.locator(".bm-ui .bm-totals svg.bm-toll-chart path.bm-toll-line")
    assert lines.count() == len(bordermap.latest_tolls(frame)) == 4
    titles = sorted(t.text_content() for t in lines.locator("title").all())
    assert "Killed · Thailand · Thai defence ministry" in titles
    assert "Killed · Thailand · Cambodia's defence ministry" in titles
    p.close()


def test_the_date_filter_gives_the_tolls_as_of_its_end(browser, frame, page, tmp_path):
    p, _ = _open(browser, page, tmp_path)
    p.locator(".bm-ui .bm-to").fill("2025-07-28")
    p.locator(".bm-ui .bm-to").dispatch_event("change")
    as_of = frame[frame["date"] <= "2025-07-28"]
    expected = bordermap.latest_tolls(as_of)
    text = " ".join(_rows(p).all_inner_texts())
    for row in expected.itertuples():
        assert f"as of {row.as_of.date()}" in text
    assert "as of 2025-08-12" not in text
    p.close()


def test_hostile_claimants_stay_text(browser, frame, tmp_path):
    hostile = frame.copy()
    totals = hostile["scope"].eq("aggregate")
    hostile.loc[totals, "attribution"] = f"the {HOSTILE} ministry"
    html = bordermap.render_html(bordermap.make_map(hostile, offline=True))
    p, errors = _open(browser, html, tmp_path)
    assert errors == []  # no script ran, no dialog opened
    assert HOSTILE.strip() in " ".join(_rows(p).all_inner_texts())
    assert (
        p.evaluate(
            "document.querySelectorAll('.bm-latest img, .bm-latest script').length"
        )
        == 0
    )
    p.close()
