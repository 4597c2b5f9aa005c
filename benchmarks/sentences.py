"""Sentence-level labels of the real-pages corpus: draft, ingest and check.

    uv run python -m benchmarks.sentences skeleton R-SDTD-501   # a draft to fill in
    uv run python -m benchmarks.sentences ingest DRAFT.json ... --batch 3 [--dry-run]
    uv run python -m benchmarks.sentences second DRAFT.json ...  # a second reading
    uv run python -m benchmarks.sentences check [--case SD-TD]

A labeller writes one **draft** per page (``<id>.json``): the page label
(``label``, the corpus schema of tests/corpus/real/README.md) and its
sentences, each found by its first words (``at``) with its role, the gold
incidents it tells, and its counts and place names found by their words (a
span's ``nth`` picks the nth time its words stand in the sentence). The
ingest step turns words into character offsets into the cached text, adds the
text's length and hash to the label, and writes ``gold/<CASE>.jsonl`` and
``sentences/<CASE>.jsonl``. ``check`` re-reads the stored lines against the
cache: schema, offsets inside the text and on the words they name, sentences
in order and tiling the page, every gold count and named place covered by a
span. Nothing of the page text is stored but short spans (a count, a place)
and each sentence's first words.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.realpages import (
    COUNT_FIELDS,
    REAL,
    first_words,
    page_text,
    read_jsonl,
    real_labels,
    text_sha256,
    write_jsonl,
)
from bordermap.geo.records import EVENT_TYPES

__all__ = [
    "ROLES",
    "LabelError",
    "check_all",
    "check_page",
    "dump_draft",
    "ingest",
    "label_problems",
    "resolve",
    "skeleton",
    "split_sentences",
    "store_second",
]

# what a sentence does on the page (tests/corpus/real/README.md, "Sentence labels")
ROLES = {
    "report": "reports an incident here and now",
    "retell": "retells an incident told before on the page",
    "total": "a running total or summary over incidents",
    "background": "background: an earlier round, past incidents",
    "claim": "accusation, threat, capability, intention, denial",
    "agreement": "terms of an agreement, talks, a truce",
    "status": "status line: closures, alerts, situation, reactions",
    "furniture": "page furniture: headline kickers, bylines, links, ads, captions",
    "other": "anything else: comment, context with no incident",
}
COUNT_KINDS = ("killed", "wounded", "displaced", "other")
UNITS = ("persons", "families", "other")
PLACE_ROLES = {
    "event": "where it happened (where munitions landed, where the clash was)",
    "origin": "launch or firing side, where attackers came from",
    "treatment": "where victims were treated, taken or sheltered",
    "statement": "where a statement was made, a dateline",
    "background": "anything else: a region for context, a capital, history",
}
PLACE_LEVELS = ("site", "admin3", "admin2", "admin1", "region", "country", "border")
# sentence roles that tell an incident: they must name which
_TELLING = {"report", "retell", "total"}


class LabelError(ValueError):
    """A draft or stored sentence label that does not fit its page."""


@dataclass
class Problems:
    page: str
    items: list[str] = field(default_factory=list)

    def add(self, message: str) -> None:
        self.items.append(f"{self.page}: {message}")


def _words_pattern(words: str) -> re.Pattern:
    """A pattern for ``words`` that lets any run of white space match any other."""
    parts = [re.escape(w) for w in words.split()]
    if not parts:
        raise LabelError("empty words")
    return re.compile(r"\s+".join(parts))


# --- skeleton ------------------------------------------------------------

# a sentence ends at . ! ? (with closing quotes or brackets) before white
# space, or at a line break; Thai has no full stop, so a run of spaces or a
# line break ends it there
_SPLIT = re.compile(
    r"(?<=[.!?…])[\"'”’)\]]*\s+|\n+|(?<=[\u0e00-\u0e7f])\s{1,}(?=[\u0e00-\u0e7f])"
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Suggested sentence spans (start, end) of a page: a starting point only."""
    spans, start = [], 0
    for m in _SPLIT.finditer(text):
        if text[start : m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in spans]


def skeleton(page_id: str) -> dict:
    """A draft of one page: its stored label if any, each suggested sentence empty."""
    text = page_text(page_id)
    if text is None:
        raise LabelError(f"{page_id}: not cached; write .cache/{page_id}.md first")
    sentences = []
    for s, e in split_sentences(text):
        sentences.append(
            {
                "at": first_words(text[s:e], 8),
                "_text": text[s:e],
                "role": "",
                "incidents": [],
                "counts": [],
                "places": [],
            }
        )
    stored = next((a for a in real_labels() if a["id"] == page_id), None)
    return {"label": stored or {"id": page_id}, "sentences": sentences}


