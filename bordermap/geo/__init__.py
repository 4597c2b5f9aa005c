"""Text → incidents → GeoDataFrame: the first half of bordermap (never imports folium).

The flow, one package a job, each importing only those listed before it::

    records.py   the vocabulary every step shares (Article, Count, Incident, ...)
    places/      where things are: boundaries, the gazetteer, points in polygons
    extract/     an article's text → its incidents (six passes, words as data)
    tables/      incidents → GeoDataFrames: the frame, the join, province totals,
                 border-wide figures, tolls, comparisons, files out
    sources/     what comes in: article files, web pages, WARC archives, feeds,
                 tables of articles, coded datasets (GED, ACLED, GDELT)

``bordermap.pipeline`` strings them together; ``bordermap.layers`` draws the
tables. ``docs/architecture.md`` says where a new phrasing, place source,
input format or output format goes.
"""

__all__: list[str] = []
