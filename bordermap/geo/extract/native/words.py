"""A language's words (``rules/<lang>/reading.txt``) as the reader uses them."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from bordermap.geo.extract.words.lexicon import Lexicon, lexicon
from bordermap.geo.places.gazetteer import Gazetteer
from bordermap.geo.places.native import NativeGazetteer, Spelling

__all__ = ["DIGITS", "READERS", "Words", "native_gazetteer", "words"]

#: Languages with a word file (and a place-name table) the reader reads.
READERS = ("ru", "th")
#: Hedges in the order they are tried.
_HEDGES = ("at_least", "more_than", "around", "up_to")
_LEVELS = ("admin1", "admin2", "site")
#: Thai digits to ASCII ones (``str.translate`` table), and a digit of either script.
DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
DIGIT = r"[0-9๐-๙]"
#: Matches nothing: a section a language leaves empty.
_NOTHING = re.compile(r"(?!)")


def _valued(lex: Lexicon, section: str) -> tuple[tuple[str, re.Pattern], ...]:
    """Rows "value regex" of a section, the regex compiled case-insensitive."""
    out = []
    for row in lex.words(section):
        value, _, expression = row.partition(" ")
        out.append((value, re.compile(rf"(?:{expression})", re.I)))
    return tuple(out)


def _rows(lex: Lexicon, section: str, template: str = "{}") -> re.Pattern:
    """Compile a section's rows into ``template``; an empty section matches nothing."""
    if not lex.words(section):
        return _NOTHING
    return re.compile(template.format(lex.alternation(section)), re.I)


@dataclass(frozen=True)
class Words:
    """The patterns and values of one language's word file.

    ``number`` finds a figure (digits in either script, with its thousands and
    decimals, or a number word) with an optional multiplier after it; the
    other patterns are the file's sections as named.
    """

    lang: str
    unspaced: bool
    kinds: tuple[tuple[str, re.Pattern], ...]  # killed / wounded / displaced
    persons: re.Pattern
    number: re.Pattern
    number_words: dict[str, int]
    multipliers: tuple[tuple[int, re.Pattern], ...]
    hedges: tuple[tuple[str, re.Pattern], ...]
    vague: tuple[tuple[int, re.Pattern], ...]
    events: tuple[tuple[str, re.Pattern], ...]
    border: re.Pattern
    both_sides: re.Pattern
    aggregate: re.Pattern
    speakers: re.Pattern
    saying: re.Pattern
    relative: tuple[tuple[int, re.Pattern], ...]
    weekdays: tuple[tuple[int, re.Pattern], ...]
    date: re.Pattern
    months: tuple[tuple[int, re.Pattern], ...]
    era: int
    soldiers: re.Pattern
    civilians: re.Pattern
    in_country: re.Pattern
    since: re.Pattern
    another: re.Pattern
    none: tuple[tuple[str, re.Pattern], ...]
    families: re.Pattern
    clauses: re.Pattern
    points_back: re.Pattern
    landmark: re.Pattern
    range_to: re.Pattern
    range_from: re.Pattern | None
    abbreviation: re.Pattern
    spelling: Spelling
    #: right after a figure: an age ("10-летняя")
    age: re.Pattern = _NOTHING
    #: one person of a kind told without a figure ("погиб рядовой"): the kind,
    #: its verb alone (a quick test) and the verb beside its person
    one: tuple[tuple[str, re.Pattern, re.Pattern], ...] = ()

    def value(self, figure: str) -> int | None:
        """Give the integer a figure written with digits or words stands for.

        Examples
        --------
        >>> th = words("th")
        >>> th.value("๒,๐๐๐"), th.value("2.5 แสน"), th.value("สอง")
        (2000, 250000, 2)
        >>> words("ru").value("136 тысяч"), words("ru").value("1,5 тыс.")
        (136000, 1500)
        """
        figure = figure.translate(DIGITS).strip()
        m = re.match(r"[0-9][0-9\s,.\u00a0]*", figure)
        if m:
            digits = m.group().strip()
            rest = figure[m.end() :].strip()
            groups = re.split(r"[\s,.\u00a0]", digits)
            if len(groups) > 1 and all(len(g) == 3 for g in groups[1:]):
                base: float = int("".join(groups))
            elif len(groups) == 2:
                base = float(f"{groups[0]}.{groups[1]}")
            else:
                base = int(groups[0])
        else:
            word = re.match(r"\w+", figure)
            if word is None or word.group().casefold() not in self.number_words:
                return None
            base = self.number_words[word.group().casefold()]
            rest = figure[word.end() :].strip()
        for factor, pattern in self.multipliers:
            if rest and pattern.match(rest):
                base *= factor
                break
        return round(base)


def _number(lex: Lexicon, unspaced: bool) -> tuple[re.Pattern, dict[str, int]]:
    number_words = {}
    for value, pattern in _valued(lex, "numbers"):
        for word in pattern.pattern[3:-1].split("|"):
            number_words[word.casefold()] = int(value)
    multipliers = "|".join(p.pattern for _, p in _valued(lex, "multipliers"))
    figure = rf"{DIGIT}{{1,3}}(?:[,\u00a0 ]{DIGIT}{{3}})+|{DIGIT}+(?:[.,]{DIGIT}+)?"
    gap = r"\s*" if unspaced else r"\s+"
    words_ = "|".join(sorted(number_words, key=len, reverse=True))
    edge = "" if unspaced else r"\b"
    pattern = re.compile(
        rf"(?<![0-9๐-๙.,])(?:{figure})(?:\s*(?:{multipliers}))?(?!{DIGIT})"
        rf"|{edge}(?:{words_}){edge}(?:{gap}(?:{multipliers}))?",
        re.I,
    )
    return pattern, number_words


