"""Which gold places of the real pages the gazetteer cannot resolve, per border.

    uv run python -m benchmarks.places [--batch 3-8] [--missing] [--json OUT]

Each miss is counted by why: ``unknown`` (no place of that name), ``other
province`` (the name is known, in another province: a namesake, or a village
the data places across a provincial line) or ``no name`` (the span names only a
country or a people: "Pakistani positions").

A gold place is a place span of the sentence labels (tests/corpus/real/
sentences/) whose role is where an incident happened, at the level of a site,
sub-district, district or province, with the province the labeller gave it
(its ``admin1``), and that is a name (a capital letter, or Thai), not a noun
such as "the area". It is resolved when the bundled gazetteer (and its Thai and
Russian names, for pages in those languages) finds the span's words as a place
in that province. One name counts once per page. Needs no page text: the span's
words are in the labels.
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from benchmarks.accuracy import batches
from benchmarks.realpages import SENTENCES, read_jsonl, real_labels

__all__ = ["gazetteers", "gold_places", "place_known", "resolve_rate"]

LEVELS = ("site", "admin3", "admin2", "admin1")


def gold_places(batch: set[int] | None = None) -> list[dict]:
    """Each page's distinct named event places with a province."""
    labels = {a["id"]: a for a in real_labels()}
    out, seen = [], set()
    for path in sorted(SENTENCES.glob("*.jsonl")):
        for line in read_jsonl(path):
            label = labels.get(line["id"])
            if label is None or (batch and label.get("batch", 1) not in batch):
                continue
            for s in line["sentences"]:
                for p in s.get("places", []):
                    if p.get("role") != "event" or p.get("level") not in LEVELS:
                        continue
                    if not p.get("admin1") or not s.get("incidents"):
                        continue
                    if not _a_name(p["text"]):
                        continue
                    key = (line["id"], p["text"].casefold(), p["admin1"])
                    if key in seen:
                        continue
                    seen.add(key)
                    out.append(
                        {
                            "countries": tuple(label["countries"]),
                            "id": line["id"],
                            "case": label["case"],
                            "language": label.get("language", "en"),
                            "text": p["text"],
                            "level": p["level"],
                            "admin1": p["admin1"],
                        }
                    )
    return out


def _a_name(words: str) -> bool:
    """A name, not a common noun ("a school", "the area"): a capital or Thai letter."""
    return any(ch.isupper() or "\u0e00" <= ch <= "\u0e7f" for ch in words)


@functools.cache
def gazetteers(countries: tuple[str, ...] = ()) -> dict:
    """The gazetteer a run with ``--countries`` uses, and its Thai and Russian names.

    With no border (``()``), the shared gazetteer alone, without villages.
    """
    from bordermap.geo.extract.native.words import native_gazetteer
    from bordermap.geo.places.gazetteer import border_gazetteer, load_gazetteer

    base = border_gazetteer(countries) if len(countries) == 2 else load_gazetteer()
    return {"en": base, **{lang: native_gazetteer(base, lang) for lang in ("th", "ru")}}


def place_known(found: dict, lang: str, text: str, codes: set[str]) -> bool:
    """Whether the gazetteer of ``lang`` finds ``text`` as a place in ``codes``."""
    g = found.get(lang, found["en"])
    return any(p.admin1_iso in codes for m in g.find(text) for p in m.places)


def _found(place: dict) -> bool:
    return _why_missed(place) == ""


def _why_missed(place: dict) -> str:
    """Empty where the gazetteer resolves the place, else why it does not.

    ``other province``: it knows the name, in another province (a namesake, or
    a village the data places across a provincial line); ``no name``: the
    span's capitalised words are only a country's or a people's ("Pakistani
    positions"); ``unknown``: no place of that name.
    """
    # named as a place is named after a preposition: "in Chechme"
    text = place["text"] if place["language"] in ("th", "ru") else f"in {place['text']}"
    found = gazetteers(place["countries"])
    if place_known(found, place["language"], text, {place["admin1"]}):
        return ""
    g = found.get(place["language"], found["en"])
    if any(m.places for m in g.find(text)):
        return "other province"
    countries = {(s, e) for s, e, *_ in g.find_countries(text)}
    named = [
        m.group()
        for m in re.finditer(r"\w+", text)
        if (m.group()[0].isupper() or "\u0e00" <= m.group()[0] <= "\u0e7f")
        and not any(s <= m.start() and m.end() <= e for s, e in countries)
    ]
    return "unknown" if named else "no name"


def resolve_rate(places: list[dict]) -> dict:
    """Per border and in all: gold places, how many are missed, why, which."""
    rows: dict[str, dict] = defaultdict(
        lambda: {"places": 0, "missed": 0, "why": Counter(), "which": []}
    )
    for place in places:
        why = _why_missed(place)
        for key in (place["case"], f"language {place['language']}", "ALL"):
            rows[key]["places"] += 1
            if why:
                rows[key]["missed"] += 1
                rows[key]["why"][why] += 1
                if key == place["case"]:
                    rows[key]["which"].append(f"{place['id']}: {place['text']} ({why})")
    return dict(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--batch", type=batches, help="labelling batches only: 8, or 3-8")
    ap.add_argument("--missing", action="store_true", help="list the places missed")
    ap.add_argument("--json", type=Path, help="write the figures to this file")
    args = ap.parse_args(argv)
    places = gold_places(args.batch)
    if not places:
        print("no labelled event place in these batches", file=sys.stderr)
        return 1
    rows = resolve_rate(places)
    order = sorted(rows, key=lambda k: (k == "ALL", k.startswith("language"), k))
    kinds = ("unknown", "other province", "no name")
    print(f"{'border':<14}{'places':>8}{'missed':>8}{'share':>8}", *kinds, sep="  ")
    for key in order:
        r = rows[key]
        share = r["missed"] / r["places"]
        why = "  ".join(f"{r['why'][k]:>{len(k)}}" for k in kinds)
        print(f"{key:<14}{r['places']:>8}{r['missed']:>8}{share:>8.1%}  {why}")
        if args.missing and r["which"]:
            for which in r["which"]:
                print(f"    {which}")
    if args.json:
        slim = {
            k: {"places": v["places"], "missed": v["missed"], **dict(v["why"])}
            for k, v in rows.items()
        }
        args.json.write_text(json.dumps(slim, indent=1, sort_keys=True) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
