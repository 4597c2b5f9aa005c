"""Extraction speed: articles per second on the seed articles repeated N times.

    uv run python benchmarks/bench_extract.py [--repeat 100] [--against REV]

Reports per-article extraction (``extract_by_article``: what
``bordermap extract --format jsonl`` does) and the full pipeline to a joined
GeoDataFrame (``bordermap.extract``), in one process, after a warm-up that
builds the gazetteer (timed separately). With ``--against REV`` the
per-article extraction of this checkout and of git revision ``REV``
(:mod:`benchmarks.baseline`) is timed in alternating child processes, one
process each, ``--rounds`` times, and the ratio of their best rates printed.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _articles(repeat: int) -> list:
    import bordermap

    base = bordermap.read_articles([ROOT / "seeds"])
    return [replace(a, id=f"{a.id}-{k}") for k in range(repeat) for a in base]


def child(repeat: int) -> None:
    """Time one process's per-article extraction; print it as JSON."""
    from bordermap.pipeline import extract_by_article

    articles = _articles(repeat)
    t0 = time.perf_counter()
    list(extract_by_article(articles[:1]))  # the gazetteer, built once
    warm = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    n_inc = sum(len(incs) for _, incs in extract_by_article(articles))
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(json.dumps({"articles": len(articles), "rate": len(articles) / seconds,
                      "cpu_rate": len(articles) / cpu, "incidents": n_inc,
                      "warm": warm}))  # fmt: skip


def against(rev: str, repeat: int, rounds: int) -> None:
    """Time this checkout and ``rev`` in alternating child processes."""
    from benchmarks.baseline import baseline_tree, run_child

    tree = baseline_tree(rev)
    script = Path(__file__).resolve()
    runs: dict[str, list[dict]] = {"this checkout": [], rev: []}
    for _ in range(rounds):
        runs["this checkout"].append(run_child(script, [str(repeat)], None))
        runs[rev].append(run_child(script, [str(repeat)], tree))
    best: dict[str, dict[str, float]] = {}
    for name, results in runs.items():
        incidents = sorted({r["incidents"] for r in results})
        print(f"{name}: {results[0]['articles']} articles, {incidents} incidents")
        for key, what in (("rate", "wall"), ("cpu_rate", "CPU")):
            rates = sorted(r[key] for r in results)
            best.setdefault(key, {})[name] = rates[-1]
            print(
                f"  {what}: best {rates[-1]:.0f} articles/s per core "
                f"(all: {', '.join(f'{r:.0f}' for r in rates)})"
            )
    for key, what in (("rate", "wall"), ("cpu_rate", "CPU")):
        ratio = best[key]["this checkout"] / best[key][rev]
        print(f"ratio this/{rev}, best {what} rate: {ratio:.3f}")


def main() -> None:
    import sys

    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(int(sys.argv[2]))
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=100)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--against", metavar="REV", help="also time git revision REV")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    if args.against:
        against(args.against, args.repeat, args.rounds)
        return
    import bordermap
    from bordermap.geo.places.gazetteer import load_gazetteer
    from bordermap.pipeline import extract_by_article

    articles = _articles(args.repeat)
    t0 = time.perf_counter()
    load_gazetteer()
    t_gaz = time.perf_counter() - t0
    rates = {}
    for jobs in args.jobs:
        t0 = time.perf_counter()
        n_inc = sum(len(incs) for _, incs in extract_by_article(articles, jobs=jobs))
        rates[jobs] = (time.perf_counter() - t0, n_inc)
    t0 = time.perf_counter()
    frame = bordermap.extract(articles)
    t_all = time.perf_counter() - t0
    print(f"articles: {len(articles)} (seeds x {args.repeat})")
    print(f"gazetteer build (once per process): {t_gaz:.2f} s")
    for jobs, (seconds, count) in rates.items():
        print(
            f"extract per article, {jobs} process(es): {seconds:.2f} s, "
            f"{len(articles) / seconds:.0f} articles/s, {count} incidents"
        )
    print(
        f"full pipeline to joined GeoDataFrame: {t_all:.2f} s, "
        f"{len(articles) / t_all:.0f} articles/s, {len(frame)} rows after merging"
    )


if __name__ == "__main__":
    main()
