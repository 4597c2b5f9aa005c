"""What the extractor gets wrong on real pages, by kind of error, counted.

    uv run python -m benchmarks.failures [--batch N|N-M] [--now] [--by-article]

Each gold incident, predicted incident and gold count of the scored pages is
put in one class (the first that fits, in this order):

* a gold incident not found: its type wrong (a prediction agrees on place and
  day), its day wrong (place and type agree), placed in the wrong province (a
  prediction agrees on type and day), merged into another found incident, its
  place missing from the data (no place name of it in the sentence labels is
  known to the gazetteer), or missed;
* a predicted incident not in the gold: one event told twice (it agrees with
  an incident already found), a place taken in the wrong role (a province the
  gold lists as mentioned, not an incident's), or a non-event read as an
  incident;
* a gold count: lost with its incident, missed, of the wrong kind, on the wrong
  incident, or a wrong figure or hedge;
* a found incident's day: wrong, by the gold's date basis.

The first run (``first_run/``) is scored by default; ``--now`` runs the
extractor as it is. Places are checked against the sentence labels' event
places with the bundled gazetteer (and its Thai and Russian names).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from benchmarks.accuracy import batches, load_scorer, predict_real, real_gold
from benchmarks.places import gazetteers, place_known
from benchmarks.realpages import COUNT_FIELDS, FIRST, SENTENCES, read_jsonl

__all__ = ["classify"]


def _event_places(sent_line: dict | None, n: int) -> list[str]:
    if not sent_line:
        return []
    out = []
    for s in sent_line["sentences"]:
        if n in s.get("incidents", []):
            out += [p["text"] for p in s.get("places", []) if p.get("role") == "event"]
    return out


def _numbers(inc: dict, kind: str) -> set:
    c = inc.get(kind)
    return {c.get("best")} - {None} if isinstance(c, dict) else set()


def classify(art: dict, preds: list[dict], scorer, found_in, sent_line) -> Counter:
    """Error classes of one page's predictions against its gold label."""
    out: Counter = Counter()
    golds = art.get("incidents", [])
    pairs = scorer.match(preds, golds)
    got = {j: i for i, j in pairs}
    free = set(range(len(preds))) - {i for i, _ in pairs}
    for j, g in enumerate(golds):
        if j in got:
            p = preds[got[j]]
            gd, pd = scorer.parse_date(g.get("date")), scorer.parse_date(p.get("date"))
            if gd and gd != pd:
                out[f"day wrong ({_basis(g)})"] += 1
            for kind in COUNT_FIELDS:
                gc = scorer.count_obj(g.get(kind))
                if gc is None:
                    continue
                pc = scorer.count_obj(p.get(kind))
                if scorer.count_strict(pc, gc):
                    continue
                best = gc.get("best")
                if pc is not None:
                    out["count: wrong figure or hedge"] += 1
                elif best is not None and any(
                    best in _numbers(p, k) for k in COUNT_FIELDS
                ):
                    out["count: of the wrong kind"] += 1
                elif best is not None and any(best in _numbers(q, kind) for q in preds):
                    out["count: on the wrong incident"] += 1
                else:
                    out["count: missed"] += 1
            continue
        lost = sum(bool(g.get(k)) for k in COUNT_FIELDS)
        if lost:
            out["count: lost with its incident"] += lost
        near = [i for i in free if scorer.compatible(preds[i], g, require_type=False)]
        if near:
            out["incident: type wrong"] += 1
            free.discard(near[0])
            continue
        undated = {k: v for k, v in g.items() if k != "date"}
        near = [i for i in free if scorer.compatible(preds[i], undated)]
        if near and scorer.codes(g):
            out[f"incident: day wrong ({_basis(g)})"] += 1
            free.discard(near[0])
            continue
        # type and day agree once the prediction's provinces are taken as gold's
        near = [
            i
            for i in free
            if scorer.codes(preds[i])
            and scorer.compatible(preds[i], dict(g, admin1=preds[i]["admin1"]))
        ]
        if near and scorer.codes(g):
            out["incident: placed in the wrong province"] += 1
            free.discard(near[0])
            continue
        if any(scorer.compatible(preds[i], g, require_type=False) for i, _ in pairs):
            out["incident: merged into another"] += 1
            continue
        codes = scorer.codes(g)
        places = _event_places(sent_line, g.get("n"))
        lang = art.get("language", "en")
        if (
            codes
            and places
            and not any(place_known(found_in, lang, t, codes) for t in places)
        ):
            out["incident: place missing from the data"] += 1
        else:
            out["incident: missed"] += 1
    mentioned = {
        m.get("iso_3166_2") for m in art.get("admin1_mentioned_not_incident", [])
    }
    for i in sorted(free):
        p = preds[i]
        if any(scorer.compatible(p, golds[j], require_type=False) for _, j in pairs):
            out["spurious: one event told twice"] += 1
        elif scorer.codes(p) & mentioned:
            out["spurious: place in the wrong role"] += 1
        else:
            out["spurious: non-event read as incident"] += 1
    return out


_BASES = ("text", "dateline", "relative", "inferred")


def _basis(g: dict) -> str:
    """The gold date's basis in one word: text, dateline, relative, inferred."""
    basis = str(g.get("date_basis") or "").strip().lower()
    return next((b for b in _BASES if basis.startswith(b)), "other")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--batch", type=batches, help="labelling batches only: 8, or 3-8")
    ap.add_argument("--now", action="store_true", help="the extractor as it is")
    ap.add_argument("--by-article", action="store_true")
    args = ap.parse_args(argv)
    scorer = load_scorer()
    gold = real_gold(args.batch)
    if not gold:
        print(
            "no real article of these batches is cached; fill the cache from the "
            "labels' queries (python -m benchmarks.cache --todo)",
            file=sys.stderr,
        )
        return 1
    if args.now:
        preds, _ = predict_real(gold)
    else:
        preds = {case: read_jsonl(FIRST / f"{case}.jsonl") for case in gold}
    found_in = gazetteers()
    total: Counter = Counter()
    for case, arts in sorted(gold.items()):
        by_id = {p["id"]: p for p in preds.get(case, [])}
        lines = {s["id"]: s for s in read_jsonl(SENTENCES / f"{case}.jsonl")}
        for art in arts:
            found = by_id.get(art["id"], {}).get("incidents", [])
            c = classify(art, found, scorer, found_in, lines.get(art["id"]))
            total += c
            if args.by_article and c:
                print(art["id"], dict(sorted(c.items())))
    pages = sum(len(a) for a in gold.values())
    print(f"{'error kind':<46}{'count':>6}")
    for kind, n in sorted(total.items(), key=lambda kv: (kv[0].split(":")[0], -kv[1])):
        print(f"{kind:<46}{n:>6}")
    print(f"\n{pages} pages, {'now' if args.now else 'first run'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
