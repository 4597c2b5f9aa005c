"""Load articles: files, directories and tables, with their front matter.

Articles come as ``.md`` / ``.txt`` files with optional YAML front matter, as
directories of such files, or as tables (CSV, JSON Lines) with a ``text``
column. An article given twice (the same text) is read once.
"""

from __future__ import annotations

import csv
import glob
import hashlib
import io
import json
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import yaml

from bordermap.errors import ArticleError
from bordermap.geo.places.countries import country_label
from bordermap.geo.records import Article
from bordermap.geo.sources.datasets.tables import detect_dataset
from bordermap.geo.sources.languages import READ, language_name, settle_language
from bordermap.geo.sources.web import Page, is_web_file, iter_web_file, read_page

__all__ = [
    "ARTICLE_SUFFIXES",
    "TABLE_SUFFIXES",
    "Reading",
    "article_files",
    "article_from_row",
    "article_from_text",
    "iter_inputs",
    "parse_date_value",
    "read_articles",
]

logger = logging.getLogger(__name__)

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")
TABLE_SUFFIXES = (".csv", ".jsonl", ".ndjson")

_FRONT_MATTER = re.compile(
    r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S
)
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)")
_LINK = re.compile(r"\[([^\]\n]{1,300})\]\([^)\s]{1,2000}\)")
_HEADING = re.compile(r"^#{1,6}[ \t]+", re.M)


def parse_date_value(value: object, what: str = "date") -> date | None:
    """Read a publication date from front matter or a table cell.

    Parameters
    ----------
    value : object
        A :class:`datetime.date`, an ISO string (a time part is ignored), or empty.
    what : str
        Where the value came from, for the error message.

    Returns
    -------
    datetime.date or None

    Raises
    ------
    ArticleError
        If the value is not a date.

    Examples
    --------
    >>> parse_date_value("2025-07-24T08:00:00Z")
    datetime.date(2025, 7, 24)
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise ArticleError(
            f"{what}: {text[:40]!r} is not a date; write it as YYYY-MM-DD"
        ) from None


def clean_markup(text: str) -> str:
    """Remove Markdown emphasis, links and heading marks; normalise line ends."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _LINK.sub(r"\1", text)
    text = _HEADING.sub("", text)
    return _EMPHASIS.sub("", text).strip()


def article_from_text(
    raw: str, *, id: str, file: str = "", published: date | None = None
) -> Article:
    r"""Build an :class:`Article` from the text of a ``.md`` / ``.txt`` file.

    Parameters
    ----------
    raw : str
        File content, optionally starting with YAML front matter.
    id : str
        Article id (the file stem for files).
    file : str
        Path shown in messages and outputs.
    published : datetime.date, optional
        Publication date used when the front matter gives none.

    Returns
    -------
    Article

    Raises
    ------
    ArticleError
        If the front matter is not valid YAML or its date is not a date.

    Examples
    --------
    >>> a = article_from_text("---\ndate: 2025-12-08\n---\nShells **fell**.", id="x")
    >>> a.published, a.text
    (datetime.date(2025, 12, 8), 'Shells fell.')
    """
    meta: dict = {}
    match = _FRONT_MATTER.match(raw)
    if match:
        try:
            loaded = yaml.safe_load(match.group(1))
        except yaml.YAMLError as exc:
            where = getattr(exc, "problem_mark", None)
            line = f" (line {where.line + 2})" if where else ""
            raise ArticleError(
                f"{file or id}: the front matter{line} is not valid YAML; fix it or "
                "remove the '---' block"
            ) from None
        if loaded is not None and not isinstance(loaded, dict):
            raise ArticleError(
                f"{file or id}: front matter must be 'key: value' lines, "
                f"got {type(loaded).__name__}"
            )
        meta = loaded or {}
        raw = raw[match.end() :]
    text = clean_markup(raw)
    if not text:
        raise ArticleError(f"{file or id}: the article has no text; remove the file")
    return Article(
        id=str(meta.get("id") or id),
        text=text,
        title=str(meta.get("title") or ""),
        published=parse_date_value(
            meta.get("date") or meta.get("published"),
            f"{file or id}: front matter date",
        )
        or published,
        url=str(meta.get("url") or ""),
        file=file,
        language=str(meta.get("language") or meta.get("lang") or "").strip().lower(),
    )


