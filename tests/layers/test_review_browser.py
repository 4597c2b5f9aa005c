"""The review page in real Chromium: review, save, apply, and the map shows it.

A reviewer drops an incident, changes a count and a province and adds a missed
incident from a selection of the article's words; the page's Save button
downloads the corrections file, bordermap applies it, and the map's markers,
popups, province totals and header carry the corrections. Re-run on the
article with a paragraph inserted and another publication date, in two
processes, every
decision still applies or is reported.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

import bordermap
from bordermap.cli import main
from tests.conftest import HOSTILE
from tests.geo.review.test_review import TEXT
from tests.layers.conftest import parse_page

pytest.importorskip("playwright.sync_api")

GRENADE = "a grenade was thrown into the market"


def open_review(browser, path: Path):
    """Open a review page from file://; refuse and count every other request."""
    page = browser.new_page(
        viewport={"width": 1200, "height": 900}, accept_downloads=True
    )
    errors, refused = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def route(r):
        if r.request.url.startswith("file://"):
            return r.continue_()
        refused.append(r.request.url)
        return r.abort()

    page.route("**/*", route)
    page.goto(path.as_uri())
    page.wait_for_selector(".rv-incident")
    return page, errors, refused


def select_words(page, words: str) -> None:
    """Select ``words`` in the article's text, as a reader's mouse would."""
    page.locator(".rv-article-text summary").first.click()
    page.evaluate(
        """words => {
          const div = document.querySelector('.rv-text');
          const walk = document.createTreeWalker(div, NodeFilter.SHOW_TEXT);
          for (let n = walk.nextNode(); n; n = walk.nextNode()) {
            const i = n.data.indexOf(words);
            if (i < 0) continue;
            const r = document.createRange();
            r.setStart(n, i); r.setEnd(n, i + words.length);
            getSelection().removeAllRanges(); getSelection().addRange(r);
            return;
          }
          throw new Error('words not in the text: ' + words);
        }""",
        words,
    )


def incident(page, text: str):
    return page.locator(".rv-incident").filter(has_text=text)


@pytest.fixture
def article(report_file):
    return report_file


def test_review_save_apply_and_rerun(browser, tmp_path, article, capsys):
    review = tmp_path / "review.html"
    assert main(["review", str(article), "-o", str(review), "-q"]) == 0
    page, errors, refused = open_review(browser, review)
    assert page.locator(".rv-incident").count() == 2
    page.fill("#rv-reviewer", "Dara")
    rockets, shells = incident(page, "Kap Choeng"), incident(page, "Kantharalak")
    # drop one, change a count and a province, with the keyboard's change events
    shells.locator("select.rv-status").select_option("drop")
    rockets.get_by_label("killed best").fill("3")
    rockets.get_by_label("killed best").press("Tab")
    rockets.get_by_label("Province").select_option("TH-33")
    rockets.get_by_label("Note").fill("hospital list")
    rockets.get_by_label("Note").press("Tab")
    select_words(page, GRENADE)
    page.get_by_role("button", name="Add incident from selection").click()
    added = incident(page, "added by a reviewer")
    added.get_by_label("Type").select_option("attack_on_civilians")
    added.get_by_label("Province").select_option("TH-32")
    added.get_by_label("wounded best").fill("1")
    added.get_by_label("wounded best").press("Tab")
    summary = page.locator("#rv-summary").inner_text()
    assert "3 incident(s): 3 reviewed, 1 dropped, 1 added" in summary
    # the filter of what is left to review hides all three
    page.check("#rv-filter-open")
    assert page.locator(".rv-incident:visible").count() == 0
    page.uncheck("#rv-filter-open")
    with page.expect_download() as download:
        page.get_by_role("button", name="Save corrections").click()
    saved = tmp_path / "corrections.csv"
    download.value.save_as(saved)
    assert download.value.suggested_filename == "corrections.csv"
    assert errors == [] and refused == []
    page.close()

    rows = list(csv.DictReader(saved.open(encoding="utf-8-sig")))
    assert {(r["action"], r["field"]) for r in rows} == {
        ("drop", ""), ("set", "killed_best"), ("set", "province"), ("add", ""),
        ("set", "event_type"), ("set", "wounded_best"),
    }  # fmt: skip
    assert all(r["reviewer"] == "Dara" and r["time"] for r in rows)

    # apply: the map's markers, popups, province totals and header
    out = tmp_path / "map.html"
    argv = ["map", str(article), "--corrections", str(saved), "-o", str(out), "-q"]
    assert main(argv) == 0
    assert "2 incidents from 1 article; 2 reviewed" in capsys.readouterr().err
    html = out.read_text("utf-8")
    assert "2 reviewed" in html
    markers = parse_page(html)["layers"]["Incidents"]["data"]
    props = [f["properties"] for f in markers["features"]]
    assert markers["columns"]["rev"] == [1, 1]
    labels = sorted(p["review_label"] for p in props)
    assert "killed 2 → 3 (Dara, hospital list)" in labels[1]
    assert "province TH-32 → TH-33 (Dara, hospital list)" in labels[1]
    assert labels[0].startswith("added by a reviewer (Dara)")
    choropleth = parse_page(html)["layers"]["Casualties by province"]["data"]
    drawn = {
        f["properties"]["adm1_iso"]: f["properties"]
        for f in choropleth["features"]
        if f["properties"].get("incidents")
    }
    assert sorted(drawn) == ["TH-32", "TH-33"]  # Si Sa Ket's shells were dropped
    assert drawn["TH-33"]["casualties_best"] == 3
    assert "wounded: low 1 · best 1 · high 1" in drawn["TH-32"]["summary"]
    frame = bordermap.apply_corrections(bordermap.extract_by_article([article]), saved)
    provinces = bordermap.aggregate(frame).set_index("adm1_iso")
    assert provinces.loc["TH-33", "killed_best"] == 3
    assert provinces.loc["TH-32", "wounded_best"] == 1

    # re-run: a paragraph inserted, another publication date
    moved = tmp_path / "moved" / "a1.md"
    moved.parent.mkdir()
    text = article.read_text("utf-8").replace("date: 2025-11-10", "date: 2025-11-12")
    text = text.replace(
        "\n\nArtillery",
        "\n\nThe foreign ministry summoned the ambassador on Monday.\n\nArtillery",
    )
    moved.write_text(text, "utf-8")
    argv = ["extract", str(moved), "--corrections", str(saved), "-q", "-j", "2"]
    assert main(argv) == 0
    captured = capsys.readouterr()
    (record,) = [json.loads(line) for line in captured.out.splitlines()]
    assert record["unapplied_corrections"] == []
    kept = {i["quote"]: i for i in record["incidents"]}
    assert not any(q.startswith("Artillery shells") for q in kept)
    assert kept[GRENADE]["admin1"][0]["iso_3166_2"] == "TH-32"
    rockets = next(i for q, i in kept.items() if "Kap Choeng" in q)
    # "on Monday" of a Wednesday's report: the date is read anew, the fix kept
    assert rockets["killed"]["best"] == 3 and rockets["date"] == "2025-11-10"
    assert record["published"] == "2025-11-12"

    # the earlier decisions are shown when the page is made again with them
    again = tmp_path / "again.html"
    argv = ["review", str(moved), "--corrections", str(saved), "-o", str(again), "-q"]
    assert main(argv) == 0
    page, errors, refused = open_review(browser, again)
    assert "3 reviewed, 1 dropped, 1 added" in page.locator("#rv-summary").inner_text()
    assert incident(page, "Kap Choeng").get_by_label("killed best").input_value() == "3"
    assert errors == [] and refused == []
    page.close()


