"""Incident mentions in article text: event triggers, places, dates, counts.

A sentence is read as a row of *event triggers* ("fired on", "BM-21 rockets ...
came down", "an explosion", "fled"). The text from one trigger to the next is
that trigger's window: the places, dates and attributions in it belong to it.
Counts ("killing two", "at least 30 people have died") attach to the trigger
whose kind of event they fit. Nothing here knows about polygons: places are
gazetteer matches, resolved later by :mod:`bordermap.geo.geocode`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date

from bordermap.geo.counts import find_counts
from bordermap.geo.dates import Dateline, DateMention, find_dates, past_period
from bordermap.geo.gazetteer import Gazetteer, PlaceMatch
from bordermap.geo.records import VIOLENT_TYPES, Article, Count, Quote
from bordermap.geo.text import Sentence

__all__ = ["Mention", "extract_mentions"]

_F = re.I
_SMALL_VALUES = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_SMALL_NUMBER = r"\d+|one|two|three|four|five|six|seven|eight|nine|ten"


def _rx(*parts: str) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in parts), _F)


# ---------------------------------------------------------------- triggers
_FIRE_VERB = (
    r"fir(?:ed|ing|es)|fire|struck|strikes?|hit|hits|hitting|landed|landing|fell|"
    r"falling|came\s+down|rained|pounded|pounding|targeted|targeting|launched|"
    r"launching|exploded|reached|slammed|shelled|damaged|set\s+fire"
)
_ART = (
    r"rockets?|BM-21s?|artillery|shells|shell|mortars?|howitzers?|heavy\s+weapons|"
    r"barrages?|rocket\s+launchers?|cannon|tank\s+fire|missiles?|grenades?|warships?|"
    r"gunboats?|naval\s+guns?"
)
_AIR = (
    r"(?:fighter\s+)?jets?|F-16s?|Gripens?|warplanes?|aircraft|bombers?|armed\s+drones?"
)
# "had moved to evacuation centres", "moved away from villages along the border"
_MOVED = (
    r"(?:moved|shifted|relocated|transferred|bussed|taken)\s+(?:away\s+from|out\s+of|to\s+"
    r"(?:[\w-]+\s+){0,2}?(?:centres?|centers?|shelters?|camps?|sites?|safety|safer\s+\w+|"
    r"relatives|temples?|schools?|buildings?))"
    r"|(?:staying|housed|living|sheltered)\s+in\s+(?:[\w-]+\s+){0,3}?(?:shelters?|camps?|"
    r"centres?|centers?)"
    # "tens of thousands of people have left Poipet" (not "has left two dead")
    r"|ha(?:ve|s|d)\s+left\s+(?!(?:\d|a|an|one|two|three|four|five|six|seven|eight|nine|"
    r"ten|dozens|scores|hundreds|many|several)\b)(?=(?-i:[A-Z])|their|the\s+(?:area|town|city|"
    r"village|region|border))"
)
# "told residents of 12 border villages to leave for shelters": an order, no count
_ORDERED = (
    r"\b(?:told|ordered|urged|asked|instructed|advised)\s+(?:[\w'’-]+\s+){0,8}?to\s+"
    r"(?:leave|evacuate|move\s+to|head\s+to|go\s+to)\b"
)
TRIGGERS: dict[str, re.Pattern] = {
    "air_strike": _rx(
        r"\bair\s*strikes?\b",
        r"\bairstrikes?\b",
        r"\bair\s+raids?\b",
        r"\bbomb(?:ed|ing)\b",
        rf"\b(?:{_AIR})\b(?=[^.;]{{0,60}}\b(?:struck|strike|hit|bomb|attack|target))",
        r"\bdrone\s+(?:strike|attack)s?\b",
        r"\bdrones?\b(?=[^.;]{0,40}\b(?:dropped|struck|strike|hit|bomb\w*|attack\w*|fired|"
        r"crashed|shot\s+down|exploded))",
        r"\bdropped\s+(?:bombs|explosives|grenades|munitions)\b",
        r"\bshot\s+down\s+(?:[\w-]+\s+){0,4}?(?:drones?|UAVs?|missiles?|jets?|aircraft|"
        r"planes?|helicopters?)\b",
    ),
    "shelling": _rx(
        r"\bshell(?:ing|ed)\b",
        r"\bbombard(?:ment|ed|ing)\b",
        r"\bbarrages?\b",
        r"\b(?:artillery|rocket|mortar|tank)\s+(?:fire|attacks?|strikes?)\b",
        rf"\b(?:{_ART})\b(?=[^.;]{{0,60}}\b(?:{_FIRE_VERB})\b)",
        rf"\b(?:{_FIRE_VERB})\b(?=[^.;]{{0,40}}\b(?:{_ART})\b)",
    ),
    "landmine_explosive": _rx(
        r"\bexplosions?\b",
        r"\bblasts?\b",
        r"\bexploded\b",
        r"\bdetonat\w+",
        r"\bstepped\s+on\b",
        r"\b(?:land\s*)?mines?\b(?=[^.;]{0,60}\b(?:wound|injur|kill|maim|"
        r"sever|hurt|blast|explo))",
        r"\b(?:wound|injur|kill|maim|hurt)\w*\b(?=[^.;]{0,50}"
        r"\b(?:land\s*)?mines?\b)",
        r"\bIEDs?\b",
    ),
    "attack_on_civilians": _rx(
        r"\b(?:fired|firing|opened\s+fire|shot|shooting)\s+(?:on|at|upon|into)?\s*(?:unarmed\s+)?"
        r"(?:civilians|villagers|residents|farmers|people\s+who)\b",
        r"\battacks?\s+on\s+civilians\b",
    ),
    "armed_clash": _rx(
        r"\bclash(?:es|ed)?\b",
        r"\bfighting\b",
        r"\bfought\b",
        r"\bfire\s*fights?\b",
        r"\bshoot-?outs?\b",
        r"\bprovocations?\b",
        r"\bgun\s*(?:fire|fights?|battles?)\b",
        r"\bexchanges?\s+of\s+(?:[\w-]+\s+){0,4}fire\b",
        r"\bexchanged\s+(?:gun)?fire\b",
        r"\bopened\s+fire\b",
        r"\bfired\s+(?:on|at|upon|shots|towards?)\b",
        r"\bshots?\s+(?:rang|were|was)\b",
        r"\bshooting\b",
        r"\bskirmish(?:es)?\b",
        r"\bincursions?\b",
        r"\bground\s+offensive\b",
        r"\bmilitary\s+operations?\b",
        r"\bcombat\b",
        r"\bhostilities\b",
        r"\bambush(?:ed)?\b",
        r"\bpush\s+(?:them|the\s+\w+(?:\s+\w+)?)\s+back\b",
        r"\b(?:seiz|captur)(?:ed|ing)\s+(?:[\w'’-]+\s+){0,4}?(?:hills?|bases?|positions?|"
        r"posts?|outposts?|villages?|heights|territory)\b",
        r"\battack(?:s|ed)?\b",
    ),
    "ceasefire_agreement": _rx(
        r"\b(?:agreed|signed|sealed|reached|brokered|struck)\b[^.;]{0,60}\b(?:ceasefire|"
        r"cease-fire|truce|deal|agreement|accords?)\b",
        r"\b(?:ceasefire|truce)\b[^.;]{0,30}\b(?:took\s+effect|began|starting|came\s+into)\b",
        r"\bmeeting\s+of\b",
        r"\b(?:talks|meeting|summit)\s+(?:in|at)\b",
        r"\b(?:meet|sit)\s+(?:again\s+)?(?:on|later|next|in)\b",
        r"\bmediators?\b",
        r"\bagreed\s+(?:[\w-]+\s+){0,3}?to\s+(?:stop|halt|end|cease|withdraw|pull\s+(?:back|"
        r"out)|disengage)\b",
        r"\b(?:ceasefire|cease-fire|truce)\s+(?:was\s+)?(?:brokered|agreed|signed|reached|"
        r"mediated|announced)\b",
    ),
    "evacuation_displacement": _rx(
        r"\bevacuat\w+",
        r"\bfled\b",
        r"\bflee(?:ing)?\b",
        r"\bdisplaced\b",
        r"\bsheltering\b",
        r"\b(?:took|taken|take|sought|seek|taking)\s+shelter\b",
        r"\b(?:in|to|into)\s+(?:\w+\s+)?shelters\b",
        r"\b(?:forced|driven)\s+(?:out\s+)?from\s+(?:their\s+)?homes\b",
        r"\bleft\s+(?:their\s+)?homes\b",
        r"\bmoved\s+to\s+(?:safety|safer\s+\w+|(?:relief\s+)?camps|shelters?)\b",
        rf"\b{_MOVED}",
        r"\b(?:sought|seek|seeking|took|taken|taking)\s+refuge\b",
        _ORDERED,
        r"\brelief\s+camps?\b",
        r"\bexodus\b",
        r"\bmoving\s+(?:residents|villagers|people)\b",
        r"\brefugees?\b",
        r"\bleave\s+at\s+once\b",
        r"\bbegan\s+leaving\b",
        r"\bleft\s+the\s+[\w\s\"'“”-]{0,25}zone\b",
        r"\btransferring\s+patients\b",
        r"\buprooted\b",
    ),
    "arrest_prisoners": _rx(
        r"\bcaptured\s+(?:[\w-]+\s+){0,3}?(?:soldiers?|troops|servicem[ae]n|fighters|personnel|"
        r"men|guards|civilians)\b",
        r"\b(?:were|was|been|being)\s+(?:captured|taken\s+prisoner)\b",
        r"\bdetained\b",
        r"\barrested\b",
        r"\bprisoners?\b",
        r"\bin\s+(?:\w+\s+)?custody\b",
        r"\bheld\s+by\b",
        r"\bheld\s+captive\b",
        r"\bhand(?:ed)?\s*over\b",
        r"\brelease\s+of\s+\w+",
    ),
}
TRIGGERS["other"] = _rx(
    r"\bset\s+(?:on\s+fire|ablaze|alight|fire\s+to)\b",
    r"\b(?:torched|looted|burned\s+down|burnt\s+down)\b",
)
# A stronger trigger wins where two overlap ("fired on civilians" over "fired on").
_PRIORITY = (
    "attack_on_civilians",
    "air_strike",
    "landmine_explosive",
    "shelling",
    "arrest_prisoners",
    "ceasefire_agreement",
    "evacuation_displacement",
    "armed_clash",
    "other",
)
_NEGATION = re.compile(
    r"\b(?:no|not|never|neither|nor|denied|deny|denies|denying|rejected|without|bars?|"
    r"barred|(?-i:bans?|banning)|prohibit\w*|refrain\w*|avoid\w*|"
    r"undertook|undertake|covers|urg(?:ed|es|ing)|call(?:ed|s|ing)\s+(?:on|for)|appeal\w*|"
    r"to\s+(?:stop|halt|end|prevent)|feared|fears?)\b|n't\b",
    _F,
)
_ATTEMPT = re.compile(r"\b(?:tr(?:y|ies|ied|ying)|attempt(?:s|ed|ing)?)\s+to\s+$", _F)
_SUPERLATIVE = re.compile(
    r"\b(?:worst|heaviest|deadliest|fiercest|bloodiest|biggest|largest|most\s+"
    r"(?:serious|intense|severe|violent))\s+(?:[\w-]+\s+)?$",
    _F,
)
_COMPARED = re.compile(
    r"\b(?:since|in\s+(?:years|decades|a\s+decade|more\s+than\s+a\s+decade)|ever|"
    r"on\s+record|in\s+(?:recent\s+)?(?:memory|history))\b",
    _F,
)
_SINCE = re.compile(r"\b(?:since|began|begun|started|broke\s+out)\b[^.;]*$", _F)
_BACKGROUND = re.compile(r"\bsince\s+(?:the\s+)?(?:\w+\s+){0,3}$", _F)
_PLANNED = re.compile(
    r"\b(?:will|shall|is\s+due|are\s+due|was\s+due|were\s+due|due\s+to|is\s+to|are\s+to|"
    r"expected\s+to|scheduled|plans?\s+to|planned|would\s+(?:meet|hold|sign)|to\s+be\s+held|"
    r"next\s+week|upcoming|offered\s+to|offers\s+to|if\s+both\s+sides\s+wish)\b",
    _F,
)
_CLAUSE = re.compile(
    r";|:|\s[—–]\s|,\s+(?=(?:and|but|while|as|after|hours\s+after|when|which|who|although|"
    r"though|whereas)\b)|\s(?=and\s+(?:later|then|also)\b)",
    _F,
)
_BORDER_CUE = re.compile(
    r"\b(?:along|on|near|across|at)\s+the\s+(?:[\w-]+\s+){0,2}(?:border|frontier|"
    r"front\s*lines?|front|line\s+of\s+(?:control|contact))\b|\bborder-wide\b"
    r"|\bon\s+(?:both|the\s+two)\s+sides\b|\bfront\s*lines?\b"
    r"|\bborder\s+(?:areas?|regions?|zones?)\b",
    _F,
)
_BOTH_SPEAKERS = re.compile(
    r"\b(?:officials|sources|authorities|spokes\w+|leaders|governments|ministers|"
    r"militaries|armies|according\s+to)\s+(?:\w+\s+)?(?:on|of|from|for)\s+(?:both|the\s+two)\s+"
    r"(?:sides|countries)\b",
    _F,
)
_BOTH = re.compile(
    r"\b(?:on\s+)?(?:both|the\s+two)\s+(?:sides|countries)\b|\bon\s+each\s+side\b"
    r"|\bcombined\b",
    _F,
)
_AGGREGATE = re.compile(
    r"\bso\s+far\b|\bin\s+total\b|\btotal\b|\btoll\b|\bbrings?\s+(?:the\s+\w+\s+)?to\b|"
    r"\bbrought\s+(?:the\s+\w+\s+)?to\b|\bin\s+the\s+past\s+(?:week|days|month)|"
    r"\bover\s+the\s+past\b|\bin\s+(?:\w+\s+)?days\s+of\s+fighting\b|\baltogether\b|"
    r"\bcumulative\b|\boverall\b|\bsince\s+(?:the\s+)?(?:fighting|clashes|conflict)|"
    r"\bsince\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b|"
    r"\bha(?:ve|s)\s+(?:been\s+)?(?:killed|wounded|injured|died|displaced|forced|driven|"
    r"evacuated|fled|uprooted)\b|"
    # one side's total, or a total over several places or up to a time
    r"\bon\s+(?:its|their|our)\s+(?:own\s+)?side\b|"
    r"\b(?:across|in)\s+(?:two|three|four|five|six|seven|eight|nine|ten|several|\d+|all|"
    r"the)\s+(?:[\w-]+\s+)?(?:provinces|districts|regions|states|areas)\b|"
    r"\bby\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|the|that)\s+"
    r"(?:evening|night|morning|afternoon)\b",
    _F,
)
_RUNNING_TOTAL = re.compile(
    r"\b(?:brings?|brought|bringing|raises?|raised|rose|risen|climbed)\s+"
    r"(?:the\s+[\w\s]{0,20}?\s*)?(?:to|above|past|beyond)\s+(?=\S)"
    r"|\b(?:toll|number\s+of\s+(?:[\w-]+\s+){0,3}?(?:killed|dead|deaths|wounded|injured|"
    r"displaced))\b[^.;]{0,40}?\b(?:passed|topped|exceeded|surpassed|reached)\s+(?=\S)",
    _F,
)
# "Poipet, the border town opposite Thailand's Aranyaprathet": a landmark
_REFERENCE = re.compile(
    r"\b(?:opposite|across\s+(?:the\s+border\s+)?from|facing)\s+(?:the\s+)?"
    r"(?:[\w'’-]+\s+){0,2}$",
    _F,
)
_LAUNCH = re.compile(
    r"(?:\b(?:fir(?:ed|ing|es)?|launch(?:ed|ing)?|shot|took\s+off|flew|rockets?|shells|"
    r"artillery)\s+(?:[\w-]+\s+){0,4}?from|\bfrom\s+across|\bfrom\s+(?:[\w-]+\s+){0,3}?"
    r"(?:bases?|positions?|launchers?)\s+(?:at|in|near)|\bbased\s+(?:at|in))\s+(?:the\s+)?"
    r"(?:(?!(?:in|at|on|into|onto|landed|hit|struck|fell|near)\b)[\w'’-]+\s+){0,3}$",
    _F,
)

# ---------------------------------------------------------------- casualty words
_KILLED = re.compile(
    r"\b(?:killed|killing|kills?|dead|died|dies|deaths?|death\s+toll|lost\s+(?:their|his|her)"
    r"\s+lives?|slain|fatalit(?:y|ies)|perished|lives\s+lost)\b",
    _F,
)
_WOUNDED = re.compile(
    r"\b(?:wounded|wounding|wounds?|injured|injuring|injur(?:y|ies)|hurt|maimed)\b", _F
)
_DISPLACED = re.compile(
    r"\b(?:displaced|evacuated|evacuees?|fled|fleeing|flee|(?:forced|driven)\s+(?:out\s+)?from"
    r"|left\s+(?:their\s+)?homes|sheltering|in\s+shelters|taken\s+shelter|refugees|uprooted|"
    r"homeless|moved\s+to\s+(?:safety|safer\s+\w+|(?:relief\s+)?camps|shelters?)|"
    rf"relocated|left\s+the|{_MOVED}|(?:sought|took|taken)\s+refuge)",
    _F,
)
_PRISONERS = re.compile(
    r"\b(?:held|captured|detained|prisoners?|custody|release|released|freed|free|handed)\b",
    _F,
)
_NONVIOLENT = re.compile(
    r"\b(?:evacuees?|shelters?|heart|illness|ill|disease|natural\s+causes|condition|"
    r"patients?|sick|heat\s*stroke|exhaustion)\b",
    _F,
)
_PERSON = (
    r"soldiers?|troops?|servicem[ae]n|marines?|rangers?|sailors?|officers?|police(?:men|man)?|"
    r"civilians?|villagers?|residents?|people|persons?|farmers?|children|women|men|man|woman|"
    r"child|boys?|girls?|students?|monks?|evacuees?|workers?|members?|personnel|fighters?|"
    r"families|households|refugees|troopers?|guards?|others"
)
_THINGS = re.compile(
    rf"\s+(?:(?!(?:{_PERSON}|in|at|of|from|and|or|near|on|who|were|was)\b)[\w-]+\s+){{0,2}}?"
    r"(?:villages?|homes?|houses?|buildings?|schools?|temples?|pagodas?|hospitals?|"
    r"bridges?|roads?|vehicles?|cars?|trucks?|tanks?|provinces?|districts?|regions?|"
    r"areas?|locations?|sites?|targets?|positions?|posts?|outposts?|checkpoints?|bases?|"
    r"camps?|shelters?|centres?|centers?|fronts?|points?|times?|communes?|towns?)\b",
    _F,
)
_SOLDIER = re.compile(
    r"\b(?:soldiers?|troops?|servicem[ae]n|marines?|rangers?|sailors?|troopers?|personnel|"
    r"fighters?|guards?|privates?|sergeants?|commanders?|military)\b",
    _F,
)
_CIVILIAN = re.compile(
    r"\b(?:civilians?|villagers?|residents?|farmers?|children|women|students?|monks?|"
    r"evacuees?|families|households|person|people\s+who\s+were\s+living)\b",
    _F,
)
_POLICE = re.compile(r"\bpolice(?:men|man)?\b|\bofficers?\b", _F)
_ATTRIBUTION = re.compile(
    r"(?P<who>(?:the\s+)?(?:[A-Z][\w'’.-]*\s+|of\s+|and\s+|the\s+|army'?s?\s+|"
    r"(?:\d|[a-z])\w*\s+(?=[A-Z])){0,8}(?:[Aa]rmy|[Nn]avy|[Mm]inistry|[Oo]fficials?|"
    r"[Ss]pokes(?:man|woman|person)|[Mm]ilitary|[Pp]olice|[Gg]overnment|[Ss]ources|"
    r"[Cc]ommand|[Rr]egion|[Aa]rea|[A-Z][\w'’.-]+))\s+(?:said|says|told|reported|posted|"
    r"announced|confirmed|stated|claimed)\b"
    r"|\baccording\s+to\s+(?P<who2>[^,.;]{3,80})"
)


@dataclass
class Mention:
    """One incident as one sentence (or part of it) tells it."""

    article_id: str
    sentence: int
    paragraph: int
    event_type: str
    start: int  # window span in Article.text
    end: int
    trigger: str
    places: list[PlaceMatch] = field(default_factory=list)
    excluded_places: list[PlaceMatch] = field(default_factory=list)
    border_cue: bool = False
    countries: list[str] = field(default_factory=list)
    date: date | None = None
    date_text: str = ""
    date_basis: str = ""
    clock: str = ""
    counts: dict[str, Count] = field(default_factory=dict)
    other_counts: dict[str, Count] = field(default_factory=dict)
    scope: str = "event"
    planned: bool = False
    attribution: str = ""
    quote: Quote | None = None
    new_event: bool = False  # "another", "a further" ...
    anaphoric: bool = False  # "the shooting", "the blast": an incident told before
    orphan_counts: dict[str, Count] = field(default_factory=dict)  # fit no mention here
    both_sides: bool = False
    background: str = ""  # "earlier this year": before the report's days, undated
    trigger_at: int = -1  # where the trigger starts in Article.text


# ---------------------------------------------------------------- helpers
def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for m in _CLAUSE.finditer(text, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return out


def _triggers(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Non-overlapping triggers in a sentence, stronger types first."""
    found: list[tuple[int, int, str]] = []
    for etype in _PRIORITY:
        for m in TRIGGERS[etype].finditer(text, start, end):
            s, e = m.span()
            if any(s < fe and fs < e for fs, fe, _ in found):
                continue
            found.append((s, e, etype))
    # "rockets set fire to farmland": the damage of a named weapon is its event
    if any(etype in VIOLENT_TYPES for _, _, etype in found):
        found = [t for t in found if t[2] != "other"]
    clauses = _clauses(text, start, end)
    kept = []
    for s, e, etype in sorted(found):
        cs = next((a for a, b in clauses if a <= s < b + 1), start)
        lead = text[cs:s]
        if _NEGATION.search(lead) or _BACKGROUND.search(text[max(start, s - 40) : s]):
            continue
        if _ATTEMPT.search(text, max(start, s - 25), s):
            continue  # "as the family tried to flee": not a flight that happened
        # "in the worst fighting since their 2020 war": a comparison, not an event
        if _SUPERLATIVE.search(text, max(start, s - 30), s) and _COMPARED.search(
            text, e, min(end, e + 80)
        ):
            continue
        # "warships had fired on the coast": the weapon's act, not another clash
        prev = kept[-1] if kept else None
        if (
            prev
            and etype == "armed_clash"
            and prev[2] in _WEAPON_TYPES
            and s - prev[1] <= 25
            and not re.search(r"[,;]|\band\b", text[prev[1] : s])
        ):
            continue
        kept.append((s, e, etype))
    return kept


