"""Extraction accuracy on real published news (per border, first run and now).

    uv run python -m benchmarks.accuracy [--own] [--by-article] [--json OUT]
    uv run python -m benchmarks.accuracy --write-first-run    # once per new article

Scores whatever articles of ``tests/corpus/real`` are in its git-ignored cache
(``.cache/<id>.md``, filled with the search tool from each label's ``query``;
see ``tests/corpus/real/README.md``) with the corpus scorer
(``../shared/corpus/score.py``, or ``$BORDERMAP_SHARED/corpus/score.py``):

* **first run** — the extractor's output on its first run over each article,
  kept in ``tests/corpus/real/first_run/<CASE>.jsonl`` (written by
  ``--write-first-run`` for cached articles that have none yet, never
  overwritten, quotes dropped);
* **now** — ``bordermap extract FILES --countries A,B --format jsonl`` on the
  cached articles, in this process.

``--own`` adds the own-words sets of ``tests/corpus`` (now only). A row also
counts "figure twice": the same kind, figure, day and province on two event
incidents of one article (what the map's honesty check adds once).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

from benchmarks.cache import page_status
from benchmarks.realpages import (
    CACHE,
    COUNT_FIELDS,
    FIRST,
    REAL,
    ROOT,
    cache_path,
    read_jsonl,
)
from bordermap.cli import main as bordermap_main

OWN = {
    "dev+seed": (["seeds"], ["dev", "seed"]),
    "held_out": (["tests/corpus/held_out"], ["held_out"]),
    "fresh": (["tests/corpus/fresh"], ["fresh"]),
    "blind": (["tests/corpus/blind"], ["blind"]),
    "blind2": (["tests/corpus/blind2"], ["blind2"]),
    "blind3": (["tests/corpus/blind3"], ["blind3"]),
    # own words in the border's languages (issue 22): the Thai and Russian reader
    "th (own words)": (["tests/corpus/th"], ["th"]),
    "ru (own words)": (["tests/corpus/ru"], ["ru"]),
    "th2 (own words)": (["tests/corpus/th2"], ["th2"]),
    "ru2 (own words)": (["tests/corpus/ru2"], ["ru2"]),
    "th3 (own words)": (["tests/corpus/th3"], ["th3"]),
    "ru3 (own words)": (["tests/corpus/ru3"], ["ru3"]),
    "th4 (own words)": (["tests/corpus/th4"], ["th4"]),
    "ru4 (own words)": (["tests/corpus/ru4"], ["ru4"]),
}
# what a stored first-run incident keeps: no quotes or other article text
_KEEP = ("id", "event_type", "scope", "date", "admin1", "site", "country_iso3")
_COUNT_KEEP = ("low", "best", "high", "qualifier", "stated", "unit")


def load_scorer():
    shared = Path(os.environ.get("BORDERMAP_SHARED", ROOT.parent / "shared"))
    path = shared / "corpus" / "score.py"
    if not path.is_file():
        sys.exit(f"error: corpus scorer not found at {path}; set BORDERMAP_SHARED")
    spec = importlib.util.spec_from_file_location("corpus_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def batches(text: str) -> set[int]:
    """``"3"`` or ``"3-8"``: the labelling batches named."""
    lo, _, hi = text.partition("-")
    try:
        named = set(range(int(lo), int(hi or lo) + 1))
    except ValueError:
        named = set()
    if not named:
        raise argparse.ArgumentTypeError(f"{text!r}: give a batch (3) or a range (3-8)")
    return named


def real_gold(batch: set[int] | int | None = None) -> dict[str, list[dict]]:
    """Gold labels per border, only for articles whose text is cached.

    ``batch`` keeps labelling batches (labels without a ``batch`` are batch 1).
    A cached text that differs from the labelled one is scored, with a warning.
    """
    if isinstance(batch, int):
        batch = {batch}
    out: dict[str, list[dict]] = {}
    for path in sorted((REAL / "gold").glob("*.jsonl")):
        for art in read_jsonl(path):
            if batch and art.get("batch", 1) not in batch:
                continue
            status = page_status(art)
            if status.state == "missing":
                continue
            if status.state == "differs":
                print(
                    f"warning: {art['id']}: {status.why}; refill it from the label's "
                    "query (python -m benchmarks.cache --todo)",
                    file=sys.stderr,
                )
            out.setdefault(art["case"], []).append(art)
    return out


def run_extract(files: list[str], countries: list[str] | None) -> tuple[list, str]:
    """``bordermap extract`` in this process; the predictions and any error."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "pred.jsonl"
        argv = ["extract", *files, "--format", "jsonl", "-o", str(out), "-q"]
        if countries:
            argv += ["--countries", ",".join(countries)]
        try:
            code = bordermap_main(argv)
        except SystemExit as exc:  # argparse rejects the arguments
            code = exc.code
        if code != 0 or not out.is_file():
            return [], f"bordermap extract exited {code}"
        return read_jsonl(out), ""


