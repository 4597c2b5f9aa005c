"""The review page with Thai and Russian articles, in real Chromium.

A reviewer corrects a Thai count with a Thai note, and adds a missed Russian
incident from a selection of Cyrillic words on a Kyrgyz–Tajik page; the saved
corrections keep both scripts byte for byte, and the maps made with them show
the corrections.
"""

from __future__ import annotations

import csv

import pytest

from bordermap.cli import main
from tests.layers.conftest import parse_page
from tests.layers.test_review_browser import incident, open_review, select_words

pytest.importorskip("playwright.sync_api")

THAI = (
    "---\ntitle: จรวดตกที่กันทรลักษ์\ndate: 2025-11-14\nlanguage: th\n---\n\n"
    "จรวดตกใส่บ้านเรือนประชาชนใน อ.กันทรลักษ์ จ.ศรีสะเกษ เมื่อวันที่ 13 พ.ย. "
    "มีผู้เสียชีวิต 1 ราย\n"
)
RUSSIAN = (
    "---\ntitle: Перестрелка в Баткене\ndate: 2022-01-28\nlanguage: ru\n---\n\n"
    "27 января в Баткенском районе произошла перестрелка, погибли двое граждан.\n\n"
    "Вечером у села Кок-Таш снова стреляли.\n"
)
MISSED = "у села Кок-Таш снова стреляли"


def _review(browser, tmp_path, name, text, countries):
    path = tmp_path / f"{name}.md"
    path.write_text(text, "utf-8")
    review = tmp_path / f"{name}.html"
    argv = ["review", str(path), "-o", str(review), "-q", "--countries", countries]
    assert main(argv) == 0
    page, errors, refused = open_review(browser, review)
    page.fill("#rv-reviewer", "Somchai")
    return path, page, errors, refused


def _save(page, tmp_path, name):
    with page.expect_download() as download:
        page.get_by_role("button", name="Save corrections").click()
    saved = tmp_path / f"{name}.csv"
    download.value.save_as(saved)
    return saved, list(csv.DictReader(saved.open(encoding="utf-8-sig")))


def _labels(tmp_path, path, saved, countries):
    out = tmp_path / f"{path.stem}-map.html"
    argv = ["map", str(path), "--corrections", str(saved), "-o", str(out), "-q"]
    assert main([*argv, "--countries", countries]) == 0
    markers = parse_page(out.read_text("utf-8"))["layers"]["Incidents"]["data"]
    props = [f["properties"] for f in markers["features"]]
    return len(props), " | ".join(p.get("review_label") or "" for p in props)


def test_a_thai_count_and_note_are_corrected_saved_and_applied(
    browser, tmp_path, capsys
):
    path, page, errors, refused = _review(browser, tmp_path, "th1", THAI, "THA,KHM")
    rocket = incident(page, "จรวดตกใส่บ้านเรือน")
    assert rocket.count() == 1
    assert "ผู้เสียชีวิต 1 ราย" in rocket.inner_text()
    rocket.get_by_label("killed best").fill("2")
    rocket.get_by_label("killed best").press("Tab")
    rocket.get_by_label("Note").fill("ตามรายชื่อโรงพยาบาล")
    rocket.get_by_label("Note").press("Tab")
    saved, rows = _save(page, tmp_path, "th1")
    assert errors == [] and refused == []
    page.close()
    assert any("จรวดตกใส่บ้านเรือน" in r["quote"] for r in rows)
    assert {r["note"] for r in rows} == {"ตามรายชื่อโรงพยาบาล"}
    n, labels = _labels(tmp_path, path, saved, "THA,KHM")
    capsys.readouterr()
    assert n == 1 and "killed 1 → 2 (Somchai, ตามรายชื่อโรงพยาบาล)" in labels


def test_a_missed_russian_incident_is_added_from_cyrillic_words(
    browser, tmp_path, capsys
):
    path, page, errors, refused = _review(browser, tmp_path, "ru1", RUSSIAN, "KGZ,TJK")
    assert "погибли двое граждан" in incident(page, "перестрелка").inner_text()
    select_words(page, MISSED)
    page.get_by_role("button", name="Add incident from selection").click()
    added = incident(page, "added by a reviewer")
    added.get_by_label("Type").select_option("armed_clash")
    added.get_by_label("Province").select_option("KG-B")
    added.get_by_label("Province").press("Tab")
    saved, rows = _save(page, tmp_path, "ru1")
    assert errors == [] and refused == []
    page.close()
    assert MISSED in {r["quote"] for r in rows}  # the selection, byte for byte
    n, labels = _labels(tmp_path, path, saved, "KGZ,TJK")
    capsys.readouterr()
    assert n == 2 and "added by a reviewer (Somchai)" in labels
