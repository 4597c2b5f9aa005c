"""Rewrite the province codes of labelled pages after the admin-1 layer's ISO recode.

    uv run python tools/recode_corpus.py [--dry-run] FILE.jsonl...

Labellers took province codes from ``bordermap/data/world_admin1_names.csv``. Where
``tools/admin1_iso.csv`` gives a Natural Earth unit ISO's code (``same`` or
``part``), a label's old code becomes the new one: every string value of a label
line that is exactly such a code, in every field. An old code Natural Earth gave
two units that ISO codes apart (Iran's IR-07: Tehran and Alborz) is ambiguous: the
code is taken for the unit the record names (its ``name``, ``as_written`` or
``text``), else the line is reported and left as it is. Only province fields
change (``iso_3166_2``, ``admin1``, ``admin1_all``, ...): a border's ``case``
"LY-TN" is not Tajura's code.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


CODE_KEYS = frozenset(
    {"iso_3166_2", "admin1", "admin1_all", "admin1_named", "admin1_violence"}
)


def code_map() -> dict[str, dict[str, str]]:
    """Old (Natural Earth) code → {ISO code: Natural Earth's name of the unit}."""
    seen: dict[str, dict[str, str]] = {}
    with (ROOT / "tools" / "admin1_iso.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if (
                row["relation"] in ("same", "part")
                and row["ne_code"] != row["iso_3166_2"]
            ):
                seen.setdefault(row["ne_code"], {})[row["iso_3166_2"]] = row["name"]
    return seen


def _words(record: dict) -> str:
    return " ".join(
        str(record.get(k) or "") for k in ("name", "as_written", "text")
    ).casefold()


def _new_code(old: str, record: dict, mapping: dict, hit: dict) -> str:
    """Give the ISO code for ``old``; between two units, the one the record names."""
    choices = mapping.get(old)
    if not choices:
        return old
    if len(choices) > 1:
        named = [c for c, name in choices.items() if name.casefold() in _words(record)]
        if len(named) != 1:
            raise ValueError(f"ambiguous old code {old} ({', '.join(sorted(choices))})")
        choices = {named[0]: ""}
    new = next(iter(choices))
    hit[old] = new
    return new


def _recode(value, mapping: dict, hit: dict, key: str = "", record: dict | None = None):
    if isinstance(value, str):
        return (
            _new_code(value, record or {}, mapping, hit) if key in CODE_KEYS else value
        )
    if isinstance(value, list):
        return [_recode(v, mapping, hit, key, record) for v in value]
    if isinstance(value, dict):
        return {k: _recode(v, mapping, hit, k, value) for k, v in value.items()}
    return value


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--dry-run", action="store_true", help="report, write nothing")
    args = ap.parse_args(argv)
    mapping = code_map()
    problems = 0
    for path in args.files:
        out, changed = [], {}
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            hit: dict[str, str] = {}
            try:
                new = _recode(record, mapping, hit)
            except ValueError as err:
                problems += 1
                print(
                    f"{path}: {record.get('id')}: {err}; left as it is", file=sys.stderr
                )
                new = record
            changed |= hit
            out.append(json.dumps(new, ensure_ascii=False) if hit else line)
        if changed:
            print(
                f"{path}: {', '.join(f'{o}->{n}' for o, n in sorted(changed.items()))}"
            )
            if not args.dry_run:
                tmp = path.with_suffix(".tmp")
                tmp.write_text("\n".join(out) + "\n", encoding="utf-8")
                tmp.replace(path)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
