"""Map build: bordermap vs folium per-marker vs GeoDataFrame.explore().

    uv run --extra test python benchmarks/bench_map.py [--sizes 1000 10000 100000]

For synthetic incidents over the border provinces (benchmarks/synthetic.py):
build time (Python, to an HTML string), HTML size, and the time until the
markers are drawn in Debian's Chromium (Leaflet and every other CDN file
served from local copies, tiles answered with a blank image). Ratios are
against folium per-marker, the usual approach: one CircleMarker with a popup
per incident.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import tracemalloc
from pathlib import Path

import folium

import bordermap
from benchmarks.bench_pages import ARGS, BLANK, NPM_FILES, npm_file
from benchmarks.synthetic import synthetic_frame


def build_bordermap(frame, layers) -> str:
    return bordermap.render_html(bordermap.make_map(frame, boundaries=layers))


def build_folium(frame, layers) -> str:
    m = folium.Map(location=[14, 103.5], zoom_start=7)
    for x, y, etype, quote in zip(
        frame.geometry.x,
        frame.geometry.y,
        frame["event_type"],
        frame["quote"],
        strict=True,
    ):
        folium.CircleMarker(
            [y, x], radius=6, popup=folium.Popup(f"<b>{etype}</b><br>{quote}")
        ).add_to(m)
    return m.get_root().render()


def build_explore(frame, layers) -> str:
    m = (
        frame[["id", "event_type", "date", "quote", "geometry"]]
        .assign(date=frame["date"].astype(str))
        .explore(column="event_type")
    )
    return m.get_root().render()


BUILDERS = {
    "bordermap": build_bordermap,
    "folium per-marker": build_folium,
    "explore()": build_explore,
}


def draw_time(browser, html: str, n: int, folder: Path) -> float:
    import xstatic.pkg.leaflet as leaflet

    path = folder / "page.html"
    path.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1200, "height": 900})

    def route(r):
        url = r.request.url
        if url.startswith("file://"):
            return r.continue_()
        if "leaflet@" in url and "/dist/" in url:
            return r.fulfill(
                body=(Path(leaflet.BASE_DIR) / url.split("/dist/", 1)[1]).read_bytes()
            )
        if "tile.openstreetmap.org" in url:
            return r.fulfill(body=BLANK, content_type="image/png")
        for fragment, (package, member) in NPM_FILES.items():
            if url.endswith(fragment):
                return r.fulfill(body=npm_file(package, member))
        return r.abort()

    page.route("**/*", route)
    start = time.perf_counter()
    page.goto(path.as_uri(), timeout=600_000)
    page.wait_for_function(
        "n => Object.values(window).some(v => v && v.bmCount && "
        "v.bmCount() >= n)"
        " || document.querySelectorAll('path.leaflet-interactive').length >= n",
        arg=n,
        timeout=600_000,
        polling=50,
    )
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => r()))")
    elapsed = time.perf_counter() - start
    page.close()
    return elapsed


def main() -> None:
    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--skip", nargs="*", default=[], help="builders to skip at 100k+")
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for n in args.sizes:
            frame, layers = synthetic_frame(n)
            for name, build in BUILDERS.items():
                if n >= 100_000 and name in args.skip:
                    continue
                start = time.perf_counter()
                html = build(frame, layers)
                built = time.perf_counter() - start
                drawn = draw_time(browser, html, n, Path(tmp))
                rows.append((n, name, built, len(html.encode("utf-8")), drawn))
                print(
                    f"{n:>7} {name:<18} build {built:8.2f} s  html "
                    f"{len(html.encode('utf-8')) / 1e6:7.1f} MB  drawn {drawn:6.2f} s",
                    flush=True,
                )
        browser.close()
    # growth: memory the bordermap build allocates (Python and NumPy, traced in a
    # run of its own so that tracing does not slow the timed build)
    print("\nbordermap build, peak memory allocated (tracemalloc):")
    for n in args.sizes:
        frame, layers = synthetic_frame(n)
        tracemalloc.start()
        build_bordermap(frame, layers)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"{n:>7}: {peak / 1e6:8.1f} MB ({peak / n:,.0f} B per incident)")
    print("\nratios against folium per-marker (build time, HTML size):")
    for n in args.sizes:
        base = next(
            (r for r in rows if r[0] == n and r[1] == "folium per-marker"), None
        )
        ours = next((r for r in rows if r[0] == n and r[1] == "bordermap"), None)
        if base and ours:
            print(
                f"{n:>7}: bordermap builds {base[2] / ours[2]:.1f}x faster, "
                f"HTML {ours[3] / base[3]:.2f} of the size"
            )


if __name__ == "__main__":
    main()