def test_loading_a_corrections_file_shows_earlier_decisions(browser, tmp_path, article):
    review = tmp_path / "review.html"
    assert main(["review", str(article), "-o", str(review), "-q"]) == 0
    saved = tmp_path / "earlier.csv"
    saved.write_text(
        "article,quote,type,action,field,new,reviewer\n"
        'a1,"Artillery shells struck Kantharalak district",shelling,set,'
        "wounded_best,6,Lin\n"
        "a1,No such words in the article anywhere.,shelling,drop,,,Lin\n",
        "utf-8",
    )
    page, errors, _ = open_review(browser, review)
    page.set_input_files("#rv-load", str(saved))
    page.wait_for_selector("#rv-message:has-text('Loaded')")  # CSP: no eval
    message = page.locator("#rv-message").inner_text()
    assert "Loaded 1 decision(s)" in message and "1 no longer find" in message
    shells = incident(page, "Kantharalak")
    assert shells.get_by_label("wounded best").input_value() == "6"
    assert "no longer finds its incident" in page.locator(".rv-lost").inner_text()
    # from the keyboard alone: words typed for a missed incident, a decision
    page.locator(".rv-article-text summary").focus()
    page.keyboard.press("Enter")
    page.get_by_label("or the words, as written").fill(GRENADE)
    page.get_by_role("button", name="Add incident from selection").focus()
    page.keyboard.press("Enter")
    assert page.locator(".rv-incident").count() == 3
    page.keyboard.press("Tab")  # from the new incident's type to its scope
    status = incident(page, "Kap Choeng").locator("select.rv-status")
    status.focus()
    page.keyboard.press("ArrowDown")  # not yet reviewed -> keep
    assert status.input_value() == "keep"
    summary = page.locator("#rv-summary").inner_text()
    assert "3 incident(s): 3 reviewed, 0 dropped, 1 added" in summary
    # what could not be placed is kept when saved
    with page.expect_download() as download:
        page.get_by_role("button", name="Save corrections").click()
    text = Path(download.value.path()).read_text("utf-8-sig")
    assert "No such words in the article anywhere." in text
    assert errors == []
    page.close()


