"""English, Thai and Russian reports in one map: popups and image show all three.

The reports are ours (own words), one per language, of strikes on the Thai side.
"""

from __future__ import annotations

import warnings

import pytest

import bordermap
from bordermap.cli import main
from tests.layers.conftest import parse_page
from tests.layers.test_browser import open_page

ENGLISH = (
    "---\ndate: 2025-11-14\n---\n\n"
    "A rocket hit Kap Choeng district of Surin on November 13, killing two villagers.\n"
)
THAI = (
    "---\ndate: 2025-11-14\n---\n\n"
    "จรวดตกที่ อ.กาบเชิง จ.สุรินทร์ เมื่อ 13 พ.ย.68 มีผู้เสียชีวิต 2 ราย\n"
    "ปืนใหญ่ยิงถล่ม อ.กันทรลักษ์ จ.ศรีสะเกษ เมื่อ 13 พ.ย.68 บาดเจ็บ 4 ราย "
    "ตามรายงานของกองทัพภาคที่ 2\n"
)
RUSSIAN = (
    "---\ndate: 2025-11-14\n---\n\n"
    "13 ноября в провинции Сакэу в результате обстрела ранены трое мирных жителей.\n"
)
THAI_LETTER, CYRILLIC_LETTER = "\u0e01", "\u0416"


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    d = tmp_path_factory.mktemp("three")
    for name, text in (("en.md", ENGLISH), ("th.md", THAI), ("ru.md", RUSSIAN)):
        (d / name).write_text(text, "utf-8")
    return d


@pytest.fixture(scope="module")
def frame(folder):
    return bordermap.extract([folder])


def test_one_strike_told_in_thai_and_english_is_one_incident(frame):
    assert sorted(frame["adm1_iso"]) == ["TH-27", "TH-32", "TH-33"]
    surin = frame[frame["adm1_iso"] == "TH-32"].iloc[0]
    assert surin["n_sources"] == 2 and surin["killed_best"] == 2
    sakaeo = frame[frame["adm1_iso"] == "TH-27"].iloc[0]
    assert sakaeo["wounded_best"] == 3 and sakaeo["event_type"] == "shelling"


def _missing_glyphs(frame, path, title):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        bordermap.save_static_map(frame, path, title=title)
    return [str(w.message) for w in caught if "missing from" in str(w.message)]


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_static_image_draws_thai_and_cyrillic(frame, tmp_path, fmt):
    title = f"Обстрелы · การยิงถล่ม {THAI_LETTER}{CYRILLIC_LETTER}"
    assert _missing_glyphs(frame, tmp_path / f"m.{fmt}", title) == []
    assert (tmp_path / f"m.{fmt}").stat().st_size > 20_000


def test_the_cli_writes_the_image_of_three_languages(folder, tmp_path):
    out = tmp_path / "m.png"
    assert main(["map", str(folder), "-o", str(out), "--title", "แผนที่", "-q"]) == 0
    assert out.read_bytes().startswith(b"\x89PNG")


def test_without_the_thai_font_the_glyphs_would_be_missing(frame, tmp_path):
    # the check above can fail: DejaVu Sans alone has no Thai letters
    from bordermap.layers import static

    kept = static.FONT_FAMILY
    static.FONT_FAMILY = ("DejaVu Sans",)
    try:
        missing = _missing_glyphs(frame, tmp_path / "m.png", f"การยิง {THAI_LETTER}")
    finally:
        static.FONT_FAMILY = kept
    assert missing and all("DejaVu Sans" in m for m in missing)


def test_popups_show_all_three_scripts(browser, frame, tmp_path):
    html = bordermap.render_html(bordermap.make_map(frame))
    page, errors, refused = open_page(browser, html, tmp_path)
    var = parse_page(html)["layer_vars"]["Incidents"]
    shown = []
    for i in range(len(frame)):
        page.evaluate(f"window['{var}'].bmOpen({i})")
        shown.append(page.locator(".leaflet-popup-content").inner_text())
    text = "\n".join(shown)
    assert "บาดเจ็บ 4 ราย" in text  # Thai quote, as written
    assert "en, 2025-11-14: killed 2" in shown[0]  # one strike, both sources
    assert "th, 2025-11-14: killed 2" in shown[0]
    assert "ранены трое мирных жителей" in text  # Russian quote
    assert "killing two villagers" in text  # English quote
    assert "(Kantharalak, Si Sa Ket)" in text  # provinces in English too
    page.screenshot(path=str(tmp_path / "popup.png"))
    assert (tmp_path / "popup.png").stat().st_size > 10_000
    assert errors == [] and refused == []
