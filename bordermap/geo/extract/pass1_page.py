"""Pass 1: the page's blocks — headline, body, captions, bylines, furniture.

Real pages carry more than the story: a byline, "Listen to this article",
player controls, photo credits, an "Updated" line, related-story links,
navigation, a crawler's ``date 2025-03-01 https://...`` line. :func:`mark_page`
cuts the text into blocks (paragraphs, and within them the lines that are page
lines of their own; hard-wrapped lines are joined back) and gives each a role
from :data:`bordermap.geo.extract.document.ROLES`:

* ``furniture`` and ``byline`` blocks are never read;
* ``headline`` — the title, a standfirst or a section heading (a short line
  without a full stop), and ``caption`` — a photo caption (it ends with a
  credit such as "(Reuters)", or is printed twice): read, but what they tell
  is a summary of the story, merged into the body's incidents where the body
  tells the same (:mod:`bordermap.geo.extract.pass6_merging.merge`);
* ``body`` — the story.

The page's dateline ("PESHAWAR, Pakistan (Reuters) —") is read at the start
of the first body block, and a leading ``date YYYY-MM-DD`` line gives the
publication date when the article has none. The words are in
``rules/page.txt``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import replace
from datetime import date

from bordermap.geo.extract.document import Block, Document
from bordermap.geo.extract.words.dates import parse_dateline
from bordermap.geo.extract.words.lexicon import lexicon

__all__ = ["mark_page", "paragraph_spans"]

_PAGE = lexicon("page")
_FURNITURE = re.compile(_PAGE.alternation("furniture"), re.I)
_METADATA = re.compile(_PAGE.alternation("metadata"), re.I)
_DATE_WORD = re.compile(_PAGE.alternation("date_word") + r"\Z", re.I)
_BYLINE = re.compile(_PAGE.alternation("byline"))
_CREDIT = re.compile(r"(?:^|\s)" + _PAGE.alternation("caption_credit") + r"\s*\Z")
_CAPTION_START = re.compile(_PAGE.alternation("caption_start"), re.I)
_CAPTION_PHRASE = _PAGE.pattern("caption_phrase")
_SUMMARY_LABEL = _PAGE.pattern("summary_label")
_PARA_BREAK = re.compile(r"\n[ \t]*\n+")
_CRAWL_DATE = re.compile(
    r"[ \t]*date[ \t]+(?P<date>\d{4}-\d\d-\d\d)(?:[ \t]+https?://\S+)?[ \t]*"
)
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*\Z")
_OPEN_END = re.compile(r"[,;:(\-–—]\Z|\b(?:and|or|of|the|a|an|to|in|on|at|by)\Z")
_BULLET = re.compile(r"[•▪◦·*–-]\s")
_WORD = re.compile(r"[\w'’.-]+")
_NAME_LINE = re.compile(r"(?:[A-Z][a-z'’.-]+\s+){1,2}[A-Z][a-z'’.-]+")
#: A headline or heading is at most this many words; a byline or a line of
#: metadata at most ``_SHORT``.
_HEADLINE_WORDS = 30
_SHORT = 14


def paragraph_spans(
    text: str, start: int = 0, end: int | None = None
) -> list[tuple[int, int]]:
    r"""Return the spans of the paragraphs of ``text[start:end]`` (not blank).

    Examples
    --------
    >>> t = "One.\n\nTwo.\n  \n\nThree."
    >>> [t[a:b] for a, b in paragraph_spans(t)]
    ['One.', 'Two.', 'Three.']
    """
    end = len(text) if end is None else end
    spans, pos = [], start
    for m in _PARA_BREAK.finditer(text, start, end):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _lines(text: str, ps: int, pe: int) -> list[tuple[int, int]]:
    """Split a paragraph into its lines, hard-wrapped lines joined back into one.

    A line of furniture ("Text Size:", "Follow Us :") is never joined.
    """
    out: list[tuple[int, int]] = []
    pos = ps
    alone = False  # whether the last line kept is furniture
    for piece in text[ps:pe].split("\n"):
        s, e = _strip(text, pos, pos + len(piece))
        pos += len(piece) + 1
        if s == e:
            continue
        furniture = _is_furniture(text[s:e])
        if (
            out
            and not alone
            and not furniture
            and _wrapped(text[out[-1][0] : out[-1][1]], text[s:e])
        ):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
            alone = furniture
    return out


def _wrapped(line: str, nxt: str) -> bool:
    """Whether ``nxt`` continues ``line`` (a hard wrap, not a new line of the page)."""
    if _BULLET.match(nxt) or _TERMINAL.search(line):
        return False
    return nxt[:1].islower() or line.endswith("-") or bool(_OPEN_END.search(line))


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


@functools.lru_cache(maxsize=4096)
def _latin(ch: str) -> bool:
    return ch.isascii() or unicodedata.name(ch, "").startswith("LATIN")


def _mostly_other_script(line: str) -> bool:
    """Whether most letters of ``line`` are not Latin ("تابعونا", "关注我们")."""
    if line.isascii():
        return False
    letters = [ch for ch in line if ch.isalpha()]
    return sum(map(_latin, letters)) < len(letters) / 2


def _is_furniture(line: str) -> bool:
    words = _words(line)
    if not words or _FURNITURE.fullmatch(line):
        return True
    if _mostly_other_script(line):
        return True  # navigation in another script
    if len(words) <= _SHORT and (
        _METADATA.fullmatch(line)
        or (
            re.search(r"\b(?:updated|published|posted)\b", line, re.I)
            and any(ch.isdigit() for ch in line)
        )
    ):
        return True
    # a line of dates and times only: "Saturday, October 18, 2025", "2022.12.15 09:52"
    return len(words) <= _SHORT and all(_DATE_WORD.match(w) for w in words)


def _is_byline(line: str, before_body: bool) -> bool:
    if len(_words(line)) > _SHORT:
        return False
    if _BYLINE.fullmatch(line):
        return True
    # "Sagar Malik" above the story: a name on a line of its own
    return before_body and bool(_NAME_LINE.fullmatch(line))


def _is_caption(line: str, repeated: bool) -> bool:
    """Say whether a line is a photo caption.

    It ends with a credit, starts with "Photo:", or is printed twice as a
    sentence (a headline printed twice has no full stop).
    """
    if _CREDIT.search(line, max(0, len(line) - 90)) or _CAPTION_START.match(line):
        return True
    if len(_words(line)) <= 2 * _HEADLINE_WORDS and _CAPTION_PHRASE.search(line):
        return True
    return repeated and (bool(_TERMINAL.search(line)) or len(_words(line)) > _SHORT)


def _is_headline(line: str, before_body: bool) -> bool:
    """Say whether a line is a title, standfirst or heading (short, no full stop)."""
    n = len(_words(line))
    if before_body and re.search(r"(?:\.\.\.|…)\Z", line):
        return True  # a teaser cut short: "Af-Pak ceasefire unravels: 3 ..."
    if _TERMINAL.search(line) and not line.endswith("?"):
        return False
    return n <= _HEADLINE_WORDS if before_body else n <= _SHORT


def _role(line: str, before_body: bool, repeated: bool) -> str:
    if _is_furniture(line):
        return "furniture"
    if _is_byline(line, before_body):
        return "byline"
    if _is_caption(line, repeated):
        return "caption"
    if _is_headline(line, before_body):
        return "headline"
    return "body"


def _crawl_date(doc: Document, s: int, e: int) -> int:
    """Skip a crawler's ``date YYYY-MM-DD [url]`` prefix; keep its date if needed."""
    m = _CRAWL_DATE.match(doc.text, s, e)
    if not m:
        return s
    if doc.article.published is None:
        try:
            day = date.fromisoformat(m.group("date"))
        except ValueError:
            day = None
        if day is not None:
            doc.article = replace(doc.article, published=day)
    return m.end()