@dataclass
class _Found:
    """A count phrase of a sentence and the casualty kind it was read as."""

    cs: int
    ce: int
    count: Count
    kind: str | None
    qs: int
    qe: int


_JOINED = re.compile(r"\s+(?:[\w'’-]+\s+){0,6}?(?:and|plus)\s+$", _F)
_OWN_VERB = re.compile(r"\s+(?:were|was|are|is|have|has|had|remain\w*)\b", _F)
_RELATIVE = re.compile(
    r"\s+(?:[\w-]+\s+)?and\s+(?:his|her|their)\s+(?:son|daughter|wife|husband|child|"
    r"mother|father|brother|sister|grandson|granddaughter|baby)\b",
    _F,
)
_OF_WHOM = re.compile(
    rf"(?P<n>{_SMALL_NUMBER})\s+of\s+(?:whom|them)\s+(?:later\s+|subsequently\s+|"
    r"have\s+since\s+|had\s+since\s+)?(?:died|succumbed|were\s+killed|was\s+killed)",
    _F,
)


def _side_of(text: str, start: int, end: int, gazetteer: Gazetteer) -> str | None:
    found = {iso for _, _, iso, _ in gazetteer.find_countries(text, start, end)}
    return found.pop() if len(found) == 1 else None


def _sum(a: Count, b: Count, group_a: str, group_b: str) -> Count:
    """Parts of one side and incident ("six soldiers and five civilians") added up.

    A hedge on a part holds for the sum: "at least 11 civilians and one soldier"
    is at least 12; parts with different kinds of hedge give an estimate.
    """

    def add(x, y):
        return None if x is None or y is None else x + y

    hedges = {a.qualifier, b.qualifier} - {"exact"}
    if len(hedges) > 1:
        qualifier = "at_least" if hedges == {"at_least", "more_than"} else "around"
    else:
        qualifier = hedges.pop() if hedges else "exact"
    stated = (
        a.stated + b.stated
        if isinstance(a.stated, int) and isinstance(b.stated, int)
        else add(a.best, b.best)
    )
    low, best, high = add(a.low, b.low), add(a.best, b.best), add(a.high, b.high)
    if qualifier == "at_least" and len({a.qualifier, b.qualifier} - {"exact"}) > 1:
        best, stated = low, low
    elif qualifier == "around":
        low = high = None
    return Count(
        low=low,
        best=best,
        high=high,
        qualifier=qualifier,
        stated=stated,
        breakdown=((group_a, a.best), (group_b, b.best)),
        note="sum of stated parts",
    )


