"""Find a rule section's matches in a sentence fast, by the words it starts with.

A section of rows compiled as one alternation is tried at every position of
the text, every row at every position. Most rows begin with a word ("shell",
"evacuat", "fired on"): a :class:`Scanner` reads, once, the letters each row
can begin with, and for a sentence runs only the rows whose first letters
begin one of its words. The matches are those of the alternation: leftmost
first, the earlier row where two begin at one place, never overlapping.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

try:  # Python 3.11+
    import re._constants as _C
    import re._parser as _P
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _C  # type: ignore[no-redef]
    import sre_parse as _P  # type: ignore[no-redef]

__all__ = ["Scanner", "word_starts"]

_KEY = 3  # letters of a word's start that select rows
_MAX_KEYS = 400  # a row that may begin in more ways is always run
_SMALL_SET = 12  # a character class of more characters ends the key
_TOKEN = re.compile(r"\w+")  # "Trump-brokered": "brokered" begins a word too
_SKIP = {_C.AT, _C.ASSERT, _C.ASSERT_NOT}


def word_starts(text: str, start: int, end: int) -> frozenset[str]:
    """Return the first letters (one to three, case-folded) of a span's words.

    Examples
    --------
    >>> sorted(word_starts("Shells hit", 0, 10))
    ['h', 'hi', 'hit', 's', 'sh', 'she']
    """
    words = set(_TOKEN.findall(text[start:end].casefold()))
    return frozenset(
        {w[:3] for w in words} | {w[:2] for w in words} | {w[:1] for w in words}
    )


def _chars(av) -> list[str] | None:
    out: list[str] = []
    for op, a in av:
        if op is _C.LITERAL:
            out.append(chr(a))
        elif op is _C.RANGE and a[1] - a[0] < _SMALL_SET:
            out.extend(chr(c) for c in range(a[0], a[1] + 1))
        else:
            return None
    return out if len(out) <= _SMALL_SET else None


def _starts(seq: list, prefix: str) -> set[str] | None:
    """Return the key prefixes a parsed sequence can begin with (None: any)."""
    if len(prefix) >= _KEY:
        return {prefix[:_KEY]}
    if not seq:
        return {prefix} if prefix else None
    op, av = seq[0]
    rest = seq[1:]
    if op in _SKIP:
        return _starts(rest, prefix)
    if op is _C.LITERAL:
        char = chr(av).casefold()
        if not char.isalnum() and char != "_":
            # "F-16": words are read without their hyphens, so is the key
            return {prefix} if prefix else None
        return _starts(rest, prefix + char)
    if op is _C.IN:
        chars = _chars(av)
        if chars is None:
            return {prefix} if prefix else None
        return _union(_starts(rest, prefix + c.casefold()) for c in chars)
    if op is _C.SUBPATTERN:
        return _starts(list(av[-1]) + rest, prefix)
    if op is _C.BRANCH:
        return _union(_starts(list(b) + rest, prefix) for b in av[1])
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
        lo, _, sub = av
        once = _starts(list(sub) + rest, prefix)
        return once if lo else _union([once, _starts(rest, prefix)])
    return {prefix} if prefix else None


def _union(parts: Iterable[set[str] | None]) -> set[str] | None:
    out: set[str] = set()
    for part in parts:
        if part is None:
            return None
        out |= part
        if len(out) > _MAX_KEYS:
            return None
    return out


class Scanner:
    r"""The rows of a section, run only where their first letters begin a word.

    Parameters
    ----------
    rows : sequence of str
        Regular expressions, in the order of the section.
    flags : int
        Compile flags (``re.I`` for case-insensitive sections).

    Examples
    --------
    >>> s = Scanner([r"\bshell(?:ing|ed)\b", r"\bartillery\s+fire\b"], re.I)
    >>> text = "Artillery fire and shelling."
    >>> [m.group() for m in s.finditer(text, 0, len(text))]
    ['Artillery fire', 'shelling']
    """

    def __init__(self, rows: Iterable[str], flags: int = 0) -> None:
        self.rows = [re.compile(row, flags) for row in rows]
        self.always: list[int] = []
        self.by_start: dict[str, list[int]] = {}
        for i, row in enumerate(self.rows):
            starts = _starts(list(_P.parse(row.pattern, flags)), "")
            if starts is None:
                self.always.append(i)
            else:
                for key in starts:
                    self.by_start.setdefault(key, []).append(i)

    def finditer(
        self, text: str, start: int, end: int, words: frozenset[str] | None = None
    ) -> list[re.Match]:
        """Return the matches in ``text[start:end]``, as the alternation finds them.

        ``words`` is :func:`word_starts` of the span, if already known.
        """
        if words is None:
            words = word_starts(text, start, end)
        chosen = set(self.always)
        for key in words & self.by_start.keys():
            chosen.update(self.by_start[key])
        if not chosen:
            return []
        found = sorted(
            (m.start(), i, m)
            for i in chosen
            for m in self.rows[i].finditer(text, start, end)
        )
        out: list[re.Match] = []
        pos = start
        for s, _, m in found:
            if s >= pos:
                out.append(m)
                pos = max(m.end(), s + 1)
        return out