def predict_real(gold: dict[str, list[dict]]) -> tuple[dict[str, list], dict]:
    """The extractor's output per border, one run per labelling batch.

    A batch's pages are read together, as its first run was: the extractor
    merges one event told by two pages of a run into one incident, so reading a
    border's batches together would not be the run its first run is compared to.
    """
    preds, errors = {}, {}
    for case, arts in gold.items():
        preds[case] = []
        for batch in sorted({a.get("batch", 1) for a in arts}):
            files = [
                str(cache_path(a["id"])) for a in arts if a.get("batch", 1) == batch
            ]
            found, err = run_extract(files, arts[0].get("countries"))
            preds[case] += found
            if err:
                errors[case] = err
    return preds, errors


def strip(record: dict) -> dict:
    """A prediction without article text: what a first-run file keeps."""
    incidents = []
    for inc in record.get("incidents", []):
        kept = {k: inc.get(k) for k in _KEEP}
        kept["planned"] = bool(inc.get("planned"))
        for kind in COUNT_FIELDS:
            c = inc.get(kind)
            kept[kind] = {k: c.get(k) for k in _COUNT_KEEP} if c else None
        incidents.append(kept)
    return {"id": record["id"], "incidents": incidents}


def write_first_run(gold: dict[str, list[dict]], now: dict[str, list]) -> int:
    FIRST.mkdir(exist_ok=True)
    added = 0
    for case, preds in now.items():
        path = FIRST / f"{case}.jsonl"
        stored = {r["id"]: r for r in read_jsonl(path)}
        for art in gold[case]:
            if art["id"] in stored:
                continue
            found = next((p for p in preds if p.get("id") == art["id"]), None)
            stored[art["id"]] = strip(found or {"id": art["id"], "incidents": []})
            added += 1
        lines = [json.dumps(stored[k], sort_keys=True) for k in sorted(stored)]
        path.write_text("\n".join(lines) + "\n", "utf-8")
    return added


def figures_twice(preds: list[dict]) -> int:
    """Count figures told twice (kind, figure, day, province) by one article."""
    seen, twice = set(), 0
    for record in preds:
        for inc in record.get("incidents", []):
            codes = [
                a if isinstance(a, str) else a.get("iso_3166_2")
                for a in inc.get("admin1") or []
            ]
            if inc.get("scope") != "event" or inc.get("planned") or len(codes) != 1:
                continue
            for kind in COUNT_FIELDS:
                c = inc.get(kind)
                if not c or c.get("best") is None or not inc.get("date"):
                    continue
                key = (
                    record["id"],
                    kind,
                    c["best"],
                    c["qualifier"],
                    inc["date"],
                    codes[0],
                )
                twice += key in seen
                seen.add(key)
    return twice


def summary(res: dict, preds: list[dict]) -> dict:
    p, c = res["province"], res["counts"]["all"]
    return {
        "articles": res["articles"],
        "province_f1": p["all"]["f1"],
        "province_p": p["all"]["precision"],
        "province_r": p["all"]["recall"],
        "violent_f1": p["violence"]["f1"],
        "named_f1": p["named"]["f1"],
        "incident_f1": res["incidents"]["f1"],
        "incident_p": res["incidents"]["precision"],
        "incident_r": res["incidents"]["recall"],
        "counts_strict": c["strict_accuracy"],
        "counts_lenient": c["lenient_accuracy"],
        "type": res["event_type"]["accuracy"],
        "date": res["date"]["accuracy"],
        "distractors": p["distractor_errors"],
        "false_locations": p["false_locations"],
        "figure_twice": figures_twice(preds),
    }


def _f(v) -> str:
    return "  –  " if v is None else f"{v:.3f}" if isinstance(v, float) else str(v)


COLUMNS = [
    ("articles", "n"),
    ("province_f1", "prov F1"),
    ("province_p", "P"),
    ("province_r", "R"),
    ("violent_f1", "viol F1"),
    ("named_f1", "named"),
    ("incident_f1", "inc F1"),
    ("counts_strict", "counts"),
    ("type", "type"),
    ("date", "date"),
    ("distractors", "distr"),
    ("false_locations", "false"),
    ("figure_twice", "twice"),
]


_MD = [
    ("province_f1", "province F1"),
    ("incident_f1", "incident F1"),
    ("counts_strict", "counts strict"),
    ("type", "event type"),
    ("date", "date"),
]


