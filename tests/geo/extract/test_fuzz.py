"""The extractor on random and adversarial text: it never raises, never returns
a negative count or a low above a high, and every quote is a piece of the input.
"""

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bordermap.geo.extract.incidents import article_incidents
from bordermap.geo.places.gazetteer import load_gazetteer
from bordermap.geo.records import Article

PIECES = [
    "Surin",
    "Si Sa Ket",
    "Sisaket",
    "Kap Choeng district",
    "Ta Moan Thom",
    "Batken",
    "Cambodia",
    "Thailand",
    "Thai",
    "Cambodian",
    "along the border",
    "on both sides",
    "killed",
    "wounded",
    "injured",
    "displaced",
    "fled",
    "shelling",
    "rockets hit",
    "clash",
    "ceasefire",
    "at least",
    "more than",
    "about",
    "up to",
    "between",
    "and",
    "dozens",
    "hundreds",
    "three dozen",
    "half a million",
    "a dozen",
    "several",
    "twenty-one",
    "one of whom died",
    "two of whom later died",
    "0",
    "12",
    "1,200",
    "999999999999999999999999999999",
    "1.5 million",
    "9" * 400,
    "-5",
    "on Monday",
    "Dec. 8",
    "July 24",
    "yesterday",
    "SURIN, Thailand, July 24 —",
    "said",
    ".",
    ",",
    ";",
    "\n",
    "\n\n",
    '"',
    "“",
    "”",
    "'",
    "<script>alert(1)</script>",
    "${x}",
    "`",
    "\u2028",
    "**",
    "# ",
    "[a](b)",
    "the blast",
    "another",
    "since",
    "no",
    "denied",
]
TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(PIECES), max_size=80).map(" ".join),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=60).map(
        " ".join
    ),
)


def _counts(incident):
    yield from (incident.killed, incident.wounded, incident.displaced)
    yield from incident.other_counts.values()


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(TEXT)
def test_extractor_on_anything(text):
    gazetteer = load_gazetteer()
    article = Article(id="fuzz", text=text or " ", published=date(2025, 7, 24))
    for inc in article_incidents(article, gazetteer):
        quotes = [inc.quote] + [c.quote for c in _counts(inc) if c is not None]
        for q in quotes:
            if q is not None:
                assert article.text[q.start : q.end] == q.text
        for c in _counts(inc):
            if c is None:
                continue
            bounds = [v for v in (c.low, c.best, c.high) if v is not None]
            assert all(v >= 0 for v in bounds)
            if c.low is not None and c.high is not None:
                assert c.low <= c.high
            if c.best is not None and c.high is not None:
                assert c.best <= c.high
            if c.low is not None and c.best is not None:
                assert c.low <= c.best
