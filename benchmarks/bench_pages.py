"""Page size, requests and load time of the seed map: bordermap online and offline
against folium's default page (one CircleMarker with a popup per incident).

    uv run --extra test python benchmarks/bench_pages.py

Chromium (Debian's) loads each page from a file. CDN files are answered from
local copies (Leaflet from the xstatic-leaflet package; jQuery, Bootstrap, Font
Awesome and Leaflet.awesome-markers from the npm registry, fetched once into
benchmarks/.cache with ``npm pack``), OpenStreetMap tiles with a blank PNG;
anything else is refused and counted (this machine has no other network).
Load time: from navigation until the page's markers are drawn; median of 5.
"""

from __future__ import annotations

import base64
import statistics
import subprocess
import tarfile
import tempfile
import time
from pathlib import Path

import folium
import xstatic.pkg.leaflet as leaflet
from playwright.sync_api import sync_playwright

import bordermap

ROOT = Path(__file__).resolve().parents[1]
BLANK = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mP8/x8AAwMCAO+ip1sAAAAASUVORK5CYII="
)
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


CACHE = Path(__file__).resolve().parent / ".cache"
# CDN URL fragment -> (npm package, file inside the package)
NPM_FILES = {
    "jquery-3.7.1.min.js": ("jquery@3.7.1", "package/dist/jquery.min.js"),
    "bootstrap@5.2.2/dist/js/bootstrap.bundle.min.js": (
        "bootstrap@5.2.2",
        "package/dist/js/bootstrap.bundle.min.js",
    ),
    "bootstrap@5.2.2/dist/css/bootstrap.min.css": (
        "bootstrap@5.2.2",
        "package/dist/css/bootstrap.min.css",
    ),
    "fontawesome-free@6.2.0/css/all.min.css": (
        "@fortawesome/fontawesome-free@6.2.0",
        "package/css/all.min.css",
    ),
    "leaflet.awesome-markers.js": (
        "leaflet.awesome-markers@2.0.5",
        "package/dist/leaflet.awesome-markers.js",
    ),
    "leaflet.awesome-markers.css": (
        "leaflet.awesome-markers@2.0.5",
        "package/dist/leaflet.awesome-markers.css",
    ),
}


def npm_file(package: str, member: str) -> bytes:
    """A file of an npm package, fetched once with ``npm pack``."""
    CACHE.mkdir(exist_ok=True)
    stem = package.lstrip("@").replace("/", "-").replace("@", "-")
    tgz = CACHE / f"{stem}.tgz"
    if not tgz.exists():
        out = (
            subprocess.run(
                ["npm", "pack", package, "--silent"],
                cwd=CACHE,
                check=True,
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        (CACHE / out).rename(tgz)
    with tarfile.open(tgz) as tar:
        return tar.extractfile(member).read()


def folium_default(incidents) -> str:
    """The usual folium page: a CircleMarker with an HTML popup per incident."""
    m = folium.Map(location=[14, 103.5], zoom_start=7)
    located = incidents[incidents.geometry.notna() & ~incidents.geometry.is_empty]
    for _, row in located.iterrows():
        popup = f"<b>{row['event_type']}</b><br>{row['date']}<br>{row['quote']}"
        folium.CircleMarker(
            [row.geometry.y, row.geometry.x], radius=6, popup=folium.Popup(popup)
        ).add_to(m)
    folium.LayerControl().add_to(m)
    return m.get_root().render()


def measure(browser, html: str, markers: int, folder: Path, name: str) -> dict:
    path = folder / f"{name}.html"
    path.write_text(html, encoding="utf-8")
    refused: list[str] = []
    times = []
    requests = 0
    for _ in range(5):
        page = browser.new_page(viewport={"width": 1200, "height": 900})

        def route(r):
            url = r.request.url
            if url.startswith("file://"):
                return r.continue_()
            if "leaflet@1.9.3/dist/" in url:
                kind = {"js": "application/javascript", "css": "text/css"}.get(
                    url.rsplit(".", 1)[1], "image/png"
                )
                return r.fulfill(
                    body=(
                        Path(leaflet.BASE_DIR) / url.split("/dist/", 1)[1]
                    ).read_bytes(),
                    content_type=kind,
                )
            if "tile.openstreetmap.org" in url:
                return r.fulfill(body=BLANK, content_type="image/png")
            for fragment, (package, member) in NPM_FILES.items():
                if url.endswith(fragment):
                    kind = (
                        "application/javascript" if url.endswith(".js") else "text/css"
                    )
                    return r.fulfill(body=npm_file(package, member), content_type=kind)
            refused.append(url)
            return r.abort()

        page.route("**/*", route)
        seen: list[str] = []
        page.on("request", lambda req, seen=seen: seen.append(req.url))
        start = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_function(
            "n => Object.values(window).some(v => v && v.bmCount && v.bmCount() >= n)"
            " || document.querySelectorAll('path.leaflet-interactive').length >= n",
            arg=markers,
        )
        times.append(time.perf_counter() - start)
        requests = len([u for u in seen if not u.startswith(("file://", "data:"))])
        page.close()
    return {
        "page": name,
        "bytes": len(html.encode("utf-8")),
        "requests": requests,
        "refused_requests": len(refused) // 5,
        "load_s": round(statistics.median(times), 3),
    }


def main() -> None:
    incidents = bordermap.extract([bordermap.seeds_dir()])
    located = int((incidents.geometry.notna() & ~incidents.geometry.is_empty).sum())
    pages = {
        "bordermap online": bordermap.render_html(bordermap.make_map(incidents)),
        "bordermap offline": bordermap.render_html(
            bordermap.make_map(incidents, offline=True)
        ),
        "folium default": folium_default(incidents),
    }
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        rows = [
            measure(browser, html, located, Path(tmp), name.replace(" ", "_"))
            for name, html in pages.items()
        ]
        browser.close()
    print(f"seed map: {len(incidents)} incidents, {located} markers")
    print(f"{'page':<20} {'bytes':>9} {'requests':>9} {'refused':>8} {'load (s)':>9}")
    for name, row in zip(pages, rows, strict=True):
        print(
            f"{name:<20} {row['bytes']:>9,} {row['requests']:>9} "
            f"{row['refused_requests']:>8} {row['load_s']:>9}"
        )


if __name__ == "__main__":
    main()
