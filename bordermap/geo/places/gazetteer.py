"""The gazetteer: names of provinces, districts, sites and countries.

It is built from the bundled polygons (admin-1 and admin-2 names and
alternative names), the border-places table (towns, temples, villages,
subdistricts) and the world admin-1 name table (meeting venues, false friends).
Every entry carries its admin-1 ISO 3166-2 code, admin-2 name and country.

Other land borders get the Natural Earth admin-1 units, GeoNames towns near
the border and GeoNames districts (admin-2) of the border provinces
(``world_towns.csv.gz``, ``world_districts.csv.gz``; how they are chosen is in
``tools/build_data.py``).

Lookup is by token n-grams: a name matches when its letters, case-folded and
without diacritics or spaces, equal those of one to six consecutive words of the
text that start with a capital letter. "Si Sa Ket", "Sisaket" and "SI SA KET"
are one key; a name inside a longer word never matches.

Safety rules: one-word names under four letters, stop words, country names and
demonyms are not indexed, except that a three-letter town name is matched where
the town is trusted (its own name, a border town of ``SHORT_NAME_POPULATION``
people or more) and the text writes it capitalised ("Uri", not "URI" or "uri").
A name that is one place's own name is not also read as a world town's or
district's alternative name ("Jermuk", "Islamabad").
"""

from __future__ import annotations

import bisect
import copy
import csv
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields, replace

import shapely

from bordermap.data import data_path, read_csv_gz
from bordermap.geo.places import cache
from bordermap.geo.places.boundaries import (
    BUNDLED_COUNTRIES,
    MERGED_ADMIN1,
    NE_ISO3,
    load_admin1,
    load_admin2,
    world_admin1,
)
from bordermap.geo.places.countries import DEMONYMS, country_names, name_key
from bordermap.geo.places.sound import alike, consonants, similarity, spelt
from bordermap.geo.places.villages import (
    VILLAGE_KINDS,
    border_villages,
    facing_provinces,
)
from bordermap.geo.records import Place

__all__ = ["Gazetteer", "PlaceMatch", "border_gazetteer", "load_gazetteer", "name_key"]

_GAP = re.compile(r"[^\w\s'’-]|\s{2,}|\n")
_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_MAX_TOKENS = 6
# Words that are place names somewhere but read as ordinary English here.
_STOP = frozenset(
    """
    border central north south east west northern southern eastern western capital
    city town district province river hill camp temple army navy royal police song
    said the this that mine mines may will august march union federal national
    national capital territory island islands lake coast sea bay port new old
    central region zone area sector
    more most many some after before over under near even still also then than when
    where while with without into from about around during since until both each every
    other such only just very much what which whom those these there here they them
    their have been were would could should might must shall later early last next
    first second third people troops forces officials government ministry security
    peace fighting attack attacks against among across along between within according
    including
    """.split()
)
# A name never ends in a small lower-case word of the sentence: keys ignore spaces,
# so "Late in" would read as "Latein" (a German name of a Czech town) and "Batken
# as" as "Batkenas" (Lithuanian for Batken).
_TAIL_WORDS = frozenset("a an and as at be by for in is it of on or the to was".split())
#: Words that name a unit or a feature after its name, capitalised or not
#: ("Busasamana Sector", "Kamwezi Sub County"): they end a name, not continue it.
_UNIT_AFTER = frozenset(
    """
    village villages hamlet town township city district subdistrict sub county
    subcounty sector cell union area areas locality commune municipality parish
    ward division region province zone valley hill hills river mountain mountains
    camp crossing checkpoint border post outpost market landing site oasis
    """.split()
)
_APOSTROPHES = frozenset("'’ʼ‘`")
#: A province's acronym: three to five letters, two capitals at least ("PoK").
_ACRONYM = re.compile(r"(?=(?:[a-z]*[A-Z]){2})[A-Za-z]{3,5}")
_KINDS = {"district": "admin2"}  # border-places kinds kept as written otherwise
#: What stands just before a village's name where a report names it as a place.
_PLACE_CUE = re.compile(
    r"(?:\b(?:in|at|near|of|from|to|into|on|around|outside|towards?|between|and|"
    r"hit|struck|shelled|village|villages|hamlet|town)|,)\s+\Z",
    re.IGNORECASE,
)
_PLACE_FIELDS = tuple(f.name for f in fields(Place))
#: The kinds of the border's places a name is matched to by its sound key.
_SOUND_KINDS = frozenset({"admin1", "town", "admin2", *VILLAGE_KINDS})
#: Days and months: capitalised after "on" and "in", never a place by its sound.
_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february "
    "april june july september october november december".split()
)
#: A name matched by its sound has this many letters and key consonants at least.
SOUND_MIN_LETTERS, SOUND_MIN_KEY = 5, 3
#: Before a name read by its sound: a word of place, not of a list ("and", a comma)
_SOUND_CUE = re.compile(
    r"\b(?:in|at|near|from|into|around|outside|towards?|village|villages|hamlet|"
    r"town|district|areas?\s+of|villages?\s+of|town\s+of)\s+\Z",
    re.IGNORECASE,
)
#: A three-letter town name is matched only for towns this large (GeoNames).
SHORT_NAME_POPULATION = 5_000
_SHORT = re.compile(r"[A-Z][a-z]{2}")  # "Uri", "Osh", "Leh": capitalised, not "URI"


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    """A name found in text with the gazetteer entries it may denote."""

    start: int
    end: int
    text: str
    places: tuple[Place, ...]