def _decode(path: Path) -> str:
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise ArticleError(
            f"{path}: binary file, not an article; remove it from the input"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        logger.warning("%s is not UTF-8; read as Latin-1", path)
        return data.decode("latin-1")


def _rows_from_table(path: Path, text: str, skip: bool) -> Iterator[tuple[int, dict]]:
    if not text.strip():
        raise ArticleError(
            f"{path}: the table is empty; give rows with a 'text' column"
        )
    if path.suffix.lower() == ".csv":
        sample = text[:4096]
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        except csv.Error:
            dialect = csv.excel
        reader = csv.DictReader(io.StringIO(text), dialect=dialect)
        if not reader.fieldnames or not {"text", "html"} & set(reader.fieldnames):
            raise ArticleError(
                f"{path}: no 'text' column (columns: {reader.fieldnames or []}); "
                "name the article text column 'text' (or a page's HTML 'html')"
            )
        for i, row in enumerate(reader, 2):
            yield i, row
        return
    for i, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            problem = f"{path}:{i}: not valid JSON ({exc.msg})"
            if skip:
                logger.warning("%s; line skipped", problem)
                continue
            raise ArticleError(
                f"{problem}; fix the line or pass --on-error skip"
            ) from None
        if not isinstance(row, dict) or not {"text", "html"} & set(row):
            problem = f"{path}:{i}: expected an object with a 'text' (or 'html') field"
            if skip:
                logger.warning("%s; line skipped", problem)
                continue
            raise ArticleError(problem)
        yield i, row


def _cell(value) -> str:
    """Return a table cell as text; missing values (None, NaN) are empty."""
    if value is None or value != value:
        return ""
    return str(value)


def article_from_row(
    row: dict, path: str | Path, line: int, published: date | None = None
) -> Article | None:
    """Make an article of a table row (``text``, ``id``, ``title``, ``published``...).

    Returns None (with a warning) for a row without text. The id defaults to
    ``<file stem>-<line>``; the dask engine uses this same function.
    """
    path = Path(path)
    if not _cell(row.get("text")) and _cell(row.get("html")):
        return _page_row(row, path, line, published)
    text = clean_markup(_cell(row.get("text")))
    if not text:
        logger.warning("%s:%d: empty text, row skipped", path, line)
        return None
    return Article(
        id=_cell(row.get("id")) or f"{path.stem}-{line}",
        text=text,
        title=_cell(row.get("title")),
        published=parse_date_value(
            _cell(row.get("published")) or _cell(row.get("date")),
            f"{path}:{line}: published",
        )
        or published,
        url=_cell(row.get("url")),
        file=f"{path}:{line}",
        language=_cell(row.get("language")).lower(),
    )


def _page_row(row: dict, path: Path, line: int, published) -> Article | None:
    """Read a table row that holds a page's HTML as a saved page (``url`` kept)."""
    from bordermap.geo.sources.web import article_from_html

    given = parse_date_value(
        _cell(row.get("published")) or _cell(row.get("date")),
        f"{path}:{line}: published",
    )
    try:
        article = article_from_html(
            _cell(row.get("html")),
            id=_cell(row.get("id")) or f"{path.stem}-{line}",
            file=f"{path}:{line}",
            url=_cell(row.get("url")),
            published=given or published,
        )
    except ArticleError as exc:
        logger.warning("%s, row skipped", exc)
        return None
    if _cell(row.get("id")):
        article = replace(article, id=_cell(row.get("id")))
    return article


def _articles_from_table(
    path: Path, published: date | None, skip: bool = False
) -> Iterator[Article]:
    rows = 0
    for line, row in _rows_from_table(path, _decode(path), skip):
        rows += 1
        article = article_from_row(row, path, line, published)
        if article is not None:
            yield article
    if rows == 0:
        raise ArticleError(
            f"{path}: the table has no rows; give rows with a 'text' column"
        )


def _is_article_table(path: Path) -> bool:
    """Whether a table's header (CSV) or first object (JSON Lines) has ``text``."""
    try:
        with path.open("rb") as fh:
            data = fh.read(65_536)
    except OSError:
        return True  # let the reader report it
    # decoded as the reader decodes (UTF-16 with a BOM, else UTF-8)
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    text = data.decode("utf-16" if utf16 else "utf-8-sig", errors="replace")
    head = next((line for line in text.splitlines() if line.strip()), "")
    if path.suffix.lower() == ".csv":
        # any of the separators the reader accepts
        fields = {f.strip().strip("\"'") for f in re.split(r"[,;\t|]", head)}
        return bool({"text", "html"} & fields)
    try:
        first = json.loads(head)
    except json.JSONDecodeError:
        return True  # a broken line: the reader reports it with its number
    return isinstance(first, dict) and bool({"text", "html"} & set(first))


def article_files(path: Path) -> list[Path]:
    """Article files and article tables under a directory, sorted."""
    found = []
    for p in sorted(path.rglob("*")):
        suffix = p.suffix.lower()
        if (
            not p.is_file()
            or (suffix not in ARTICLE_SUFFIXES + TABLE_SUFFIXES and not is_web_file(p))
            or p.name.startswith(".")
            or p.name.lower() == "readme.md"
        ):
            continue
        if suffix in TABLE_SUFFIXES and not _is_article_table(p):
            if detect_dataset(p) is None:  # coded events are read as such
                logger.warning("%s has no 'text' column: not articles, skipped", p)
            continue
        found.append(p)
    return found


def _expand(paths: Iterable[str | Path]) -> list[Path]:
    files: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            found = article_files(path)
            if not found:
                kinds = ", ".join(ARTICLE_SUFFIXES + TABLE_SUFFIXES)
                raise ArticleError(f"{path}: no articles ({kinds}) in this directory")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        elif glob.has_magic(str(item)):
            matches = sorted(Path(p) for p in glob.glob(str(item), recursive=True))
            matches = [p for p in matches if p.is_file()]
            if not matches:
                raise ArticleError(f"{item}: the pattern matches no file; check it")
            files.extend(matches)
        else:
            raise ArticleError(f"{path}: no such file or directory; check the path")
    return files


def read_articles(
    paths: Iterable[str | Path],
    *,
    published: date | None = None,
    on_error: str = "stop",
    border: Sequence[str] | None = None,
    language: str | None = None,
) -> list[Article]:
    """Read articles from files, directories and tables.

    Parameters
    ----------
    paths : iterable of str or Path
        ``.md`` / ``.txt`` files, directories of them, CSV or JSON Lines tables
        with ``text`` (and optional ``id``, ``title``, ``published``, ``url``).
    published : datetime.date, optional
        Publication date for articles that do not give one.
    on_error : {"stop", "skip"}
        What an unreadable article, file or table line does: stop with an
        :class:`ArticleError`, or log a warning and go on with the rest.
    border : sequence of str, optional
        ISO3 codes of a border: web pages, WARC records and feed entries that
        name neither country nor any of its border places are skipped and
        counted in one warning (:func:`bordermap.geo.sources.web.names_the_border`).
        Article files and tables are always read.
    language : str, optional
        Take every article to be in this language (ISO 639-1). By default an
        article's language is the one it declares (front matter or a
        ``language`` column), else the one found in its text; articles in a
        language the extractor does not read are named in one warning each
        and left out.

    Returns
    -------
    list of Article
        In input order; an identical file given twice is read once.

    Raises
    ------
    ArticleError
        If a path does not exist, an article cannot be read (with
        ``on_error="stop"``), or nothing readable is left.

    Examples
    --------
    >>> from bordermap.data import seeds_dir
    >>> [a.id for a in read_articles([seeds_dir()])][:1]
    ['00-talks-resume-lasting-ceasefire']
    """
    reading = Reading(on_error, border, language)
    articles = []
    for item in iter_inputs(paths, published=published, reading=reading):
        if isinstance(item, Page):
            article = reading.take(item.part, *read_page(item))
        else:
            article = item
        if article is not None and reading.keep(article):
            articles.append(article)
    reading.finish()
    return articles


class Reading:
    """What reading the inputs meets, said once: repeats, pages about elsewhere.

    Shared by :func:`read_articles` and the extraction of pages in worker
    processes (:func:`bordermap.pipeline.extract_by_article`), so that both
    keep the same articles in the same order. Articles in a language the
    extractor does not read are said, one line each, counted and left out;
    ``language`` (an ISO 639-1 code) takes every article to be in it instead
    of the language it declares or is found to be in
    (:mod:`bordermap.geo.sources.languages`).
    """

    def __init__(
        self,
        on_error: str = "stop",
        border: Sequence[str] | None = None,
        language: str | None = None,
    ):
        if on_error not in ("stop", "skip"):
            raise ValueError(f"on_error={on_error!r}: use 'stop' or 'skip'")
        self.skip = on_error == "skip"
        self.border = tuple(border or ())
        self.language = (language or "").lower()
        self.unread: dict[str, int] = {}  # language name -> articles left out
        self.files = self.pages = self.elsewhere = self.kept = 0
        self._texts: set[bytes] = set()  # digests: a crawl's texts are not kept
        self._today = date.today()

    def take(self, part: bool, article: Article | None, why: str) -> Article | None:
        """Count a page that was read: its article, or why it has none.

        A page that cannot be read stops the run unless ``on_error`` is
        "skip" or it is ``part`` of an archive or a feed (then it is a warning).
        """
        self.pages += 1
        if article is None and why == "elsewhere":
            self.elsewhere += 1
        elif article is None and not (self.skip or part):
            raise ArticleError(why)
        elif article is None:
            logger.warning("%s; skipped", why)
        return article

    def keep(self, article: Article) -> bool:
        """Whether to keep an article: not a repeat of an earlier one's text."""
        if article.published and article.published > self._today:
            logger.warning(
                "%s: publication date %s is in the future; relative dates are "
                "resolved against it",
                article.file or article.id,
                article.published,
            )
        digest = hashlib.sha1(article.text.encode("utf-8")).digest()
        if digest in self._texts:
            logger.warning("%s repeats an earlier article; read once", article.file)
            return False
        self._texts.add(digest)
        if not self.readable(article):
            return False
        self.kept += 1
        return True

    def readable(self, article: Article) -> bool:
        """Whether the extractor reads the article's language; if not, say so."""
        code = settle_language(article, self.language).language
        if not code or code in READ:
            return True
        name = language_name(code)
        logger.warning(
            "%s: %s — not read; bordermap reads %s",
            article.file or article.id,
            name,
            ", ".join(READ),
        )
        self.unread[name] = self.unread.get(name, 0) + 1
        return False

    def finish(self) -> None:
        """Say how many pages were about elsewhere; fail if nothing was read."""
        if self.elsewhere:
            logger.warning(
                "%s of %s pages name neither %s nor a place on their border; skipped",
                f"{self.elsewhere:,}",
                f"{self.pages:,}",
                " nor ".join(country_label(c) for c in self.border),
            )
        if self.unread:
            said = ", ".join(f"{n} {c:,}" for n, c in sorted(self.unread.items()))
            left = sum(self.unread.values())
            logger.warning(
                "%s article%s left out, in languages bordermap does not read (%s)",
                f"{left:,}",
                "" if left == 1 else "s",
                said,
            )
        if self.files and not self.kept and self.unread:
            raise ArticleError(
                f"no article in a language bordermap reads ({', '.join(READ)}); "
                "give --language en to read them as English anyway"
            )
        if self.files and not self.kept:
            raise ArticleError(
                "no readable article in the input; check the files and messages"
            )


def iter_inputs(
    paths: Iterable[str | Path],
    *,
    published: date | None = None,
    reading: Reading | None = None,
) -> Iterator[Article | Page]:
    """Yield the inputs' articles in order, web pages as :class:`Page` (unread).

    A file given twice is read once. Reading a page is left to the caller
    (:func:`bordermap.geo.sources.web.read_page`), which may be a worker process.
    """
    reading = reading or Reading()
    seen_files: set[Path] = set()
    for path in _expand(paths):
        real = path.resolve()
        if real in seen_files:
            continue
        seen_files.add(real)
        reading.files += 1
        try:
            if is_web_file(path):
                items = iter_web_file(path, published=published, border=reading.border)
            elif path.suffix.lower() in TABLE_SUFFIXES:
                items = _articles_from_table(path, published, reading.skip)
            else:
                items = iter([article_from_text(
                    _decode(path), id=path.stem, file=str(path), published=published
                )])  # fmt: skip
            yield from items
        except ArticleError as exc:
            if not reading.skip:
                raise
            logger.warning("%s; skipped", exc)
