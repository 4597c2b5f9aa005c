"""The learned link (one event told twice is one incident), judged border by border.

    uv run --extra train python -m benchmarks.linking collect
    uv run --extra train python -m benchmarks.linking judge [--json FILE]
    uv run --extra train python -m benchmarks.linking train

``collect`` reads every labelled real page with the rules and keeps each pair
the merging step weighs (a frame, and one of the last incidents told before
it; :func:`bordermap.geo.extract.pass6_merging.linking.pair_features`), with
its truth from the sentence labels: the sentence a frame's event word sits in
names the gold incident(s) it tells (``sentences/<CASE>.jsonl``). A pair is
"yes" when the frame's sentence and the incident's first sentence tell the
same single gold incident, "no" when they tell different ones; a pair whose
frame tells no incident, or several, or that lies in no labelled sentence, is
left out. Rows go to ``benchmarks/.cache/link-rows.json`` (git-ignored).

``judge`` is leave-one-border-out: for each border, a model trained on the
other borders' pairs links the frames of that border's pages, and the corpus
scorer's figures are set against the rules alone on the same pages.

``train`` fits on every border and writes ``models/link.json.gz``.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import json
import sys
from pathlib import Path

from benchmarks.accuracy import predict_real, real_gold
from benchmarks.learned import against_rules, load_rows, logistic, save_rows
from benchmarks.learned import write as write_model
from benchmarks.realpages import SENTENCES, page_text, read_jsonl
from bordermap.geo.extract.learned import LinearModel, recording, using

ROWS = Path(__file__).resolve().parent / ".cache" / "link-rows.json"
C = 0.5
THRESHOLD = 0.6
#: A join the rules make is undone only when the model gives it less than this.
SPLIT = 0.0
#: The languages the model links (judged per language; in others the rules link).
LANGUAGES = ("en",)
MIN_COUNT = 3
KEYS = (
    "province_f1",
    "incident_f1",
    "incident_p",
    "incident_r",
    "counts_strict",
    "type",
    "date",
    "figure_twice",
)


def _telling() -> dict[str, tuple[list[int], list]]:
    """Per page: sentence starts (in the extractor's text) and their incident sets."""
    out = {}
    for path in sorted(SENTENCES.glob("*.jsonl")):
        for line in read_jsonl(path):
            text = page_text(line["id"])
            if text is None:
                continue
            lead = len(text) - len(text.lstrip())  # the reader strips the text
            spans = sorted(
                (s["start"] - lead, s["end"] - lead, tuple(s.get("incidents") or ()))
                for s in line["sentences"]
            )
            out[line["id"]] = ([s for s, _, _ in spans], spans)
    return out


def _gold_of(telling, page: str, at: int) -> tuple | None:
    """The gold incidents the labelled sentence holding offset ``at`` tells."""
    if page not in telling:
        return None
    starts, spans = telling[page]
    k = bisect.bisect_right(starts, at) - 1
    if k < 0 or not spans[k][0] <= at < spans[k][1]:
        return None
    return spans[k][2]


def collect() -> list[dict]:
    """Every pair the merging step weighs on the labelled pages, with its truth."""
    gold = real_gold()
    telling = _telling()
    rows = []
    for case in sorted(gold):
        with using("link", None), recording("link") as seen:
            predict_real({case: gold[case]})
        language = {a["id"]: a.get("language", "en") for a in gold[case]}
        for page, frame_at, incident_at, values in seen:
            mine = _gold_of(telling, page, frame_at)
            theirs = _gold_of(telling, page, incident_at)
            if not mine or len(mine) != 1 or theirs is None or len(theirs) > 1:
                continue
            rows.append(
                {
                    "case": case,
                    "id": page,
                    "language": language.get(page, "en"),
                    "frame": frame_at,
                    "incident": incident_at,
                    "features": values,
                    "same": int(tuple(theirs) == tuple(mine)),
                }
            )
        print(
            f"{case:<8} {sum(r['case'] == case for r in rows):>5} pairs",
            file=sys.stderr,
        )
    return rows


def fit(
    rows: list[dict],
    threshold: float = THRESHOLD,
    split: float = SPLIT,
    languages: tuple[str, ...] = LANGUAGES,
) -> dict:
    """Fit the link on ``rows``: the model as the plain data the package reads."""
    import sklearn

    data = logistic(rows, "same", C, MIN_COUNT)
    digest = hashlib.sha256(
        json.dumps(
            [(r["id"], r["frame"], r["incident"], r["same"]) for r in rows]
        ).encode()
    ).hexdigest()
    return {
        **data,
        "threshold": threshold,
        "meta": {
            "split_below": split,
            "languages": list(languages),
            "library": f"scikit-learn {sklearn.__version__}",
            "pairs": len(rows),
            "borders": len({r["case"] for r in rows}),
            "training_data_sha256": digest,
            "C": C,
            "task": "link",
            "min_count": MIN_COUNT,
        },
    }


def judge(
    rows: list[dict],
    threshold: float = THRESHOLD,
    split: float = SPLIT,
    languages: tuple[str, ...] = LANGUAGES,
) -> dict:
    """Leave-one-border-out: the learned link against the rules, per border."""
    gold = real_gold()
    out = against_rules(
        "link",
        gold,
        lambda case: LinearModel(
            fit([r for r in rows if r["case"] != case], threshold, split, languages)
        ),
        "incident_f1",
    )
    for key in ("incident_f1", "counts_strict", "province_f1"):
        moved = [
            (out[f"{c} learned"][key] or 0) - (out[f"{c} rules"][key] or 0)
            for c in sorted(gold)
        ]
        out[f"borders {key}"] = {
            "up": sum(v > 1e-9 for v in moved),
            "down": sum(v < -1e-9 for v in moved),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=("collect", "judge", "train"))
    ap.add_argument("--json", help="write judge's figures to this file")
    ap.add_argument("--threshold", type=float, default=THRESHOLD)
    ap.add_argument("--split", type=float, default=SPLIT)
    ap.add_argument(
        "--languages",
        type=lambda v: tuple(v.split(",")),
        default=LANGUAGES,
        help="the languages the model links: en,ru,th",
    )
    args = ap.parse_args(argv)
    if args.command == "collect":
        rows = collect()
        save_rows(ROWS, rows)
        print(f"{ROWS}: {len(rows)} pairs, {sum(r['same'] for r in rows)} same")
        return 0
    rows = load_rows(ROWS)
    if rows is None:
        return 1
    if args.command == "train":
        write_model(fit(rows, args.threshold, args.split, args.languages), "link")
        return 0
    out = judge(rows, args.threshold, args.split, args.languages)
    print(f"{'':<24}" + "".join(f"{k:>15}" for k in KEYS))
    for name in sorted(out, key=lambda k: (k.startswith(("ALL", "lang")), k)):
        r = out[name]
        if name.startswith("borders"):
            print(f"{name}: {r['up']} up, {r['down']} down")
            continue
        cells = "".join(f"{'–' if r[k] is None else round(r[k], 3):>15}" for k in KEYS)
        print(f"{name:<24}{cells}")
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
