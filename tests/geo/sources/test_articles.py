from datetime import date

import pytest

from bordermap.errors import ArticleError
from bordermap.geo.sources.articles import article_from_text, read_articles


def test_front_matter_and_markup(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(
        '---\ntitle: "T"\ndate: 2025-12-08\nurl: https://x.example/a\n---\n\n'
        "Rockets **hit** [Surin](https://x.example).\n",
        encoding="utf-8",
    )
    (a,) = read_articles([path])
    assert (a.id, a.title, a.published, a.url) == (
        "a",
        "T",
        date(2025, 12, 8),
        "https://x.example/a",
    )
    assert a.text == "Rockets hit Surin."


def test_crlf_and_bom_are_normalised(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffOne.\r\n\r\nTwo.\r\n".encode())
    (a,) = read_articles([path])
    assert a.text == "One.\n\nTwo."


def test_missing_date_stays_missing_unless_given(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Shells fell on Sunday.", encoding="utf-8")
    assert read_articles([path])[0].published is None
    assert read_articles([path], published=date(2025, 12, 23))[0].published == date(
        2025, 12, 23
    )


def test_bad_front_matter_is_one_clear_error():
    with pytest.raises(ArticleError, match="is not valid YAML"):
        article_from_text("---\ntitle: [unclosed\n---\nText", id="x", file="x.md")


def test_bad_date_is_one_clear_error():
    with pytest.raises(ArticleError, match="is not a date; write it as YYYY-MM-DD"):
        article_from_text("---\ndate: last tuesday\n---\nText", id="x", file="x.md")


def test_missing_path_and_empty_directory(tmp_path):
    with pytest.raises(ArticleError, match="no such file or directory"):
        read_articles([tmp_path / "nope.md"])
    with pytest.raises(ArticleError, match="no articles"):
        read_articles([tmp_path])


def test_the_same_file_twice_is_read_once(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Shells fell.", encoding="utf-8")
    assert len(read_articles([path, tmp_path, path])) == 1


def test_csv_and_jsonl_tables(tmp_path):
    csv = tmp_path / "a.csv"
    csv.write_text(
        'id,title,published,text\nx1,T,2025-12-08,"Shells fell.\nTwo hurt."\n',
        encoding="utf-8",
    )
    jsonl = tmp_path / "b.jsonl"
    jsonl.write_text(
        '{"id": "y1", "text": "Mines exploded.", "published": "2025-12-09"}\n',
        encoding="utf-8",
    )
    arts = read_articles([csv, jsonl])
    assert [(a.id, a.published) for a in arts] == [
        ("x1", date(2025, 12, 8)),
        ("y1", date(2025, 12, 9)),
    ]
    assert arts[0].text == "Shells fell.\nTwo hurt."


def test_csv_without_text_column(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("id,body\n1,x\n", encoding="utf-8")
    with pytest.raises(ArticleError, match="no 'text' column"):
        read_articles([path])


def test_broken_jsonl_line_names_the_line(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "ok"}\n{broken\n', encoding="utf-8")
    with pytest.raises(ArticleError, match=r"a\.jsonl:2: not valid JSON"):
        read_articles([path])
