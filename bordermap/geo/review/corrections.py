"""The corrections file: a reviewer's decisions, one row each, in CSV or JSON Lines.

A decision says which incident it is about by a key that survives
re-extraction — the article (its url, else its id), the incident's quoted
words and the event type the extractor gave it — never by a row number. Its
``action`` is ``keep`` (checked, right as it is), ``drop`` (not an incident),
``add`` (an incident the extractor missed, keyed by the words the reviewer
selected) or ``set`` (``field`` changes from ``old`` to ``new``). The
columns are :data:`COLUMNS`; the fields :data:`FIELDS`.

Text cells that a spreadsheet would run as a formula (starting with ``=``,
``+``, ``-``, ``@``) are written with a leading ``'``, which reading takes off.
"""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from bordermap.errors import CorrectionsError
from bordermap.geo.records import EVENT_TYPES, QUALIFIERS, VICTIM_GROUPS

__all__ = [
    "ACTIONS",
    "COLUMNS",
    "COUNT_FIELDS",
    "FIELDS",
    "Decision",
    "read_corrections",
]

#: The columns of a corrections file, in order.
COLUMNS = (
    "article",
    "quote",
    "type",
    "incident",
    "action",
    "field",
    "old",
    "new",
    "reviewer",
    "time",
    "note",
)
#: What a decision does.
ACTIONS = ("keep", "drop", "add", "set")
_KINDS = ("killed", "wounded", "displaced")
#: The count fields: ``<kind>_low``, ``_best``, ``_high``, ``_qualifier``, ``_victims``.
COUNT_FIELDS = tuple(
    f"{kind}_{part}"
    for kind in _KINDS
    for part in ("low", "best", "high", "qualifier", "victims")
)
#: The fields a ``set`` decision may change.
FIELDS = (
    "event_type",
    "date",
    "scope",
    "country",
    "province",
    "district",
    "site",
    *COUNT_FIELDS,
    "attribution",
)
_SCOPES = {"event": "event", "aggregate": "aggregate", "total": "aggregate"}
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class Decision:
    """One row of a corrections file.

    ``row`` is the data row's number in its file (1 = the first row after the
    header), for messages; ``source`` the file's name.
    """

    article: str
    quote: str
    type: str
    incident: str
    action: str
    field: str
    old: str
    new: str
    reviewer: str = ""
    time: str = ""
    note: str = ""
    row: int = 0
    source: str = ""

    @property
    def key(self) -> tuple[str, str]:
        """The article and the quoted words, spaces normalised."""
        return self.article, " ".join(self.quote.split())

    def where(self) -> str:
        """Name the row for a message: ``corrections.csv row 4``."""
        return f"{self.source} row {self.row}"

    def as_dict(self) -> dict:
        """Return the decision as a corrections-file row."""
        return {c: getattr(self, c) for c in COLUMNS}


