"""Pass 6: the frames of one article, located, dated and merged into draft incidents.

In: a :class:`~bordermap.geo.extract.document.Document` with its mentions
(passes 1–5). Out: :class:`~bordermap.geo.extract.pass6_merging.drafts.Draft`
incidents, one per incident the article tells, in text order.

- ``merge.py`` — :func:`merge_mentions`: the pass itself;
- ``geocode.py`` — a mention's places → a location with an honest precision;
- ``context.py`` — what the whole article tells its frames (border, dateline,
  the day it speaks for);
- ``drafts.py`` — the draft record and the small operations on it;
- ``summaries.py`` — headlines, captions and place lists merged last.
"""

from bordermap.geo.extract.pass6_merging.drafts import Draft
from bordermap.geo.extract.pass6_merging.merge import merge_mentions

__all__ = ["Draft", "merge_mentions"]
