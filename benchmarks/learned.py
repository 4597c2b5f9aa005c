"""The learned steps: trained from the sentence labels, judged border by border.

    uv run --extra train python -m benchmarks.learned train TASK [--batch 1-9]
    uv run --extra train python -m benchmarks.learned judge TASK [--batch 1-8]

TASK is ``event_type`` (every labelled sentence that tells one violent
incident, with its gold type) or ``report`` (every sentence but page furniture:
does it tell an incident, yes or no). ``train`` fits a
:class:`bordermap.geo.extract.learned.LinearModel` on the sentences (their text
from the page cache) and writes ``bordermap/geo/extract/models/<TASK>.json.gz``:
the same bytes for the same labels and cache.

``judge`` is leave-one-border-out: for each border, a model trained without
that border's pages decides on the incidents the extractor finds on them, and
the corpus scorer's figures are set against the rules alone on the same pages,
per border and pooled.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from benchmarks.accuracy import batches, load_scorer, predict_real, real_gold, summary
from benchmarks.realpages import SENTENCES, page_text, read_jsonl, real_labels
from bordermap.geo.extract.learned import MODELS, LinearModel, features, using
from bordermap.geo.records import VIOLENT_TYPES

#: Regularisation (inverse strength) and the probability an answer must reach.
C = 0.5
THRESHOLD = {"event_type": 0.8, "report": 0.8}
#: The roles of a sentence that tells an incident.
TELLING = ("report", "retell", "total")
#: A feature seen in fewer sentences than this is left out.
MIN_COUNT = 2


def examples(task: str, batch: set[int] | None = None) -> list[dict]:
    """The labelled sentences of a task, each with its answer (``type``)."""
    labels = {a["id"]: a for a in real_labels()}
    out = []
    for path in sorted(SENTENCES.glob("*.jsonl")):
        for line in read_jsonl(path):
            label = labels.get(line["id"])
            if label is None or (batch and label.get("batch", 1) not in batch):
                continue
            try:
                text = page_text(line["id"])
            except (FileNotFoundError, OSError):
                continue
            types = {
                i["n"]: i["event_type"]
                for i in label["incidents"]
                if i.get("scope") == "event" and i["event_type"] in VIOLENT_TYPES
            }
            for s in line["sentences"]:
                if task == "report":
                    if s["role"] == "furniture":
                        continue
                    tells = bool(s.get("incidents")) or s["role"] in TELLING
                    told = {"yes" if tells else "no"}
                elif s["role"] in ("report", "retell"):
                    told = {types[n] for n in s.get("incidents", []) if n in types}
                else:
                    continue
                if len(told) == 1:
                    out.append(
                        {
                            "case": label["case"],
                            "id": line["id"],
                            "start": s["start"],
                            "text": text[s["start"] : s["end"]],
                            "type": told.pop(),
                        }
                    )
    return out


def fit(rows: list[dict], task: str) -> dict:
    """Train on ``rows``; the model as the plain data the package reads."""
    import numpy as np
    import sklearn
    from sklearn.linear_model import LogisticRegression

    rows = sorted(rows, key=lambda r: (r["id"], r["start"]))
    feats = [sorted(features(r["text"])) for r in rows]
    counts: dict[str, int] = defaultdict(int)
    for fs in feats:
        for f in fs:
            counts[f] += 1
    vocab = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    column = {f: k for k, f in enumerate(vocab)}
    x = np.zeros((len(rows), len(vocab)), dtype=np.float64)
    for i, fs in enumerate(feats):
        for f in fs:
            if f in column:
                x[i, column[f]] = 1.0
    y = [r["type"] for r in rows]
    model = LogisticRegression(C=C, max_iter=5000, tol=1e-8)
    model.fit(x, y)
    weights = {}
    for k, f in enumerate(vocab):
        row = [round(float(w), 5) for w in model.coef_[:, k]]
        if any(abs(w) >= 1e-4 for w in row):
            weights[f] = row
    digest = hashlib.sha256(
        json.dumps([(r["id"], r["start"], r["type"]) for r in rows]).encode()
    ).hexdigest()
    return {
        "classes": [str(c) for c in model.classes_],
        "intercept": [round(float(b), 5) for b in model.intercept_],
        "weights": weights,
        "threshold": THRESHOLD[task],
        "meta": {
            "library": f"scikit-learn {sklearn.__version__}",
            "sentences": len(rows),
            "borders": len({r["case"] for r in rows}),
            "training_data_sha256": digest,
            "C": C,
            "task": task,
            "min_count": MIN_COUNT,
        },
    }


def logistic(rows: list[dict], answer: str, c: float, min_count: int) -> dict:
    """Fit a yes/no logistic regression on rows' named feature values.

    Each row has ``features`` (name -> value) and its answer (0 or 1) under
    ``answer``; a feature seen in fewer than ``min_count`` rows is left out.
    Gives the model's plain data (classes, intercept, weights); the caller
    adds its threshold and ``meta``.
    """
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = defaultdict(int)
    for r in rows:
        for f in r["features"]:
            counts[f] += 1
    vocab = sorted(f for f, n in counts.items() if n >= min_count)
    column = {f: k for k, f in enumerate(vocab)}
    x = np.zeros((len(rows), len(vocab)))
    for i, r in enumerate(rows):
        for f, v in r["features"].items():
            if f in column:
                x[i, column[f]] = v
    model = LogisticRegression(C=c, max_iter=5000, tol=1e-8)
    model.fit(x, np.array([r[answer] for r in rows]))
    return {
        "classes": ["no", "yes"],
        "intercept": [round(float(model.intercept_[0]), 5)],
        "weights": {
            f: [round(float(w), 5)]
            for f, w in zip(vocab, model.coef_[0], strict=True)
            if abs(w) >= 1e-4
        },
    }


def pool(scorer, pooled: dict[str, tuple[list, list]], out: dict) -> None:
    """Score the pooled pages of each variant, over all and per language."""
    for name, (arts, preds) in pooled.items():
        out[f"ALL {name}"] = summary(scorer.score(arts, preds), preds)
        for lang in ("en", "ru", "th"):
            ids = {a["id"] for a in arts if a.get("language", "en") == lang}
            mine = [p for p in preds if p.get("id") in ids]
            out[f"lang {lang} {name}"] = summary(
                scorer.score([a for a in arts if a["id"] in ids], mine), mine
            )


def save_rows(path: Path, rows: list[dict]) -> None:
    """Keep a trainer's collected rows (JSON, keys sorted: the same bytes twice)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(rows, sort_keys=True) + "\n", encoding="utf-8")


