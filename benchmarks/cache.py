"""The real-pages cache: what to take, and whether it is the text labelled.

    uv run python -m benchmarks.cache          # ok / missing / differs, per page
    uv run python -m benchmarks.cache --todo   # the refill list: id, query, url

The page texts of ``tests/corpus/real`` are third-party and never committed; a
session refills ``.cache/<id>.md`` with the search tool (``pages`` corpus) from
each label's ``query`` and ``url`` (layout in tests/corpus/real/README.md). This
command tells at once which pages are missing and which differ from the text
that was labelled: by first words, by length and by the SHA-256 of the text.
It exits 1 when a cached page differs, 0 otherwise (missing pages are listed,
not an error: the tests that need them skip).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass

from benchmarks.realpages import first_words as words_of
from benchmarks.realpages import (
    page_text,
    real_labels,
    text_sha256,
)

__all__ = ["PageStatus", "page_status"]


@dataclass(frozen=True, slots=True)
class PageStatus:
    id: str
    state: str  # "ok", "missing", "differs"
    why: str = ""


def page_status(label: dict) -> PageStatus:
    """Whether the cached text of a page is the one its label was written on."""
    text = page_text(label["id"])
    if text is None:
        return PageStatus(label["id"], "missing")
    why = []
    want = " ".join(label.get("first_words", "").split())
    if want and not " ".join(text.split()).startswith(want[:40]):
        why.append(f"first words {words_of(text, 6)!r}, labelled {want[:40]!r}")
    chars, n = label.get("text_chars"), len(text.rstrip())
    if chars is not None and n != chars:
        why.append(f"{n} characters, labelled {chars}")
    if "text_sha256" in label and text_sha256(text) != label["text_sha256"]:
        why.append("hash differs")
    return PageStatus(label["id"], "differs" if why else "ok", "; ".join(why))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--todo", action="store_true", help="list only pages to (re)take")
    ap.add_argument("--json", action="store_true", help="one JSON object per page")
    args = ap.parse_args(argv)
    labels = real_labels()
    states = {"ok": 0, "missing": 0, "differs": 0}
    for label in labels:
        st = page_status(label)
        states[st.state] += 1
        if args.todo and st.state == "ok":
            continue
        row = {
            "id": st.id,
            "state": st.state,
            "why": st.why,
            "query": label.get("query"),
            "url": label.get("url"),
        }
        if args.json:
            print(json.dumps(row, ensure_ascii=False))
        elif args.todo:
            print(f"{st.id}\t{st.state}\t{label.get('query')}\t{label.get('url')}")
        else:
            print(f"{st.id:<14} {st.state:<8} {st.why}")
    print(
        f"{len(labels)} labelled pages: {states['ok']} cached and as labelled, "
        f"{states['missing']} missing, {states['differs']} differ",
        file=sys.stderr,
    )
    return 1 if states["differs"] else 0


if __name__ == "__main__":
    sys.exit(main())