_TURKIC = {"ə": "a", "ş": "sh", "ç": "ch", "ğ": "gh", "ı": "i", "ö": "o", "ü": "u"}


def _variants(name: str) -> set[str] | tuple[str]:
    """Spelling variants from common romanisation alternations (Thai, Khmer)."""
    low = name.casefold()
    if low.isascii() and "aeo" not in low and not low.startswith(("si", "mueang ")):
        return (name,)  # most names: none
    out = {name}
    if low.startswith(("si ", "si")):
        out.add("Sri" + name[2:])
    if "aeo" in low:
        out.add(re.sub("aeo", "aew", name, flags=re.I))
    if low.startswith("mueang "):
        out.add("Muang " + name[7:])
    if not low.isascii() and any(ch in low for ch in _TURKIC):
        # Azerbaijani and Turkish letters as English news writes them
        plain = "".join(_TURKIC.get(ch, ch) for ch in low)
        out |= {plain, plain.replace("c", "j").replace("chh", "ch")}
    return out


class Gazetteer:
    """Place names of two neighbouring countries, plus countries and venues.

    Build it with :func:`load_gazetteer`; query it with :meth:`find`.
    """

    def __init__(
        self,
        entries: Iterable[tuple[Place, tuple[str, ...]]],
        countries: dict[str, str],
        demonyms: dict[str, str],
    ) -> None:
        self._entries = list(entries)
        #: the border mapped (``--countries``): its places count unnamed
        self.border: tuple[str, ...] = ()
        self.places: tuple[Place, ...] = tuple(place for place, _ in self._entries)
        self.countries = countries  # name key -> ISO3
        self.demonyms = demonyms  # name key -> ISO3
        # every key's entries, before own names are put first; names as own names
        self._raw: dict[str, list[int]] = {}
        self._raw_short: dict[str, list[int]] = {}
        self._own: set[tuple[str, int]] = set()
        self._index: dict[str, tuple[int, ...]] = {}
        self._short: dict[str, tuple[int, ...]] = {}
        self._acronyms: dict[str, tuple[int, ...]] = {}
        self._index_from(0)

    def _index_from(self, start: int) -> None:
        """Index the entries from ``start`` on (lists are replaced, never changed)."""
        touched, touched_short = set(), set()
        for i in range(start, len(self._entries)):
            place, alts = self._entries[i]
            for n, raw in enumerate((place.name, *alts)):
                for name in _variants(raw):
                    key = name_key(name)
                    if key in self.countries or key in self.demonyms:
                        continue
                    if n == 0:
                        self._own.add((key, i))
                    if self._indexable(name, key):
                        if i not in self._raw.get(key, ()):
                            self._raw[key] = [*self._raw.get(key, ()), i]
                            touched.add(key)
                    elif n == 0 and self._trusted_short(name, key, place):
                        self._raw_short[key] = [*self._raw_short.get(key, ()), i]
                        touched_short.add(key)
                    elif _ACRONYM.fullmatch(name) and place.kind == "admin1":
                        # "AJK", "PoK", "IOK": a province's acronym, as written
                        self._acronyms[name] = (*self._acronyms.get(name, ()), i)
        for key in touched:
            self._index[key] = self._own_names_first(key, self._raw[key], self._own)
        for key in touched_short:
            self._short[key] = tuple(self._raw_short[key])

    def with_entries(self, extra: Iterable[tuple[Place, tuple[str, ...]]]) -> Gazetteer:
        """Return this gazetteer with more entries, indexing only those."""
        out = copy.copy(self)
        out._entries = [*self._entries, *extra]
        out.places = tuple(place for place, _ in out._entries)
        out._raw, out._raw_short = dict(self._raw), dict(self._raw_short)
        out._own, out._index, out._short = (
            set(self._own),
            dict(self._index),
            dict(self._short),
        )
        out._acronyms = dict(self._acronyms)
        out.__dict__.pop("_cache", None)
        out.__dict__.pop("_sounds", None)
        out._index_from(len(self._entries))
        return out

    def to_plain(self) -> dict:
        """Give the gazetteer as plain data for :mod:`.cache` (:meth:`from_plain`)."""
        return {
            "entries": [
                (tuple(getattr(p, f) for f in _PLACE_FIELDS), alts)
                for p, alts in self._entries
            ],
            "countries": self.countries,
            "demonyms": self.demonyms,
            "raw": {k: tuple(v) for k, v in self._raw.items()},
            "raw_short": {k: tuple(v) for k, v in self._raw_short.items()},
            "own": tuple(sorted(self._own)),
            "index": self._index,
            "short": self._short,
            "acronyms": self._acronyms,
        }

    @classmethod
    def from_plain(cls, plain: dict) -> Gazetteer:
        """Rebuild the gazetteer :meth:`to_plain` wrote, indexes as they were."""
        out = cls.__new__(cls)
        out._entries = [
            (Place(*fields), tuple(alts)) for fields, alts in plain["entries"]
        ]
        out.border = ()
        out.places = tuple(place for place, _ in out._entries)
        out.countries, out.demonyms = plain["countries"], plain["demonyms"]
        out._raw = {k: list(v) for k, v in plain["raw"].items()}
        out._raw_short = {k: list(v) for k, v in plain["raw_short"].items()}
        out._own = {tuple(pair) for pair in plain["own"]}
        out._index, out._short = plain["index"], plain["short"]
        out._acronyms = plain["acronyms"]
        return out

    @property
    def entries(self) -> tuple[tuple[Place, tuple[str, ...]], ...]:
        """Each entry with its alternative names, as the gazetteer was built."""
        return tuple(self._entries)

    def extended(self, adm1) -> Gazetteer:
        """Return a gazetteer with the user's admin-1 polygons added (and preferred).

        World-layer admin-1 units of the same countries are dropped, and their
        towns are re-assigned to the user's polygon they lie in, so that the
        user's names and codes are the ones that locate incidents.
        """
        countries = set(adm1["adm0_iso3"])
        names = dict(zip(adm1["adm1_iso"], adm1["adm1_name"], strict=True))
        border = dict(zip(adm1["adm1_iso"], adm1["border"], strict=True))
        tree = shapely.STRtree(adm1.geometry.values)
        kept = []
        for place, alts in self._entries:
            if place.curated or place.country_iso3 not in countries:
                kept.append((place, alts))
            elif place.kind in ("town", "admin2") and place.lat is not None:
                hits = tree.query(
                    shapely.Point(place.lon, place.lat), predicate="within"
                )
                if len(hits):
                    code = adm1["adm1_iso"].iloc[int(hits[0])]
                    kept.append(
                        (
                            replace(
                                place,
                                admin1_iso=code,
                                admin1_name=names[code],
                                border=bool(border[code]),
                            ),
                            alts,
                        )
                    )
        out = Gazetteer(
            _admin1_entries(adm1, curated=True) + kept, self.countries, self.demonyms
        )
        out.border = self.border
        return out

    @staticmethod
    def _indexable(name: str, key: str) -> bool:
        words = name.split()
        if not key or key.isdigit():
            return False
        if len(words) == 1 and (len(key) < 4 or key in _STOP):
            return False
        return True

    @staticmethod
    def _trusted_short(name: str, key: str, place: Place) -> bool:
        """Whether a three-letter name is a trusted town's own ("Uri", "Osh").

        The build already dropped three-letter names that are English words
        ("Man", "Bar", "Mon"); what is left is matched only for border towns
        of some size, and only as written capitalised (see :meth:`find`).
        """
        return (
            len(name.split()) == 1
            and len(key) == 3
            and key.isalpha()
            and key not in _STOP
            and place.kind == "town"
            and not place.curated
            and place.border
            and place.population >= SHORT_NAME_POPULATION
        )

    def _own_names_first(
        self, key: str, found: list[int], own: set[tuple[str, int]]
    ) -> tuple[int, ...]:
        """Drop world towns and districts that have ``key`` only as another name.

        They go where another entry has it as its own name: "Jermuk" is a town
        of Vayots Dzor and an old name of a Shirak village; "Islamabad" is the
        capital, and an old name of Anantnag and of Chittagong.
        """
        places = self.places
        # a village's own name is no better evidence than another village's
        # other name ("Kok-Tash": a Sughd village, and the Batken one's usual
        # spelling): only a town, district or province takes the name from them
        if len(found) < 2 or not any(
            (key, i) in own and places[i].kind not in VILLAGE_KINDS for i in found
        ):
            return tuple(found)
        return tuple(
            i
            for i in found
            if (key, i) in own
            or places[i].curated
            or places[i].kind not in ("town", "admin2", *VILLAGE_KINDS)
        )

    def lookup(self, name: str) -> tuple[Place, ...]:
        """Entries whose name or alternative name matches ``name``.

        Examples
        --------
        >>> [(p.kind, p.admin1_iso) for p in load_gazetteer().lookup("Srisaket")]
        [('admin1', 'TH-33'), ('town', 'TH-33')]
        >>> [(p.name, p.admin1_iso) for p in load_gazetteer().lookup("Uri")]
        [('Uri', 'IN-JK')]
        """
        key = name_key(name)
        found = self._index.get(key) or self._short.get(key, ())
        return tuple(self.places[i] for i in found)

    def _memo(self, kind: str, text: str, compute) -> list:
        """Results over a whole text, kept for the few texts used last.

        The extractor asks for one sentence or window after another of the same
        article: scanning the article once and slicing keeps that linear.
        """
        cache = self.__dict__.setdefault("_cache", {})
        hit = cache.get((kind, id(text)))
        if hit is not None and hit[0] is text:
            return hit[1]
        result = compute(text)
        if len(cache) >= 8:
            cache.pop(next(iter(cache)))
        cache[(kind, id(text))] = (text, result)
        return result

    def find(
        self, text: str, start: int = 0, end: int | None = None
    ) -> list[PlaceMatch]:
        """Longest non-overlapping place names in ``text[start:end]``.

        Examples
        --------
        >>> s = "Rockets hit Kap Choeng district of Surin."
        >>> [(m.text, m.places[0].kind) for m in load_gazetteer().find(s)]
        [('Kap Choeng', 'admin2'), ('Surin', 'admin1')]
        """
        end = len(text) if end is None else end
        matches = self._memo("places", text, self._find_all)
        lo = bisect.bisect_left(matches, start, key=lambda m: m.start)
        out = []
        for m in matches[lo:]:
            if m.start >= end:
                break
            if m.end <= end:
                out.append(m)
        return out

    def _find_all(self, text: str) -> list[PlaceMatch]:
        start, end = 0, len(text)
        tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]
        keys = [name_key(text[s:e]) for s, e in tokens]
        out: list[PlaceMatch] = []
        i = 0
        while i < len(tokens):
            found = None
            s0 = tokens[i][0]
            if text[s0].isupper():
                for n in range(min(_MAX_TOKENS, len(tokens) - i), 0, -1):
                    tail = i + n - 1
                    if (
                        n > 1
                        and keys[tail] in _TAIL_WORDS
                        and text[tokens[tail][0]].islower()
                        # "Netu’a", "Yir’on": a name's letters after an apostrophe
                        and text[tokens[tail - 1][1] : tokens[tail][0]]
                        not in _APOSTROPHES
                    ):
                        continue
                    hits = self._index.get("".join(keys[i : i + n]))
                    # words of a name are separated by spaces or hyphens only
                    if hits and not _GAP.search(
                        text, tokens[i][0], tokens[i + n - 1][1]
                    ):
                        found = (n, hits)
                        break
                # "Uri": a trusted three-letter town, written capitalised
                if found is None and _SHORT.fullmatch(text, *tokens[i]):
                    hits = self._short.get(keys[i])
                    found = (1, hits) if hits else None
                # "AJK": a province's acronym, letter for letter
                acronym = self._acronyms.get(text[s0 : tokens[i][1]])
                if found is None and acronym:
                    found = (1, acronym)
                # "in Kong": the border's "Kang", spelt another way
                if found is None and self.border:
                    found = self._sounds_like(text, tokens, keys, i)
            if (
                found
                and any(self.places[h].kind in VILLAGE_KINDS for h in found[1])
                and (
                    self._runs_on(text, tokens, i + found[0])
                    or not _PLACE_CUE.search(text, max(0, s0 - 24), s0)
                )
            ):
                # a village is named as a place ("in Chechme", "villages of A, B
                # and C"), not inside a longer name ("Boko Haram") nor as a
                # person ("mayor Karwan Karim Khan said")
                kept = [h for h in found[1] if self.places[h].kind not in VILLAGE_KINDS]
                found = (found[0], kept) if kept else None
            if found:
                n, hits = found
                s, e = tokens[i][0], tokens[i + n - 1][1]
                out.append(
                    PlaceMatch(s, e, text[s:e], tuple(self.places[h] for h in hits))
                )
                i += n
            else:
                i += 1
        return out

    def _sound_index(self) -> dict[str, tuple[tuple[int, str], ...]]:
        """Sound key → (entry, name spelt in plain letters) of the border's places."""
        found = self.__dict__.get("_sounds")
        if found is None:
            index: dict[str, dict[tuple[int, str], None]] = {}
            for i, (place, alts) in enumerate(self._entries):
                if (
                    place.kind not in _SOUND_KINDS
                    or not place.border
                    or place.country_iso3 not in self.border
                ):
                    continue
                for raw in (place.name, *alts):
                    letters = spelt(raw)
                    key = consonants(letters)
                    if len(key) >= SOUND_MIN_KEY and letters:
                        index.setdefault(key, {})[(i, letters)] = None
            found = {k: tuple(v) for k, v in index.items()}
            self.__dict__["_sounds"] = found
        return found

    def _sounds_like(self, text: str, tokens, keys, i: int) -> tuple | None:
        """Read a name after a place word by its sound key (see :mod:`.sound`).

        The longest run of up to three capitalised words that is neither a
        stop word, a day or month, a people's word, nor (part of) a country's
        name ("Democratic Republic of Congo") or demonym, and whose sound key
        and spelling name places of one province only.
        """
        s0 = tokens[i][0]
        if not _SOUND_CUE.search(text, max(0, s0 - 24), s0):
            return None
        countries = [(c[0], c[1]) for c in self.find_countries(text)]
        for n in range(min(3, len(tokens) - i), 0, -1):
            span = keys[i : i + n]
            if any(not text[tokens[j][0]].isupper() for j in range(i, i + n)) or any(
                k in _STOP
                or k in _CALENDAR
                or k in self.countries
                or k in self.demonyms
                for k in span
            ):
                continue
            s, e = tokens[i][0], tokens[i + n - 1][1]
            if (
                _GAP.search(text, s, e)
                or self._runs_on(text, tokens, i + n)
                or text[s:e].endswith(("ish", "ese"))  # "Kurdish": a people's word
                or any(cs < e and s < ce for cs, ce in countries)
            ):
                continue
            hits = self.sounding(text[s:e])
            if len({self.places[h].admin1_iso for h in hits}) > 1:
                return None  # places of two provinces sound alike: none is taken
            if hits:
                return n, hits
        return None

    def sounding(self, name: str) -> tuple[int, ...]:
        """Entries of the border's own places whose sound key is ``name``'s.

        The name as written and the entry's, spelt in plain letters, must also
        begin alike and be alike (see :func:`.sound.alike`): "Sunday" has the
        consonants of "Sandeh" but is not spelt like it. Of those, the ones
        spelt most like it are kept.
        """
        letters = spelt(name)
        key = consonants(letters)
        if len(letters) < SOUND_MIN_LETTERS or len(key) < SOUND_MIN_KEY:
            return ()
        scored = [
            (similarity(letters, other), h)
            for h, other in self._sound_index().get(key, ())
            if alike(letters, other)
        ]
        # the spellings nearest the one written ("Siunik": Syunik, not Sanak)
        best = max((score for score, _ in scored), default=0.0)
        return tuple(dict.fromkeys(h for score, h in scored if score >= best - 0.05))

    @staticmethod
    def _runs_on(text: str, tokens, nxt: int) -> bool:
        """Whether a capitalised word continues a name (one space between)."""
        if nxt >= len(tokens):
            return False
        s, e = tokens[nxt]
        gap = text[tokens[nxt - 1][1] : s]
        return (
            gap == " " and text[s].isupper() and name_key(text[s:e]) not in _UNIT_AFTER
        )

    def find_countries(
        self, text: str, start: int = 0, end: int | None = None
    ) -> list[tuple[int, int, str, bool]]:
        """Country names and demonyms: ``(start, end, iso3, is_demonym)``.

        Examples
        --------
        >>> [c[2:] for c in load_gazetteer().find_countries("Thai troops in Cambodia")]
        [('THA', True), ('KHM', False)]
        """
        end = len(text) if end is None else end
        found = self._memo("countries", text, lambda t: list(self._countries_in(t)))
        return [c for c in found if start <= c[0] and c[1] <= end]

    def _countries_in(self, text: str) -> Iterator[tuple[int, int, str, bool]]:
        start, end = 0, len(text)
        tokens = [
            (m.start(), m.end())
            for m in re.finditer(
                r"[A-Z][\w.]*(?:\s+(?:of\s+)?[A-Z][\w.]*)*", text[start:end]
            )
        ]
        for s, e in tokens:
            words = text[start + s : start + e].split()
            i = 0
            while i < len(words):
                for n in range(min(5, len(words) - i), 0, -1):
                    phrase = " ".join(words[i : i + n])
                    phrase = phrase.rstrip(".")  # not the full stop after it
                    key = name_key(phrase)
                    if key in self.demonyms or key in self.countries:
                        pos = text.index(phrase, start + s)
                        iso, dem = (
                            (self.demonyms[key], True)
                            if key in self.demonyms
                            else (self.countries[key], False)
                        )
                        yield pos, pos + len(phrase), iso, dem
                        i += n
                        break
                else:
                    i += 1


