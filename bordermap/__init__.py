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
    CountError,
    GazetteerError,
    RenderError,
)
from bordermap.geo.counts import parse_count
from bordermap.geo.records import Article, Count, Incident, Precision
from bordermap.geo.text import read_articles
from bordermap.layers.render import render_fragment, render_html, save_html
from bordermap.pipeline import aggregate, extract, make_map, save_static_map, totals

__all__ = [
    "Article",
    "ArticleError",
    "BordermapError",
    "BoundaryError",
    "Count",
    "CountError",
    "GazetteerError",
    "Incident",
    "Precision",
    "RenderError",
    "aggregate",
    "extract",
    "make_map",
    "parse_count",
    "read_articles",
    "render_fragment",
    "render_html",
    "save_html",
    "save_static_map",
    "seeds_dir",
    "totals",
]

__version__ = "0.1.0"
