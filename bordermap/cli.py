"""Command line: ``bordermap map``, ``extract``, ``compare`` and ``review``.

Exit codes: 0 success, 1 bad input or output (one ``error:`` line on stderr),
2 bad usage (argparse's message and usage).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import logging
import sys
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path

from tqdm import tqdm

from bordermap import __version__
from bordermap.data import seeds_dir
from bordermap.errors import BordermapError
from bordermap.geo.extract.confidence import sure_enough
from bordermap.geo.places.boundaries import BUNDLED_COUNTRIES
from bordermap.geo.sources.articles import Reading, iter_inputs, parse_date_value
from bordermap.geo.tables.export import article_record, reviewed_records
from bordermap.layers.labels import contents_label
from bordermap.layers.render import write_atomic

__all__ = ["main"]

_FORMATS = ("jsonl", "csv", "geojson", "ucdp", "acled", "gpkg", "parquet", "corpus")
_BINARY = ("gpkg", "parquet")


def _countries(value: str) -> tuple[str, ...]:
    codes = tuple(c.strip().upper() for c in value.split(",") if c.strip())
    if len(codes) != 2 or any(len(c) != 3 or not c.isalpha() for c in codes):
        raise argparse.ArgumentTypeError(
            f"{value!r}: give two ISO 3166-1 alpha-3 codes, e.g. THA,KHM"
        )
    return codes


def _language(value: str) -> str:
    code = value.strip().lower()
    if not (2 <= len(code) <= 3 and code.isalpha()):
        raise argparse.ArgumentTypeError(
            f"{value!r}: give an ISO 639-1 language code, e.g. en"
        )
    return code


def _probability(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(
            f"{value!r}: give a probability from 0 to 1, e.g. 0.5"
        )
    return number


def _add_min_confidence(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--min-confidence",
        type=_probability,
        default=None,
        metavar="P",
        help="leave out the incidents the extractor is less sure of than P (its "
        "calibrated probability that an incident is real, 0-1); coded events and "
        "incidents a reviewer added, corrected or kept stay",
    )


def _date(value: str):
    try:
        return parse_date_value(value, "--published")
    except BordermapError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


_INPUT_HELP = (
    ".md/.txt articles, directories, CSV or JSON Lines tables; saved web pages "
    "(.html), WARC archives (.warc, .warc.gz), RSS/Atom feeds (.xml, .rss, .atom); "
    "UCDP GED, ACLED or GDELT event files"
)


def _parser() -> argparse.ArgumentParser:
    """Build the command line parser: ``map`` and ``extract`` with shared options.

    Returns
    -------
    argparse.ArgumentParser
    """
    parser = argparse.ArgumentParser(
        prog="bordermap",
        description="Turn news reports of armed border incidents into maps.",
    )
    parser.add_argument(
        "--version", action="version", version=f"bordermap {__version__}"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = argparse.ArgumentParser(add_help=False)
    _add_input_options(common)
    _add_run_options(common)
    _add_map_command(sub, common)
    _add_extract_command(sub, common)
    _add_compare_command(sub, common)
    _add_review_command(sub, common)
    return parser


def _add_input_options(common: argparse.ArgumentParser) -> None:
    """Add the options of both commands that say what to read and where it is.

    The border's countries, the fallback publication date, the user's own
    boundary file and its columns, and what to do with an unreadable input.

    Parameters
    ----------
    common : argparse.ArgumentParser
        The parent parser shared by the commands.
    """
    common.add_argument(
        "--countries",
        type=_countries,
        default=BUNDLED_COUNTRIES,
        metavar="ISO3,ISO3",
        help="the two countries of the border (default: THA,KHM)",
    )
    common.add_argument(
        "--published",
        type=_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="publication date for articles that give none (resolves "
        "'on Sunday', 'yesterday')",
    )
    common.add_argument(
        "--boundaries",
        default=None,
        metavar="FILE",
        help="your own admin-1 polygons of the two countries (any "
        "format GDAL reads, any CRS) instead of the bundled ones",
    )
    common.add_argument(
        "--name-column",
        default=None,
        metavar="COL",
        help="province name column of --boundaries",
    )
    common.add_argument(
        "--code-column",
        default=None,
        metavar="COL",
        help="province code column of --boundaries (e.g. ISO 3166-2)",
    )
    common.add_argument(
        "--country-column",
        default=None,
        metavar="COL",
        help="ISO3 country column of --boundaries (default: found from "
        "the world layer)",
    )
    common.add_argument(
        "--corrections",
        default=None,
        metavar="FILE",
        help="a reviewer's corrections file (.csv or .jsonl, from the review "
        "page or a spreadsheet): every decision is applied, those that no "
        "longer find their incident are reported (README, 'Reviewing incidents')",
    )
    common.add_argument(
        "--language",
        type=_language,
        default=None,
        metavar="CODE",
        help="take every article to be in this language (ISO 639-1, e.g. en) "
        "instead of the one it declares or is found to be in; articles in a "
        "language bordermap does not read are named on stderr and left out",
    )
    common.add_argument(
        "--on-error",
        choices=("stop", "skip"),
        default="stop",
        help="an unreadable article, file or table line: stop (default) "
        "or warn and skip it",
    )


def _add_run_options(common: argparse.ArgumentParser) -> None:
    """Add the options of both commands that say how to run.

    Processes, the Dask engine and its cluster, progress bar and tracebacks.

    Parameters
    ----------
    common : argparse.ArgumentParser
        The parent parser shared by the commands.
    """
    common.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="extract with N processes (default 1)",
    )
    common.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="dask: share article tables (CSV, JSON Lines, Parquet) "
        "out among Dask workers (needs bordermap[dask])",
    )
    common.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="Dask scheduler to use (default: a local cluster)",
    )
    common.add_argument(
        "--workers",
        type=int,
        default=2,
        metavar="N",
        help="worker processes of the local Dask cluster (default 2)",
    )
    common.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    common.add_argument(
        "--debug", action="store_true", help="show the traceback of an unexpected error"
    )


def _add_map_command(
    sub: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:
    """Add the ``map`` command: articles in, an HTML or static map out.

    Parameters
    ----------
    sub : argparse._SubParsersAction
        From :meth:`argparse.ArgumentParser.add_subparsers`.
    common : argparse.ArgumentParser
        The parent parser with the shared options.
    """
    p_map = sub.add_parser(
        "map",
        parents=[common],
        help="write an HTML map",
        description="Write an interactive HTML map of the incidents in "
        "the articles (default: the bundled seed articles).",
    )
    p_map.add_argument(
        "inputs",
        nargs="*",
        metavar="INPUT",
        help=_INPUT_HELP,
    )
    p_map.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE.html",
        help="HTML file to write (replaced atomically)",
    )
    p_map.add_argument("--title", default=None, help="map title")
    p_map.add_argument(
        "--no-tiles",
        action="store_true",
        help="no web basemap: the bundled boundaries are drawn instead",
    )
    p_map.add_argument(
        "--offline",
        action="store_true",
        help="self-contained page: Leaflet inline, no tiles, no network "
        "request when opened",
    )
    p_map.add_argument(
        "--fragment",
        action="store_true",
        help="write a <div> with its scripts to paste into a report page",
    )
    _add_min_confidence(p_map)


def _add_extract_command(
    sub: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:
    """Add the ``extract`` command: articles in, incidents as data out.

    Parameters
    ----------
    sub : argparse._SubParsersAction
        From :meth:`argparse.ArgumentParser.add_subparsers`.
    common : argparse.ArgumentParser
        The parent parser with the shared options.
    """
    p_ext = sub.add_parser(
        "extract",
        parents=[common],
        help="write incidents as data",
        description="Extract incidents from articles.",
    )
    p_ext.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help=_INPUT_HELP,
    )
    p_ext.add_argument(
        "--format",
        choices=_FORMATS,
        default="jsonl",
        help="jsonl: one object per article in the corpus schema "
        "(score.py reads it), one per event of an event file; csv: one row per "
        "incident; geojson: incidents as features; ucdp, acled: the UCDP GED "
        "and ACLED columns; gpkg: a GeoPackage with the incidents, provinces "
        "and not_on_a_province layers; parquet: GeoParquet (default: jsonl)",
    )
    p_ext.add_argument(
        "-o",
        "--output",
        default=None,
        metavar="FILE",
        help="output file (default: standard output; gpkg and parquet need one)",
    )
    _add_min_confidence(p_ext)


def _add_compare_command(
    sub: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:
    """Add the ``compare`` command: the incidents of two sources, matched.

    Parameters
    ----------
    sub : argparse._SubParsersAction
        From :meth:`argparse.ArgumentParser.add_subparsers`.
    common : argparse.ArgumentParser
        The parent parser with the shared options.
    """
    p_cmp = sub.add_parser(
        "compare",
        parents=[common],
        help="match the incidents of two sources (news against coded data)",
        description="Match the incidents of source A with those of source B "
        "(same or overlapping days, same province or within --max-km, compatible "
        "types, one to one) and print what both report and what each lacks.",
    )
    for name, what in (("a", "first"), ("b", "second")):
        p_cmp.add_argument(
            name,
            metavar=name.upper(),
            help=f"the {what} source: articles, a directory, an article table, or "
            "a UCDP GED, ACLED or GDELT file",
        )
    p_cmp.add_argument(
        "--max-km",
        type=float,
        default=25.0,
        metavar="KM",
        help="sites at most this far apart match (default 25)",
    )
    p_cmp.add_argument(
        "--max-days",
        type=int,
        default=0,
        metavar="N",
        help="days that may lie between two incidents' dates (default 0)",
    )
    p_cmp.add_argument(
        "-o",
        "--output",
        default=None,
        metavar="FILE.csv",
        help="also write every matched pair and every incident only one source "
        "has, one row each, with a 'status' column",
    )


def _add_review_command(
    sub: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:
    """Add the ``review`` command: articles in, a page to correct their incidents.

    Parameters
    ----------
    sub : argparse._SubParsersAction
        From :meth:`argparse.ArgumentParser.add_subparsers`.
    common : argparse.ArgumentParser
        The parent parser with the shared options.
    """
    p_rev = sub.add_parser(
        "review",
        parents=[common],
        help="write a page to check, correct and add incidents",
        description="Write one self-contained HTML page (no server, no network) "
        "showing each incident with its quote and editable fields; its Save "
        "corrections button downloads a corrections file for --corrections.",
    )
    p_rev.add_argument("inputs", nargs="*", metavar="INPUT", help=_INPUT_HELP)
    p_rev.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE.html",
        help="HTML file to write (replaced atomically)",
    )
    p_rev.add_argument("--title", default=None, help="page heading")


def _progress(items, quiet: bool, what: str):
    short = hasattr(items, "__len__") and len(items) < 20
    return tqdm(
        items,
        desc=what,
        unit="article",
        file=sys.stderr,
        disable=quiet or short or None,
        leave=False,
    )


def _emit(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        write_atomic(output, text.encode("utf-8"))


def _layers(args: argparse.Namespace):
    from bordermap.geo.places.boundaries import load_boundaries

    return load_boundaries(
        args.countries,
        args.boundaries,
        name_column=args.name_column,
        code_column=args.code_column,
        country_column=args.country_column,
    )


@contextlib.contextmanager
def _reading(args: argparse.Namespace, layers) -> Iterator[Reading]:
    """Track repeats and pages about elsewhere while reading; say them at the end."""
    reading = Reading(args.on_error, layers.countries, args.language)
    yield reading
    reading.finish()


def _review(args: argparse.Namespace, layers):
    """Read and check ``--corrections`` (before anything is extracted)."""
    if args.corrections is None:
        return None
    if args.engine == "dask":
        raise BordermapError(
            "--corrections is applied with --engine local; leave out --engine dask "
            "(use -j N for processes)"
        )
    from bordermap.pipeline import load_review

    return load_review(args.corrections, layers)


def _finish(review) -> None:
    """Check a review's articles were all read and say what no longer applies."""
    if review is not None:
        review.finish()


