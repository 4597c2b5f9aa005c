"""Reported tolls over time: every running total, and the latest per claimant.

A conflict is told through running totals ("the toll rose to 21", "Cambodia
says 13 of its civilians have died"). They never go on a province
(:mod:`bordermap.geo.tables.aggregate`); here they are laid out as reports:

* :func:`tolls` — one row per reported total, per source article and kind,
  with the day it speaks for (``as_of``), the side, the victims, who claims it
  and the quote;
* :func:`latest_tolls` — for each kind × side × claimant, the newest figure
  (a figure revised down is the latest, not the largest), with the range of
  the newest figures across claimants. Figures are never added across
  claimants or sides, and one claimant's figure never replaces another's.

Claimants are normalised so that one ministry written three ways is one
claimant: country names, demonyms and possessives become the country's code,
"Ministry of Defence" is "defence ministry", "defense" is "defence", and
articles and punctuation go. The label shown is the claimant's most used
spelling.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter

import pandas as pd

from bordermap.geo.places.countries import country_label
from bordermap.geo.tables.frames import COUNT_KINDS

__all__ = [
    "NOT_STATED",
    "TOLL_COLUMNS",
    "claimant_key",
    "claimant_label",
    "labelled",
    "latest_tolls",
    "newest_reports",
    "side_label",
    "tolls",
]

TOLL_COLUMNS = [
    "as_of",
    "published",
    "kind",
    "side",
    "victims_group",
    "claimant",
    "claimant_key",
    "qualifier",
    "stated",
    "low",
    "best",
    "high",
    "quote",
    "article_id",
    "title",
    "url",
    "incident_id",
]
NOT_STATED = "not stated"
_MINISTRY_OF = re.compile(r"\bministry of (?:the )?((?:national )?[a-z]+(?: affairs)?)")
_DROP = re.compile(
    r"\b(?:the|a|an|of|s|national|said|says|spokesman|spokeswoman|spokesperson)\b"
)


#: Country forms that are also common words once lower-cased ("told us").
_NOT_COUNTRIES = {"us"}


@functools.cache
def _country_words() -> tuple[dict[str, str], re.Pattern]:
    """Lower-case country names, demonyms and abbreviations → ISO3, and their pattern.

    The pattern tries the longest names first and matches whole words, names
    ending in a dot included ("U.S.").
    """
    from bordermap.geo.places.countries import country_forms

    words = {
        form.lower(): iso
        for iso, forms in country_forms().items()
        for form in forms
        if form.lower() not in _NOT_COUNTRIES
    }
    names = sorted(words, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")
    return words, pattern


@functools.cache
def _cased_forms() -> dict[str, str]:
    """Map upper-case country abbreviations that are words in lower case ("US")."""
    from bordermap.geo.places.countries import country_forms

    # each becomes the country's longest name, which the word pattern maps
    return {
        form: max(forms, key=len)
        for forms in country_forms().values()
        for form in forms
        if form.isupper() and form.lower() in _NOT_COUNTRIES
    }


_CASED = re.compile(r"(?<!\w)US(?!\w)")


def claimant_key(text: object) -> str:
    """Normalise who said a figure, so that one claimant written three ways is one.

    Examples
    --------
    >>> claimant_key("Thailand's Ministry of Defence") == claimant_key(
    ...     "the Thai defense ministry")
    True
    >>> claimant_key(None)
    'not stated'
    """
    if not isinstance(text, str) or not text.strip():
        return NOT_STATED
    # "US" (upper case) is a country; "us", once lower-cased, is a pronoun
    s = _CASED.sub(lambda m: f" {_cased_forms()[m.group()]} ", text)
    s = s.casefold().replace("’", "'")
    s = s.replace("defense", "defence")
    s = _MINISTRY_OF.sub(lambda m: f"{m.group(1)} ministry", s)
    s = re.sub(r"'s\b", "", s)
    words, pattern = _country_words()
    s = pattern.sub(lambda m: f" {words[m.group()]} ", s)
    s = _DROP.sub(" ", re.sub(r"[^\w ]+", " ", s))
    return " ".join(s.split()) or NOT_STATED


def _int64(values) -> pd.arrays.IntegerArray:
    """Whole numbers as a nullable Int64 array (None, NaN and <NA> are missing)."""
    return pd.array([None if pd.isna(v) else int(v) for v in values], dtype="Int64")


def _side(country: object) -> str:
    if isinstance(country, str) and country:
        return country
    return NOT_STATED


def tolls(incidents: pd.DataFrame) -> pd.DataFrame:
    """List every reported total: one row per source article and kind.

    Parameters
    ----------
    incidents : pandas.DataFrame
        From :func:`bordermap.extract`.

    Returns
    -------
    pandas.DataFrame
        :data:`TOLL_COLUMNS`, sorted by kind, side, claimant, ``as_of``.
        ``as_of`` is the day the figure speaks for, else the article's
        publication day; ``side`` is the victims' country (ISO3), ``both`` or
        "not stated"; ``claimant`` is who said it as the text gives it
        (the most used spelling of its ``claimant_key``).

    Examples
    --------
    >>> import bordermap, datetime
    >>> a = bordermap.Article("a", "The number of Thais killed has risen to 14, the "
    ...     "Thai defence ministry said.", published=datetime.date(2025, 7, 25))
    >>> tolls(bordermap.extract([a]))[["side", "claimant", "best"]].values.tolist()
    [['THA', 'Thai defence ministry', 14]]
    """
    totals = incidents[
        incidents["scope"].eq("aggregate").fillna(False)
        & ~incidents["planned"].fillna(False).astype(bool)
    ]
    rows = []
    for inc in totals.itertuples(index=False):
        sources = json.loads(inc.sources) if isinstance(inc.sources, str) else []
        for src in sources or [{}]:
            published = pd.to_datetime(src.get("published"), errors="coerce")
            day = inc.date if pd.notna(inc.date) else published
            for kind in COUNT_KINDS:
                figure = src.get(kind) if sources else None
                qualifier = getattr(inc, f"{kind}_qualifier")
                if figure is None and (sources or pd.isna(qualifier)):
                    continue
                figure = figure or {
                    "qualifier": qualifier,
                    "stated": getattr(inc, f"{kind}_stated"),
                    "low": getattr(inc, f"{kind}_low"),
                    "best": getattr(inc, f"{kind}_best"),
                    "high": getattr(inc, f"{kind}_high"),
                    "quote": getattr(inc, f"{kind}_quote"),
                }
                rows.append(
                    {
                        "as_of": day,
                        "published": published,
                        "kind": kind,
                        "side": _side(getattr(inc, f"{kind}_victims_country")),
                        "victims_group": getattr(inc, f"{kind}_victims_group"),
                        "claimant": inc.attribution,
                        "claimant_key": claimant_key(inc.attribution),
                        "qualifier": figure.get("qualifier"),
                        "stated": figure.get("stated"),
                        "low": figure.get("low"),
                        "best": figure.get("best"),
                        "high": figure.get("high"),
                        "quote": figure.get("quote"),
                        "article_id": src.get("article_id", inc.article_id),
                        "title": src.get("title", inc.title),
                        "url": src.get("url", inc.url),
                        "incident_id": inc.id,
                    }
                )
    out = pd.DataFrame(rows, columns=TOLL_COLUMNS)
    # an article that restates its own figure reports it once
    same = ["kind", "side", "claimant_key", "as_of", "article_id", "qualifier", "best"]
    out = out[~out[same].astype(str).duplicated()]
    for bound in ("low", "best", "high"):
        out[bound] = _int64(out[bound])
    out["as_of"] = pd.to_datetime(out["as_of"])
    out["published"] = pd.to_datetime(out["published"])
    out["claimant"] = _labels(out)
    order = {k: i for i, k in enumerate(COUNT_KINDS)}
    keys = ["_k", "side", "claimant_key", "as_of", "published", "article_id"]
    out = out.assign(_k=out["kind"].map(order)).sort_values(
        [*keys, "incident_id"], na_position="first", kind="stable"
    )
    return out.drop(columns="_k").reset_index(drop=True)


def _labels(frame: pd.DataFrame) -> list:
    """Each claimant's most used spelling (ties: the shortest, then A–Z)."""
    spelled: dict[str, Counter] = {}
    for key, text in zip(frame["claimant_key"], frame["claimant"], strict=True):
        if isinstance(text, str) and text.strip():
            spelled.setdefault(key, Counter())[text.strip()] += 1
    best = {
        key: sorted(c.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0][0]
        for key, c in spelled.items()
    }
    return [best.get(key, NOT_STATED) for key in frame["claimant_key"]]


