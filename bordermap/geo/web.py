"""News as people hold it: saved web pages, WARC archives and feeds, as articles.

* ``.html`` / ``.htm`` — the page's main text, title, publication date and
  canonical url, taken by trafilatura (htmldate finds the date in the page's
  metadata); navigation, banners, related-story lists and footers are dropped.
  The headline is the article's title (as an article file's front matter
  gives it) and photo captions are kept as lines that start "Photo:", which
  the page pass (:mod:`bordermap.geo.page`) reads as captions.
* ``.warc`` / ``.warc.gz`` — every HTML response (status 200) is a page; other
  records (PDFs, images, requests, redirects) and repeats of a url are skipped
  and counted. Records are read one at a time from the stream (warcio), so an
  archive is never held in memory whole.
* ``.xml`` / ``.rss`` / ``.atom`` — each feed entry's content, else summary, is
  an article with the entry's link, title and date (feedparser).

A page's date: ``published`` when given (``--published``), else the page's
metadata, else the WARC record's date or the saved file's modification day.
:func:`names_the_border` is the cheap test that lets a general news crawl be
filtered to the pages that name either country of a border or one of its
border places before the extractor reads them.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from bordermap.errors import ArticleError
from bordermap.geo.records import Article

__all__ = [
    "FEED_SUFFIXES",
    "HTML_SUFFIXES",
    "WARC_SUFFIXES",
    "article_from_html",
    "articles_from_feed",
    "articles_from_warc",
    "is_web_file",
    "names_the_border",
    "read_web_file",
]

logger = logging.getLogger(__name__)

HTML_SUFFIXES = (".html", ".htm")
WARC_SUFFIXES = (".warc", ".warc.gz")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_MIN_WORDS = 8
_CAPTION = re.compile(r"\s+")
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


def _suffix(path: Path) -> str:
    name = path.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()


def is_web_file(path: Path) -> bool:
    """Whether a file is a saved page, a WARC archive or a feed (by its name)."""
    return _suffix(path) in HTML_SUFFIXES + WARC_SUFFIXES + FEED_SUFFIXES


def _page_id(url: str, fallback: str) -> str:
    """Make a stable article id of a page's url: its last words and a short hash."""
    if not url:
        return fallback
    tail = re.sub(r"[^A-Za-z0-9]+", "-", url.split("?")[0].rstrip("/").rsplit("/")[-1])
    digest = hashlib.sha1(url.encode("utf-8")).hexdigest()[:8]
    return f"{tail.strip('-')[:60] or 'page'}-{digest}"


