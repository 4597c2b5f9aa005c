"""Articles in the border's own languages (Thai, Russian) → the same incidents.

One reader for every language whose words are in ``rules/<lang>/reading.txt``:

- ``words.py`` — a language's word file read into patterns and values
  (:class:`Words`), and its place names as a gazetteer
  (:func:`native_gazetteer`);
- ``reader.py`` — blocks and sentences, then per sentence its event words,
  counts with their hedges, dates, places, speaker: the frames
  (:class:`~bordermap.geo.extract.document.Mention`) that pass 6 locates, dates
  and merges as it does an English article's.

Quotes and place names as written stay in the article's script; event types,
provinces and codes are the gazetteer's, in English, so a Thai and an English
report of one strike meet in :func:`~bordermap.geo.extract.incidents.merge_reports`.
"""

from bordermap.geo.extract.native.reader import read_native
from bordermap.geo.extract.native.words import READERS, Words, native_gazetteer, words

__all__ = ["READERS", "Words", "native_gazetteer", "read_native", "words"]