def _combine(
    text: str,
    found: list[_Found],
    gazetteer: Gazetteer,
    end: int,
    sides: dict[int, str],
) -> list[_Found]:
    """Join counts that the text joins: parts of one side add up, sides stay apart.

    "wounded six soldiers and five civilians" is one count of 11 with a
    breakdown; "at least 21 killed in Thailand and 18 in Cambodia" are two
    counts, one per side (``sides`` maps their start to the country), the
    hedge of the first applying to the second; "four wounded, two of whom later
    died" is two wounded (alternative reading four) and two killed.
    """
    out: list[_Found] = []
    i = 0
    while i < len(found):
        cur = found[i]
        nxt = found[i + 1] if i + 1 < len(found) else None
        joined = (
            nxt is not None
            and _JOINED.fullmatch(text, cur.ce, nxt.cs)
            and not _OWN_VERB.match(text, nxt.ce)
        )
        if (
            joined
            and (cur.kind or nxt.kind)
            and (not (cur.kind and nxt.kind) or cur.kind == nxt.kind)
        ):
            kind = cur.kind or nxt.kind
            tail = re.search(r"[,;.]|$", text[nxt.ce : end])
            side_a = _side_of(text, cur.ce, nxt.cs, gazetteer)
            side_b = _side_of(text, nxt.ce, nxt.ce + tail.start(), gazetteer)
            if side_a and side_b and side_a != side_b:
                second = nxt.count
                if second.qualifier == "exact" and cur.count.qualifier in {
                    "at_least",
                    "more_than",
                }:
                    second = _from_qualifier(second, cur.count.qualifier)
                out.append(_Found(cur.cs, cur.ce, cur.count, kind, cur.qs, cur.qe))
                out.append(
                    _Found(nxt.cs, nxt.ce, second, kind, nxt.cs, nxt.ce + tail.start())
                )
                sides[cur.qs] = side_a
                sides[nxt.cs] = side_b
            else:
                group_a = _victim_group(text[cur.ce : nxt.cs])
                group_b = _victim_group(text[nxt.ce : nxt.ce + 25])
                summed = _sum(cur.count, nxt.count, group_a, group_b)
                out.append(
                    _Found(
                        cur.cs,
                        nxt.ce,
                        summed,
                        kind,
                        min(cur.qs, nxt.cs),
                        max(cur.qe, nxt.qe, nxt.ce),
                    )
                )
            i += 2
            continue
        relative = _RELATIVE.match(text, cur.ce) if cur.kind else None
        if relative and cur.count.best == 1:
            # "killing a woman and her son": two people
            two = Count(2, 2, 2, "exact", stated=2, note="sum of stated parts")
            cur = _Found(
                cur.cs,
                relative.end(),
                two,
                cur.kind,
                cur.qs,
                max(cur.qe, relative.end()),
            )
        out.append(cur)
        i += 1
    for m in _OF_WHOM.finditer(text, found[0].cs if found else end, end):
        before = [f for f in out if f.kind == "wounded" and f.ce <= m.start()]
        n = _SMALL_VALUES.get(m.group("n").casefold()) or int(m.group("n"))
        if not before or before[-1].count.best is None or before[-1].count.best < n:
            continue
        w = before[-1]
        left = w.count.best - n
        w.count = replace(
            w.count,
            low=left,
            best=left,
            high=left,
            stated=left,
            alternatives=(w.count.best,),
            note=f"{n} of them later died",
        )
        died = Count(n, n, n, "exact", stated=n)
        out.append(_Found(m.start(), m.end(), died, "killed", m.start(), m.end()))
    return out