def latest_tolls(incidents: pd.DataFrame) -> pd.DataFrame:
    """Give the newest figure of each kind × side × claimant, and their range.

    The newest is the one with the latest ``as_of`` (then the latest
    publication, then the greater article id, so that ties are settled the
    same way every run): a figure revised down is the latest. Nothing is
    added across claimants or sides.

    Returns
    -------
    pandas.DataFrame
        The :func:`tolls` columns of the newest reports, plus ``reports`` (how
        many reports the claimant made of that kind and side), and
        ``range_low`` / ``range_high``: the lowest and highest newest best
        figure among the claimants of the same kind and side.

    Examples
    --------
    >>> import bordermap, datetime
    >>> days = [("The number of Thais killed has risen to 14, the Thai defence "
    ...          "ministry said.", 25),
    ...         ("The number of Thais killed has been revised down to 13, the Thai "
    ...          "defence ministry said.", 26)]
    >>> arts = [bordermap.Article(f"a{d}", t, published=datetime.date(2025, 7, d))
    ...         for t, d in days]
    >>> latest_tolls(bordermap.extract(arts))[["best", "reports"]].values.tolist()
    [[13, 2]]
    """
    return newest_reports(tolls(incidents))


def newest_reports(every: pd.DataFrame) -> pd.DataFrame:
    """:func:`latest_tolls` of a frame :func:`tolls` already made."""
    if every.empty:
        return every.assign(reports=pd.Series(dtype="int64"),
                            range_low=pd.array([], dtype="Int64"),
                            range_high=pd.array([], dtype="Int64"))  # fmt: skip
    group = ["kind", "side", "claimant_key"]
    counts = every.groupby(group, sort=False)["kind"].transform("size")
    latest = (
        every.assign(reports=counts.astype("int64")).groupby(group, sort=False).tail(1)
    )  # sorted by as_of within each group: the last is the newest
    bounds = latest.groupby(["kind", "side"])["best"].agg(["min", "max"])
    latest = latest.join(bounds, on=["kind", "side"])
    latest = latest.rename(columns={"min": "range_low", "max": "range_high"})
    for col in ("range_low", "range_high"):
        latest[col] = _int64(latest[col])
    return latest.reset_index(drop=True)