def _untext(value: object) -> str:
    """Read a cell as text: missing is empty, a spreadsheet guard ``'`` taken off."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith("'") and text[1:2] in _FORMULA and text[1:2]:
        return text[1:]
    return text


def _rows(path: Path) -> list[dict]:
    """Read the file's rows as dicts of text (CSV by its header, or JSON Lines)."""
    try:
        raw = path.read_text("utf-8-sig")
    except FileNotFoundError:
        raise CorrectionsError(f"{path}: no such corrections file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CorrectionsError(f"{path}: cannot read it ({exc})") from None
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        rows = []
        for n, line in enumerate(raw.splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorrectionsError(
                    f"{path} line {n}: not JSON ({exc.msg}); one object per line"
                ) from None
            if not isinstance(row, dict):
                raise CorrectionsError(f"{path} line {n}: not an object")
            rows.append(row)
        return rows
    reader = csv.DictReader(io.StringIO(raw))
    if reader.fieldnames is None:
        raise CorrectionsError(f"{path}: empty; expected a header row {COLUMNS}")
    return list(reader)


def _check_columns(path: Path, rows: list[dict]) -> None:
    for n, row in enumerate(rows, 1):
        if None in row:  # csv's place for cells beyond the header
            raise CorrectionsError(
                f"{path} row {n}: more cells than the header has columns"
            )
        unknown = sorted(str(c) for c in row if c not in COLUMNS)
        if unknown:
            raise CorrectionsError(
                f"{path} row {n}: unknown column {unknown[0]!r}; the columns are "
                f"{', '.join(COLUMNS)} (README, 'Reviewing incidents')"
            )
        if not _untext(row.get("article")).strip():
            raise CorrectionsError(f"{path} row {n}: no article (its url or id)")


def _count(value: str, d: Decision) -> str:
    text = value.strip().replace(",", "")
    if text == "":
        return ""
    if not text.isdigit():
        raise CorrectionsError(
            f"{d.where()}: {d.field} {value!r} is not a count (a whole number, "
            "0 or more, or empty)"
        )
    return str(int(text))


def _checked(d: Decision) -> Decision:
    """Check a decision's action, field and value; return it normalised."""
    if d.action not in ACTIONS:
        raise CorrectionsError(
            f"{d.where()}: action {d.action!r} is not one of {', '.join(ACTIONS)}"
        )
    if d.action != "set":
        if d.action != "add" and not d.quote.strip():
            raise CorrectionsError(f"{d.where()}: {d.action} needs the quote")
        return d
    if d.field not in FIELDS:
        raise CorrectionsError(
            f"{d.where()}: field {d.field!r} is not one of {', '.join(FIELDS)}"
        )
    new = d.new.strip()
    if d.field == "event_type" and new not in EVENT_TYPES:
        raise CorrectionsError(
            f"{d.where()}: event_type {d.new!r} is not one of {', '.join(EVENT_TYPES)}"
        )
    if d.field == "date" and new:
        try:
            date.fromisoformat(new)
        except ValueError:
            raise CorrectionsError(
                f"{d.where()}: date {d.new!r} is not a date; write YYYY-MM-DD "
                "(or leave it empty for no date)"
            ) from None
    if d.field == "scope":
        if new not in _SCOPES:
            raise CorrectionsError(
                f"{d.where()}: scope {d.new!r} is not event or aggregate (total)"
            )
        new = _SCOPES[new]
    if d.field == "country" and new and not (len(new) == 3 and new.isalpha()):
        raise CorrectionsError(
            f"{d.where()}: country {d.new!r} is not an ISO 3166-1 alpha-3 code "
            "(e.g. THA)"
        )
    if d.field == "country":
        new = new.upper()
    if d.field.endswith(("_low", "_best", "_high")):
        new = _count(d.new, d)
    if d.field.endswith("_qualifier") and new and new not in QUALIFIERS:
        raise CorrectionsError(
            f"{d.where()}: {d.field} {d.new!r} is not one of {', '.join(QUALIFIERS)}"
        )
    if d.field.endswith("_victims") and new and new not in VICTIM_GROUPS:
        raise CorrectionsError(
            f"{d.where()}: {d.field} {d.new!r} is not one of {', '.join(VICTIM_GROUPS)}"
        )
    return replace(d, new=new)


def read_corrections(path: str | os.PathLike) -> list[Decision]:
    r"""Read and check a corrections file (``.csv``, or ``.jsonl``/``.json``).

    Parameters
    ----------
    path : str or path-like

    Returns
    -------
    list of Decision
        In file order.

    Raises
    ------
    CorrectionsError
        For an unknown column, an action or field not known, or a value that
        is not one (a negative count, a date that is not a date, an unknown
        event type): one line naming the file, the row and the value. Whether
        a province is one of the map's and an article one of the inputs is
        checked when the decisions are applied.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "c.csv"
    >>> _ = p.write_text("article,quote,type,action,field,new\n"
    ...                  "a1,Rockets hit Surin.,shelling,set,killed_best,2\n")
    >>> [(d.action, d.field, d.new) for d in read_corrections(p)]
    [('set', 'killed_best', '2')]
    """
    path = Path(path)
    rows = _rows(path)
    _check_columns(path, rows)
    out = []
    for n, row in enumerate(rows, 1):
        cells = {c: _untext(row.get(c)) for c in COLUMNS}
        cells["field"] = cells["field"].strip()
        cells["action"] = cells["action"].strip().lower() or (
            "set" if cells["field"] else ""
        )
        cells["article"] = cells["article"].strip()
        out.append(_checked(Decision(**cells, row=n, source=path.name)))
    return out