def _from_qualifier(count: Count, qualifier: str) -> Count:
    value = count.best or 0
    if qualifier == "at_least":
        return replace(count, low=value, best=value, high=None, qualifier=qualifier)
    return replace(count, low=value + 1, best=value + 1, high=None, qualifier=qualifier)


def _clone(mention: Mention, side: str) -> Mention:
    """Copy ``mention`` for the other side's count."""
    twin = replace(
        mention,
        counts={},
        orphan_counts={},
        other_counts={},
        places=[],
        excluded_places=[],
        countries=[side] if side else [],
    )
    return twin


def _mask(text: str, rx: re.Pattern, start: int, end: int) -> str:
    """``text[start:end]`` with the matches of ``rx`` blanked out."""
    return rx.sub(lambda m: " " * len(m.group()), text[start:end])


def _windows(
    text: str, trig: list[tuple[int, int, str]], s0: int, e0: int, marks: list[int]
) -> list[list]:
    """``[start, end, trigger start, trigger end, type]`` per event of a sentence.

    Each trigger's window runs to the next trigger. A window with nothing of
    its own (no place, date, count, country or border phrase) is not an event
    of its own: "used tanks, mortars and armed drones, and shells hit Batken"
    is one shelling. It joins the next window; a trailing one joins the
    previous window of the same type.
    """
    wins = [
        [s0 if i == 0 else s, trig[i + 1][0] if i + 1 < len(trig) else e0, s, e, etype]
        for i, (s, e, etype) in enumerate(trig)
    ]
    # "two civilians were killed in Samraong when a shell hit a pagoda": the
    # clause before "when" tells what the shell did
    for i in range(1, len(wins)):
        when = _WHEN.search(text, wins[i - 1][0], wins[i][2])
        opens = _last(_SUBORDINATE.finditer(text, wins[i - 1][3], wins[i][2]))
        if not when and opens:
            # "... on Monday after one soldier was killed in a clash": the clause
            # from "after" on tells the later trigger's event
            wins[i - 1][1] = wins[i][0] = opens.start()
            continue
        if when:
            cut = max(
                (
                    m.end()
                    for m in _CLAUSE_START.finditer(text, wins[i - 1][2], when.start())
                ),
                default=None,
            )
            if cut is not None and cut < when.start():
                wins[i - 1][1] = cut
                wins[i][0] = cut

    def empty(w: list) -> bool:
        return not any(w[0] <= m < w[1] for m in marks) and not _BORDER_CUE.search(
            text, w[0], w[1]
        )

    i = 0
    while i < len(wins) - 1:
        if empty(wins[i]):
            wins[i + 1][0] = wins[i][0]
            # "warships had fired on the coast": the weapon names the event's type
            if wins[i + 1][4] == "armed_clash" and wins[i][4] in _WEAPON_TYPES:
                wins[i + 1][4] = wins[i][4]
            del wins[i]
        else:
            i += 1
    i = 1
    while i < len(wins):
        if wins[i][4] == wins[i - 1][4] and empty(wins[i]):
            wins[i - 1][1] = wins[i][1]
            del wins[i]
        else:
            i += 1
    return wins


