"""The incident confidence: learned, calibrated and judged on borders it never saw.

    uv run --extra train python -m benchmarks.confidence collect   # extract, label
    uv run --extra train python -m benchmarks.confidence judge     # held-out figures
    uv run --extra train python -m benchmarks.confidence train     # write the model
    uv run --extra train python -m benchmarks.confidence check --batch 10  # as shipped

``collect`` reads every labelled real page the way the extractor reads an
unseen border: for each border, the ``report`` model in use (and the ``link``
model, where one is shipped) is trained without that border's pages. Each
incident the extractor writes is labelled real (1) when the corpus scorer
matches it to a gold incident on place and day (a province in common or
neither has one, the day at most one apart; type not required), else 0, and
kept with its features (:mod:`bordermap.geo.extract.confidence`) in
``benchmarks/.cache/confidence-rows.json`` (git-ignored).

``judge`` is leave-one-border-out on those rows: for each border, a regression
trained on the other borders gives its incidents a raw probability; the
calibration map is fitted on the other borders' held-out probabilities (each
from a regression that did see the border: a map is shipped only where it
beats the regression's own probabilities, and none is now). It prints the
reliability table (ten equal bins), the expected calibration error (ECE), the
Brier score, the area under the ROC curve, and what ``--min-confidence``
would keep at a few thresholds.

``train`` fits the regression on every border, and the calibration map on the
held-out probabilities of ``judge`` only where that map calibrates held-out
borders better than the regression's own probabilities (else none), and writes
``bordermap/geo/extract/models/confidence.json.gz`` (the same bytes twice).
``check`` gives the reliability of the shipped confidence on labelled pages as
the extractor reads them now: on a batch labelled after training, the honest one.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from benchmarks.accuracy import batches, load_scorer, predict_real, real_gold
from benchmarks.learned import examples, fit, load_rows, logistic, save_rows
from benchmarks.learned import write as write_model
from benchmarks.linking import ROWS as LINK_ROWS
from benchmarks.linking import fit as fit_link
from bordermap.geo.extract.confidence import calibrate
from bordermap.geo.extract.learned import LinearModel, model, recording, using

ROWS = Path(__file__).resolve().parent / ".cache" / "confidence-rows.json"
C = 0.03
BINS = 10
#: A feature seen on fewer incidents than this is left out.
MIN_COUNT = 5


def collect() -> list[dict]:
    """Every incident the extractor writes on the labelled pages, with its truth."""
    scorer = load_scorer()
    gold = real_gold()
    sentences = examples("report")
    # the link is learned only where one is shipped (docs/accuracy.md), and then
    # with the shipped model's settings, from benchmarks.linking's rows
    shipped = model("link")
    if shipped is not None and not LINK_ROWS.is_file():
        sys.exit(f"error: {LINK_ROWS} not found; run `benchmarks.linking collect`")
    links = json.loads(LINK_ROWS.read_text("utf-8")) if shipped is not None else []
    settings = (
        {
            "threshold": shipped.threshold,
            "split": shipped.meta.get("split_below", 0.0),
            "languages": tuple(shipped.meta.get("languages", ("en",))),
        }
        if shipped is not None
        else {}
    )
    rows = []
    for case in sorted(gold):
        arts = gold[case]
        report = LinearModel(fit([r for r in sentences if r["case"] != case], "report"))
        link = (
            LinearModel(fit_link([r for r in links if r["case"] != case], **settings))
            if links
            else None
        )
        with (
            using("report", report),
            using("link", link),
            using("confidence", None),
            recording("confidence") as seen,
        ):
            preds, _ = predict_real({case: arts})
        known = dict(seen)
        by_id = {p["id"]: p for p in preds[case]}
        for art in arts:
            found = by_id.get(art["id"], {}).get("incidents", [])
            real = {i for i, _ in scorer.match(found, art["incidents"], False)}
            for i, inc in enumerate(found):
                if inc["id"] not in known:
                    raise RuntimeError(f"{inc['id']}: no features were recorded for it")
                rows.append(
                    {
                        "case": case,
                        "id": inc["id"],
                        "language": art.get("language", "en"),
                        "batch": art.get("batch", 1),
                        "features": known[inc["id"]],
                        "real": int(i in real),
                    }
                )
        print(
            f"{case:<8} {sum(r['case'] == case for r in rows):>4} incidents",
            file=sys.stderr,
        )
    return rows


def check(batch: set[int] | None) -> dict:
    """The shipped confidence on labelled pages as they are (e.g. an unseen batch)."""
    scorer = load_scorer()
    gold = real_gold(batch)
    probs, real = [], []
    for case in sorted(gold):
        preds, _ = predict_real({case: gold[case]})
        by_id = {p["id"]: p for p in preds[case]}
        for art in gold[case]:
            found = by_id.get(art["id"], {}).get("incidents", [])
            matched = {i for i, _ in scorer.match(found, art["incidents"], False)}
            for i, inc in enumerate(found):
                if inc.get("confidence") is not None:
                    probs.append(inc["confidence"])
                    real.append(int(i in matched))
    return reliability(probs, real)


def regression(rows: list[dict]) -> dict:
    """Fit the regression on ``rows``: the model as plain data, uncalibrated."""
    import sklearn

    data = logistic(rows, "real", C, MIN_COUNT)
    digest = hashlib.sha256(
        json.dumps(
            [(r["id"], r["real"], sorted(r["features"].items())) for r in rows]
        ).encode()
    ).hexdigest()
    return {
        **data,
        "threshold": 0.5,
        "calibration": [],
        "meta": {
            "library": f"scikit-learn {sklearn.__version__}",
            "incidents": len(rows),
            "borders": len({r["case"] for r in rows}),
            "training_data_sha256": digest,
            "C": C,
            "task": "confidence",
            "min_count": MIN_COUNT,
            "real": "matched to a gold incident on place and day (type not required)",
        },
    }


def knots(raw: list[float], real: list[int]) -> list[list[float]]:
    """A monotone calibration map (isotonic regression) as piecewise-linear knots."""
    from sklearn.isotonic import IsotonicRegression

    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip")
    iso.fit(raw, real)
    return [
        [round(float(x), 4), round(float(y), 4)]
        for x, y in zip(iso.X_thresholds_, iso.y_thresholds_, strict=True)
    ]


def held_out(rows: list[dict]) -> dict[str, list[float]]:
    """Each border's incidents scored by a regression trained without the border."""
    out = {}
    for case in sorted({r["case"] for r in rows}):
        model = LinearModel(regression([r for r in rows if r["case"] != case]))
        out[case] = [
            model.probabilities_of(r["features"])["yes"]
            for r in rows
            if r["case"] == case
        ]
    return out