def _captions(html: str) -> list[str]:
    """Photo captions of the page's story (``figcaption`` inside article/main)."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return []
    story = tree.xpath("//article | //main") or [tree]
    out = []
    for node in story[0].xpath(".//figcaption"):
        text = _CAPTION.sub(" ", node.text_content()).strip()
        if text and text not in out:
            out.append(text)
    return out


def _metadata_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def article_from_html(
    html: str | bytes,
    *,
    id: str,
    file: str = "",
    url: str = "",
    published: date | None = None,
    fallback_date: date | None = None,
) -> Article:
    """Build an :class:`Article` from a web page: main text, title, date, url.

    Parameters
    ----------
    html : str or bytes
        The page (bytes are decoded by trafilatura from their charset).
    id : str
        Id used when the page gives no url.
    file : str
        Where the page came from, for messages (a path, or path and record).
    url : str
        The page's address when known (a WARC record's); the page's canonical
        url wins.
    published : datetime.date, optional
        Overrides every other date (``--published``).
    fallback_date : datetime.date, optional
        Used when the page's metadata gives no date (record date, file day).

    Returns
    -------
    Article

    Raises
    ------
    ArticleError
        If no main text is found in the page.
    """
    import trafilatura

    if isinstance(html, bytes):
        html = trafilatura.utils.decode_file(html)
    found = trafilatura.extract(
        html,
        url=url or None,
        output_format="json",
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=True,
    )
    meta = json.loads(found) if found else {}
    text = (meta.get("text") or "").strip()
    if len(text.split()) < _MIN_WORDS:  # a menu or a "Home" link is no story
        raise ArticleError(f"{file or id}: no main text found in the page")
    captions = [f"Photo: {c}" for c in _captions(html) if c not in text]
    lines = text.split("\n")
    title = (meta.get("title") or "").strip()
    # the headline is the article's title, as in an article file's front
    # matter, not a line of its text; captions follow the first paragraph
    if title and lines[0].strip() == title:
        lines = lines[1:]
    body = "\n\n".join([*lines[:1], *captions, *lines[1:]])
    page_url = meta.get("source") or url or ""
    return Article(
        id=_page_id(page_url, id),
        text=body,
        title=title,
        published=published or _metadata_date(meta.get("date")) or fallback_date,
        url=page_url,
        file=file,
    )


def _html_file(path: Path, published: date | None) -> Iterator[Article]:
    day = datetime.fromtimestamp(path.stat().st_mtime, UTC).date()
    yield article_from_html(
        path.read_bytes(),
        id=path.stem,
        file=str(path),
        published=published,
        fallback_date=day,
    )


def articles_from_warc(
    path: str | Path, *, published: date | None = None, skip: bool = True
) -> Iterator[Article]:
    """Yield an article per HTML response of a WARC file, streaming it.

    Non-HTML records, responses other than 200 (redirects) and repeats of a
    url are skipped and counted in one warning at the end. A record with no
    main text or that cannot be decoded is a warning naming it; a truncated or
    damaged archive ends with a warning saying after which record, the pages
    before it kept. With ``skip=False`` a page that cannot be read stops the
    run with :class:`ArticleError` instead.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    path = Path(path)
    skipped: Counter[str] = Counter()
    seen: set[str] = set()
    read = n = 0
    url = ""
    with path.open("rb") as stream:
        try:
            for n, record in enumerate(ArchiveIterator(stream), start=1):
                if record.rec_type != "response":
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                why = _not_a_page(record, url, seen)
                if why:
                    skipped[why] += 1
                    continue
                seen.add(url)
                article = _warc_page(record, path, n, url, published, skip)
                if article is not None:
                    read += 1
                    yield article
        except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
            message = (
                f"{path}: the archive is truncated or damaged after record {n}"
                f"{f' ({url})' if url else ''}: {exc}; the pages before it are read"
            )
            if not skip:
                raise ArticleError(message) from None
            logger.warning("%s", message)
    _report_skips(path, read, skipped)


def _not_a_page(record, url: str, seen: set[str]) -> str | None:
    """Why a response record is not read as a page (None: it is one)."""
    http = record.http_headers
    if http is None:
        return "records without HTTP headers"
    status = http.get_statuscode() or ""
    if status != "200":
        return "redirects" if status.startswith("3") else f"HTTP {status} responses"
    kind = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if kind not in _HTML_TYPES:
        return "non-HTML records"
    if url in seen:
        return "repeated urls"
    return None


def _warc_page(record, path: Path, n: int, url: str, published, skip: bool):
    """Read one HTML response record as an article; None (warned) if it fails."""
    stamp = record.rec_headers.get_header("WARC-Date") or ""
    where = f"{path} record {n} ({url})"
    payload = record.content_stream().read()
    record.raw_stream.read()
    if getattr(record.raw_stream, "limit", 0) > 0:  # the file ends inside it
        raise EOFError(f"record {n} ends before its length")
    try:
        return article_from_html(
            payload,
            id=f"{path.name}-{n}",
            file=where,
            url=url,
            published=published,
            fallback_date=_metadata_date(stamp),
        )
    except ArticleError as exc:
        if not skip:
            raise
        logger.warning("%s; skipped", exc)
        return None
    except (UnicodeError, ValueError) as exc:
        if not skip:
            raise ArticleError(f"{where}: {exc}") from None
        logger.warning("%s: %s; skipped", where, exc)
        return None


