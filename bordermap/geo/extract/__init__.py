"""An article's text → its incidents: six passes over one document model.

In: an :class:`~bordermap.geo.records.Article` and a gazetteer. Out:
:class:`~bordermap.geo.records.Incident` records (place matches still to be
joined to polygons by :mod:`bordermap.geo.tables`). The passes run in file
order, each taking the :class:`~bordermap.geo.extract.document.Document` and
filling in its part:

- ``document.py`` — the model every pass reads and enriches;
- ``pass1_page.py`` — page furniture out; headline, captions, bylines marked;
- ``pass2_sentences.py`` — sentences of the readable blocks, each read once;
- ``pass3_reading.py`` — per sentence: triggers, counts, dates, places, speaker;
- ``pass4_framing.py`` — one event frame per trigger window;
- ``pass5_attach.py`` — each count to the frame it belongs to;
- ``pass6_merging/`` — frames located, dated and merged into incidents;
- ``incidents.py`` — runs the passes over an article, and merges the reports
  of one incident across articles.

The words are data: ``rules/*.txt`` (one file per kind of word) read by
``words/`` (the lexicon and the readers every pass shares: numbers and hedges,
dates, triggers, casualty kinds, clauses).
"""

__all__: list[str] = []