def _blocks(doc: Document) -> list[Block]:
    text = doc.text
    lines = [ln for s, e in paragraph_spans(text) for ln in _lines(text, s, e)]
    if lines:
        lines[0] = _strip(text, _crawl_date(doc, *lines[0]), lines[0][1])
    seen: dict[str, int] = {}
    for s, e in lines:
        key = " ".join(text[s:e].casefold().split())
        seen[key] = seen.get(key, 0) + 1
    blocks: list[Block] = []
    before_body = True
    for s, e in lines:
        if s == e:
            continue
        line = text[s:e]
        role = _role(line, before_body, seen[" ".join(line.casefold().split())] > 1)
        if (
            role == "body"
            and blocks
            and _SUMMARY_LABEL.fullmatch(text[blocks[-1].start : blocks[-1].end])
        ):
            role = "headline"  # the block under "Summary": a summary of the story
        blocks.append(Block(s, e, role))
        before_body = before_body and role != "body"
    return blocks


def _cut_unfinished_end(doc: Document) -> None:
    """Leave unread the unfinished last sentence of an excerpt cut off mid-way."""
    if not doc.blocks:
        return
    last = doc.blocks[-1]
    line = doc.text[last.start : last.end]
    if last.role != "body" or _TERMINAL.search(line):
        return
    cut = max(line.rfind(". "), line.rfind("? "), line.rfind("! "))
    if cut < 0:
        doc.blocks[-1] = replace(last, role="furniture")
    else:
        doc.blocks[-1] = replace(last, end=last.start + cut + 1)


def mark_page(doc: Document) -> Document:
    """Cut the article into blocks with their roles, and read its dateline.

    Parameters
    ----------
    doc : Document

    Returns
    -------
    Document
        The same document with ``blocks`` in text order and ``dateline`` set
        (from the start of the first body block); ``article.published`` is
        filled from a crawler's ``date`` line when it was missing.
    """
    doc.blocks = _blocks(doc)
    _cut_unfinished_end(doc)
    first = next((b for b in doc.blocks if b.role == "body"), None)
    if first is not None:
        doc.dateline = parse_dateline(doc.text, doc.article.published, first.start)
    return doc