def load_rows(path: Path) -> list[dict] | None:
    """Read a trainer's collected rows; None, said on stderr, when not collected."""
    if not path.is_file():
        print(f"error: {path} not found; run `collect` first", file=sys.stderr)
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def write(data: dict, task: str) -> None:
    """Write the model (gzip without a timestamp, keys sorted: the same bytes)."""
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    path = MODELS / f"{task}.json.gz"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(text.encode("utf-8") + b"\n", mtime=0))
    print(f"{path}: {len(data['weights'])} features, {path.stat().st_size:,} B")


def against_rules(
    task: str,
    gold: dict[str, list[dict]],
    trained: Callable[[str], LinearModel],
    shown: str,
) -> dict:
    """Leave one border out: ``trained(case)`` (a model without that border's
    pages) against the rules alone, on each border's pages, then pooled.

    ``shown`` is the figure printed per border as it is done.
    """
    scorer = load_scorer()
    out: dict[str, dict] = {}
    pooled: dict[str, tuple[list, list]] = {"rules": ([], []), "learned": ([], [])}
    for case in sorted(gold):
        arts = gold[case]
        for name, active in (("rules", None), ("learned", trained(case))):
            with using(task, active):
                preds, _ = predict_real({case: arts})
            out[f"{case} {name}"] = summary(
                scorer.score(arts, preds[case]), preds[case]
            )
            pooled[name][0].extend(arts)
            pooled[name][1].extend(preds[case])
        print(
            f"{case:<8} {shown} {out[f'{case} rules'][shown]} -> "
            f"{out[f'{case} learned'][shown]}",
            file=sys.stderr,
        )
    pool(scorer, pooled, out)
    return out


def judge(task: str, batch: set[int] | None) -> dict:
    """Leave-one-border-out: the learned step against the rules, per border."""
    rows = examples(task)
    return against_rules(
        task,
        real_gold(batch),
        lambda case: LinearModel(fit([r for r in rows if r["case"] != case], task)),
        "type",
    )


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=("train", "judge"))
    ap.add_argument("task", choices=tuple(THRESHOLD))
    ap.add_argument(
        "--batch", type=batches, help="train or judge on these batches only: 1-8"
    )
    ap.add_argument("--json", help="write judge's figures to this file")
    args = ap.parse_args(argv)
    if args.command == "train":
        rows = examples(args.task, args.batch)
        if not rows:
            print("no labelled sentence has its page in the cache", file=sys.stderr)
            return 1
        write(fit(rows, args.task), args.task)
        return 0
    out = judge(args.task, args.batch)
    keys = ("type", "province_f1", "incident_f1", "counts_strict", "date")
    print(f"{'':<24}" + "".join(f"{k:>15}" for k in keys))
    for name in sorted(out, key=lambda k: (k.startswith(("ALL", "lang")), k)):
        r = out[name]
        cells = "".join(f"{'–' if r[k] is None else round(r[k], 3):>15}" for k in keys)
        print(f"{name:<24}{cells}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(out, fh, indent=1, sort_keys=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
