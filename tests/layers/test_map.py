import subprocess
import sys

import pandas as pd

import bordermap
from bordermap.layers.templating import safe_text
from tests.conftest import HOSTILE, ROOT
from tests.layers.conftest import parse_page

LAYERS = ["Casualties by province", "Displacement", "International border", "Incidents"]


def test_layers_and_control(seed_page):
    page = parse_page(seed_page)
    assert list(page["layers"]) == LAYERS


def test_one_marker_per_located_incident(seed_page, seed_frame):
    markers = parse_page(seed_page)["layers"]["Incidents"]["data"]["features"]
    located = seed_frame[seed_frame.geometry.notna() & ~seed_frame.geometry.is_empty]
    assert len(markers) == len(located) > 0
    assert sorted(f["properties"]["id"] for f in markers) == sorted(located["id"])
    unplaced = set(seed_frame["id"]) - set(located["id"])
    assert all(
        seed_frame.set_index("id").loc[i, "precision"]
        in {"border", "country", "unknown"}
        for i in unplaced
    )


def test_choropleth_covers_the_border_provinces(seed_page):
    features = parse_page(seed_page)["layers"]["Casualties by province"]["data"][
        "features"
    ]
    codes = {f["properties"]["adm1_iso"] for f in features}
    assert len(codes) == 14 and all(
        f["properties"]["_style"]["fillColor"] for f in features
    )


def test_border_wide_box_carries_the_seed_totals(seed_page):
    (totals,) = [
        b for b in parse_page(seed_page)["boxes"] if b["css_class"] == "bm-totals"
    ]
    text = " ".join(i["text"] for s in totals["sections"] for i in s["items"])
    assert "more than three dozen (low 37 · best 37 · high –)" in text
    assert "more than half a million (low 500,001 · best 500,001 · high –)" in text
    assert "both sides" in text


def test_legend_and_title(seed_page, seed_frame):
    boxes = {b["css_class"]: b for b in parse_page(seed_page)["boxes"]}
    assert {"bm-title", "bm-legend", "bm-totals"} <= set(boxes)
    headings = [s.get("heading") for s in boxes["bm-legend"]["sections"]]
    assert headings[:3] == [
        "Incidents (markers)",
        "Killed and wounded per province",
        "Displaced (event reports per province)",
    ]
    assert (
        f"{len(seed_frame)} incidents"
        in boxes["bm-title"]["sections"][0]["items"][0]["text"]
    )


def test_attributions_on_the_map(seed_page):
    assert (
        "© OpenStreetMap contributors (ODbL 1.0)".encode("ascii", "backslashreplace")
        .decode()
        .replace("\\xa9", "\\u00a9")
        in seed_page
    )


def test_popup_has_counts_as_written_and_bounds(seed_page):
    markers = parse_page(seed_page)["layers"]["Incidents"]["data"]["features"]
    labels = [f["properties"].get("wounded_label") for f in markers]
    assert "at least 3 (low 3 · best 3 · high –)" in labels


