r"""The extractor's words, read from rule files beside the code.

Every phrasing the extractor knows (event triggers, weapons, verbs of
displacement, damage and saying, hedges, page furniture, words that are not
places) is a row of a plain-text file in ``bordermap/geo/extract/rules/``, read once at
import. A new phrasing is a new row plus a test case of its shape; no Python
changes.

File format::

    # a comment line
    [section]            one alternative per line, case-insensitive
    \bshell(?:ing|ed)\b
    {weapon}\s+fire      another section's alternatives, spliced in
    {events:moved}       a section of another file (rules/events.txt)
    [other case]         "case": the section is case-sensitive

A row is a Python regular expression (most rows are plain words). ``{name}``
stands for the alternatives of section ``name`` of the same file as one group
``(?:a|b|c)``; a section is used where it is spliced, so the order of sections
does not matter. Leading and trailing spaces of a row are not part of it; write
``\s`` for a space that matters at an edge.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Lexicon", "lexicon"]

_RULES = Path(__file__).resolve().parents[1] / "rules"
_HEADER = re.compile(r"\[(?P<name>[a-z0-9_]+)(?P<flags>(?:\s+[a-z]+)*)\]\Z")
_PLACEHOLDER = re.compile(
    r"\{(?:(?P<file>[a-z_][a-z0-9_]*):)?(?P<name>[a-z_][a-z0-9_]*)\}"
)


@dataclass(frozen=True, slots=True)
class _Section:
    rows: tuple[str, ...]
    case: bool  # case-sensitive


class Lexicon:
    r"""The sections of one rule file, as alternations and compiled patterns.

    Parameters
    ----------
    name : str
        The file's name in ``bordermap/geo/rules`` without ``.txt``.
    text : str, optional
        The file's content (default: read the file).

    Raises
    ------
    ValueError
        If a row stands outside a section, a section is defined twice or a
        placeholder names no section.

    Examples
    --------
    >>> rows = ["[weapon]", "rockets?", "shells", "[fire]", r"{weapon}\s+fell"]
    >>> lex = Lexicon("demo", "\n".join(rows))
    >>> lex.pattern("fire").search("Rockets fell on Surin").group()
    'Rockets fell'
    >>> lex.words("weapon")
    ('rockets?', 'shells')
    """

    def __init__(self, name: str, text: str | None = None) -> None:
        self.name = name
        if text is None:
            text = (_RULES / f"{name}.txt").read_text("utf-8")
        self._sections = _parse(name, text)

    def __contains__(self, section: str) -> bool:
        """Whether the file has a section of that name."""
        return section in self._sections

    def sections(self) -> tuple[str, ...]:
        """Section names in file order."""
        return tuple(self._sections)

    def words(self, section: str) -> tuple[str, ...]:
        """Return the rows of a section, as written."""
        return self._section(section).rows

    def rows(self, section: str) -> tuple[str, ...]:
        """Return the rows of a section with placeholders expanded."""
        return tuple(self._expand(row, (section,)) for row in self.words(section))

    def flags(self, section: str) -> int:
        """Return the compile flags of a section (``re.I`` unless case-sensitive)."""
        return 0 if self._section(section).case else re.I

    @functools.cache  # noqa: B019 - lexicons live as long as the process
    def alternation(self, section: str) -> str:
        """Return the section's rows as one regex group, placeholders expanded."""
        rows = self._section(section).rows
        expanded = [self._expand(row, (section,)) for row in rows]
        # Thai sara am is also typed as nikhahit + sara aa ("อําเภอ" for "อำเภอ")
        return (
            "(?:"
            + "|".join(f"(?:{row})" for row in expanded).replace(
                "\u0e33", "(?:\u0e33|\u0e4d\u0e32)"
            )
            + ")"
        )

    @functools.cache  # noqa: B019
    def pattern(self, section: str) -> re.Pattern:
        """Return the section compiled (case-insensitive unless the header says so)."""
        flags = 0 if self._section(section).case else re.I
        return re.compile(self.alternation(section), flags)

    def _section(self, section: str) -> _Section:
        try:
            return self._sections[section]
        except KeyError:
            raise KeyError(
                f"rules/{self.name}.txt has no section [{section}]; "
                f"sections: {', '.join(self._sections)}"
            ) from None

    def _expand(self, row: str, stack: tuple[str, ...]) -> str:
        def splice(m: re.Match) -> str:
            name = m.group("name")
            if m.group("file"):
                return lexicon(m.group("file")).alternation(name)
            if name in stack:
                raise ValueError(
                    f"rules/{self.name}.txt: [{name}] refers to itself "
                    f"({' > '.join((*stack, name))})"
                )
            if name not in self._sections:
                raise ValueError(
                    f"rules/{self.name}.txt: {{{name}}} names no section; "
                    "define it or fix the name"
                )
            rows = self._sections[name].rows
            inner = "|".join(self._expand(r, (*stack, name)) for r in rows)
            return f"(?:{inner})"

        return _PLACEHOLDER.sub(splice, row)


def _parse(name: str, text: str) -> dict[str, _Section]:
    sections: dict[str, _Section] = {}
    current: str | None = None
    rows: list[str] = []
    case = False

    def close() -> None:
        if current is not None:
            sections[current] = _Section(tuple(rows), case)

    for number, line in enumerate(text.splitlines(), 1):
        row = line.strip()
        if not row or row.startswith("#"):
            continue
        header = _HEADER.match(row)
        if header is not None:
            close()
            current, rows = header.group("name"), []
            if current in sections:
                raise ValueError(
                    f"rules/{name}.txt:{number}: [{current}] is defined twice"
                )
            case = "case" in header.group("flags").split()
            continue
        if current is None:
            raise ValueError(
                f"rules/{name}.txt:{number}: a row before the first [section]"
            )
        rows.append(row)
    close()
    return sections


@functools.cache
def lexicon(name: str) -> Lexicon:
    """Return the rule file ``extract/rules/<name>.txt``, read once per process.

    Examples
    --------
    >>> "armed_clash" in lexicon("events")
    True
    """
    return Lexicon(name)