_BACK_REFERENCE = re.compile(
    r"\bthere\b(?!\s+(?:were|was|is|are|have|has|had|will|would|may|might|could)\b)"
    r"|\b(?:in|during|by)\s+(?:the|that|this)\s+(?:attack|incident|strike|shelling|"
    r"blast|explosion|clash|raid|assault|bombing|firefight|exchange)\b",
    _F,
)
_WEAPON_TYPES = {"shelling", "air_strike", "landmine_explosive"}
_BY_TRIGGER = re.compile(
    r"\s+(?:by|in|during|from|when)\s+(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,2}", _F
)
_DEMONYM_PLACE = re.compile(
    r"\s+(?:[\w-]+\s+)?(?:villages?|towns?|territory|soil|side|provinces?|districts?|"
    r"areas?|positions?|posts?|outposts?|bases?|homes|houses)\b",
    _F,
)
_WHEN = re.compile(r"\b(?:when|after|as)\s+(?:(?:a|an|the)\s+)?(?:[\w-]+\s+)?$", _F)
# "... on Monday after one soldier was killed in a clash": the clause that opens
# with the conjunction tells the later trigger's event
_SUBORDINATE = re.compile(
    r"\b(?:after|when|before|following|because)\b"
    r"|(?<!such\s)(?<!well\s)\bas\b(?!\s+(?:well|many|much|far|of|part|long|soon|a\s+result))",
    _F,
)


def _last(matches: Iterator[re.Match]) -> re.Match | None:
    last = None
    for last in matches:  # noqa: B007 - the last one
        pass
    return last


_CLAUSE_START = re.compile(r",\s+|;\s+|\bthat\s+|\band\s+", _F)


def _own_place(mention: Mention, clause: tuple[int, int], trig: list) -> bool:
    """Whether a count's clause tells another incident by its own place.

    "Shelling damaged homes in Jermuk, and two civilians were wounded in Sotk":
    a clause after the first, with no trigger of its own, whose places lie in
    other provinces than the rest of the mention's.
    """
    a, b = clause
    if a <= mention.start or any(a <= t[0] < b for t in trig):
        return False
    inside, outside = set(), set()
    for pm in mention.places:
        (inside if a <= pm.start < b else outside).update(
            p.admin1_iso for p in pm.places
        )
    return bool(inside) and bool(outside) and not inside & outside


def _tied(ps: int, pe: int, ts: int, te: int, s0: int, triggers: int) -> bool:
    """Whether a time phrase at ``ps:pe`` tells the time of the trigger at ``ts:te``.

    It does when the sentence tells one event, when it opens the sentence
    ("Earlier this year, a shootout ..."), or when it stands next to the trigger
    ("five days of fighting in July"); not when it belongs to another event of
    a longer sentence.
    """
    return triggers == 1 or ps - s0 < 25 or (ps < te + 40 and pe > ts - 40)


def _fits(mention: Mention, kind: str) -> bool:
    """Say whether a count kind fits a mention (killed/wounded: violence; displaced)."""
    if mention.scope == "aggregate":
        return True
    if kind == "displaced":
        return mention.event_type == "evacuation_displacement"
    return mention.event_type in VIOLENT_TYPES or mention.event_type == "other"


def _victim_group(head: str) -> str:
    """Victim group from the words around a count."""
    if _SOLDIER.search(head):
        return "soldiers"
    if _POLICE.search(head):
        return "police"
    if _CIVILIAN.search(head):
        return "civilians"
    return "unspecified"


