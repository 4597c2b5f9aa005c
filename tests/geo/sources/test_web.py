"""Saved web pages, WARC archives and feeds, made here from the seed articles."""

from __future__ import annotations

import gzip
import html
import io
import json
import logging
from datetime import date
from pathlib import Path

import pytest

import bordermap
from bordermap.errors import ArticleError
from bordermap.geo.sources.web import (
    article_from_html,
    articles_from_feed,
    articles_from_warc,
    names_the_border,
)
from tests.conftest import ROOT

SEEDS = sorted((ROOT / "seeds").glob("*.md"))
FURNITURE = (
    "cookies",
    "Subscribe",
    "Israel strikes",
    "India and Pakistan",
    "All rights reserved",
    "Home",
)


def page(article: bordermap.Article, url: str) -> str:
    """The article as a realistic news page: menus, banner, related links, footer."""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in article.text.split("\n\n"))
    meta = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": article.title,
            "datePublished": f"{article.published.isoformat()}T09:30:00+07:00",
        }
    )
    title = html.escape(article.title)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | The Daily Example</title>
<meta property="og:title" content="{title}">
<link rel="canonical" href="{url}">
<script type="application/ld+json">{meta}</script></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a>
<a href="/asia">Asia</a> <a href="/subscribe">Subscribe</a></nav></header>
<div class="cookie-banner">We use cookies to improve your experience.
<button>Accept all cookies</button></div>
<main><article><h1>{title}</h1><p class="byline">By Staff Reporter</p>
{body}</article></main>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/a">Israel strikes southern Lebanon, killing three</a></li>
<li><a href="/b">India and Pakistan trade fire across the Line of Control</a></li>
<li><a href="/c">Sudan fighting displaces 10,000 in Kordofan</a></li></ul></aside>
<footer><p>© 2025 The Daily Example. All rights reserved.</p>
<a href="/privacy">Privacy</a></footer></body></html>"""


def _figures(frame) -> list[tuple]:
    cols = ["event_type", "adm1_iso", "killed_best", "wounded_best", "displaced_best"]
    rows = frame[cols].astype(object).where(frame[cols].notna(), None)
    return sorted(map(tuple, rows.values.tolist()), key=repr)


@pytest.fixture(scope="module")
def seeds():
    return bordermap.read_articles(SEEDS[:6])


@pytest.mark.parametrize("n", range(6))
def test_a_saved_page_gives_the_plain_articles_incidents(seeds, n, tmp_path):
    plain = seeds[n]
    url = f"https://news.example.com/asia/{plain.id}"
    saved = tmp_path / "saved page.html"
    saved.write_text(page(plain, url), encoding="utf-8")
    (article,) = bordermap.read_articles([saved])
    assert article.url == url
    assert article.published == plain.published  # from the JSON-LD metadata
    assert article.title == plain.title
    got, want = bordermap.extract([article]), bordermap.extract([plain])
    assert _figures(got) == _figures(want)
    for quote in got["quote"].dropna():
        assert not any(word in quote for word in FURNITURE), quote
    assert not any(word in article.text for word in FURNITURE)


def test_published_overrides_the_page_date_and_metadata_beats_the_file_day(
    seeds, tmp_path
):
    saved = tmp_path / "p.html"
    saved.write_text(page(seeds[1], "https://x.example/p"), encoding="utf-8")
    (a,) = bordermap.read_articles([saved])
    assert a.published == seeds[1].published  # not the file's modification day
    (b,) = bordermap.read_articles([saved], published=date(2025, 1, 2))
    assert b.published == date(2025, 1, 2)


def test_photo_captions_are_kept_and_marked(seeds):
    text = page(seeds[2], "https://x.example/c").replace(
        '<p class="byline">',
        "<figure><img src='a.jpg'><figcaption>Villagers shelter in a bunker in "
        'Surin. (Reuters)</figcaption></figure><p class="byline">',
    )
    article = article_from_html(text, id="c")
    assert "Photo: Villagers shelter in a bunker in Surin. (Reuters)" in article.text


def test_a_page_without_main_text_is_a_clear_error():
    with pytest.raises(ArticleError, match="no main text"):
        article_from_html("<html><body><nav>Home</nav></body></html>", id="empty")


def _warc(path: Path, records: list[tuple]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, status, kind, payload in records:
            headers = StatusAndHeaders(
                f"{status} X", [("Content-Type", kind)], protocol="HTTP/1.1"
            )
            if status.startswith("3"):
                headers.add_header("Location", "https://x.example/elsewhere")
            writer.write_record(
                writer.create_warc_record(
                    url,
                    "response",
                    payload=io.BytesIO(payload),
                    http_headers=headers,
                    warc_headers_dict={"WARC-Date": "2025-07-30T01:02:03Z"},
                )
            )


@pytest.fixture
def archive(seeds, tmp_path):
    path = tmp_path / "crawl.warc.gz"
    pages = [
        (f"https://x.example/{a.id}", "200", "text/html; charset=utf-8",
         page(a, f"https://x.example/{a.id}").encode("utf-8"))
        for a in seeds[:4]
    ]  # fmt: skip
    _warc(
        path,
        [
            *pages,
            ("https://x.example/report.pdf", "200", "application/pdf", b"%PDF-1.4"),
            # says it is a page, holds bytes that decode to no text
            ("https://x.example/broken", "200", "text/html", bytes(range(256)) * 4),
            ("https://x.example/old", "301", "text/html", b""),
            pages[1],  # the same url again
        ],
    )
    return path


def test_a_warc_gives_one_article_per_page_and_counts_the_rest(archive, caplog):
    with caplog.at_level(logging.WARNING):
        articles = list(articles_from_warc(archive))
    assert len(articles) == 4
    urls = {f"https://x.example/{s.id}" for s in bordermap.read_articles(SEEDS[:4])}
    assert {a.url for a in articles} == urls
    said = caplog.text
    assert "5 HTML pages" in said
    assert "1 non-HTML records" in said and "1 redirects" in said
    assert "1 repeated urls" in said
    assert "https://x.example/broken" in said and "no main text" in said
    # the same through the command line, into incidents
    frame = bordermap.extract(bordermap.read_articles([archive]))
    assert frame["article_id"].nunique() >= 3


@pytest.mark.parametrize("kept", [0.3, 0.6, 0.9])  # in a page, in headers, at the end
def test_a_truncated_warc_keeps_the_pages_before_the_break(
    archive, tmp_path, caplog, kept
):
    data = archive.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: int(len(data) * kept)])
    with caplog.at_level(logging.WARNING):
        articles = list(articles_from_warc(cut))
    assert 1 <= len(articles) <= 4
    assert "truncated or damaged" in caplog.text
    # with --on-error stop, the first page that cannot be read stops the run
    with pytest.raises(ArticleError, match=r"truncated or damaged|no main text"):
        list(articles_from_warc(cut, skip=False))


def test_a_warc_of_plain_gzip_garbage_is_an_error_not_a_crash(tmp_path):
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(gzip.compress(b"this is not a WARC file\r\n\r\n"))
    with pytest.raises(ArticleError):
        bordermap.read_articles([bad])


def test_a_feed_gives_its_entries(seeds, tmp_path):
    def item(a) -> str:
        paragraphs = "".join(f"<p>{p}</p>" for p in a.text.split("\n\n"))
        return (
            f"<item><title>{html.escape(a.title)}</title>"
            f"<link>https://x.example/{a.id}</link>"
            f"<pubDate>{a.published.strftime('%a, %d %b %Y')} 08:00:00 +0000</pubDate>"
            f"<description>{html.escape(paragraphs)}</description></item>"
        )

    items = "".join(item(a) for a in seeds[:3])
    feed = tmp_path / "news.rss"
    feed.write_text(
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>News</title>"
        f"{items}</channel></rss>",
        encoding="utf-8",
    )
    articles = list(articles_from_feed(feed))
    assert [a.url for a in articles] == [f"https://x.example/{a.id}" for a in seeds[:3]]
    assert [a.published for a in articles] == [a.published for a in seeds[:3]]
    assert _figures(bordermap.extract(articles[:1])) == _figures(
        bordermap.extract(seeds[:1])
    )


def test_pages_about_something_else_are_skipped_and_counted(seeds, tmp_path, caplog):
    folder = tmp_path / "crawl"
    folder.mkdir()
    (folder / "border.html").write_text(page(seeds[3], "https://x.example/b"), "utf-8")
    for n in range(4):
        other = bordermap.Article(
            f"o{n}",
            f"Markets in Frankfurt rose on Monday as the euro gained {n} cents.\n\n"
            "Traders said the central bank would hold rates steady.",
            title=f"Markets rise {n}",
            published=date(2025, 7, 28),
        )
        (folder / f"other{n}.html").write_text(page(other, f"https://x.example/o{n}"))
    with caplog.at_level(logging.WARNING):
        kept = bordermap.read_articles([folder], border=("THA", "KHM"))
    assert len(kept) == 1
    assert "4 of 5 pages name neither Thailand nor Cambodia" in caplog.text
    assert len(bordermap.read_articles([folder])) == 5  # no border: all read


def test_names_the_border_is_about_names_not_letters():
    assert names_the_border("Cambodian troops fired.", ["THA", "KHM"])
    assert names_the_border("Rockets hit Kap Choeng district.", ["THA", "KHM"])
    assert not names_the_border("Thailandia is a restaurant.", ["THA", "KHM"])
    assert not names_the_border("Israel and Lebanon.", ["THA", "KHM"])


def test_an_html_column_in_a_table_is_read_as_a_page(seeds, tmp_path):
    table = tmp_path / "pages.jsonl"
    table.write_text(
        json.dumps({"html": page(seeds[0], "https://x.example/t"), "id": "t1"}) + "\n",
        encoding="utf-8",
    )
    (article,) = bordermap.read_articles([table])
    assert (article.id, article.url) == ("t1", "https://x.example/t")
    assert article.published == seeds[0].published


def test_a_saved_page_without_text_stops_the_run_unless_skipping(tmp_path):
    bad, good = tmp_path / "bad.html", tmp_path / "good.txt"
    bad.write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    good.write_text("Shells hit Surin on Monday, killing two.", encoding="utf-8")
    with pytest.raises(ArticleError, match="no main text"):
        bordermap.read_articles([bad, good])
    with pytest.raises(ArticleError, match="no main text"):
        list(bordermap.pipeline.extract_by_article([bad]))
    assert [a.id for a in bordermap.read_articles([bad, good], on_error="skip")] == [
        "good"
    ]


def test_a_plain_feed_summary_is_unescaped(tmp_path):
    feed = tmp_path / "f.rss"
    feed.write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>T</title><item>"
        "<title>Clash</title><link>https://x.example/c</link>"
        "<description>Thai &amp;amp; Cambodian troops clashed near the border"
        " on Monday, the army said.</description></item></channel></rss>",
        encoding="utf-8",
    )
    (article,) = articles_from_feed(feed)
    assert article.text.startswith("Thai & Cambodian troops")