def dump_draft(draft: dict) -> str:
    """A draft as JSON with one sentence a line, easy to fill in by hand."""
    rows = ",\n".join(
        " " + json.dumps(s, ensure_ascii=False) for s in draft["sentences"]
    )
    label = json.dumps(draft["label"], ensure_ascii=False)
    return f'{{"label": {label},\n"sentences": [\n{rows}\n]}}\n'


# --- ingest --------------------------------------------------------------


def resolve(draft: dict, text: str) -> dict:
    """A draft's words turned into offsets into ``text``: the stored sentence line.

    Raises
    ------
    LabelError
        If a sentence's first words or a span's words are not where they should be.
    """
    page_id = draft["label"]["id"]
    anchors = draft.get("sentences")
    if not anchors or not isinstance(anchors, list):
        raise LabelError(f"{page_id}: no sentences; start from the skeleton")
    starts, pos = [], 0
    for i, sent in enumerate(anchors):
        words = sent.get("at") if isinstance(sent, dict) else None
        if not isinstance(words, str) or not words.split():
            raise LabelError(
                f"{page_id}: sentence {i + 1} has no 'at'; give its first words"
            )
        m = _words_pattern(words).search(text, pos)
        if m is None:
            raise LabelError(
                f"{page_id}: sentence {i + 1} ({words!r}) not found after "
                f"offset {pos}; copy its first words exactly"
            )
        if i == 0 and text[: m.start()].strip():
            raise LabelError(
                f"{page_id}: text before the first sentence is unlabelled "
                f"({text[: m.start()].strip()[:40]!r}); start at the page's first words"
            )
        starts.append(m.start())
        pos = m.start() + 1
    bounds = [*starts[1:], len(text)]
    out = []
    for sent, start, nxt in zip(anchors, starts, bounds, strict=True):
        end = start + len(text[start:nxt].rstrip())
        row = {
            "start": start,
            "end": end,
            "first_words": first_words(text[start:end], 6),
            "role": sent.get("role", ""),
            "incidents": sorted(sent.get("incidents", [])),
            "counts": [],
            "places": [],
        }
        for key, fields in (("counts", _COUNT_FIELDS), ("places", _PLACE_FIELDS)):
            # one phrase may be two counts ("no one hurt": none killed, none
            # wounded), so a span is taken once per kind
            used: set[tuple[int, int, str | None]] = set()
            for span in sent.get(key, []):
                if not isinstance(span.get("text"), str) or not span["text"].split():
                    raise LabelError(
                        f"{page_id}: a {key[:-1]} of sentence "
                        f"{first_words(text[start:end], 6)!r} has no 'text'"
                    )
                pat = _words_pattern(span["text"])
                nth, m = span.get("nth", 1), None
                # the nth match not yet used by another span of this kind
                hits = list(pat.finditer(text, start, end))
                if "nth" in span:
                    m = hits[nth - 1] if 0 < nth <= len(hits) else None
                else:
                    m = next(
                        (h for h in hits if (*h.span(), span.get("kind")) not in used),
                        None,
                    )
                if m is None:
                    raise LabelError(
                        f"{page_id}: {key[:-1]} {span['text']!r} not found in sentence "
                        f"{first_words(text[start:end], 6)!r}"
                    )
                used.add((*m.span(), span.get("kind")))
                item = {"start": m.start(), "end": m.end(), "text": m.group(0)}
                item.update({f: span.get(f) for f in fields})
                row[key].append(item)
        out.append(row)
    return {"id": page_id, "text_sha256": text_sha256(text), "sentences": out}


_COUNT_FIELDS = ("kind", "unit", "side", "claimant", "incident")
_PLACE_FIELDS = ("role", "level", "country", "admin1", "name")


def _load_draft(path: Path) -> tuple[dict, dict, str]:
    """A draft file's (draft, page label, cached text).

    Raises
    ------
    LabelError
        Saying what is wrong with the file and what to do.
    """
    try:
        draft = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise LabelError(f"{path}: cannot read the draft ({exc})") from exc
    except json.JSONDecodeError as exc:
        raise LabelError(f"{path}: not JSON ({exc}); fix the draft") from exc
    label = draft.get("label", draft) if isinstance(draft, dict) else None
    if not isinstance(label, dict) or not label.get("id"):
        raise LabelError(f"{path}: a draft is an object whose 'label' has an 'id'")
    text = page_text(label["id"])
    if text is None:
        raise LabelError(
            f"{label['id']}: not cached; write .cache/{label['id']}.md first"
        )
    return draft, dict(label), text


