"""The real-pages corpus on disk: labels, sentence labels, second readings, cache.

``tests/corpus/real`` keeps labels only (``gold/``, ``sentences/``, ``second/``,
``first_run/``); the page texts are third-party and live in the git-ignored
``.cache/`` (``$BORDERMAP_REAL_CACHE`` to point elsewhere). This module is the
one place that knows those paths and how a cached page is read.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

__all__ = [
    "CACHE",
    "COUNT_FIELDS",
    "FIRST",
    "FIRST_READING",
    "GOLD",
    "REAL",
    "SECOND",
    "SENTENCES",
    "cache_path",
    "first_words",
    "page_text",
    "read_jsonl",
    "real_labels",
    "text_sha256",
    "write_jsonl",
]

#: the casualty kinds of a gold incident (a count object or null each)
COUNT_FIELDS = ("killed", "wounded", "displaced")

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "tests" / "corpus" / "real"
GOLD = REAL / "gold"
SENTENCES = REAL / "sentences"
SECOND = REAL / "second"
FIRST_READING = REAL / "first_reading"
FIRST = REAL / "first_run"
# the article texts: third-party, never committed (tests/corpus/real/README.md)
CACHE = Path(os.environ.get("BORDERMAP_REAL_CACHE", REAL / ".cache"))

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n\n?", re.S)


def read_jsonl(path: Path) -> list[dict]:
    """The objects of a JSON Lines file, or none when it does not exist.

    Raises
    ------
    ValueError
        Naming the file and line that is not JSON.
    """
    if not path.is_file():
        return []
    rows = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise ValueError(
                f"{path}:{n}: not JSON ({exc}); fix or remove the line"
            ) from exc
    return rows


def write_jsonl(path: Path, rows: list[dict], key: str = "id") -> None:
    """Write rows sorted by ``key``, one compact line each, via a temporary file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        json.dumps(r, ensure_ascii=False, sort_keys=False)
        for r in sorted(rows, key=lambda r: _id_key(r[key]))
    ]
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text("\n".join(lines) + "\n", "utf-8")
    tmp.replace(path)


def _id_key(page_id: str) -> tuple:
    """``R-THKH-9`` before ``R-THKH-10``: the number part compared as a number."""
    head, _, tail = page_id.rpartition("-")
    return (head, int(tail)) if tail.isdigit() else (page_id, 0)


def real_labels(folder: Path = GOLD) -> list[dict]:
    """Every page label of a folder of ``<CASE>.jsonl`` files, in file order."""
    return [a for p in sorted(folder.glob("*.jsonl")) for a in read_jsonl(p)]


def cache_path(page_id: str) -> Path:
    """Where a page's cached text is (or is to be written)."""
    return CACHE / f"{page_id}.md"


def page_text(page_id: str) -> str | None:
    """The cached page's text (after its front matter), or None if not cached.

    This is the text every offset of the sentence labels counts into.
    """
    path = cache_path(page_id)
    if not path.is_file():
        return None
    return _FRONT_MATTER.sub("", path.read_text("utf-8"), count=1)


def text_sha256(text: str) -> str:
    """A page text's fingerprint: SHA-256 of its UTF-8 bytes, trailing space dropped."""
    return hashlib.sha256(text.rstrip().encode("utf-8")).hexdigest()


def first_words(text: str, n: int = 12) -> str:
    """The first ``n`` whitespace-separated words, joined by single spaces."""
    return " ".join(text.split()[:n])