def test_same_input_same_bytes(seed_frame, seed_page):
    again = bordermap.render_html(bordermap.make_map(seed_frame))
    assert again == seed_page
    code = (
        "import bordermap,sys;f=bordermap.extract([sys.argv[1]]);"
        "sys.stdout.write(bordermap.render_html(bordermap.make_map(f)))"
    )
    other = subprocess.run(
        [sys.executable, "-c", code, str(ROOT / "seeds")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert other == seed_page


def test_hostile_text_reaches_the_page_only_escaped(hostile_page, hostile_frame):
    assert len(hostile_frame) >= 1
    # no executable markup from the article
    assert "<script>window.__pwned" not in hostile_page
    assert "</script><script>" not in hostile_page
    assert "<img" not in hostile_page
    assert "`${window" not in hostile_page
    assert "\u2028" not in hostile_page and "\u2029" not in hostile_page
    page = parse_page(hostile_page)
    assert not [attrs for tag, attrs in page["tags"] if tag == "img"]
    assert all(not k.startswith("on") for _, attrs in page["tags"] for k in attrs)
    # the text is still there, as data
    props = page["layers"]["Incidents"]["data"]["features"][0]["properties"]
    assert "window.__pwned = 1" in props["quote"]
    assert "<script>" in props["source_label"]


def test_folium_helper_escapes_for_template_literals():
    out = safe_text(HOSTILE)
    assert "<" not in out and "`" not in out and "${" not in out and '"' not in out
    assert "\u2028" not in out


def test_unplaced_incidents_are_not_drawn(seed_frame):
    drawn = bordermap.make_map(seed_frame)
    page = parse_page(bordermap.render_html(drawn))
    ids = {
        f["properties"]["id"] for f in page["layers"]["Incidents"]["data"]["features"]
    }
    border = seed_frame.loc[seed_frame["precision"] == "border", "id"]
    assert not ids & set(border) and len(border) > 0
    assert pd.notna(seed_frame["precision"]).all()


def test_merged_incident_lists_every_source_with_its_figures():
    from datetime import date

    from bordermap.geo.records import Article

    arts = [
        Article(
            "a",
            "Shelling killed two villagers in Surin on Monday.",
            title="First",
            published=date(2025, 7, 29),
        ),
        Article(
            "b",
            "Shelling killed at least three villagers in Surin on Monday.",
            title="Second",
            published=date(2025, 7, 30),
        ),
    ]
    frame = bordermap.extract(arts)
    assert len(frame) == 1 and frame.iloc[0]["n_sources"] == 2
    page = parse_page(bordermap.render_html(bordermap.make_map(frame)))
    (marker,) = page["layers"]["Incidents"]["data"]["features"]
    label = marker["properties"]["sources_label"]
    assert "First, 2025-07-29: killed 2 (low 2" in label
    assert "Second, 2025-07-30: killed at least 3 (low 3" in label
    assert marker["properties"]["killed_label"].startswith("at least 3")


def test_attributions_follow_the_layers_in_use():
    from bordermap.geo.places.boundaries import load_boundaries

    layers = load_boundaries(("KGZ", "TJK"))
    frame = bordermap.extract([], boundaries=layers)
    page = bordermap.render_html(bordermap.make_map(frame, boundaries=layers))
    assert "Natural Earth (public domain)" in page
    assert "HDX" not in page and "OpenStreetMap contributors (ODbL" not in page


def test_template_syntax_in_articles_is_never_evaluated():
    """Rendered output never goes through jinja2 again (no template injection)."""
    from bordermap.geo.records import Article

    payload = "{{ 7*7 }} {% for x in range(3) %}X{% endfor %} {{ cycler.__init__ }}"
    art = Article(
        "t",
        f"Shelling killed two villagers in Surin on Monday. {payload}.",
        title=f"T {payload}",
    )
    frame = bordermap.extract([art])
    for offline in (False, True):
        page = bordermap.render_html(
            bordermap.make_map(frame, title=f"M {payload}", offline=offline)
        )
        assert page.count("{{ 7*7 }}") >= 2
        assert "M 49" not in page and "T 49" not in page
        assert "{% for x in range(3) %}" in page and "XXX" not in page
        assert "function" not in parse_page(page)["boxes"][0]["title"]


def _province_casualties(frame, code):
    page = parse_page(bordermap.render_html(bordermap.make_map(frame)))
    features = page["layers"]["Casualties by province"]["data"]["features"]
    (props,) = [
        f["properties"] for f in features if f["properties"]["adm1_iso"] == code
    ]
    return props["casualties_best"]


def test_a_province_never_shows_one_articles_figure_twice():
    from datetime import date

    from bordermap.geo.records import Article

    text = (
        "SURIN, Thailand, July 30 — Cambodian shells killed two villagers in Kap "
        "Choeng district of Surin on Wednesday, the army said."
    )
    frame = bordermap.extract(
        [Article(id="told-once", text=text, published=date(2025, 7, 30))]
    )
    assert _province_casualties(frame, "TH-32") == 2
    # the same event as a second, unmerged incident of the article: one figure
    twice = pd.concat(
        [frame, frame.assign(id=frame["id"] + "-again", event_type="armed_clash")]
    )
    assert _province_casualties(twice.reset_index(drop=True), "TH-32") == 2
    # the same figure from another article is another report
    other = frame.assign(id="b-01", article_id="b")
    assert _province_casualties(pd.concat([frame, other]), "TH-32") == 4


def test_a_long_list_on_no_province_says_how_many_more(seed_frame):
    from bordermap.layers.render import totals_box

    one = bordermap.totals(seed_frame).query("kind == 'killed'").head(1)
    many = pd.concat([one] * 30, ignore_index=True)
    many["incident_id"] = [f"x{i:02d}" for i in range(30)]
    box = totals_box(many, limit=25)
    (killed,) = [s for s in box.spec["sections"] if s.get("heading") == "Killed"]
    figures = [i for i in killed["items"] if not i.get("note")]
    assert len(figures) == 25
    assert killed["items"][-1]["text"].startswith("… and 5 more killed figures")