def test_hostile_article_text_executes_nothing(browser, tmp_path):
    path = tmp_path / "evil.md"
    path.write_text(
        f"---\ntitle: Title {HOSTILE}\ndate: 2025-11-10\n---\n\n"
        f"SURIN, Thailand — Rockets hit Kap Choeng district of Surin, killing two "
        f"villagers {HOSTILE}, the army said.\n",
        "utf-8",
    )
    saved = tmp_path / "c.csv"
    saved.write_text(
        "article,quote,action,note,reviewer\n"
        f'evil,"{HOSTILE.replace(chr(34), chr(34) * 2)}",add,"=HYPERLINK(1)",'
        f'"{HOSTILE.replace(chr(34), chr(34) * 2)}"\n',
        "utf-8",
    )
    review = tmp_path / "review.html"
    assert (
        main(
            ["review", str(path), "--corrections", str(saved), "-o", str(review), "-q"]
        )
        == 0
    )
    page, errors, refused = open_review(browser, review)
    assert page.evaluate("[window.__pwned, window.pwned]") == [None, None]
    assert page.locator("script").count() == 2 and page.locator("img").count() == 0
    shown = page.locator(".rv-text").text_content()
    # (markdown's emphasis marks are taken out of the text: __pwned is pwned)
    assert "<script>window.pwned = 1</script>" in shown and "${window" in shown
    assert "onerror" in page.locator("h2").text_content()  # the title, as text
    assert errors == [] and refused == []
    with page.expect_download() as download:
        page.get_by_role("button", name="Save corrections").click()
    text = Path(download.value.path()).read_text("utf-8-sig")
    assert "'=HYPERLINK(1)" in text  # a spreadsheet shows it, does not run it
    page.close()


def dark_pixels(page) -> int:
    """Count the near-black opaque pixels the map's canvases draw."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('.leaflet-pane canvas'))
            .map(c => {
              const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              let n = 0;
              for (let i = 0; i < d.length; i += 4) {
                if (d[i + 3] > 200 && d[i] < 40 && d[i + 1] < 40 && d[i + 2] < 40) n++;
              }
              return n;
            }).reduce((a, b) => a + b, 0)"""
    )


def test_reviewed_markers_carry_a_mark(browser, tmp_path, article):
    from tests.layers.test_browser import open_page

    saved = tmp_path / "c.csv"
    saved.write_text(
        "article,quote,type,action,reviewer\n"
        f'a1,"{TEXT.split(chr(10))[0].split(" — ")[1]}",shelling,keep,Dara\n',
        "utf-8",
    )
    counts = []
    for extra in ([], ["--corrections", str(saved)]):
        out = tmp_path / f"map{len(extra)}.html"
        argv = ["map", str(article), "--offline", "-o", str(out), "-q", *extra]
        assert main(argv) == 0
        page, errors, refused = open_page(browser, out.read_text("utf-8"), tmp_path)
        assert errors == [] and refused == []
        counts.append(dark_pixels(page))
        page.close()
    assert counts[1] > counts[0]


def leaving_asks(page) -> bool:
    """Whether leaving the page now would ask first (its beforeunload says no)."""
    return page.evaluate(
        """() => {
          const e = new Event('beforeunload', {cancelable: true});
          window.dispatchEvent(e);
          return e.defaultPrevented;
        }"""
    )


def test_closing_with_unsaved_decisions_asks_first(browser, tmp_path, article):
    review = tmp_path / "review.html"
    assert main(["review", str(article), "-o", str(review), "-q"]) == 0
    page, errors, _ = open_review(browser, review)
    assert not leaving_asks(page)  # nothing decided
    incident(page, "Kap Choeng").locator("select.rv-status").select_option("drop")
    assert leaving_asks(page)
    with page.expect_download():
        page.get_by_role("button", name="Save corrections").click()
    assert not leaving_asks(page)  # saved
    incident(page, "Kap Choeng").locator("select.rv-status").select_option("")
    assert leaving_asks(page)  # undone since: not what was saved
    assert errors == []
    page.close()


def test_least_sure_first_puts_the_doubtful_incidents_on_top(
    browser, tmp_path, article
):
    from bordermap.geo.extract.learned import using
    from tests.geo.extract.test_confidence import SURE_OF_KILLINGS

    review = tmp_path / "review.html"
    with using("confidence", SURE_OF_KILLINGS):
        assert main(["review", str(article), "-o", str(review), "-q"]) == 0
    page, errors, refused = open_review(browser, review)

    def shown() -> list[str]:
        return page.locator(".rv-incident .rv-sure").all_inner_texts()

    assert shown() == ["confidence 0.95", "confidence 0.50"]  # text order
    page.select_option("#rv-sort", "confidence")
    assert shown() == ["confidence 0.50", "confidence 0.95"]
    page.select_option("#rv-sort", "")
    assert shown() == ["confidence 0.95", "confidence 0.50"]
    assert errors == [] and refused == []
