"""Pass 2: the sentences of the page's readable blocks, each read once.

Blocks that repeat inside another block (wire copy pasted twice, a headline
fragment above the paragraph it came from) and sentences that repeat an earlier
sentence are dropped, so that text printed twice yields one incident. A full
stop after an abbreviation (``rules/page.txt``) or an initial does not end a
sentence; a line break inside a paragraph is a hard wrap, not a sentence end.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bordermap.geo.extract.document import Block, Document, Sentence
from bordermap.geo.extract.words.lexicon import lexicon

__all__ = ["READ_ROLES", "split_sentences"]

#: Block roles whose sentences are read for incidents.
READ_ROLES = frozenset({"headline", "body", "caption"})

_ABBREV = frozenset(w.casefold() for w in lexicon("page").words("abbreviations"))
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


_NEAR = 4  # a fragment repeats a paragraph at most this many paragraphs away


def _unique_blocks(text: str, blocks: list[Block]) -> list[Block]:
    """Blocks, without those repeated inside another block.

    An exact repeat is dropped anywhere in the article; a fragment of another
    block (a headline cut from it, a broken line) only near it, which keeps the
    work linear in the length of the text.
    """
    spans = [(b.start, b.end) for b in blocks]
    norms = [_normal(text[s:e]) for s, e in spans]
    sizes = [e - s for s, e in spans]
    first: dict[str, int] = {}
    for i, norm in enumerate(norms):
        best = first.get(norm)
        if best is None or (sizes[i], -i) > (sizes[best], -best):
            first[norm] = i
    keep = []
    for i, norm in enumerate(norms):
        # of equal ones keep the fuller one, then the first
        repeated = first[norm] != i or any(
            j != i
            and norm in norms[j]
            and (len(norms[j]), sizes[j], -j) > (len(norm), sizes[i], -i)
            for j in range(max(0, i - _NEAR), min(len(norms), i + _NEAR + 1))
        )
        if norm and not repeated:
            keep.append(blocks[i])
    return keep


def _split_sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pos = start
    for m in _SENTENCE_END.finditer(text, start, end):
        cut = m.end()
        word = re.search(r"([\w.]+)[.]$", text[pos : m.start() + 1])
        if (
            word
            and m.group().startswith(".")
            and (word.group(1).casefold() in _ABBREV or len(word.group(1)) == 1)
        ):
            continue
        if text[pos:cut].strip():
            yield pos, cut
        pos = cut
    if text[pos:end].strip():
        yield pos, end


def split_sentences(doc: Document) -> Document:
    """Split the readable blocks of a document into sentences (``doc.sentences``).

    Parameters
    ----------
    doc : Document
        With its blocks marked (pass 1).

    Returns
    -------
    Document
        The same document; each sentence carries its paragraph (the index of
        its block among the blocks read) and its block's role.
    """
    out: list[Sentence] = []
    seen: set[str] = set()
    text = doc.text
    readable = [b for b in doc.blocks if b.role in READ_ROLES]
    for k, block in enumerate(_unique_blocks(text, readable)):
        for s, e in _split_sentences(text, block.start, block.end):
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            norm = _normal(text[s:e])
            if not norm or norm in seen:
                continue
            seen.add(norm)
            out.append(Sentence(s, e, k, text[s:e], block.role))
    doc.sentences = out
    return doc