def reliability(probs: list[float], real: list[int]) -> dict:
    """Reliability table, ECE, Brier score and ROC AUC of probabilities."""
    from sklearn.metrics import roc_auc_score

    table = []
    ece = 0.0
    for b in range(BINS):
        lo, hi = b / BINS, (b + 1) / BINS
        inside = [
            (p, y)
            for p, y in zip(probs, real, strict=True)
            if lo <= p < hi or (b == BINS - 1 and p == 1.0)
        ]
        if not inside:
            continue
        mean_p = sum(p for p, _ in inside) / len(inside)
        share = sum(y for _, y in inside) / len(inside)
        ece += len(inside) / len(probs) * abs(mean_p - share)
        table.append(
            {
                "bin": f"{lo:.1f}-{hi:.1f}",
                "n": len(inside),
                "mean_confidence": round(mean_p, 3),
                "real_share": round(share, 3),
            }
        )
    brier = sum((p - y) ** 2 for p, y in zip(probs, real, strict=True)) / len(probs)
    return {
        "n": len(probs),
        "real_share": round(sum(real) / len(real), 3),
        "ece": round(ece, 4),
        "brier": round(brier, 4),
        "auc": round(float(roc_auc_score(real, probs)), 4),
        "table": table,
    }


def judge(rows: list[dict]) -> dict:
    """Leave-one-border-out figures of the raw and the calibrated confidence."""
    raw = held_out(rows)
    cases = sorted(raw)
    truth = {c: [r["real"] for r in rows if r["case"] == c] for c in cases}
    calibrated = {}
    for case in cases:
        others = [c for c in cases if c != case]
        mapping = knots(
            [p for c in others for p in raw[c]], [y for c in others for y in truth[c]]
        )
        calibrated[case] = [calibrate(p, mapping) for p in raw[case]]
    out = {}
    for name, probs in (("raw", raw), ("calibrated", calibrated)):
        flat = [p for c in cases for p in probs[c]]
        real = [y for c in cases for y in truth[c]]
        out[name] = reliability(flat, real)
        for lang in ("en", "ru", "th"):
            pick = [
                (p, r["real"])
                for c in cases
                for p, r in zip(
                    probs[c], [r for r in rows if r["case"] == c], strict=True
                )
                if r["language"] == lang
            ]
            if pick:
                out[f"{name} {lang}"] = reliability(
                    [p for p, _ in pick], [y for _, y in pick]
                )
        out[f"{name} keep"] = [
            {
                "min_confidence": t,
                "kept": sum(p >= t for p in flat),
                "real_kept": sum(y for p, y in zip(flat, real, strict=True) if p >= t),
                "real_dropped": sum(
                    y for p, y in zip(flat, real, strict=True) if p < t
                ),
            }
            for t in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
        ]
    out["held_out_raw"] = raw
    return out