def markdown(out: dict) -> str:
    """First run → now per set, as docs/accuracy.md writes it."""
    head = (
        "| set | pages | " + " | ".join(h for _, h in _MD) + " | distractors / false |"
    )
    lines = [head, "|" + "---|" * (len(_MD) + 3)]
    names = sorted(
        {
            k.rsplit(" ", 2)[0] if k.endswith("first run") else k.rsplit(" ", 1)[0]
            for k in out
            if k.endswith(("first run", " now"))
        }
    )
    order = ("batch", "lang", "all real")

    def rank(name: str) -> tuple[int, str]:
        return next((i for i, o in enumerate(order, 1) if name.startswith(o)), 0), name

    for name in sorted(names, key=rank):
        first, now = out.get(f"{name} first run"), out.get(f"{name} now")
        if first is None or now is None:
            continue
        cells = [f"{_f(first[k])} → **{_f(now[k])}**" for k, _ in _MD]
        lines.append(
            f"| {name} | {now['articles']} | "
            + " | ".join(cells)
            + f" | {first['distractors']} / {first['false_locations']} → "
            f"{now['distractors']} / {now['false_locations']} |"
        )
    return "\n".join(lines)


def table(rows: list[tuple[str, dict]]) -> str:
    head = f"{'set':<22}" + "".join(f"{h:>9}" for _, h in COLUMNS)
    lines = [head, "-" * len(head)]
    for name, s in rows:
        lines.append(f"{name:<22}" + "".join(f"{_f(s[k]):>9}" for k, _ in COLUMNS))
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--own", action="store_true", help="add the own-words sets")
    ap.add_argument("--by-article", action="store_true")
    ap.add_argument(
        "--write-first-run",
        action="store_true",
        help="store the first run of cached articles that have none",
    )
    ap.add_argument(
        "--batch", type=batches, help="score labelling batches only: 2, or 3-8"
    )
    ap.add_argument("--json", type=Path, help="write the figures to this file")
    ap.add_argument(
        "--markdown", action="store_true", help="print first run → now as markdown"
    )
    args = ap.parse_args()
    scorer = load_scorer()
    gold = real_gold(args.batch)
    if not gold:
        print(
            f"no real article is cached in {CACHE}; fill it from the labels' "
            "queries (tests/corpus/real/README.md)"
        )
    now, errors = predict_real(gold)
    for case, err in errors.items():
        print(f"warning: {case}: {err}", file=sys.stderr)
    if args.write_first_run:
        print(f"first run stored for {write_first_run(gold, now)} article(s)")
    rows, out = [], {}
    pooled = {"first run": ([], []), "now": ([], [])}
    for case, arts in gold.items():
        first = [
            r
            for r in read_jsonl(FIRST / f"{case}.jsonl")
            if r["id"] in {a["id"] for a in arts}
        ]
        for label, preds in (("first run", first), ("now", now[case])):
            res = scorer.score(arts, preds)
            out[f"{case} {label}"] = summary(res, preds)
            rows.append((f"{case} {label}", out[f"{case} {label}"]))
            pooled[label][0].extend(arts)
            pooled[label][1].extend(preds)
            if args.by_article and label == "now":
                print(f"== {case}\n{scorer.render(res, by_article=True)}")
    for label, (arts, preds) in pooled.items():
        if not arts:
            continue
        by_id = {p["id"]: p for p in preds if "id" in p}
        groups = {"ALL REAL": arts}
        for art in arts:
            groups.setdefault(f"lang {art.get('language', 'en')}", []).append(art)
            groups.setdefault(f"batch {art.get('batch', 1)}", []).append(art)
        for name in sorted(groups, key=lambda g: (g == "ALL REAL", g)):
            if name != "ALL REAL" and len(groups[name]) == len(arts):
                continue
            group = groups[name]
            found = [by_id[a["id"]] for a in group if a["id"] in by_id]
            key = f"{name.lower()} {label}"
            out[key] = summary(scorer.score(group, found), found)
            rows.append((f"{name} {label}", out[key]))
    if args.own:
        for name, (paths, golds) in OWN.items():
            arts = [
                a
                for g in golds
                for a in read_jsonl(ROOT / "tests" / "corpus" / g / "gold.jsonl")
            ]
            preds, _ = run_extract([str(ROOT / p) for p in paths], None)
            out[name] = summary(scorer.score(arts, preds), preds)
            rows.append((name, out[name]))
    print(markdown(out) if args.markdown else table(rows))
    counts = Counter(len(a) for a in gold.values())
    print(
        f"\n{sum(len(a) for a in gold.values())} cached real articles on "
        f"{len(gold)} borders ({dict(sorted(counts.items()))} per border)"
    )
    if args.json:
        args.json.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", "utf-8")


if __name__ == "__main__":
    main()
