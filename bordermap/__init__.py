"""bordermap: news reports of armed border incidents → maps people can trust.

>>> import bordermap
>>> incidents = bordermap.extract([bordermap.seeds_dir()])
>>> provinces = bordermap.aggregate(incidents)
>>> m = bordermap.make_map(incidents, provinces)
"""

from bordermap.data import seeds_dir
from bordermap.errors import (
    ArticleError,
    BordermapError,
    BoundaryError,
    CompareError,
    CorrectionsError,
    CountError,
    DatasetError,
    GazetteerError,
    OutputError,
    RenderError,
)
from bordermap.geo.extract.words.counts import parse_count
from bordermap.geo.records import Article, Count, Incident, Precision
from bordermap.geo.review.corrections import Decision, read_corrections
from bordermap.geo.sources.articles import read_articles
from bordermap.geo.sources.datasets import read_events
from bordermap.geo.tables.compare import Comparison, compare
from bordermap.geo.tables.files import write_geopackage, write_geoparquet
from bordermap.geo.tables.tolls import latest_tolls, tolls
from bordermap.layers.render import render_fragment, render_html, save_html
from bordermap.pipeline import (
    aggregate,
    apply_corrections,
    extract,
    extract_by_article,
    make_map,
    save_static_map,
    totals,
)

__all__ = [
    "Article",
    "ArticleError",
    "BordermapError",
    "BoundaryError",
    "CompareError",
    "Comparison",
    "CorrectionsError",
    "Count",
    "CountError",
    "DatasetError",
    "Decision",
    "GazetteerError",
    "Incident",
    "OutputError",
    "Precision",
    "RenderError",
    "aggregate",
    "apply_corrections",
    "compare",
    "extract",
    "extract_by_article",
    "latest_tolls",
    "make_map",
    "parse_count",
    "read_articles",
    "read_corrections",
    "read_events",
    "render_fragment",
    "render_html",
    "save_html",
    "save_static_map",
    "seeds_dir",
    "tolls",
    "totals",
    "write_geopackage",
    "write_geoparquet",
]

__version__ = "0.1.0"