def ingest(
    paths: list[Path], batch: int | None, real: Path = REAL, dry_run: bool = False
) -> tuple[int, list[str]]:
    """Store drafts as page labels and sentence labels; (stored, problems).

    A draft whose words, label or coverage fail, or whose page is already
    labelled under another id (same url or text), is not stored; its problems
    are returned. ``real`` is the corpus folder (``gold/`` and ``sentences/`` in
    it); ``dry_run`` checks everything and stores nothing.
    """
    gold_dir, sent_dir = real / "gold", real / "sentences"
    gold_by_case: dict[str, dict[str, dict]] = {}
    sent_by_case: dict[str, dict[str, dict]] = {}
    problems: list[str] = []
    stored = 0
    owner = {
        a[k]: a["id"]
        for a in real_labels(gold_dir)
        for k in ("url", "text_sha256")
        if k in a
    }
    for path in paths:
        try:
            draft, label, text = _load_draft(path)
            line = resolve(draft, text)
        except LabelError as exc:
            problems.append(f"{path.name}: {exc}")
            continue
        label["text_chars"] = len(text.rstrip())
        label["text_sha256"] = line["text_sha256"]
        label["text_basis"] = f"search excerpt, {len(text.rstrip())} characters"
        label["first_words"] = first_words(text)
        if batch is not None:
            label["batch"] = batch
        found = check_page(label, line, text) + label_problems(label)
        for key in ("url", "text_sha256"):
            other = owner.get(label.get(key))
            if other not in (None, label["id"]):
                found.append(f"{label['id']}: the same page as {other} (same {key})")
            owner[label.get(key)] = label["id"]
        if found or dry_run:
            problems.extend(found)
            continue
        case = label["case"]
        if case not in gold_by_case:
            gold_by_case[case] = {
                a["id"]: a for a in read_jsonl(gold_dir / f"{case}.jsonl")
            }
            sent_by_case[case] = {
                s["id"]: s for s in read_jsonl(sent_dir / f"{case}.jsonl")
            }
        gold_by_case[case][label["id"]] = label
        sent_by_case[case][label["id"]] = line
        stored += 1
    for case, rows in gold_by_case.items():
        write_jsonl(gold_dir / f"{case}.jsonl", list(rows.values()))
        write_jsonl(sent_dir / f"{case}.jsonl", list(sent_by_case[case].values()))
    return stored, problems


def store_second(
    paths: list[Path], real: Path = REAL, dry_run: bool = False
) -> tuple[int, list[str]]:
    """Store a blind second reader's page labels in ``second/<CASE>.jsonl``.

    A second reading is a page label only (no sentences); it is checked as a
    first reader's is and carries the hash of the text it was read on. The
    first reading must be stored already: it is kept, as it stands then, in
    ``first_reading/`` (the settled label in ``gold/`` may change after it).
    """
    gold = {a["id"]: a for a in real_labels(real / "gold")}
    by_case: dict[str, dict[str, dict]] = {}
    new: dict[str, list[str]] = {}
    problems: list[str] = []
    stored = 0
    for path in paths:
        try:
            _, label, text = _load_draft(path)
        except LabelError as exc:
            problems.append(f"{path.name}: {exc}")
            continue
        found = label_problems(label)
        if label["id"] not in gold:
            found.append(f"{label['id']}: no first reading; ingest it first")
        if found or dry_run:
            problems.extend(found)
            continue
        label["text_sha256"] = text_sha256(text)
        case = label["case"]
        if case not in by_case:
            by_case[case] = {
                a["id"]: a for a in read_jsonl(real / "second" / f"{case}.jsonl")
            }
        by_case[case][label["id"]] = label
        new.setdefault(case, []).append(label["id"])
        stored += 1
    for case, rows in by_case.items():
        write_jsonl(real / "second" / f"{case}.jsonl", list(rows.values()))
        _keep_first_readings(real, case, [gold[i] for i in new[case]])
    return stored, problems


def _keep_first_readings(real: Path, case: str, labels: list[dict]) -> None:
    """Keep first readings not kept yet: agreement is measured on them as written."""
    path = real / "first_reading" / f"{case}.jsonl"
    kept = {a["id"]: a for a in read_jsonl(path)}
    fresh = [a for a in labels if a["id"] not in kept]
    if fresh:
        write_jsonl(path, [*kept.values(), *fresh])


