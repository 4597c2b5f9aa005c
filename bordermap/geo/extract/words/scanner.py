"""Find a rule section's matches in a sentence fast, by the words it starts with.

A section of rows compiled as one alternation is tried at every position of
the text, every row at every position. Most rows begin with a word ("shell",
"evacuat", "fired on"): a :class:`Scanner` reads, once, the letters each row
can begin with, and for a sentence runs only the rows whose first letters
begin one of its words. The matches are those of the alternation: leftmost
first, the earlier row where two begin at one place, never overlapping.

The first letters are read from the row as written in the rule file
(:func:`row_starts`), by a reader of the few forms rows use: letters,
escapes, character classes, groups with alternatives, quantifiers and
zero-width assertions. A row in any other form is run on every sentence, so an
unread form costs time, never a match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Scanner", "row_starts", "word_starts"]

_KEY = 3  # letters of a word's start that select rows
_MAX_KEYS = 400  # a row that may begin in more ways is always run
_SMALL_SET = 12  # a character class of more characters ends the key
_TOKEN = re.compile(r"\w+")  # "Trump-brokered": "brokered" begins a word too
_REPEAT = re.compile(r"\{(\d*)(?:(,)(\d*))?\}")
_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")  # a flag group at the very start
_OPEN = re.compile(r"\((?:\?(?::|P<\w+>|[aiLmsux-]+:|<?[=!]))?")
_CLASS_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v"}


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


class _Unread(ValueError):
    """A form of row the reader does not know: the row is always run."""


# A row is read into nodes: ("char", c), ("set", chars or None), ("stop",) for
# what can be any character, ("zero",) for an assertion, ("alt", [nodes, ...])
# for a group, ("rep", node, lo, hi) for a quantified node (hi None: no limit).


@dataclass
class _Reader:
    pattern: str
    pos: int = 0

    def peek(self, n: int = 1) -> str:
        return self.pattern[self.pos : self.pos + n]

    def alternatives(self, closing: bool) -> list[list]:
        alts: list[list] = [[]]
        while self.pos < len(self.pattern):
            ch = self.peek()
            if ch == ")":
                if not closing:
                    raise _Unread("unbalanced )")
                self.pos += 1
                return alts
            if ch == "|":
                self.pos += 1
                alts.append([])
                continue
            alts[-1].append(self.quantified(self.atom()))
        if closing:
            raise _Unread("unclosed (")
        return alts

    def atom(self) -> tuple:
        ch = self.peek()
        if ch == "(":
            return self.group()
        if ch == "[":
            return self.char_class()
        self.pos += 1
        if ch == "\\":
            return self.escape()
        if ch in "^$":
            return ("zero",)
        if ch == ".":
            return ("stop",)
        if ch in "*+?{":
            raise _Unread("quantifier without an atom")
        return ("char", ch)

    def group(self) -> tuple:
        m = _OPEN.match(self.pattern, self.pos)
        if m is None:
            raise _Unread(f"group {self.pattern[self.pos : self.pos + 4]!r}")
        self.pos = m.end()
        alts = self.alternatives(closing=True)
        return ("zero",) if m.group().endswith(("=", "!")) else ("alt", alts)

    def escape(self) -> tuple:
        ch = self.peek()
        self.pos += 1
        if ch and ch in "bBAZ":
            return ("zero",)
        if ch.isalnum():  # \s, \w, \d, \n, back-references ...: not a letter
            return ("stop",)
        return ("char", ch)

    def char_class(self) -> tuple:
        self.pos += 1
        negated = self.peek() == "^"
        self.pos += negated
        chars: list[str] | None = []
        first = True
        while True:
            if self.pos >= len(self.pattern):
                raise _Unread("unclosed [")
            ch = self.peek()
            if ch == "]" and not first:
                self.pos += 1
                break
            first = False
            self.pos += 1
            if ch == "\\":
                esc = self.peek()
                self.pos += 1
                if esc.isalnum() and esc not in _CLASS_ESCAPES:
                    chars = None  # \w, \s, \d: too many
                    continue
                ch = _CLASS_ESCAPES.get(esc, esc)
            if self.peek() == "-" and self.peek(2)[1:] not in ("]", ""):
                self.pos += 1
                hi = self.peek()
                self.pos += 1
                if hi == "\\":
                    raise _Unread("escaped range end")
                span = ord(hi) - ord(ch)
                if chars is not None and 0 <= span < _SMALL_SET:
                    chars.extend(chr(c) for c in range(ord(ch), ord(hi) + 1))
                else:
                    chars = None
            elif chars is not None:
                chars.append(ch)
        if negated or chars is None or len(chars) > _SMALL_SET:
            return ("set", None)
        return ("set", chars)

    def quantified(self, node: tuple) -> tuple:
        ch = self.peek()
        if ch and ch in "*+?":
            self.pos += 1
            lo, hi = {"*": (0, None), "+": (1, None), "?": (0, 1)}[ch]
        elif ch == "{" and (m := _REPEAT.match(self.pattern, self.pos)):
            self.pos = m.end()
            lo = int(m.group(1) or 0)
            hi = lo if m.group(2) is None else (int(m.group(3)) if m.group(3) else None)
        else:
            return node
        if self.peek() in ("?", "+"):  # lazy or possessive: the same first letters
            self.pos += 1
        if self.peek() in ("*", "+", "?"):
            raise _Unread("quantifier after a quantifier")
        return ("rep", node, lo, hi)


def _starts(seq: list, prefix: str) -> set[str] | None:
    """Return the key prefixes a row's nodes can begin with (None: any)."""
    if len(prefix) >= _KEY:
        return {prefix[:_KEY]}
    ended = {prefix} if prefix else None
    if not seq:
        return ended
    node, rest = seq[0], seq[1:]
    kind = node[0]
    if kind == "zero":
        return _starts(rest, prefix)
    if kind == "char":
        char = node[1].casefold()
        if not all(c.isalnum() or c == "_" for c in char):
            # "F-16": words are read without their hyphens, so is the key
            return ended
        return _starts(rest, prefix + char)
    if kind == "set":
        if node[1] is None:
            return ended
        return _union(_starts([("char", c), *rest], prefix) for c in node[1])
    if kind == "alt":
        return _union(_starts(alt + rest, prefix) for alt in node[1])
    if kind == "rep":
        _, sub, lo, hi = node
        if hi == 1:  # "rockets?": with it or without it
            once = _starts([sub, *rest], prefix)
        else:  # "a+b" begins "ab" or "aa": after one copy the key ends
            once = _starts([sub, ("stop",)], prefix)
        return once if lo else _union([once, _starts(rest, prefix)])
    return ended  # "stop": any character may come next


def _union(parts: Iterable[set[str] | None]) -> set[str] | None:
    out: set[str] = set()
    for part in parts:
        if part is None:
            return None
        out |= part
        if len(out) > _MAX_KEYS:
            return None
    return out


def row_starts(row: str) -> frozenset[str] | None:
    r"""Return the first letters (one to three, case-folded) a row's matches begin with.

    None when a match may begin otherwise (with a digit class, any character,
    or a form the reader does not know): the row is then run on every
    sentence.

    Examples
    --------
    >>> sorted(row_starts(r"\bshell(?:ing|ed)?\b"))
    ['she']
    >>> sorted(row_starts(r"(?:BM-21|[Rr]ockets?)\s+fell"))
    ['bm', 'roc']
    >>> row_starts(r"\d+\s+rockets") is None
    True
    """
    flags = _FLAGS.match(row)
    reader = _Reader(row, flags.end() if flags else 0)
    try:
        nodes = reader.alternatives(closing=False)
    except _Unread:
        return None
    found = _union(_starts(alt, "") for alt in nodes)
    return None if found is None else frozenset(found)


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
            starts = row_starts(row.pattern)
            if starts is None:
                self.always.append(i)
            else:
                for key in sorted(starts):
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