def _extract_pairs(args: argparse.Namespace, layers, review=None):
    """Extract ``(article, incidents)`` pairs with the chosen engine.

    With a ``review``, its decisions are applied and checked (its
    ``finish()``) before the pairs are returned, so bad corrections stop the
    run before any output is written.
    """
    from bordermap.pipeline import extract_by_article

    inputs = args.inputs or [seeds_dir()]
    with _reading(args, layers) as reading:
        if args.engine == "dask":
            from bordermap.scale import dask_client, extract_by_article_dask

            own = layers.source not in ("bundled", "world")
            with dask_client(args.scheduler, args.workers) as client:
                return extract_by_article_dask(
                    inputs,
                    client,
                    boundaries=layers if own else None,
                    published=args.published,
                    reading=reading,
                )
        items = iter_inputs(inputs, published=args.published, reading=reading)
        pairs = list(
            extract_by_article(
                _progress(items, args.quiet, "extract"),
                boundaries=layers,
                jobs=args.jobs,
                reading=reading,
                review=review,
            )
        )
    _finish(review)
    return pairs


def _extract_frame(args: argparse.Namespace, layers, inputs: list, review=None):
    """Extract the merged, joined incidents frame with the chosen engine."""
    from bordermap.pipeline import extract

    with _reading(args, layers) as reading:
        if args.engine == "dask":
            from bordermap.scale import extract_dask

            return extract_dask(
                inputs,
                boundaries=layers,
                scheduler=args.scheduler,
                workers=args.workers,
                published=args.published,
                reading=reading,
            )
        items = iter_inputs(inputs, published=args.published, reading=reading)
        return extract(
            _progress(items, args.quiet, "extract"),
            boundaries=layers,
            jobs=args.jobs,
            reading=reading,
            corrections=review,
        )