def _admin1_entries(adm1, curated: bool) -> list[tuple[Place, tuple[str, ...]]]:
    """List entries for admin-1 polygons (name, alternative names, inner point)."""
    out = []
    points = shapely.point_on_surface(adm1.geometry.values)
    for row, point in zip(adm1.itertuples(), points, strict=True):
        alts = tuple(a for a in str(row.alt_names or "").split("|") if a)
        place = Place(
            row.adm1_name,
            "admin1",
            row.adm0_iso3,
            row.adm1_iso,
            row.adm1_name,
            "",
            round(point.y, 5),
            round(point.x, 5),
            bool(row.border),
            curated,
        )
        out.append((place, alts))
    return out


def _bundled_entries() -> list[tuple[Place, tuple[str, ...]]]:
    """List the detailed Thailand–Cambodia entries: provinces, districts, places."""
    adm1 = load_admin1(BUNDLED_COUNTRIES)
    adm2 = load_admin2(BUNDLED_COUNTRIES)
    border = dict(zip(adm1["adm1_iso"], adm1["border"], strict=True))
    names1 = dict(zip(adm1["adm1_iso"], adm1["adm1_name"], strict=True))
    entries = _admin1_entries(adm1, curated=True)
    points = shapely.point_on_surface(adm2.geometry.values)
    for row, point in zip(adm2.itertuples(), points, strict=True):
        place = Place(
            row.adm2_name,
            "admin2",
            row.adm0_iso3,
            row.adm1_iso,
            names1.get(row.adm1_iso, row.adm1_name),
            row.adm2_name,
            round(point.y, 5),
            round(point.x, 5),
            bool(border.get(row.adm1_iso)),
            True,
        )
        entries.append((place, ()))
    with data_path("places_THA_KHM.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            alts = tuple(a for a in row["alt_names"].split("|") if a)
            place = Place(
                row["name"],
                _KINDS.get(row["kind"], row["kind"]),
                row["country_iso3"],
                row["admin1_iso"],
                names1.get(row["admin1_iso"], row["admin1_name"]),
                row["admin2_name"],
                float(row["lat"]),
                float(row["lon"]),
                bool(border.get(row["admin1_iso"])),
                True,
            )
            entries.append((place, alts))
    return entries


def _world_entries() -> list[tuple[Place, tuple[str, ...]]]:
    """List admin-1 units of other land-bordering countries, border towns, districts."""
    world = world_admin1()
    world = world[~world["adm0_iso3"].isin(BUNDLED_COUNTRIES)].copy()
    world["border"] = world["borders"] != ""
    entries = _admin1_entries(world, curated=False)
    names1 = dict(zip(world["adm1_iso"], world["adm1_name"], strict=True))
    for row in read_csv_gz("world_towns.csv.gz"):
        iso3 = NE_ISO3.get(row["country_iso3"], row["country_iso3"])
        if iso3 in BUNDLED_COUNTRIES or not row["admin1_iso"]:
            continue
        adm1 = MERGED_ADMIN1.get(row["admin1_iso"], row["admin1_iso"])
        alts = tuple(a for a in row["alt_names"].split("|") if a)
        capital = (
            row["capital"] == "1"
        )  # a national capital: a venue, not a border place
        place = Place(
            row["name"],
            "capital" if capital else "town",
            iso3,
            adm1,
            names1.get(adm1, ""),
            "",
            float(row["lat"]),
            float(row["lon"]),
            not capital,
            False,
            int(row["population"] or 0),
        )
        entries.append((place, alts))
    # districts of border provinces; a district GeoNames files no town under has
    # a province but no point (its incidents are counted, not drawn as markers)
    for row in read_csv_gz("world_districts.csv.gz"):
        iso3 = NE_ISO3.get(row["country_iso3"], row["country_iso3"])
        if iso3 in BUNDLED_COUNTRIES:
            continue
        adm1 = MERGED_ADMIN1.get(row["admin1_iso"], row["admin1_iso"])
        place = Place(
            row["name"],
            "admin2",
            iso3,
            adm1,
            names1.get(adm1, ""),
            row["name"],
            float(row["lat"]) if row["lat"] else None,
            float(row["lon"]) if row["lon"] else None,
            True,
            False,
            int(row["population"] or 0),
        )
        entries.append((place, tuple(a for a in row["alt_names"].split("|") if a)))
    return entries


@functools.cache
def border_gazetteer(countries: tuple[str, str]) -> Gazetteer:
    """Return the gazetteer with the villages of a border's facing provinces.

    A village whose name a town or district of the same province already has
    is left to that entry.

    Examples
    --------
    >>> g = border_gazetteer(("KGZ", "TJK"))
    >>> [(p.kind, p.admin1_iso, p.admin2_name) for p in g.lookup("Chechme")]
    [('village', 'KG-B', 'Kadamjai')]
    """
    base = load_gazetteer()
    # a village does not take a name from a province, a capital or a town of
    # its own country ("Lima" is the capital, not the Cajamarca village)
    taken = {
        name_key(p.name)
        for p in base.places
        if p.kind in ("admin1", "capital", "venue")
        or (p.kind in ("town", "admin2") and p.country_iso3 in countries)
    }
    taken |= set(base.countries) | set(base.demonyms)
    extra = []
    for place, alts in border_villages(tuple(countries)):
        if name_key(place.name) in taken:
            continue
        extra.append((place, tuple(a for a in alts if name_key(a) not in taken)))
    gazetteer = base.with_entries(extra)
    gazetteer.border = tuple(countries)
    # the towns and districts of the provinces facing the other country are on
    # this border ("Mae Sariang" faces Myanmar, though not Cambodia); the index
    # holds entry numbers, which stay as they are
    facing = facing_provinces(tuple(countries))
    entries = gazetteer._entries
    for i, (place, alts) in enumerate(entries):
        if not place.border and place.admin1_iso in facing:
            entries[i] = (replace(place, border=True), alts)
    gazetteer.places = tuple(place for place, _ in entries)
    gazetteer._sound_index()  # built with the gazetteer, not at its first use
    return gazetteer


@functools.cache
def load_gazetteer() -> Gazetteer:
    """Build the gazetteer from bundled data.

    Thailand–Cambodia entries come from the detailed layers (``curated``);
    every other land-bordering country contributes its Natural Earth admin-1
    units, the GeoNames towns near a land border (all within about 30 km,
    larger ones of the border provinces up to about 100 km) and the GeoNames
    districts of its border provinces. Admin-1 units of countries without land
    borders are kept as meeting venues.

    Returns
    -------
    Gazetteer

    Examples
    --------
    >>> g = load_gazetteer()
    >>> [(p.kind, p.admin1_iso) for p in g.lookup("Ta Moan Thom")]  # disputed
    [('temple_claim', 'KH-22'), ('temple', 'TH-32')]
    >>> sorted({p.admin1_iso for p in g.lookup("Kalbajar")})
    ['AZ-KAL']
    >>> [(p.kind, p.admin1_iso) for p in g.lookup("Kurram")]
    [('admin2', 'PK-KP')]
    """
    plain = cache.load("gazetteer")
    if plain is not None:
        try:
            return Gazetteer.from_plain(plain)
        except (KeyError, TypeError, ValueError):
            pass  # written by another layout: built anew below
    gazetteer = _build_gazetteer()
    cache.store("gazetteer", gazetteer.to_plain())
    return gazetteer


def _build_gazetteer() -> Gazetteer:
    entries = _bundled_entries() + _world_entries()
    land = set(world_admin1()["adm0_iso3"])
    with data_path("world_admin1_names.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            iso3 = NE_ISO3.get(row["country_iso3"], row["country_iso3"])
            if not row["iso_3166_2"] or iso3 in land:
                continue  # countries with land borders are in the world layer
            alts = tuple(a for a in row["alt_names"].split("|") if a)
            place = Place(
                row["name"],
                "venue",
                iso3,
                row["iso_3166_2"],
                row["name"],
                "",
                float(row["lat"]),
                float(row["lon"]),
                False,
                False,
            )
            entries.append((place, alts))
    country_keys = dict(country_names())
    demonyms = {name_key(d): iso for iso, ds in DEMONYMS.items() for d in ds}
    unique: dict[tuple, tuple[Place, tuple[str, ...]]] = {}
    for place, alts in entries:
        key = (place.kind, place.name, place.admin1_iso, place.admin2_name)
        if key in unique:
            alts = tuple(dict.fromkeys(unique[key][1] + alts))
            place = unique[key][0]
        unique[key] = (place, alts)
    return Gazetteer(unique.values(), country_keys, demonyms)