def side_label(side: str) -> str:
    """Whose figure it is, in words.

    Examples
    --------
    >>> side_label("KHM"), side_label("both"), side_label("not stated")
    ('Cambodia', 'both sides', 'side not stated')
    """
    if side == "both":
        return "both sides"
    if side == NOT_STATED:
        return "side not stated"
    return country_label(side)


def claimant_label(key: str, claimant: str) -> str:
    """Who claims a figure, in words ("claimant not stated" when nobody is said).

    Examples
    --------
    >>> claimant_label("not stated", "not stated")
    'claimant not stated'
    """
    return "claimant not stated" if key == NOT_STATED else claimant


def labelled(reports: pd.DataFrame) -> pd.DataFrame:
    """Add ``side_label`` and ``claimant_label`` to :func:`tolls` or its newest rows.

    The words a map prints for each report's side and claimant, so that what
    draws the reports needs no lookup of its own.

    Examples
    --------
    >>> import bordermap, datetime
    >>> a = bordermap.Article("a", "The number of Thais killed has risen to 14, the "
    ...     "Thai defence ministry said.", published=datetime.date(2025, 7, 25))
    >>> labelled(tolls(bordermap.extract([a])))[["side_label", "claimant_label"]]
    ... # doctest: +NORMALIZE_WHITESPACE
      side_label         claimant_label
    0   Thailand  Thai defence ministry
    """
    return reports.assign(
        side_label=[side_label(s) for s in reports["side"]],
        claimant_label=[
            claimant_label(k, c)
            for k, c in zip(reports["claimant_key"], reports["claimant"], strict=True)
        ],
    )
