"""Place names in the border's own scripts: Thai and Russian spellings.

``bordermap/data/names_<lang>.csv.gz`` (built by ``tools/build_names.py`` from
HDX COD-AB Thailand, Natural Earth ``name_ru``, GeoNames and
``tools/native_names.csv``) gives one row per spelling with the English entry it
stands for, its province, district and point.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from bordermap.data import read_csv_gz
from bordermap.geo.places.gazetteer import Gazetteer, PlaceMatch
from bordermap.geo.places.villages import VILLAGE_KINDS
from bordermap.geo.records import Place

__all__ = [
    "NATIVE_LANGUAGES",
    "NativeGazetteer",
    "Spelling",
    "common_stems",
    "native_names",
]

#: Languages with a bundled name table.
NATIVE_LANGUAGES = ("ru", "th")


@functools.cache
def native_names(lang: str) -> dict[str, tuple[Place, ...]]:
    """Spelling (as the language writes it) → the gazetteer entries it may denote.

    Parameters
    ----------
    lang : str
        An ISO 639-1 code of :data:`NATIVE_LANGUAGES`.

    Raises
    ------
    ValueError
        For a language without a bundled name table.

    Examples
    --------
    >>> [(p.name, p.kind, p.admin1_iso) for p in native_names("th")["กันทรลักษ์"]]
    [('Kantharalak', 'admin2', 'TH-33')]
    >>> [(p.name, p.admin1_iso) for p in native_names("ru")["Баткенская область"]]
    [('Batken', 'KG-B')]
    """
    if lang not in NATIVE_LANGUAGES:
        raise ValueError(
            f"no place names in {lang!r}; bordermap has them in "
            f"{', '.join(NATIVE_LANGUAGES)}"
        )
    out: dict[str, list[Place]] = {}
    for r in read_csv_gz(f"names_{lang}.csv.gz"):
        if not r["name"]:
            continue
        place = Place(
            name=r["place"],
            kind=r["kind"],
            country_iso3=r["country_iso3"],
            admin1_iso=r["admin1_iso"],
            admin1_name=r["admin1_name"],
            admin2_name=r["admin2_name"],
            lat=float(r["lat"]) if r["lat"] else None,
            lon=float(r["lon"]) if r["lon"] else None,
        )
        out.setdefault(r["name"], []).append(place)
    return {name: tuple(places) for name, places in out.items()}


@functools.cache
def common_stems(lang: str) -> frozenset[str]:
    """Stems of the language's common words, where a word list is shipped.

    ``bordermap/data/common_<lang>.csv.gz`` (built by ``tools/build_names.py``
    from wordfreq): a place whose name reads as one of them ("Рани" in "Ранее",
    earlier; "Тех", those) is not read bare, only beside a level word.

    Examples
    --------
    >>> "ран" in common_stems("ru")  # "ранее", earlier
    True
    >>> common_stems("th")
    frozenset()
    """
    try:
        return frozenset(r["stem"] for r in read_csv_gz(f"common_{lang}.csv.gz"))
    except FileNotFoundError:
        return frozenset()


def _a_country(spelling: Spelling, name: str) -> bool:
    """Whether a name is a country's or its people's ("Кыргызстан": also a village).

    Kazakh or Tajik letters are read as Russian writes them ("Қырғызстан").
    """
    folded = name.lower().translate(_FOLD).capitalize()
    return any(
        pattern.match(form)
        for form in {name, folded}
        for _, pattern in (*spelling.countries, *spelling.demonyms)
    )


#: Kyrgyz, Kazakh, Tajik and Ukrainian letters as Russian writes the same names
#: ("Көк-Таш", "Кок-Таш"; "Ҷиргатол", "Джиргаталь" stays apart): one key for both.
_FOLD = str.maketrans(
    {
        "ё": "е",
        "ө": "о",
        "ү": "у",
        "ң": "н",
        "ҳ": "х",
        "қ": "к",
        "ғ": "г",
        "ӣ": "и",
        "ӯ": "у",
        "і": "и",
        "ї": "и",
        "є": "е",
        "ә": "а",
        "ұ": "у",
    }
)
#: A name in the language's own script: the villages' names it is written in.
_SCRIPTS = {"ru": re.compile("[\u0400-\u04ff]"), "th": re.compile("[\u0e00-\u0e7f]")}
#: Shortest name matched without a level word (a province any length).
BARE_MIN = 4
#: A town this large is matched bare even where its name is a common word
#: ("Харьков", "Донецк"); a smaller one ("Новый", "Тех") only beside a level word.
CITY_POPULATION = 100_000
#: The kinds of place each level word names ("district": a curated border district).
_LEVEL_KINDS = {"admin1": ("admin1",), "admin2": ("admin2", "district")}
_ANY_UNIT = tuple(k for kinds in _LEVEL_KINDS.values() for k in kinds)
#: Kinds matched bare (with no level word), on the border and of BARE_MIN letters.
_BARE_KINDS = frozenset(
    {"admin2", "district", "town", "temple", "temple_claim", "village"}
)
#: A romanised Russian or Ukrainian place adjective: "Belgorodskiy", "Romenskyi".
_ADJECTIVE_NAME = re.compile(r"(?:sk|tsk)(?:iy|yi|yy|y|i|aya|a|oye|oe|e)?\b", re.I)
_WORD = re.compile(r"[^\W\d_][^\W\d_-]*(?:-[^\W\d_]+)*")


@dataclass(frozen=True, slots=True)
class Spelling:
    """How one language writes place names: what :class:`NativeGazetteer` needs.

    ``unspaced`` languages (Thai) write words without spaces between them, so
    names are looked for at every letter; spaced ones (Russian) inflect them, so
    each word loses its ending (``endings``, longest first) before lookup.
    ``levels`` maps a level (``admin1``, ``admin2``, ``site``) to the words that
    name it; ``countries`` and ``demonyms`` map an ISO3 code to its words.
    """

    lang: str
    unspaced: bool
    endings: tuple[str, ...] = ()
    levels: tuple[tuple[str, re.Pattern], ...] = ()
    countries: tuple[tuple[str, re.Pattern], ...] = ()
    demonyms: tuple[tuple[str, re.Pattern], ...] = ()

    def stem(self, word: str) -> str:
        """Cut the longest known ending off a word, keeping three letters.

        Examples
        --------
        >>> Spelling("ru", False, ("ой", "ая", "и", "ь")).stem("Баткенской")
        'баткенск'
        >>> ru = Spelling("ru", False)
        >>> ru.stem("Көк-Таш") == ru.stem("Кок-Таш")
        True
        """
        low = word.casefold().translate(_FOLD)
        for ending in self.endings:
            if low.endswith(ending) and len(low) - len(ending) >= 3:
                return low[: -len(ending)]
        return low


#: The shortest unit name read when misspelt by one letter (``_misspelt``).
_MISSPELT_MIN = 5


def _one_edit(a: str, b: str) -> bool:
    """Tell whether two different strings are one insertion, deletion or change apart.

    Examples
    --------
    >>> _one_edit("กันทลักษ์", "กันทรลักษ์"), _one_edit("abc", "abc"), _one_edit("ab", "ba")
    (True, False, False)
    """
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    k = 0
    while k < len(a) and a[k] == b[k]:
        k += 1
    if len(a) == len(b):
        return a[k + 1 :] == b[k + 1 :]
    return a[k:] == b[k + 1 :]


#: Thai signs written after a consonant (vowels above, below and after, tone
#: marks): a syllable never starts with one. Leading vowels (เ แ โ ใ ไ) are
#: written before their consonant: a syllable never ends with one.
_THAI_AFTER = frozenset(
    chr(c) for c in (*range(0x0E30, 0x0E3B), 0x0E45, *range(0x0E47, 0x0E4F))
)
_THAI_BEFORE = frozenset(chr(c) for c in range(0x0E40, 0x0E45))


def _syllable_edges(text: str, start: int, end: int) -> bool:
    """Tell whether ``text[start:end]`` may begin and end between Thai syllables.

    Only the signs that cannot stand at a syllable's edge are checked: a vowel
    or tone mark written after a consonant right after the span or at its
    start, a leading vowel at its end or right before it. "บ้านเส" (Ban Se) is
    not in "ชาวบ้านเสียชีวิต" (villagers died): the vowel "ี" after it belongs
    to its last syllable. A cut before a final consonant ("บ้านเส" in
    "บ้านเสนา") is not seen: that needs a dictionary of Thai words.

    Examples
    --------
    >>> text = "ชาวบ้านเสียชีวิต"
    >>> _syllable_edges(text, 3, 9), _syllable_edges("ที่บ้านเส อำเภอ", 3, 9)
    (False, True)
    """
    if end < len(text) and text[end] in _THAI_AFTER:
        return False
    if text[start] in _THAI_AFTER or text[end - 1] in _THAI_BEFORE:
        return False
    return not (start > 0 and text[start - 1] in _THAI_BEFORE)


class NativeGazetteer:
    """The gazetteer's places under the names one language writes for them.

    It answers :meth:`find` and :meth:`find_countries` as
    :class:`~bordermap.geo.places.gazetteer.Gazetteer` does, so the extractor's
    location and merging steps read Thai or Russian text unchanged. Each
    spelling of :func:`native_names` stands for the gazetteer's own entry of that
    name, kind and province (the same ``Place`` an English report gives), or,
    for places the gazetteer lacks (Thai sub-districts far from the border), for
    a new entry in a province it knows. A name counts where a level word is
    before or after it ("อ.กันทรลักษ์", "Баткенский район"), or bare where it is
    a province's, or a border district's or town's of :data:`BARE_MIN` letters
    or more (Russian names written capitalised).
    """

    def __init__(self, base: Gazetteer, spelling: Spelling) -> None:
        self.spelling = spelling
        self.base = base
        self.border = base.border
        own = {(p.name, p.kind, p.admin1_iso): p for p in base.places}
        units = {p.admin1_iso: p for p in base.places if p.kind == "admin1"}
        index: dict[tuple[str, ...] | str, list[Place]] = {}
        home = set(self.border) | {iso for iso, _ in spelling.countries}
        for name, places in sorted(native_names(spelling.lang).items()):
            for native in places:
                unit = units.get(native.admin1_iso)
                if not name or unit is None:
                    continue  # a province the gazetteer does not know
                place = own.get((native.name, native.kind, native.admin1_iso)) or (
                    replace(native, border=unit.border, curated=unit.curated)
                )
                if (
                    place.kind in _ANY_UNIT
                    and not place.curated
                    and place.country_iso3 in home
                ):
                    # a unit's official name in its own language ("Баткенская
                    # область") is no false friend: on the border mapped and in
                    # the countries the word file names it counts unasked;
                    # elsewhere only where the article names its country
                    # ("заседание в Нью-Йорке" is no place of the border)
                    place = replace(place, curated=True)
                for key in self._keys(name):
                    found = index.setdefault(key, [])
                    if place not in found:
                        found.append(place)
        # the border villages' own-script names ("Чечме", "Көк-Таш"): only those
        # of the gazetteer's villages, which it holds for the border mapped
        script = _SCRIPTS.get(spelling.lang)
        for place, alts in base.entries:
            if script is None or place.kind not in VILLAGE_KINDS:
                continue
            for name in alts:
                if not script.search(name) or _a_country(spelling, name):
                    continue
                for key in self._keys(name):
                    found = index.setdefault(key, [])
                    if key and place not in found:
                        found.append(place)
        self._index = {k: tuple(v) for k, v in index.items()}
        common = common_stems(spelling.lang)
        #: keys that read as a common word: their small places need a level word
        self._common = frozenset(
            k
            for k in self._index
            if isinstance(k, tuple) and len(k) == 1 and k[0] in common
        )
        # unspaced: the lengths of names by their first two letters, longest first
        lengths: dict[str, set[int]] = {}
        for key in self._index:
            if isinstance(key, str):
                lengths.setdefault(key[:2], set()).add(len(key))
        self._lengths = {k: sorted(v, reverse=True) for k, v in lengths.items()}
        spaced = [len(k) for k in self._index if isinstance(k, tuple)]
        self._longest = max(spaced, default=0)
        # unspaced: provinces' and districts' names by their first letter, for a
        # name misspelt by one letter after a level word ("อ.กันทลักษ์")
        self._units: dict[str, list[tuple[str, tuple[Place, ...]]]] = {}
        for key, places in self._index.items():
            if isinstance(key, str) and len(key) >= _MISSPELT_MIN:
                if any(p.kind in _ANY_UNIT for p in places):
                    self._units.setdefault(key[0], []).append((key, places))

    def _keys(self, name: str) -> tuple:
        """Give the index keys of a name: unspaced, as typed either way ("ำ", "ํา")."""
        if not self.spelling.unspaced:
            return (self._key(name),)
        return tuple(dict.fromkeys((name, name.replace("\u0e33", "\u0e4d\u0e32"))))

    def _key(self, name: str) -> tuple[str, ...]:
        return tuple(self.spelling.stem(w) for w in _WORD.findall(name))

    def _level(self, text: str, start: int, end: int) -> str:
        """Give the level a word just before (or, spaced, just after) a name names."""
        before = text[max(0, start - 12) : start]
        after = text[end : end + 14]
        last = text[start:end].split()[-1]
        for level, pattern in self.spelling.levels:
            # "Баткенской области": the name says its own level
            if not self.spelling.unspaced and pattern.fullmatch(last):
                return level
        for level, pattern in self.spelling.levels:
            for m in pattern.finditer(before):
                if not before[m.end() :].strip():
                    return level
            if not self.spelling.unspaced:
                m = pattern.match(after.lstrip())
                if m and (len(after) - len(after.lstrip())) <= 1:
                    return level
        return ""

    def _fit(self, places: tuple[Place, ...], level: str, length: int) -> tuple:
        if level in _LEVEL_KINDS:
            # a unit of the level told, else of the other: Azerbaijan's rayons
            # ("Товузский район") are its first level
            told = tuple(p for p in places if p.kind in _LEVEL_KINDS[level])
            units = told or tuple(p for p in places if p.kind in _ANY_UNIT)
            # "อ.เมียวดี": a town the text calls a district (Myanmar's townships)
            return units or tuple(p for p in places if p.kind == "town")
        if level:  # a sub-district, village, town or temple
            return tuple(p for p in places if p.kind not in (*_ANY_UNIT, "venue"))
        return tuple(
            p
            for p in places
            if p.kind == "admin1"
            or (length >= BARE_MIN and p.border and p.kind in _BARE_KINDS)
        )

    def find(
        self, text: str, start: int = 0, end: int | None = None
    ) -> list[PlaceMatch]:
        r"""Longest non-overlapping place names in ``text[start:end]``.

        Examples
        --------
        >>> from bordermap.geo.places.gazetteer import load_gazetteer
        >>> th = Spelling("th", True, levels=(("admin2", re.compile(r"อ\.")),))
        >>> g = NativeGazetteer(load_gazetteer(), th)
        >>> [(m.text, m.places[0].name) for m in g.find("จรวดตกที่ อ.กันทรลักษ์ จ.ศรีสะเกษ")]
        [('กันทรลักษ์', 'Kantharalak'), ('ศรีสะเกษ', 'Si Sa Ket')]
        """
        end = len(text) if end is None else end
        find = self._find_unspaced if self.spelling.unspaced else self._find_spaced
        return list(find(text, start, end))

    def _find_unspaced(self, text: str, start: int, end: int) -> Iterator[PlaceMatch]:
        # where a level word ends ("อ.", "จังหวัด"): a misspelt unit may follow
        told = {
            m.end() + len(text[m.end() : end]) - len(text[m.end() : end].lstrip())
            for level, pattern in self.spelling.levels
            if level in _LEVEL_KINDS  # "อ.", "จังหวัด"; not a village's "บ้าน"
            for m in pattern.finditer(text, start, end)
        }
        i = start
        while i < end:
            found = None
            for n in self._lengths.get(text[i : i + 2], ()):
                if i + n > end or not _syllable_edges(text, i, i + n):
                    continue
                places = self._index.get(text[i : i + n])
                if places:
                    fit = self._fit(places, self._level(text, i, i + n), n)
                    if fit:
                        found = PlaceMatch(i, i + n, text[i : i + n], fit)
                        break
            if found is None and i in told:
                found = self._misspelt(text, i, end)
            if found:
                yield found
                i = found.end
            else:
                i += 1

    def _misspelt(self, text: str, i: int, end: int) -> PlaceMatch | None:
        """Read a province or district misspelt by one letter after its level word.

        "อ.กันทลักษ์" is Kantharalak (กันทรลักษ์, one letter dropped): a unit's
        name of at least ``_MISSPELT_MIN`` letters one edit away, ending between
        syllables, of the level the word names, with the same first letter; kept
        only where every such reading lies in one province.
        """
        hits = []
        for key, places in self._units.get(text[i], ()):
            for n in (len(key) - 1, len(key), len(key) + 1):
                if i + n <= end and _syllable_edges(text, i, i + n):
                    if _one_edit(text[i : i + n], key):
                        fit = self._fit(places, self._level(text, i, i + n), n)
                        hits += [(n, p) for p in fit]
        if not hits or len({p.admin1_iso for _, p in hits}) != 1:
            return None
        n = max(n for n, _ in hits)
        fit = tuple(dict.fromkeys(p for k, p in hits if k == n))
        return PlaceMatch(i, i + n, text[i : i + n], fit)

    def _find_spaced(self, text: str, start: int, end: int) -> Iterator[PlaceMatch]:
        words = list(_WORD.finditer(text, start, end))
        stems = [self.spelling.stem(w.group()) for w in words]
        i = 0
        while i < len(words):
            found = None
            if words[i].group()[0].isupper():  # names are written capitalised
                for n in range(min(self._longest, len(words) - i), 0, -1):
                    key = tuple(stems[i : i + n])
                    places = self._index.get(key)
                    s, e = words[i].start(), words[i + n - 1].end()
                    if places and "\n" not in text[s:e]:
                        level = self._level(text, s, e)
                        if not level and key in self._common:
                            # "Ранее", "Новый": a word, unless a city's name
                            places = tuple(
                                p
                                for p in places
                                if p.kind in _ANY_UNIT
                                or p.population >= CITY_POPULATION
                            )
                        fit = self._fit(places, level, e - s)
                        if fit:
                            found = (n, PlaceMatch(s, e, text[s:e], fit))
                            break
                if found is None and self.base.border:
                    found = self._sounds_like(text, words, stems, i)
            if found:
                yield found[1]
                i += found[0]
            else:
                i += 1

    def _sounds_like(self, text: str, words, stems, i: int) -> tuple | None:
        """Read a name beside a level word by the sound of its stem, romanised.

        "Дарвазского района" is the border's Darvoz district and "Глушковском
        районе" its Glushkovskiy raion, though no Russian spelling of either is
        in the data: the stem ("дарвазск"), with and without the adjective's
        "ск", is matched by :meth:`Gazetteer.sounding` among the border's own
        places, and kept where a place of the level the word names is found.
        """
        for n in range(min(3, len(words) - i), 0, -1):
            span = words[i : i + n]
            s, e = span[0].start(), span[-1].end()
            if "\n" in text[s:e] or any(
                not w.group()[0].isupper() or _a_country(self.spelling, w.group())
                for w in span
            ):
                continue
            level = self._level(text, s, e)
            nxt = words[i + n] if i + n < len(words) else None
            if not level or (
                # "губернатор региона Роман Старовойт": a person, not a place
                nxt is not None
                and nxt.group()[0].isupper()
                and text[e : nxt.start()] == " "
            ):
                continue
            stem = " ".join(stems[i : i + n])
            adjective = stem.endswith(("ск", "цк"))
            # "Белгородского района": Belgorodskiy raion; "Дарвазского": Darvoz
            forms = [(stem, True), (stem[:-2], False)] if adjective else [(stem, False)]
            for form, as_adjective in forms:
                hits = self.base.sounding(form)
                places = tuple(
                    p
                    for p in (self.base.places[h] for h in hits)
                    if not as_adjective or _ADJECTIVE_NAME.search(p.name)
                )
                fit = self._fit(places, level, e - s) if places else ()
                if len({p.admin1_iso for p in fit}) > 1:
                    return None  # of two provinces: none is the place meant
                if fit:
                    return n, PlaceMatch(s, e, text[s:e], fit)
        return None

    def find_countries(
        self, text: str, start: int = 0, end: int | None = None
    ) -> list[tuple[int, int, str, bool]]:
        """Country words and demonyms: ``(start, end, iso3, is_demonym)``, in order."""
        end = len(text) if end is None else end
        out = []
        taken: list[tuple[int, int]] = []
        tables = ((self.spelling.demonyms, True), (self.spelling.countries, False))
        for table, demonym in tables:
            for iso, pattern in table:
                for m in pattern.finditer(text, start, end):
                    if not any(s < m.end() and m.start() < e for s, e in taken):
                        taken.append(m.span())
                        out.append((m.start(), m.end(), iso, demonym))
        return sorted(out)