_KINDS = (("killed", _KILLED), ("wounded", _WOUNDED), ("displaced", _DISPLACED))


_TRANSITIVE = re.compile(
    r"\b(?:(?P<killed>killing|killed|kills|(?:ha(?:s|ve|d)\s+)?lost|"
    r"death\s+toll\s+(?:of|at|to|rose\s+to|stands\s+at)|"
    r"toll\s+(?:of|at|to|rose\s+to)|deaths\s+(?:of|to))|(?P<wounded>wounding|wounded|injuring|"
    r"injured|hurting)|(?P<displaced>evacuating|evacuated|displacing|displaced|uprooting))\s+$",
    _F,
)
_TOLL_VERB = (
    r"[^.;:]{0,90}?\b(?:rose|risen|rising|climbed|climbing|jumped|reached|reaching|"
    r"stood|stands|stand|is|was|has|had|hit|increased|grew|now)\b(?:\s+(?:to|at|past|"
    r"beyond|by))?\s+$"
)
# "the death toll has passed 40", "the number of people killed ... rose above 30"
_TOLL = tuple(
    (kind, re.compile(rf"\b(?:{nouns}){_TOLL_VERB}", _F))
    for kind, nouns in (
        (
            "killed",
            r"death\s+toll|toll|number\s+of\s+(?:[\w-]+\s+){0,3}?(?:killed|dead|deaths|"
            r"fatalities)",
        ),
        ("wounded", r"number\s+of\s+(?:[\w-]+\s+){0,3}?(?:wounded|injured)"),
        (
            "displaced",
            r"number\s+of\s+(?:[\w-]+\s+){0,3}?(?:displaced|evacuees|evacuated|"
            r"refugees|people\s+(?:who\s+)?(?:fled|evacuated))",
        ),
    )
)
_WORD_RE = re.compile(r"[\w'’-]+|[,;:.!?()\"“”]")
_AFTER_TOKENS = 12
_APPOSITIVE = re.compile(
    r",\s+(?:mostly|mainly|largely|including|among\s+them|most\s+of\s+(?:them|whom)|"
    r"many\s+of\s+(?:them|whom)|half\s+of\s+(?:them|whom)|all\s+of\s+them|both)\b"
    r"[^,;.]{0,60},",
    _F,
)


def _kind_near(
    text: str, s: int, e: int, limit: int, stops: tuple[int, ...] = ()
) -> tuple[str | None, int, int]:
    """Casualty kind a count at ``text[s:e]`` belongs to, and the phrase's span.

    "killing two", "wounding at least three" and "death toll of 21" read the word
    before the number; "two Thai soldiers wounded", "at least 30 people have died"
    and "one Thai soldier was wounded" read up to twelve words after it, stopping
    at punctuation or at the next number.
    """
    m = _TRANSITIVE.search(text, max(0, s - 40), s)
    if m:
        return (
            next(k for k in ("killed", "wounded", "displaced") if m.group(k)),
            m.start(),
            e,
        )
    for kind, rx in _TOLL:
        m = rx.search(text, max(0, s - 160), s)
        if m:
            return kind, m.start(), e
    nxt = min([x for x in stops if x >= e] + [limit])
    pos, n = e, 0
    while (tok := _WORD_RE.search(text, pos, nxt)) is not None:
        pos, n = tok.end(), n + 1
        aside = _APPOSITIVE.match(text, tok.start(), nxt)
        if aside:
            # "2,570 people, mostly women and children, were evacuated"
            pos = aside.end()
            continue
        if n > _AFTER_TOKENS or tok.group() in ',;:.!?()"“”':
            break
        for kind, rx in _KINDS:
            km = rx.match(text, tok.start(), nxt)
            if km:
                if kind == "displaced" and re.match(
                    r"evacuees?|refugees", km.group(), _F
                ):
                    # "one evacuee died": the noun names who, the verb says what
                    verb = re.match(
                        r"(?:\s+\w+){0,3}?\s+(?=(?:died|was\s+killed|were\s+killed"
                        r"|was\s+(?:wounded|injured|hurt)|were\s+(?:wounded|"
                        r"injured|hurt)))",
                        text[km.end() : nxt],
                        _F,
                    )
                    if verb:
                        continue
                return kind, s, km.end()
    return None, s, e


def _other_kind(text: str, s: int, e: int, limit: int) -> str | None:
    after = text[e : min(limit, e + 60)]
    if re.match(
        r"\s+(?:[\w-]+\s+){0,3}?(?:were|was|had\s+been|have\s+been)\s+(?:captured|"
        r"detained|taken\s+prisoner|arrested|abducted)",
        after,
        _F,
    ):
        return "prisoners_held"
    if re.match(
        r"\s+(?:[\w-]+\s+){0,3}?(?:rockets?|shells|missiles|rounds|mortars?)\b",
        after,
        _F,
    ):
        return "rockets" if re.search(r"rocket", after, _F) else "shells"
    if re.match(r"\s+(?:[\w-]+\s+){0,3}?(?:families|households)\b", after, _F):
        return "families"
    if re.match(
        rf"\s+(?:[\w-]+\s+){{0,3}}?(?:{_PERSON})\s+(?:held|captured|detained|in\s+"
        rf"(?:\w+\s+)?custody)",
        after,
        _F,
    ) or re.search(
        r"\b(?:release|free|freed|releasing|hand\s*over)\s+(?:of\s+)?(?:the\s+)?$",
        text[max(0, s - 25) : s],
        _F,
    ):
        return "prisoners_held"
    return None


# ---------------------------------------------------------------- extraction
_SAID = re.compile(
    r"\b(?:said|says|told|reported|posted|announced|confirmed|stated|claimed|according)\b"
)


def _attribution(text: str, start: int, end: int) -> str:
    if not _SAID.search(text, start, end):
        return ""
    m = None
    for m in _ATTRIBUTION.finditer(text, start, end):  # noqa: B007 - the last one
        pass
    if not m:
        return ""
    who = (m.group("who") or m.group("who2") or "").strip()
    who = re.sub(r"^(?:the|according to)\s+", "", who, flags=_F)
    return (
        who
        if len(who) > 2 and who.casefold() not in {"he", "she", "it", "they"}
        else ""
    )