@functools.cache
def words(lang: str) -> Words:
    """Return the reader's words of a language of :data:`READERS`.

    Raises
    ------
    ValueError
        For a language without a word file.
    """
    if lang not in READERS:
        raise ValueError(f"no word file for {lang!r}; bordermap reads {READERS}")
    lex = lexicon(f"{lang}/reading")
    unspaced = lex.words("writing") == ("unspaced",)
    months = tuple((int(v), p) for v, p in _valued(lex, "months"))
    month = "|".join(p.pattern for _, p in months)
    era = f"(?:{lex.alternation('era_marks')})?" if lex.words("era_marks") else ""
    date = re.compile(
        rf"(?<!{DIGIT})(?P<day>{DIGIT}{{1,2}})\s*(?P<month>{month})\.?"
        rf"(?:\s*{era}\s*(?P<year>{DIGIT}{{4}}|{DIGIT}{{2}})(?!{DIGIT}))?",
        re.I,
    )
    number, number_words = _number(lex, unspaced)
    spelling = Spelling(
        lang,
        unspaced,
        endings=tuple(sorted(lex.words("endings"), key=len, reverse=True)),
        levels=tuple((level, lex.pattern(f"prefix_{level}")) for level in _LEVELS),
        countries=_valued(lex, "countries"),
        demonyms=_valued(lex, "demonyms"),
    )
    return Words(
        lang=lang,
        unspaced=unspaced,
        kinds=tuple(
            (kind, lex.pattern(kind)) for kind in ("killed", "wounded", "displaced")
        ),
        persons=lex.pattern("persons"),
        number=number,
        number_words=number_words,
        multipliers=tuple((int(v), p) for v, p in _valued(lex, "multipliers")),
        hedges=tuple((q, lex.pattern(q)) for q in _HEDGES),
        vague=tuple((int(v), p) for v, p in _valued(lex, "vague")),
        events=_valued(lex, "events"),
        border=lex.pattern("border"),
        both_sides=lex.pattern("both_sides"),
        aggregate=lex.pattern("aggregate"),
        speakers=lex.pattern("speakers"),
        saying=lex.pattern("saying"),
        relative=tuple((int(v), p) for v, p in _valued(lex, "relative")),
        weekdays=tuple((int(v), p) for v, p in _valued(lex, "weekdays")),
        date=date,
        months=months,
        era=int(lex.words("era")[0]),
        soldiers=lex.pattern("soldiers"),
        civilians=lex.pattern("civilians"),
        in_country=lex.pattern("in_country"),
        since=_rows(lex, "since", r"{}\s*\Z"),
        another=_rows(lex, "another", r"{}\s*\Z"),
        none=_valued(lex, "none"),
        families=_rows(lex, "families"),
        clauses=_rows(lex, "clauses"),
        points_back=_rows(lex, "points_back"),
        landmark=_rows(lex, "landmark"),
        range_to=_rows(lex, "range_to", r"\s*(?:{})\s*"),
        range_from=(
            _rows(lex, "range_from", r"(?:{})\s*\Z")
            if lex.words("range_from")
            else None
        ),
        # "136 тыс. человек": a point that ends a word, not the sentence
        abbreviation=_rows(lex, "abbreviations", r"\b{}\.\Z"),
        spelling=spelling,
        age=_rows(lex, "age"),
        one=_one(lex),
    )


def _one(lex: Lexicon) -> tuple[tuple[str, re.Pattern, re.Pattern], ...]:
    """Compile one person killed or wounded, told without a figure.

    The person in the singular beside a verb of the kind in the singular, either
    first ("погиб рядовой", "водитель был ранен"), or after a verb that acts on
    them ("застрелили гражданина"); at most two words between, no figure and no
    negation ("водитель не пострадал" is no one).

    Returns
    -------
    tuple
        ``(kind, verbs, pattern)`` per kind: the kind's verbs alone (a quick test)
        and the verbs beside their person.
    """
    if not lex.words("one_person"):
        return ()
    person = rf"\b(?:{lex.alternation('one_person')})\b"
    acted = dict(_valued(lex, "one_acted"))
    gap = rf"(?:\s+(?:(?!не\b)[^\W\d]+|\d+(?:{lex.alternation('age')})),?){{0,2}}?\s+"
    out = []
    for kind, verb in _valued(lex, "one"):
        told = rf"(?<!не\s)\b{verb.pattern}\b"
        forms = [rf"{told}{gap}{person}", rf"{person}{gap}{told}"]
        verbs = [verb.pattern]
        if kind in acted and lex.words("one_object"):
            obj = rf"\b(?:{lex.alternation('one_object')})\b"
            forms.append(rf"(?<!не\s)\b{acted[kind].pattern}\b{gap}{obj}")
            verbs.append(acted[kind].pattern)
        out.append(
            (
                kind,
                re.compile("|".join(verbs), re.I),
                re.compile("|".join(forms), re.I),
            )
        )
    return tuple(out)


@functools.cache
def native_gazetteer(base: Gazetteer, lang: str) -> NativeGazetteer:
    """Give the gazetteer's places under the names ``lang`` writes (built once)."""
    return NativeGazetteer(base, words(lang).spelling)
