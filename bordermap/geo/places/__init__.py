"""Where things are: boundary layers, the gazetteer of names, points in polygons.

In: the bundled data (``bordermap/data``) or a user's boundary file. Out:
:class:`~bordermap.geo.places.boundaries.Boundaries` (admin-1 polygons with
their border flag, the border line) and a
:class:`~bordermap.geo.places.gazetteer.Gazetteer` that finds place names in
text. Nothing here reads incidents.

- ``bundled.py`` — the bundled and world-wide layers of a pair of countries;
- ``boundary_files.py`` — a user's own boundary file, checked and repaired;
- ``boundaries.py`` — :class:`Boundaries` and :func:`load_boundaries`, whichever
  the source;
- ``countries.py`` — country names, demonyms and labels (``countries.csv``);
- ``gazetteer.py`` — names of provinces, districts and sites, found in text;
- ``spatial.py`` — points in polygons, fast for millions of points.
"""

__all__: list[str] = []
