"""News as people hold it: saved web pages, WARC archives and feeds, as articles.

* ``.html`` / ``.htm`` — the page's main text, title, publication date and
  canonical url, taken by trafilatura (htmldate finds the date in the page's
  metadata); navigation, banners, related-story lists and footers are dropped.
  The headline is the article's title (as an article file's front matter
  gives it) and photo captions are kept as lines that start "Photo:", which
  the page pass (:mod:`bordermap.geo.extract.pass1_page`) reads as captions.
* ``.warc`` / ``.warc.gz`` — every HTML response (status 200) is a page;
  other responses (PDFs, images, redirects) and repeats of a url are skipped
  and counted; request, metadata and revisit records are not pages. Records
  are read one at a time from the stream (warcio), so an archive is never held
  in memory whole.
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
import html
import json
import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from bordermap.errors import ArticleError
from bordermap.geo.records import Article

__all__ = [
    "FEED_SUFFIXES",
    "HTML_SUFFIXES",
    "WARC_SUFFIXES",
    "Page",
    "article_from_html",
    "articles_from_feed",
    "articles_from_warc",
    "feed_pages",
    "is_web_file",
    "iter_web_file",
    "names_the_border",
    "read_page",
    "warc_pages",
]

logger = logging.getLogger(__name__)

HTML_SUFFIXES = (".html", ".htm")
WARC_SUFFIXES = (".warc", ".warc.gz")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_MIN_WORDS = 8
_CAPTION = re.compile(r"\s+")
_TOKEN = re.compile(r"[^\W_]+")


def _suffix(path: Path) -> str:
    name = path.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()


def is_web_file(path: Path) -> bool:
    """Whether a file is a saved page, a WARC archive or a feed (by its name)."""
    return _suffix(path) in HTML_SUFFIXES + WARC_SUFFIXES + FEED_SUFFIXES


@dataclass(frozen=True, slots=True)
class Page:
    """A web page not read yet: its bytes and what its file or archive says of it.

    Pages travel to worker processes as they are, so that reading the main text
    (the costly part) is shared out with ``--jobs`` like the extraction.
    ``border``: the ISO3 codes of the pre-filter (empty: none).
    """

    html: bytes
    id: str
    file: str
    url: str = ""
    fallback_date: date | None = None
    published: date | None = None
    border: tuple[str, ...] = ()
    title: str = ""  # a feed entry's title
    entry: bool = False  # a feed entry's HTML fragment, not a whole page
    part: bool = False  # one of an archive's or a feed's: if bad, warned and skipped


def read_page(page: Page) -> tuple[Article | None, str]:
    """Read a page: ``(article, "")``, or ``(None, why)`` when it is not read.

    ``why`` is ``"elsewhere"`` for a page that names neither country of
    ``page.border`` nor a place on it, else the problem (no main text, ...).
    """
    # cheap first: a page that names neither anywhere, furniture included,
    # is not read at all (its bytes, decoded loosely, are enough to tell)
    if page.border and not names_the_border(
        page.html.decode("utf-8", errors="ignore"), page.border
    ):
        return None, "elsewhere"
    try:
        article = (_entry_article if page.entry else _page_article)(page)
    except (ArticleError, UnicodeError, ValueError) as exc:
        text = str(exc)
        return None, text if text.startswith(page.file) else f"{page.file}: {text}"
    if page.border and not names_the_border(article.text, page.border):
        return None, "elsewhere"
    return article, ""


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
        The page's address when known (a WARC record's, a table's ``url``); it
        wins over the page's canonical url, which is used otherwise.
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

    Examples
    --------
    >>> page = (
    ...     '<html><head><title>Shelling in Surin</title>'
    ...     '<script type="application/ld+json">{"datePublished": "2025-07-24"}'
    ...     '</script></head><body><nav>Home World Sport</nav><article>'
    ...     '<h1>Shelling in Surin</h1><p>Cambodian rockets hit Kap Choeng district'
    ...     ' of Surin on Thursday, killing two villagers, the Thai army said.</p>'
    ...     '</article></body></html>')
    >>> a = article_from_html(page, id="p")
    >>> a.title, a.published, a.text[:25]
    ('Shelling in Surin', datetime.date(2025, 7, 24), 'Cambodian rockets hit Kap')
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
    )
    meta = json.loads(found) if found else {}
    text = (meta.get("text") or "").strip()
    if len(text.split()) < _MIN_WORDS:  # a menu or a "Home" link is no story
        raise ArticleError(
            f"{file or id}: no main text found in the page; save the article's "
            "own page, or give its text as a .txt file"
        )
    captions = [f"Photo: {c}" for c in _captions(html) if c not in text]
    lines = text.split("\n")
    title = (meta.get("title") or "").strip()
    # the headline is the article's title, as in an article file's front
    # matter, not a line of its text; captions follow the first paragraph
    if title and lines[0].strip() == title:
        lines = lines[1:]
    body = "\n\n".join([*lines[:1], *captions, *lines[1:]])
    page_url = url or meta.get("source") or ""  # an archive's record url first
    return Article(
        id=_page_id(page_url, id),
        text=body,
        title=title,
        published=published or _metadata_date(meta.get("date")) or fallback_date,
        url=page_url,
        file=file,
    )


def _page_article(page: Page) -> Article:
    return article_from_html(
        page.html,
        id=page.id,
        file=page.file,
        url=page.url,
        published=page.published,
        fallback_date=page.fallback_date,
    )


def _entry_article(page: Page) -> Article:
    text = _fragment_text(page.html.decode("utf-8"))
    if not text:
        raise ArticleError(f"{page.file}: the entry has no text")
    return Article(
        id=page.id,
        text=text,  # the title is the article's title, as for a page
        title=page.title,
        published=page.published or page.fallback_date,
        url=page.url,
        file=page.file,
    )


def _html_page(path: Path, published: date | None, border=()) -> Page:
    day = datetime.fromtimestamp(path.stat().st_mtime, UTC).date()
    return Page(
        path.read_bytes(),
        id=path.stem,
        file=str(path),
        fallback_date=day,
        published=published,
        border=tuple(border),
    )


def articles_from_warc(
    path: str | Path, *, published: date | None = None, skip: bool = True
) -> Iterator[Article]:
    """Yield an article per HTML response of a WARC file, streaming it.

    Non-HTML responses, responses other than 200 (redirects) and repeats of a
    url are skipped and counted in one warning at the end (records other than
    responses are not pages). A record with no
    main text or that cannot be decoded is a warning naming it; a truncated or
    damaged archive ends with a warning saying after which record, the pages
    before it kept. With ``skip=False`` a page that cannot be read stops the
    run with :class:`ArticleError` instead.
    """
    for page in warc_pages(path, published=published, skip=skip):
        article, why = read_page(page)
        if article is not None:
            yield article
        elif not skip:
            raise ArticleError(why)
        else:
            logger.warning("%s; skipped", why)


def warc_pages(
    path: str | Path,
    *,
    published: date | None = None,
    skip: bool = True,
    border: Sequence[str] = (),
) -> Iterator[Page]:
    """Yield the HTML responses of a WARC file as pages, one record at a time.

    What is skipped is counted in one warning at the end (see
    :func:`articles_from_warc`); the pages are read by :func:`read_page`.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    path = Path(path)
    skipped: Counter[str] = Counter()
    seen: set[str] = set()
    n = 0
    url = ""
    record = None
    with path.open("rb") as stream:
        try:
            records = ArchiveIterator(stream)
            for n, record in enumerate(records, start=1):
                if record.rec_type != "response":
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                why = _not_a_page(record, url, seen)
                if why:
                    skipped[why] += 1
                    continue
                seen.add(url)
                yield _record_page(record, path, n, url, published, tuple(border))
            if record is not None:  # the iterator read the last one to its end
                _check_whole(record, n)
            # bytes left after the last whole record: a record cut in its headers
            if path.stat().st_size - (records.offset or 0) > 4:
                raise EOFError(f"the file ends inside record {n + 1}")
        except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
            message = (
                f"{path}: the archive is truncated or damaged after record {n}"
                f"{f' ({url})' if url else ''}: {exc}; the pages before it are read"
            )
            if not skip:
                raise ArticleError(message) from None
            logger.warning("%s", message)
    _report_skips(path, len(seen), skipped)


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


