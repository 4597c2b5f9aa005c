"""An article's language: found, and one bordermap does not read is said."""

from __future__ import annotations

import json
import logging

import pytest

import bordermap
from bordermap.cli import main
from bordermap.geo.records import Article
from bordermap.geo.sources.languages import detect_language, language_name
from tests.conftest import CORPUS, ROOT

SHORT = [
    json.loads(line)
    for line in (CORPUS / "languages" / "short_news.jsonl")
    .read_text("utf-8")
    .splitlines()
]
SHARED = ROOT.parent / "shared" / "corpus"
ENGLISH = sorted(
    p
    for p in [
        *(ROOT / "seeds").glob("*.md"),
        *CORPUS.glob("*/*.md"),
        *SHARED.glob("*/*.md"),
    ]
    # not the own-words sets in Thai and Russian (th, th2 ... th4, ru, ru2 ... ru4)
    if p.parent.name.rstrip("0123456789") not in ("th", "ru")
)

THAI = (
    "---\ntitle: จรวดตกใส่บ้านเรือนที่กันทรลักษ์\ndate: 2025-11-14\n---\n\n"
    "จรวดตกใส่บ้านเรือนประชาชนในอำเภอกันทรลักษ์ จังหวัดศรีสะเกษ มีผู้เสียชีวิต 1 ราย "
    "บาดเจ็บ 6 ราย ประชาชนกว่า 2,000 คนอพยพไปยังศูนย์พักพิงชั่วคราว\n"
)
KHMER = (
    "គ្រាប់រ៉ុក្កែតបានធ្លាក់លើភូមិមួយក្នុងខេត្តឧត្តរមានជ័យ ធ្វើឱ្យមនុស្សពីរនាក់ស្លាប់។ "
    "ប្រជាពលរដ្ឋជាង ១០០០ នាក់បានភៀសខ្លួនចេញពីតំបន់ព្រំដែន។\n"
)
ENGLISH_TEXT = (
    "---\ntitle: Rockets hit Surin\ndate: 2025-11-14\n---\n\n"
    "SURIN, Thailand — Rockets hit Kap Choeng district of Surin on Friday, killing "
    "two villagers, the army said.\n"
)


@pytest.mark.parametrize(
    "row", SHORT, ids=[f"{r['lang']}-{i}" for i, r in enumerate(SHORT)]
)
def test_short_news_texts_are_told_apart(row):
    assert detect_language(row["text"]) == row["lang"]


def test_every_english_article_we_hold_is_english():
    assert len(ENGLISH) >= 20
    wrong = {
        p.name: detect_language(p.read_text("utf-8").split("---", 2)[-1])
        for p in ENGLISH
    }
    assert {n: c for n, c in wrong.items() if c != "en"} == {}


def test_an_english_report_quoting_thai_names_is_english():
    text = (
        "Rockets hit Kap Choeng district of Surin (อำเภอกาบเชิง) on Friday, killing "
        "two villagers of Ban Nong Ya (บ้านหนองหญ้า), the army said."
    )
    assert detect_language(text) == "en"


# our own words: Lao officials arrest two suspects in Bokeo; Thai river police arrest
# two Lao men with pills at Phon Phisai
_LAO = "ເຈົ້າໜ້າທີ່ລາວໄດ້ຈັບກຸມຜູ້ຕ້ອງສົງໄສສອງຄົນຢູ່ແຂວງບໍ່ແກ້ວ ພ້ອມຢາບ້າຈຳນວນຫຼາຍ. "
_THAI = (
    "เจ้าหน้าที่ตำรวจน้ำจับกุมชายชาวลาวสองคนพร้อมยาบ้าจำนวนมากริมแม่น้ำโขง"
    "ในอำเภอโพนพิสัย จังหวัดหนองคาย เมื่อวันที่ 3 มิถุนายน "
)


def test_a_thai_page_that_opens_with_a_lao_passage_is_thai():
    assert detect_language(_LAO * 6) == "lo"
    assert detect_language(_LAO * 3 + _THAI * 4) == "th"


def test_names():
    assert [language_name(c) for c in ("th", "ru", "km", "hy", "az")] == [
        "Thai", "Russian", "Khmer", "Armenian", "Azerbaijani",
    ]  # fmt: skip


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "articles"
    d.mkdir()
    (d / "en.md").write_text(ENGLISH_TEXT, "utf-8")
    (d / "th.md").write_text(THAI, "utf-8")
    (d / "km.txt").write_text(KHMER, "utf-8")
    return d


def test_articles_not_read_are_named_counted_and_the_rest_is_read(
    folder, tmp_path, capsys
):
    out = tmp_path / "map.html"
    assert main(["map", str(folder), "-o", str(out), "-q"]) == 0
    err = capsys.readouterr().err.splitlines()
    reads = "bordermap reads en, ru, th"
    assert f"warning: {folder / 'km.txt'}: Khmer — not read; {reads}" in err
    assert not any("th.md" in line for line in err)  # Thai is read
    assert (
        "warning: 1 article left out, in languages bordermap does not read "
        "(Khmer 1)" in err
    )
    assert err[-1].startswith(f"wrote {out}: 3 incidents from 2 articles")
    # without the Khmer article, the same map
    (folder / "km.txt").unlink()
    alone = tmp_path / "alone.html"
    assert main(["map", str(folder), "-o", str(alone), "-q"]) == 0
    assert alone.read_bytes() == out.read_bytes()


def test_language_option_overrides(folder, capsys):
    assert main(["extract", str(folder), "--language", "en", "-q"]) == 0
    captured = capsys.readouterr()
    assert "not read" not in captured.err
    lines = [json.loads(line) for line in captured.out.splitlines()]
    assert len(lines) == 3  # all three read (as English)
    # read as English, the Thai report gives nothing: the override is taken
    assert [len(a["incidents"]) for a in lines if a["id"] == "th"] == [0]


def test_a_declared_language_is_taken(tmp_path, capsys):
    path = tmp_path / "a.md"
    path.write_text(ENGLISH_TEXT.replace("date:", "language: km\ndate:"), "utf-8")
    assert main(["extract", str(path), "-q"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"warning: {path}: Khmer — not read; bordermap reads en, ru, th"
    assert err[-1].startswith(
        "error: no article in a language bordermap reads (en, ru, th)"
    )


def test_python_api_says_it_too(caplog):
    with caplog.at_level(logging.WARNING):
        frame = bordermap.extract([Article("km1", KHMER)])
    assert len(frame) == 0
    assert "km1: Khmer — not read; bordermap reads en, ru, th" in caplog.text


def test_python_api_reads_thai():
    frame = bordermap.extract([Article("th1", THAI.split("---\n", 2)[2])])
    assert sorted(frame["event_type"]) == ["evacuation_displacement", "shelling"]
    assert set(frame["adm1_iso"]) == {"TH-33"}


def test_the_own_words_thai_and_russian_sets_are_told_as_such():
    for folder in ("th", "th2", "th3", "th4", "ru", "ru2", "ru3", "ru4"):
        paths = sorted((CORPUS / folder).glob("*.md"))
        assert len(paths) >= 5
        found = {
            detect_language(p.read_text("utf-8").split("---", 2)[-1]) for p in paths
        }
        assert found == {folder[:2]}