def _incidents(args: argparse.Namespace, layers, review=None):
    """Read the incidents of the articles and the coded event files, joined.

    ``review`` applies to the articles' incidents (coded events are not
    reviewed); the caller calls its ``finish()`` before writing anything.
    """
    import pandas as pd

    from bordermap.geo.sources.datasets import read_event_files, split_inputs
    from bordermap.geo.tables.frames import confident, join_boundaries

    events, articles = split_inputs(args.inputs or [seeds_dir()])
    frames = []
    if articles:
        frames.append(_extract_frame(args, layers, articles, review))
    if events:
        coded = read_event_files(events)
        _warn_other_countries(coded, layers.countries)
        frames.append(join_boundaries(coded, layers.admin1))
    if len(frames) == 1:
        out = frames[0]
    else:
        out = type(frames[0])(pd.concat(frames, ignore_index=True), crs=frames[0].crs)
        out.attrs = dict(frames[0].attrs)  # the articles read
    return confident(out, getattr(args, "min_confidence", None))


def _warn_other_countries(events, countries) -> None:
    """Say so when a file's events lie in other countries than the map's."""
    counts = events["country_iso3"].value_counts()
    if len(counts) and not set(counts.index) & set(countries):
        top = ", ".join(f"{c} ({n:,})" for c, n in counts.head(3).items())
        logging.getLogger("bordermap").warning(
            "the events are in %s, not in %s: give --countries for their border",
            top,
            " or ".join(countries),
        )