def _say(name: str, f: dict) -> None:
    print(
        f"{name:<16} n={f['n']:>5} real={f['real_share']:.3f} ECE={f['ece']:.4f} "
        f"Brier={f['brier']:.4f} AUC={f['auc']:.4f}"
    )
    for row in f["table"]:
        print(
            f"  {row['bin']}  n={row['n']:>5}  confidence "
            f"{row['mean_confidence']:.3f}  real {row['real_share']:.3f}"
        )


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=("collect", "judge", "train", "check"))
    ap.add_argument("--json", help="write the figures to this file")
    ap.add_argument("--batch", type=batches, help="check on these batches: 10")
    args = ap.parse_args(argv)
    if args.command == "collect":
        rows = collect()
        save_rows(ROWS, rows)
        print(f"{ROWS}: {len(rows)} incidents, {sum(r['real'] for r in rows)} real")
        return 0
    if args.command == "check":
        if model("confidence") is None:
            print(
                "error: no confidence model is shipped; run `train` first",
                file=sys.stderr,
            )
            return 1
        figures = check(args.batch)
        _say("shipped", figures)
    else:
        rows = load_rows(ROWS)
        if rows is None:
            return 1
        figures = judge(rows)
        if args.command == "train":
            data = regression(rows)
            raw = figures["held_out_raw"]
            cases = sorted(raw)
            # the isotonic map is kept only where it calibrates held-out borders
            # better than the regression's own probabilities
            shipped = (
                "calibrated"
                if figures["calibrated"]["ece"] < figures["raw"]["ece"]
                else "raw"
            )
            if shipped == "calibrated":
                data["calibration"] = knots(
                    [p for c in cases for p in raw[c]],
                    [r["real"] for c in cases for r in rows if r["case"] == c],
                )
            data["meta"]["held_out"] = {
                k: {m: figures[k][m] for m in ("n", "ece", "brier", "auc")}
                for k in ("raw", "calibrated")
            }
            data["meta"]["held_out"]["shipped"] = shipped
            write_model(data, "confidence")
            return 0
        figures.pop("held_out_raw")
        for name in (
            "raw",
            "calibrated",
            "raw en",
            "raw ru",
            "raw th",
            "calibrated en",
            "calibrated ru",
            "calibrated th",
        ):
            if name in figures:
                _say(name, figures[name])
        for row in figures["raw keep"]:
            print(
                f"  --min-confidence {row['min_confidence']}: keeps {row['kept']}, "
                f"real kept {row['real_kept']}, real dropped {row['real_dropped']}"
            )
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