def extract_mentions(
    article: Article,
    sents: list[Sentence],
    gazetteer: Gazetteer,
    dateline: Dateline | None,
) -> list[Mention]:
    """Mentions of incidents in an article's sentences.

    Parameters
    ----------
    article : Article
    sents : list of Sentence
        From :func:`bordermap.geo.text.sentences` (repeats already removed).
    gazetteer : Gazetteer
    dateline : Dateline or None

    Returns
    -------
    list of Mention
        In text order; places are unresolved gazetteer matches.
    """
    text = article.text
    ref = (dateline.date if dateline and dateline.date else None) or article.published
    out: list[Mention] = []
    last_attr = {}
    for k, sent in enumerate(sents):
        s0 = (
            max(sent.start, dateline.end)
            if dateline and sent.start < dateline.end
            else sent.start
        )
        e0 = sent.end
        trig = _triggers(text, s0, e0)
        counts = find_counts(text, s0, e0)
        dates = find_dates(text, s0, e0, ref)
        places = gazetteer.find(text, s0, e0)
        attribution = _attribution(text, s0, e0) or last_attr.get(sent.paragraph, "")
        if attribution:
            last_attr[sent.paragraph] = attribution
        planned = bool(_PLANNED.search(text, s0, e0))
        past = past_period(text, s0, e0, ref)
        aggregate = bool(_AGGREGATE.search(_mask(text, _BOTH_SPEAKERS, s0, e0)))
        # casualty counts found in the sentence
        kinded: list[tuple[str, int, int, Count]] = []
        others: list[tuple[str, int, int, Count]] = []
        # "86 villages", "12 other civilian sites": numbers of things, not people;
        # they neither count casualties nor end the reading of the count before
        things = {cs for cs, ce, _ in counts if _THINGS.match(text, ce)}
        starts = tuple(cs for cs, _, _ in counts if cs not in things)
        clauses = _clauses(text, s0, e0)
        found: list[_Found] = []
        for cs, ce, count in counts:
            clause_start = next((a for a, b in clauses if a <= cs < b + 1), s0)
            if _NEGATION.search(text, clause_start, cs):
                continue
            kind, qs, qe = (
                (None, cs, ce) if cs in things else _kind_near(text, cs, ce, e0, starts)
            )
            found.append(_Found(cs, ce, count, kind, qs, qe))
        sides: dict[int, str] = {}
        for f in _combine(text, found, gazetteer, e0, sides):
            if f.kind:
                kinded.append((f.kind, f.qs, f.qe, f.count))
                continue
            other = _other_kind(text, f.cs, f.ce, e0)
            if other:
                others.append((other, f.cs, f.ce, f.count))
        # bare plurals and unquantified mentions: "have wounded soldiers"
        if not any(k == "wounded" for k, *_ in kinded):
            m = re.search(
                rf"\b(?:wounded|injured|hurt)\s+(?P<who>{_PERSON})\b|"
                rf"\b(?P<who2>(?:{_PERSON}))\s+(?:were|have\s+been|had\s+been)\s+"
                r"(?:wounded|injured|hurt)\b",
                text[s0:e0],
                _F,
            )
            if (
                m
                and not re.search(
                    r"\b(?:a|an|one|the|their|his|her)\s+$",
                    text[s0 : s0 + m.start()],
                    _F,
                )
                and not _NEGATION.search(
                    text,
                    next((a for a, b in clauses if a <= s0 + m.start() < b + 1), s0),
                    s0 + m.start(),
                )
            ):
                kinded.append(
                    (
                        "wounded",
                        s0 + m.start(),
                        s0 + m.end(),
                        Count(
                            2,
                            None,
                            None,
                            "many",
                            stated=m.group("who") or m.group("who2"),
                        ),
                    )
                )
        if past and past.round and kinded:
            aggregate = True  # "The July fighting killed at least 48": its total
        running = _RUNNING_TOTAL.search(text, s0, e0)
        if running:
            aggregate = True
            after_total = [c for c in kinded if c[1] >= running.end() - 1]
            if after_total:
                kinds = {c[0] for c in after_total}
                kinded = [c for c in kinded if c[0] not in kinds or c in after_total]
        nonviolent = (
            any(k == "killed" for k, *_ in kinded)
            and _NONVIOLENT.search(text, s0, e0)
            and not any(t[2] in VIOLENT_TYPES for t in trig)
        )
        if nonviolent:
            others += [
                ("non_violent_deaths", qs, qe, c)
                for k, qs, qe, c in kinded
                if k == "killed"
            ]
            kinded = [c for c in kinded if c[0] != "killed"]
            trig = [(s0, s0, "other")]
        if not trig and not kinded and not others:
            continue
        if aggregate and (kinded or not trig):
            # one summary per sentence holding every total
            etype = next((t[2] for t in trig if t[2] in VIOLENT_TYPES), None) or (
                "evacuation_displacement"
                if kinded and all(k == "displaced" for k, *_ in kinded)
                else "armed_clash"
            )
            trig = [(s0, s0, etype)]
        elif not trig:
            kinds = {k for k, *_ in kinded}
            if kinds <= {"displaced"} and kinded:
                etype = "evacuation_displacement"
            elif any(k == "prisoners_held" for k, *_ in others) and not kinded:
                etype = "arrest_prisoners"
            elif kinded:
                etype = "armed_clash"
            else:
                continue
            trig = [(s0, s0, etype)]
        marks = (
            [pm.start for pm in places]
            + [d.start for d in dates if d.date]
            + [c[1] for c in kinded + others]
            + [
                cs
                for cs, _, _, dem in gazetteer.find_countries(text, s0, e0)
                if not dem
            ]
        )
        wins = _windows(text, trig, s0, e0, marks)
        for i, (ws, we, ts, te, etype) in enumerate(wins):
            mention = Mention(article.id, k, sent.paragraph, etype, ws, we, text[ts:te])
            mention.trigger_at = ts
            mention.scope = "aggregate" if aggregate else "event"
            # "agreed on Friday to withdraw ... and to hold talks next week"
            mention.planned = (
                planned
                and etype in {"ceasefire_agreement", "evacuation_displacement"}
                and bool(_PLANNED.search(text, ws, we) or len(wins) == 1)
            )
            mention.attribution = attribution
            mention.new_event = bool(
                re.search(
                    r"\b(?:another|a\s+further|a\s+second|fresh|"
                    r"new|later|again)\b",
                    text[ws:we],
                    _F,
                )
            )
            mention.both_sides = bool(_BOTH.search(_mask(text, _BOTH_SPEAKERS, ws, we)))
            mention.anaphoric = etype in VIOLENT_TYPES and bool(
                re.search(r"\b(?:the|this|that)\s+$", text[max(s0, ts - 6) : ts], _F)
                or re.search(
                    r"\b(?:call(?:ed|ing)|describ(?:ed|ing))\s+(?:it|this|that)\b",
                    text[s0:ts],
                    _F,
                )
                # "One civilian was killed there": counts with no event of their
                # own, pointing back at the incident just told
                or (ts == te and _BACK_REFERENCE.search(text, ws, we))
            )
            for pm in places:
                if ws <= pm.start < we:
                    lead = text[max(s0, pm.start - 60) : pm.start]
                    if (
                        _LAUNCH.search(lead)
                        and etype in {"shelling", "air_strike", "armed_clash"}
                    ) or _REFERENCE.search(lead):
                        mention.excluded_places.append(pm)
                    else:
                        mention.places.append(pm)
            cue = _BORDER_CUE.search(text, ws, we)
            mention.border_cue = bool(cue) and not _LAUNCH.search(
                text[max(s0, cue.start() - 40) : cue.start()] if cue else ""
            )
            mention.countries = [
                iso
                for cs, ce, iso, dem in gazetteer.find_countries(text, ws, we)
                if (
                    not dem
                    and re.search(
                        r"\b(?:in|inside|into|on|of|across)\s+(?:the\s+)?$",
                        text[max(ws, cs - 12) : cs],
                        _F,
                    )
                )
                or re.match(r"['’]s\b|\s+(?:side|soil|territory)\b", text[ce : ce + 12])
                # "Kyrgyz border villages", "Cambodian positions": a place of that side
                or (dem and _DEMONYM_PLACE.match(text, ce))
            ]
            # "one day after a clash": an offset date belongs to the event after it
            inside = [
                d
                for d in dates
                if d.date
                and (
                    (
                        ws <= d.start < we
                        and not (d.forward and d.end + 30 >= we and i + 1 < len(wins))
                    )
                    or (d.forward and i > 0 and ws - 30 <= d.start < ws)
                )
            ]
            if mention.scope == "aggregate":
                # a total is dated by the report, not by "since the fighting began on"
                inside = [
                    d
                    for d in inside
                    if not _SINCE.search(text, max(s0, d.start - 40), d.start)
                ]
            chosen: DateMention | None = inside[0] if inside else None
            if chosen is None and len(wins) == 1 and mention.scope != "aggregate":
                chosen = next((d for d in dates if d.date), None)
            if chosen:
                mention.date, mention.date_text = chosen.date, chosen.text
                mention.date_basis = (
                    "text" if chosen.explicit else "relative to page date"
                )
            # "earlier this year", "the July fighting": before the report's days
            before = past_period(text, ws, we, ref) if past else None
            if (
                before
                and (chosen is None or not chosen.explicit)
                and _tied(before.start, before.end, ts, te, s0, len(trig))
            ):
                mention.background = before.text
                mention.date, mention.date_text = None, before.text
                mention.date_basis = ""
                if before.round:
                    mention.scope = "aggregate"
            clock = re.search(
                r"\b\d{1,2}[.:]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}\s*(?:am|pm)\b",
                text[ws:we],
                _F,
            )
            mention.clock = clock.group(0) if clock else ""
            out.append(mention)
        # assign counts to the mention whose type fits, nearest first
        sentence_mentions = [m for m in out if m.sentence == k]
        for kind, qs, qe, count in kinded:
            # "..., as it reported two more soldiers killed on the front line": a count
            # in a clause of its own that places it along the border is its own event
            cs_, ce_ = next(((a, b) for a, b in clauses if a <= qs < b + 1), (s0, e0))
            cue = _BORDER_CUE.search(text, cs_, ce_)
            if (
                cue
                and not any(cs_ <= t[0] < ce_ for t in trig)
                and any(m.places for m in sentence_mentions)
            ):
                extra = Mention(
                    article.id,
                    k,
                    sent.paragraph,
                    "armed_clash",
                    cs_,
                    ce_,
                    "",
                    border_cue=True,
                    attribution=attribution,
                    quote=_quote(article, text, cs_, ce_),
                )
                extra.scope = "aggregate" if aggregate else "event"
                extra.date, extra.date_text = (
                    sentence_mentions[0].date,
                    sentence_mentions[0].date_text,
                )
                extra.date_basis = sentence_mentions[0].date_basis
                out.append(extra)
                sentence_mentions.append(extra)
                extra.counts[kind] = _with_quote(
                    count, article, gazetteer, qs, qe, s0, e0, extra
                )
                continue
            fits = [m for m in sentence_mentions if _fits(m, kind)]
            # "three marines were wounded by a land mine": the trigger the count
            # phrase runs into, or is joined to by "by", "in", "during"
            joined = [
                m
                for m in fits
                if m.trigger
                and (
                    qs <= m.trigger_at <= qe
                    or _BY_TRIGGER.fullmatch(text, qe, max(qe, m.trigger_at))
                )
            ]
            target = min(
                joined or fits or sentence_mentions,
                key=lambda m: (not (m.start <= qs < m.end), abs(m.start - qs)),
            )
            side = sides.get(qs)
            clause = next(((a, b) for a, b in clauses if a <= qs < b + 1), (s0, e0))
            first = target.counts.get(kind)
            if (
                first is not None
                and first.best != count.best
                and first.quote is not None
                and not clause[0] <= first.quote.start < clause[1]
                and not side
            ) or (not side and _own_place(target, clause, trig)):
                # "..., while Tajik officials reported 10 dead in Sughd": another count
                # of the same kind in another clause is another report
                twin = _clone(target, "")
                twin.start, twin.end = clause
                twin.places = [
                    pm for pm in target.places if clause[0] <= pm.start < clause[1]
                ]
                target.places = [pm for pm in target.places if pm not in twin.places]
                out.append(twin)
                sentence_mentions.append(twin)
                target = twin
            elif (
                side
                and kind in target.counts
                and target.counts[kind].victims_country != side
            ):
                # "21 in Thailand and 18 in Cambodia": one total per side, never summed
                target = _clone(target, side)
                out.append(target)
                sentence_mentions.append(target)
            slot = target.counts if fits else target.orphan_counts
            if kind not in slot:
                slot[kind] = _with_quote(
                    count, article, gazetteer, qs, qe, s0, e0, target, side
                )
        for kind, qs, qe, count in others:
            target = min(sentence_mentions, key=lambda m: abs(m.start - qs))
            unit = kind if kind in {"rockets", "shells", "families"} else "persons"
            name = "rockets" if kind in {"rockets", "shells"} else kind
            if name not in target.other_counts:
                target.other_counts[name] = replace(
                    _with_quote(count, article, gazetteer, qs, qe, s0, e0, target),
                    unit=unit,
                )
        for m in sentence_mentions:
            if m.both_sides and m.counts:
                m.scope = "aggregate"  # a total over both sides is never one event
            if (
                m.event_type == "evacuation_displacement"
                and "displaced" not in m.counts
                and not re.match(_ORDERED, m.trigger, _F)
            ):
                m.counts["displaced"] = replace(
                    Count(
                        None,
                        None,
                        None,
                        "unquantified",
                        stated=None,
                        victims_group="civilians",
                    ),
                    quote=_quote(article, text, m.start, m.end),
                )
            if m.quote is None:
                m.quote = _quote(article, text, s0, e0)
    return out