# --- check ---------------------------------------------------------------


def _norm(s: str) -> str:
    return " ".join(str(s).casefold().split())


def check_page(label: dict, line: dict, text: str) -> list[str]:
    """Every way the stored sentence line of a page fails its label and text."""
    p = Problems(label["id"])
    if line.get("text_sha256") != text_sha256(text):
        p.add("the cached text differs from the labelled one (hash); refill the cache")
        return p.items
    prev_end, n_incidents = 0, {i.get("n") for i in label.get("incidents", [])}
    sentences = line.get("sentences") or []
    if not sentences:
        p.add("no sentences")
    elif text[: sentences[0]["start"]].strip():
        p.add("text before the first sentence is unlabelled")
    for k, s in enumerate(sentences, 1):
        where = f"sentence {k}"
        if not (prev_end <= s["start"] < s["end"] <= len(text)):
            p.add(f"{where}: span {s['start']}-{s['end']} out of order or outside")
            continue
        if text[prev_end : s["start"]].strip():
            p.add(f"{where}: text between sentences is unlabelled")
        prev_end = s["end"]
        if first_words(text[s["start"] : s["end"]], 6) != s.get("first_words"):
            p.add(f"{where}: first words differ from the text")
        if s.get("role") not in ROLES:
            p.add(f"{where}: role {s.get('role')!r} is not one of {sorted(ROLES)}")
        if s.get("role") in _TELLING and not s.get("incidents"):
            p.add(f"{where}: a {s['role']} sentence names no incident")
        for n in s.get("incidents", []):
            if n not in n_incidents:
                p.add(f"{where}: incident {n} is not in the label")
        for kind, spans in (
            ("count", s.get("counts", [])),
            ("place", s.get("places", [])),
        ):
            for span in spans:
                if not (s["start"] <= span["start"] < span["end"] <= s["end"]):
                    p.add(f"{where}: {kind} {span.get('text')!r} outside its sentence")
                elif text[span["start"] : span["end"]] != span.get("text"):
                    p.add(f"{where}: {kind} {span.get('text')!r} not at its offsets")
        for c in s.get("counts", []):
            _check_fields(p, where, c, "kind", COUNT_KINDS)
            _check_fields(p, where, c, "unit", UNITS)
            if c.get("incident") is not None and c["incident"] not in n_incidents:
                p.add(
                    f"{where}: count {c['text']!r} names incident {c['incident']}, "
                    "not in the label"
                )
        for pl in s.get("places", []):
            _check_fields(p, where, pl, "role", tuple(PLACE_ROLES))
            _check_fields(p, where, pl, "level", PLACE_LEVELS)
    if sentences and text[prev_end:].strip():
        p.add("text after the last sentence is unlabelled")
    _check_coverage(p, label, sentences)
    return p.items


def _check_fields(p: Problems, where: str, span: dict, key: str, allowed) -> None:
    if span.get(key) not in allowed:
        p.add(
            f"{where}: {span.get('text')!r} has {key} {span.get(key)!r}, "
            f"not one of {list(allowed)}"
        )


def _check_coverage(p: Problems, label: dict, sentences: list[dict]) -> None:
    """Every gold count has a count span; every named place a place span."""
    counts = {
        (c.get("incident"), c.get("kind"))
        for s in sentences
        for c in s.get("counts", [])
    }
    places = [_norm(pl["text"]) for s in sentences for pl in s.get("places", [])]
    told = {n for s in sentences for n in s.get("incidents", [])}
    for inc in label.get("incidents", []):
        n = inc.get("n")
        if n not in told:
            p.add(f"incident {n} is told by no sentence")
        for kind in COUNT_FIELDS:
            if inc.get(kind) and (n, kind) not in counts:
                p.add(f"incident {n}: its {kind} count has no count span")
        written = [
            a.get("as_written")
            for a in inc.get("admin1", [])
            if a.get("basis") in ("named", "inferred_from_site", "inferred_from_admin2")
        ]
        written += [a.get("as_written") for a in inc.get("admin2", [])]
        if inc.get("site"):
            written.append(inc["site"])
        for w in filter(None, written):
            nw = _norm(w)
            if not any(nw in t or t in nw for t in places):
                p.add(f"incident {n}: place {w!r} has no place span")