def _run_extract(args: argparse.Namespace) -> None:
    from bordermap.geo.sources.datasets import split_inputs

    if args.format in _BINARY and args.output is None:
        raise BordermapError(
            f"--format {args.format} writes a binary file; give one with -o"
        )
    layers = _layers(args)
    review = _review(args, layers)
    events, _ = split_inputs(args.inputs or [seeds_dir()])
    if args.format == "corpus":
        if events or review is None:
            raise BordermapError(
                "--format corpus writes reviewed articles in the corpus gold schema: "
                "give articles (no event files) and --corrections FILE"
            )
        records = reviewed_records(_extract_pairs(args, layers, review), review)
        _emit(_json_lines(records), args.output)
        return
    if args.format == "jsonl" and not events:
        pairs = _extract_pairs(args, layers, review)
        records = [
            article_record(
                article,
                [i for i in incidents if sure_enough(i, args.min_confidence)],
                review=review,
            )
            for article, incidents in pairs
        ]
        _emit(_json_lines(records), args.output)
        return
    frame = _incidents(args, layers, review)
    _finish(review)
    if args.format in _BINARY:
        _write_binary(args, frame, layers)
    elif args.format == "geojson":
        data = json.loads(_iso_dates(frame).to_json(drop_id=True, na="null"))
        data.pop("bbox", None)
        _emit(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n", args.output)
    elif args.format == "jsonl":
        table = _iso_dates(frame.drop(columns="geometry"))
        _emit(
            table.to_json(orient="records", lines=True, force_ascii=False), args.output
        )
    else:
        _emit(_csv_text(frame, args.format), args.output)


def _json_lines(records) -> str:
    return "".join(
        json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records
    )


def _iso_dates(frame):
    """Dates as ``YYYY-MM-DD`` text (JSON has no dates)."""
    out = frame.copy()
    for column in ("date", "date_end"):
        if column in out.columns:
            out[column] = out[column].dt.strftime("%Y-%m-%d")
    return out


def _csv_text(frame, form: str) -> str:
    """Write the incidents as CSV: bordermap's columns, or UCDP GED's or ACLED's."""
    from bordermap.geo.sources.datasets import to_acled, to_ged

    if form == "ucdp":
        table = to_ged(frame)
    elif form == "acled":
        table = to_acled(frame)
    else:
        table = _iso_dates(frame.drop(columns="geometry"))
        table.insert(len(table.columns), "lon", frame.geometry.x.round(5))
        table.insert(len(table.columns), "lat", frame.geometry.y.round(5))
    buffer = io.StringIO()
    table.to_csv(buffer, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    return buffer.getvalue()


def _write_binary(args: argparse.Namespace, frame, layers) -> None:
    """GeoPackage (incidents, provinces, not_on_a_province) or GeoParquet."""
    from bordermap.geo.tables.files import write_geopackage, write_geoparquet
    from bordermap.pipeline import aggregate, totals

    if args.format == "parquet":
        write_geoparquet(frame, args.output)
        return
    provinces = aggregate(frame, boundaries=layers)
    write_geopackage(frame, provinces, totals(frame), args.output)


def _run_map(args: argparse.Namespace) -> None:
    from bordermap.layers.render import render_fragment, save_html, write_atomic
    from bordermap.pipeline import aggregate, make_map, save_static_map

    suffix = Path(args.output).suffix.lower()
    if suffix not in (".html", ".htm", ".png", ".svg", ".pdf"):
        raise BordermapError(
            f"{args.output}: give an -o path ending in .html (interactive map) or "
            ".png, .svg, .pdf (static map)"
        )
    if args.fragment and suffix not in (".html", ".htm"):
        raise BordermapError("--fragment writes HTML; give an -o path ending in .html")
    layers = _layers(args)
    review = _review(args, layers)
    incidents = _incidents(args, layers, review)
    _finish(review)
    provinces = aggregate(incidents, boundaries=layers)
    if suffix in (".png", ".svg", ".pdf"):
        path = save_static_map(
            incidents, args.output, provinces, boundaries=layers, title=args.title
        )
    else:
        m = make_map(
            incidents,
            provinces,
            boundaries=layers,
            title=args.title,
            tiles=None if args.no_tiles else "OpenStreetMap",
            offline=args.offline,
        )
        if args.fragment:
            path = write_atomic(args.output, render_fragment(m).encode("utf-8"))
        else:
            path = save_html(m, args.output)
    located = int((incidents.geometry.notna() & ~incidents.geometry.is_empty).sum())
    print(
        f"wrote {path}: {contents_label(incidents)}, {located} on the map",
        file=sys.stderr,
    )


def _run_review(args: argparse.Namespace) -> None:
    from bordermap.geo.sources.datasets import split_inputs
    from bordermap.geo.tables.review_table import review_data
    from bordermap.layers.review_page import save_review

    if Path(args.output).suffix.lower() not in (".html", ".htm"):
        raise BordermapError(f"{args.output}: give an -o path ending in .html")
    events, _ = split_inputs(args.inputs or [seeds_dir()])
    if events:
        raise BordermapError(
            f"{events[0]}: an event file is coded data, not articles to review; "
            "give articles, pages or article tables"
        )
    layers = _layers(args)
    review = _review(args, layers)
    pairs = _extract_pairs(args, layers)  # the page shows what the extractor read
    if review is not None:
        for article, incidents in pairs:
            review.apply(article, incidents)
    _finish(review)
    decisions = review.decisions if review is not None else ()
    data = review_data(pairs, layers.admin1, decisions)
    path = save_review(data, args.output, args.title or "")
    shown = sum(len(a["incidents"]) for a in data["articles"])
    said = ""
    if review is not None:
        said = f"; {len(decisions):,} earlier decision(s)"
        if review.unapplied:
            said += f", {len(review.unapplied):,} no longer find their incident"
    print(
        f"wrote {path}: {len(pairs):,} article(s), {shown:,} incident(s) to review"
        + said,
        file=sys.stderr,
    )


def _run_compare(args: argparse.Namespace) -> None:
    from bordermap.geo.tables.compare import compare

    layers = _layers(args)
    review = _review(args, layers)
    sides = []
    for source in (args.a, args.b):
        args.inputs = [source]
        sides.append(_incidents(args, layers, review))
    _finish(review)
    result = compare(*sides, max_km=args.max_km, max_days=args.max_days)
    if args.output is not None:
        _emit(_comparison_csv(result), args.output)
    sys.stdout.write(result.summary_text() + "\n")


def _comparison_csv(result) -> str:
    """Write matched pairs, then incidents only A has, then only B, as one CSV."""
    import pandas as pd

    kinds = ("killed", "wounded", "displaced")
    parts = [result.pairs.assign(status="matched")]
    for side, frame in (("a", result.only_a), ("b", result.only_b)):
        rows = pd.DataFrame(
            {
                f"id_{side}": frame["id"],
                f"date_{side}": frame["date"],
                f"adm1_{side}": frame["adm1_iso"],
                f"event_type_{side}": frame["event_type"],
                **{f"{k}_{side}": frame[f"{k}_best"] for k in kinds},
            }
        )
        parts.append(rows.assign(status=f"only_{side}"))
    table = pd.concat(parts, ignore_index=True)
    table = table[["status", *[c for c in table.columns if c != "status"]]]
    for column in ("date_a", "date_b"):
        table[column] = pd.to_datetime(table[column]).dt.strftime("%Y-%m-%d")
    buffer = io.StringIO()
    table.to_csv(buffer, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    return buffer.getvalue()


def _warn(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"warning: {message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    0: done; 1: bad input or output, one ``error:`` line on stderr (nothing
    written); 2: bad usage (argparse's message).
    """
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING, format="warning: %(message)s", force=True
    )
    for handler in logging.getLogger().handlers:
        # libraries that log at INFO themselves (distributed) are not warnings
        handler.setLevel(logging.WARNING)
    # a local Dask cluster's chatter (start-up, serialisation fallbacks) is not
    # the user's business; its errors still come back as exceptions
    logging.getLogger("distributed").setLevel(logging.ERROR)
    previous = warnings.showwarning
    warnings.showwarning = _warn
    try:
        if args.command == "extract":
            _run_extract(args)
        elif args.command == "compare":
            _run_compare(args)
        elif args.command == "review":
            _run_review(args)
        else:
            _run_map(args)
    except BordermapError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 1
    except KeyboardInterrupt:
        print("error: interrupted; no output file was changed", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: still one line, and the traceback on request
        if args.debug:
            raise
        print(
            f"error: unexpected {type(exc).__name__}: {exc}; no output file was "
            "changed; rerun with --debug and report it",
            file=sys.stderr,
        )
        return 1
    finally:
        warnings.showwarning = previous
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
