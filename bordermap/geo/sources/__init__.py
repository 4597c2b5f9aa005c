"""What comes in: article files, web pages, archives, feeds and coded datasets.

In: paths (``.md``/``.txt`` articles, directories, CSV/JSON Lines tables,
``.html``, ``.warc[.gz]``, RSS/Atom feeds, UCDP GED / ACLED / GDELT files).
Out: :class:`~bordermap.geo.records.Article` records for the extractor, or, for
coded datasets, the incidents GeoDataFrame directly.

- ``articles.py`` — article files, directories and tables; repeats read once;
- ``web.py`` — saved web pages, WARC archives and feeds (main text, title,
  date, url);
- ``datasets/`` — coded event datasets, recognised by their header.
"""

__all__: list[str] = []