def check_all(case: str | None = None, real: Path = REAL) -> tuple[int, int, list[str]]:
    """Check each stored sentence line whose page is cached.

    Returns (pages checked, pages not cached, problems).
    """
    labels = {a["id"]: a for a in real_labels(real / "gold")}
    checked = skipped = 0
    problems: list[str] = []
    for path in sorted((real / "sentences").glob("*.jsonl")):
        if case and path.stem != case:
            continue
        for line in read_jsonl(path):
            label = labels.get(line["id"])
            if label is None:
                problems.append(f"{line['id']}: sentence labels without a page label")
                continue
            text = page_text(line["id"])
            if text is None:
                skipped += 1
                continue
            checked += 1
            problems.extend(check_page(label, line, text))
    return checked, skipped, problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sk = sub.add_parser("skeleton", help="print a draft of a cached page to fill in")
    sk.add_argument("page_id")
    ing = sub.add_parser(
        "ingest", help="store drafts (or only check them with --dry-run)"
    )
    ing.add_argument("drafts", nargs="+", type=Path)
    ing.add_argument("--batch", type=int)
    ing.add_argument(
        "--dry-run", action="store_true", help="check the drafts, store nothing"
    )
    sec = sub.add_parser("second", help="store second readings (page labels only)")
    sec.add_argument("drafts", nargs="+", type=Path)
    sec.add_argument("--dry-run", action="store_true", help="check them, store nothing")
    ch = sub.add_parser(
        "check", help="check the stored sentence labels against the cache"
    )
    ch.add_argument("--case")
    args = ap.parse_args(argv)
    try:
        if args.cmd == "skeleton":
            print(dump_draft(skeleton(args.page_id)), end="")
            return 0
        if args.cmd == "ingest" and args.dry_run:
            _, problems = ingest(args.drafts, args.batch, dry_run=True)
            for line in problems:
                print(line)
            print(f"{len(args.drafts)} draft(s), {len(problems)} problem(s)")
            return 1 if problems else 0
        if args.cmd == "second":
            stored, problems = store_second(args.drafts, dry_run=args.dry_run)
            for line in problems:
                print(line)
            print(f"{stored} second reading(s) stored, {len(problems)} problem(s)")
            return 1 if problems else 0
        if args.cmd == "ingest":
            stored, problems = ingest(args.drafts, args.batch)
            for line in problems:
                print(line)
            print(f"{stored} page(s) stored, {len(problems)} problem(s)")
            return 1 if problems else 0
        known = sorted(p.stem for p in (REAL / "sentences").glob("*.jsonl"))
        if args.case and args.case not in known:
            raise LabelError(
                f"no sentence labels for {args.case}; borders: {', '.join(known)}"
            )
        checked, skipped, problems = check_all(args.case)
    except LabelError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for line in problems:
        print(line)
    print(
        f"{checked} page(s) checked, {skipped} not cached, {len(problems)} problem(s)"
    )
    return 1 if problems else 0


_LABEL_KEYS = (
    "id",
    "case",
    "countries",
    "url",
    "outlet",
    "query",
    "published",
    "published_basis",
    "language",
    "incidents",
    "admin1_all",
    "admin1_named",
    "admin1_violence",
    "admin1_mentioned_not_incident",
)


def label_problems(label: dict) -> list[str]:
    """The page label's own schema: keys, types, and provinces listed consistently."""
    p = Problems(label.get("id", "?"))
    for key in _LABEL_KEYS:
        if key not in label:
            p.add(f"label lacks {key!r}")
    located = set()
    for inc in label.get("incidents", []):
        if inc.get("event_type") not in EVENT_TYPES:
            p.add(f"incident {inc.get('n')}: event_type {inc.get('event_type')!r}")
        if inc.get("scope") not in ("event", "aggregate"):
            p.add(f"incident {inc.get('n')}: scope {inc.get('scope')!r}")
        if not inc.get("planned"):
            located |= {a.get("iso_3166_2") for a in inc.get("admin1", [])}
        for kind in COUNT_FIELDS:
            c = inc.get(kind)
            if c and not {"low", "best", "high", "stated", "qualifier", "unit"} <= set(
                c
            ):
                p.add(
                    f"incident {inc.get('n')}: {kind} lacks "
                    "low/best/high/stated/qualifier/unit"
                )
    if set(label.get("admin1_all", [])) != located:
        p.add(
            f"admin1_all {sorted(label.get('admin1_all', []))} differs from "
            f"the incidents' provinces {sorted(located)}"
        )
    return p.items


if __name__ == "__main__":
    sys.exit(main())