def _report_skips(path: Path, read: int, skipped: Counter) -> None:
    if skipped:
        parts = ", ".join(f"{n:,} {why}" for why, n in sorted(skipped.items()))
        logger.warning("%s: %s pages read; skipped %s", path, f"{read:,}", parts)


def articles_from_feed(
    path: str | Path, *, published: date | None = None
) -> Iterator[Article]:
    """Yield an article per entry of an RSS or Atom feed saved to a file."""
    import feedparser

    path = Path(path)
    feed = feedparser.parse(path.read_bytes())
    if not feed.entries:
        problem = getattr(feed, "bozo_exception", None)
        raise ArticleError(
            f"{path}: no feed entries"
            + (f" ({problem})" if problem else "")
            + "; give an RSS or Atom file"
        )
    for n, entry in enumerate(feed.entries, start=1):
        content = entry.get("content") or []
        raw = content[0].get("value", "") if content else entry.get("summary", "")
        text = _fragment_text(raw)
        if not text:
            logger.warning("%s entry %d has no text; skipped", path, n)
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        link = entry.get("link", "")
        title = entry.get("title", "")
        yield Article(
            id=_page_id(link or entry.get("id", ""), f"{path.stem}-{n}"),
            text="\n\n".join(p for p in (title, text) if p),
            title=title,
            published=published or (date(*stamp[:3]) if stamp else None),
            url=link,
            file=f"{path} entry {n}",
        )


def _fragment_text(raw: str) -> str:
    """Text of an HTML fragment (a feed entry), a paragraph per block."""
    import lxml.html

    if not raw or not raw.strip():
        return ""
    if "<" not in raw:
        return raw.strip()
    try:
        root = lxml.html.fragment_fromstring(raw, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return ""
    for block in root.iter("p", "div", "br", "li", "h1", "h2", "h3", "h4"):
        block.tail = "\n\n" + (block.tail or "")
    text = root.text_content()
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def read_web_file(
    path: Path, *, published: date | None = None, skip: bool = False
) -> Iterator[Article]:
    """Yield the articles of a saved page, a WARC archive or a feed file."""
    suffix = _suffix(path)
    if suffix in WARC_SUFFIXES:
        # an archive is many pages: a damaged record or a cut-off end is a
        # warning naming it, and the rest is read, whatever ``skip`` says
        return articles_from_warc(path, published=published, skip=True)
    if suffix in FEED_SUFFIXES:
        return articles_from_feed(path, published=published)
    return _html_file(path, published)


@functools.cache
def _border_terms(countries: tuple[str, ...]) -> frozenset[str]:
    """Name keys of the two countries, their demonyms and their border places."""
    from bordermap.geo.gazetteer import load_gazetteer, name_key

    gazetteer = load_gazetteer()
    wanted = set(countries)
    terms = {k for k, iso in gazetteer.countries.items() if iso in wanted}
    terms |= {k for k, iso in gazetteer.demonyms.items() if iso in wanted}
    for place in gazetteer.places:
        if place.country_iso3 in wanted and place.border and len(place.name) > 3:
            terms.add(name_key(place.name))
    return frozenset(t for t in terms if t)


def names_the_border(text: str, countries: Sequence[str]) -> bool:
    """Say whether a text names either country of a border or a border place.

    A cheap test on runs of one to four words (no extraction), used to skip
    the pages of a general news crawl that are about something else.

    Examples
    --------
    >>> names_the_border("Shells fell on Surin.", ["THA", "KHM"])
    True
    >>> names_the_border("Markets rose in Frankfurt.", ["THA", "KHM"])
    False
    """
    from bordermap.geo.gazetteer import name_key

    terms = _border_terms(tuple(sorted(countries)))
    words = [name_key(w) for w in _WORD.findall(text)]
    for i in range(len(words)):
        key = ""
        for word in words[i : i + 4]:
            key += word
            if key in terms:
                return True
    return False