def _check_whole(record, n: int) -> None:
    """Raise EOFError when a record read to its end fell short of its length."""
    if getattr(record.raw_stream, "limit", 0) > 0:  # the file ends inside it
        raise EOFError(f"record {n} ends before its length")


def _record_page(record, path: Path, n: int, url: str, published, border) -> Page:
    """Take one HTML response record's payload as a page (read to its end)."""
    stamp = record.rec_headers.get_header("WARC-Date") or ""
    payload = record.content_stream().read()
    record.raw_stream.read()
    _check_whole(record, n)
    return Page(
        payload,
        id=f"{path.name}-{n}",
        file=f"{path} record {n} ({url})",
        url=url,
        fallback_date=_metadata_date(stamp),
        published=published,
        border=border,
        part=True,
    )


def _report_skips(path: Path, pages: int, skipped: Counter) -> None:
    if skipped:
        parts = ", ".join(f"{n:,} {why}" for why, n in sorted(skipped.items()))
        logger.warning("%s: %s HTML pages; skipped %s", path, f"{pages:,}", parts)


def articles_from_feed(
    path: str | Path, *, published: date | None = None
) -> Iterator[Article]:
    """Yield an article per entry of an RSS or Atom feed saved to a file."""
    for page in feed_pages(path, published=published):
        article, why = read_page(page)
        if article is None:
            logger.warning("%s; skipped", why)
        else:
            yield article