def _quote(article: Article, text: str, s: int, e: int) -> Quote:
    while s < e and text[s] in " ,;:—–-\n":
        s += 1
    while e > s and text[e - 1] in " ,;:—–-\n":
        e -= 1
    return Quote(article.id, text[s:e], s, e)


def _with_quote(
    count: Count,
    article: Article,
    gazetteer: Gazetteer,
    qs: int,
    qe: int,
    s0: int,
    e0: int,
    mention: Mention,
    side: str | None = None,
) -> Count:
    """Attach the supporting phrase (at most 25 words) and the victims."""
    text = article.text
    words = list(re.finditer(r"\S+", text[s0:e0]))
    first = next((i for i, w in enumerate(words) if s0 + w.end() > qs), 0)
    last = next((i for i, w in enumerate(words) if s0 + w.end() >= qe), len(words) - 1)
    lo = max(0, min(first, last - 24))
    hi = min(len(words) - 1, max(last, lo + 12), lo + 24)
    qs2, qe2 = s0 + words[lo].start(), s0 + words[hi].end()
    around = text[qs : min(e0, qe + 30)]
    side = side or (
        "both"
        if mention.both_sides
        else next(
            (
                iso
                for _, _, iso, demonym in gazetteer.find_countries(
                    text, qs, min(e0, qe + 20)
                )
                if demonym
            ),
            None,
        )
    )
    quote = _quote(article, text, qs2, qe2)
    return replace(
        count, quote=quote, victims_group=_victim_group(around), victims_country=side
    )
