"""Two readers of the same real pages, one scored against the other: the human ceiling.

    uv run python -m benchmarks.agreement [--json OUT]

``tests/corpus/real/second/<CASE>.jsonl`` holds the labels of a second reader who
never saw the first reader's; ``first_reading/<CASE>.jsonl`` keeps the first
reader's label of the same pages as it stood when the second reading came in
(``gold/`` holds the label settled after both). Each second label is scored as
if it were the extractor's output, with the corpus scorer, against the first:
per border, per language and pooled. Page texts are not needed: both sides are
labels.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from benchmarks.accuracy import load_scorer, summary, table
from benchmarks.realpages import COUNT_FIELDS, FIRST_READING, SECOND, real_labels

__all__ = ["agreement_rows", "differences"]


def agreement_rows(scorer, first_dir: Path = FIRST_READING, second_dir: Path = SECOND):
    """(name, figures) rows: each border, each language, and all pages.

    Raises
    ------
    ValueError
        If a second reading has no kept first reading to be scored against.
    """
    first = {a["id"]: a for a in real_labels(first_dir)}
    second = real_labels(second_dir)
    alone = sorted(b["id"] for b in second if b["id"] not in first)
    if alone:
        raise ValueError(
            f"second readings without a kept first reading: {', '.join(alone)}; "
            "store them with python -m benchmarks.sentences second"
        )
    groups: dict[str, list[dict]] = {}
    for b in second:
        a = first[b["id"]]
        groups.setdefault(a["case"], []).append(b)
        groups.setdefault(f"language {a.get('language', 'en')}", []).append(b)
        groups.setdefault("ALL", []).append(b)
    rows = []
    for name in sorted(groups, key=lambda g: (g == "ALL", g.startswith("language"), g)):
        seconds = groups[name]
        firsts = [first[b["id"]] for b in seconds]
        rows.append((name, summary(scorer.score(firsts, seconds), seconds)))
    return rows


def _brief(inc: dict) -> str:
    counts = []
    for kind in COUNT_FIELDS:
        c = inc.get(kind)
        if c:
            counts.append(f"{kind} {c.get('qualifier')} {c.get('stated')}")
    codes = ",".join(
        a.get("iso_3166_2", "") if isinstance(a, dict) else a
        for a in inc.get("admin1", [])
    )
    return (
        f"{inc.get('scope', '')[:3]} {inc.get('event_type')} {inc.get('date')} "
        f"[{codes}] {'; '.join(counts)}{' planned' if inc.get('planned') else ''}"
    )


def differences(
    first_dir: Path = FIRST_READING, second_dir: Path = SECOND
) -> list[str]:
    """Both readings, incident by incident, of each page where they differ."""
    first = {a["id"]: a for a in real_labels(first_dir)}
    out = []
    for b in real_labels(second_dir):
        a = first.get(b["id"])
        if a is None:
            continue
        one = [_brief(i) for i in a.get("incidents", [])]
        two = [_brief(i) for i in b.get("incidents", [])]
        if sorted(one) == sorted(two) and set(a["admin1_all"]) == set(b["admin1_all"]):
            continue
        out.append(
            f"== {b['id']}  first {sorted(a['admin1_all'])}  "
            f"second {sorted(b['admin1_all'])}"
        )
        out += [f"  1: {x}" for x in one] + [f"  2: {x}" for x in two]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", type=Path, help="write the figures to this file")
    ap.add_argument(
        "--diff", action="store_true", help="both readings of each page that differs"
    )
    args = ap.parse_args(argv)
    if args.diff:
        print("\n".join(differences()))
        return 0
    rows = agreement_rows(load_scorer())
    if not rows:
        print(f"no second reading in {SECOND}")
        return 0
    print(table(rows))
    if args.json:
        out = dict(rows)
        args.json.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