def feed_pages(
    path: str | Path, *, published: date | None = None, border: Sequence[str] = ()
) -> Iterator[Page]:
    """Yield each entry of a feed file (content, else summary) as a page."""
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
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        link = entry.get("link", "")
        yield Page(
            raw.encode("utf-8"),
            id=_page_id(link or entry.get("id", ""), f"{path.stem}-{n}"),
            file=f"{path} entry {n}",
            url=link,
            fallback_date=date(*stamp[:3]) if stamp else None,
            published=published,
            border=tuple(border),
            title=entry.get("title", ""),
            entry=True,
            part=True,
        )


def _fragment_text(raw: str) -> str:
    """Text of an HTML fragment (a feed entry), a paragraph per block."""
    import lxml.html

    if not raw or not raw.strip():
        return ""
    if "<" not in raw:
        return html.unescape(raw).strip()
    try:
        root = lxml.html.fragment_fromstring(raw, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return ""
    for block in root.iter("p", "div", "br", "li", "h1", "h2", "h3", "h4"):
        block.tail = "\n\n" + (block.tail or "")
    text = root.text_content()
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def iter_web_file(
    path: Path, *, published: date | None = None, border: Sequence[str] = ()
) -> Iterator[Page]:
    """Yield a saved page, a WARC archive's pages or a feed's entries, unread.

    :func:`read_page` reads them (in a worker process with ``--jobs``) and
    applies the ``border`` pre-filter. An archive is many pages: a damaged
    record or a cut-off end is a warning naming it, and the rest is read.
    """
    suffix = _suffix(path)
    if suffix in WARC_SUFFIXES:
        yield from warc_pages(path, published=published, skip=True, border=border)
    elif suffix in FEED_SUFFIXES:
        yield from feed_pages(path, published=published, border=border)
    else:
        yield _html_page(path, published, border)


def _tokens(text: str) -> list[str]:
    """Lower-case words without accents, as the gazetteer's name keys see names."""
    if not text.isascii():
        text = "".join(
            ch
            for ch in unicodedata.normalize("NFKD", text)
            if not unicodedata.combining(ch)
        )
    return _TOKEN.findall(text.lower())


@functools.cache
def _border_terms(
    countries: tuple[str, ...],
) -> tuple[frozenset[str], dict[str, tuple[tuple[str, ...], ...]]]:
    """Collect the names of two countries, their demonyms and border places as words.

    Returns the one-word names, and the longer ones by their first word.
    """
    from bordermap.geo.places.countries import country_forms
    from bordermap.geo.places.gazetteer import load_gazetteer

    wanted = set(countries)
    words: set[tuple[str, ...]] = set()
    for iso in wanted:
        words.update(tuple(_tokens(form)) for form in country_forms().get(iso, ()))
    for place in load_gazetteer().places:
        if place.country_iso3 in wanted and place.border and len(place.name) > 3:
            words.add(tuple(_tokens(place.name)))
    words.discard(())
    single = frozenset(w[0] for w in words if len(w) == 1)
    longer: dict[str, set] = {}
    for w in words:
        if len(w) > 1:
            longer.setdefault(w[0], set()).add(w)
    return single, {k: tuple(sorted(v)) for k, v in longer.items()}


def names_the_border(text: str, countries: Sequence[str]) -> bool:
    """Say whether a text names either country of a border or a border place.

    A cheap test on words (no extraction), used to skip the pages of a general
    news crawl that are about something else: first on the raw page, then on
    its main text.

    Examples
    --------
    >>> names_the_border("Shells fell on Surin.", ["THA", "KHM"])
    True
    >>> names_the_border("Markets rose in Frankfurt.", ["THA", "KHM"])
    False
    """
    single, longer = _border_terms(tuple(sorted(countries)))
    words = _tokens(text)
    if not single.isdisjoint(words):
        return True
    for i, word in enumerate(words):
        for name in longer.get(word, ()):
            if tuple(words[i : i + len(name)]) == name:
                return True
    return False
