"""Saved web pages and WARC archives to incidents: pages per second, time split.

    uv run python benchmarks/bench_web.py [--sizes 1000 10000] [--crawl 4000]
        [--big 1000]

Pages are generated: each of the 11 seed articles (``seeds/``) in a realistic
news page (menus, cookie banner, related stories naming other countries,
footer, JSON-LD date, Open Graph title, canonical url), each page told apart by
a closing line of its own so that none is a repeat. For each size:

* main text: ``read_articles`` on the folder of ``.html`` files (trafilatura:
  main text, title, date, url);
* extraction: bordermap's extractor on those articles (``extract_by_article``);
* the same pages as one generated WARC (gzip records, warcio), read and
  extracted.

The pre-filter: a crawl in which 1 page in 20 is about the border and the rest
are generated business, sport and weather pages about other places; the time
to incidents with ``border=("THA", "KHM")`` (the pages that name neither
country nor a border place are not extracted) against reading every page.

``--big MB``: ``bordermap extract`` (a child process) of an uncompressed WARC
of about that size whose pages carry 200 kB of inline script each, and the
child's peak resident memory: the archive is read a record at a time.
"""

from __future__ import annotations

import argparse
import io
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bordermap
from bordermap.data import seeds_dir
from bordermap.pipeline import extract_by_article
from tests.geo.sources.test_web import page

_OTHER = [
    "Markets in {city} rose {n} percent on Monday as investors bet on lower rates. "
    "Traders said the central bank would hold steady for now.",
    "The {city} derby ended {n}-1 on Saturday after a late goal. The coach praised "
    "the defence and said the title race was open.",
    "Heavy rain is expected in {city} this week, with up to {n} millimetres forecast "
    "on Wednesday. Commuters were told to allow extra time.",
    "A new railway line linking {city} to the coast opened on Friday, cutting the "
    "journey to {n} minutes, the operator said.",
]
_CITIES = ["Frankfurt", "Lagos", "Lima", "Oslo", "Perth", "Quebec", "Seville", "Tokyo"]


def _border_pages(n: int) -> list[str]:
    return list(_iter_border_pages(n))


def _iter_border_pages(n: int):
    seeds = bordermap.read_articles([seeds_dir()])
    for i in range(n):
        a = seeds[i % len(seeds)]
        a = a.__class__(
            f"{a.id}-{i}", f"{a.text}\n\nReporting for page {i}.", a.title, a.published
        )
        yield page(a, f"https://news.example.com/{a.id}")


def _other_pages(n: int) -> list[str]:
    out = []
    for i in range(n):
        city = _CITIES[i % len(_CITIES)]
        text = "\n\n".join(
            t.format(city=city, n=i % 97 + 2) for t in _OTHER[i % 2 :] + _OTHER[: i % 2]
        )
        a = bordermap.Article(
            f"other-{i}",
            f"{text}\n\nPage {i}.",
            f"News from {city} {i}",
            date(2025, 7, 28),
        )
        out.append(page(a, f"https://news.example.com/other-{i}"))
    return out


def _write_folder(folder: Path, pages: list[str]) -> None:
    folder.mkdir()
    for i, html in enumerate(pages):
        (folder / f"p{i:06d}.html").write_text(html, encoding="utf-8")


def _write_warc(path: Path, pages: Iterable[str], gzip: bool = True) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for i, html in enumerate(pages):
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], "HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    f"https://news.example.com/p{i}",
                    "response",
                    payload=io.BytesIO(html.encode("utf-8")),
                    http_headers=headers,
                )
            )


def _timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def _row(label: str, n: int, read: float, extract: float) -> None:
    total = read + extract
    print(
        f"{label:<28}{n:>8,}{read:>9.2f}{extract:>9.2f}{n / total:>10.1f}"
        f"{read / total:>12.0%}{extract / total:>12.0%}",
        flush=True,
    )


def _big_archive(folder: Path, megabytes: int) -> None:
    """``bordermap extract`` of an uncompressed WARC of about ``megabytes`` MB.

    Each page carries 200 kB of inline script (as real pages do), so the
    archive is large and its text small; the command runs in a child process
    whose peak resident memory is read from ``getrusage``.
    """
    rng = random.Random(1)
    pad = "".join(rng.choice("abcdefghij0123456789") for _ in range(200_000))
    n = max(1, megabytes * 1_000_000 // (len(pad) + 6_000))
    # written as generated: this process stays small, and so does the forked
    # child's account of its peak memory
    pages = (
        html.replace("</head>", f"<script>var x='{pad[i % 97 :]}';</script></head>")
        for i, html in enumerate(_iter_border_pages(n))
    )
    path = folder / "big.warc"
    _write_warc(path, pages, gzip=False)
    out = folder / "big.jsonl"
    t0 = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from bordermap.cli import main; sys.exit(main(sys.argv[1:]))",
            "extract",
            str(path),
            "-q",
            "-o",
            str(out),
        ],
        check=True,
    )
    took = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"\nbordermap extract of a {path.stat().st_size / 1e6:,.0f} MB WARC "
        f"({n:,} pages): {took:.1f} s, peak RSS {peak:,.0f} MB"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--crawl", type=int, default=4000, help="pages of the mixed crawl")
    ap.add_argument("--big", type=int, default=0, help="MB of an uncompressed WARC")
    args = ap.parse_args()
    print(
        f"{'input':<28}{'pages':>8}{'read s':>9}{'extract s':>9}{'pages/s':>10}"
        f"{'main text':>12}{'extractor':>12}"
    )
    list(extract_by_article(bordermap.read_articles([seeds_dir()])[:1]))  # warm up
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            pages = _border_pages(n)
            folder = Path(tmp) / f"pages{n}"
            _write_folder(folder, pages)
            read, articles = _timed(lambda f=folder: bordermap.read_articles([f]))
            extract, _ = _timed(lambda a=articles: list(extract_by_article(a)))
            _row(".html files", n, read, extract)
            warc = Path(tmp) / f"crawl{n}.warc.gz"
            _write_warc(warc, pages)
            read, articles = _timed(lambda w=warc: bordermap.read_articles([w]))
            extract, _ = _timed(lambda a=articles: list(extract_by_article(a)))
            _row(f"WARC ({warc.stat().st_size / 1e6:.1f} MB)", n, read, extract)
        about = args.crawl // 20
        crawl = _border_pages(about) + _other_pages(args.crawl - about)
        warc = Path(tmp) / "mixed.warc.gz"
        _write_warc(warc, crawl)
        for label, border in (
            ("crawl, every page", None),
            ("crawl, pre-filter", ("THA", "KHM")),
        ):
            read, articles = _timed(
                lambda b=border: bordermap.read_articles([warc], border=b)
            )
            extract, _ = _timed(lambda a=articles: list(extract_by_article(a)))
            _row(label, len(crawl), read, extract)
            print(f"{'':<28}articles extracted: {len(articles):,}")
        if args.big:
            _big_archive(Path(tmp), args.big)


if __name__ == "__main__":
    main()
