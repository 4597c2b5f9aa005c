"""Incidents as tables: the GeoDataFrame, its join, totals, tolls, comparisons, files.

In: :class:`~bordermap.geo.records.Incident` records (or a coded dataset's
rows) and admin-1 polygons. Out: GeoDataFrames and DataFrames that
``bordermap.layers`` draws and the CLI writes.

- ``frames.py`` — the incidents GeoDataFrame and its join with the polygons;
- ``aggregate.py`` — per-province totals, and the figures on no province;
- ``tolls.py`` — every reported running total, and the latest per claimant;
- ``compare.py`` / ``matching.py`` — two sources of incidents side by side;
- ``export.py`` — incidents as plain records (the corpus schema);
- ``files.py`` — GeoPackage and GeoParquet, written atomically.
"""

__all__: list[str] = []
