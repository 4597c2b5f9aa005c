"""Event triggers in a sentence, and the window of text each one owns.

A sentence is read as a row of *event triggers* ("fired on", "BM-21 rockets ...
came down", "an explosion", "fled"), each typed by the weapon or mechanism as
the corpus convention says. The text from one trigger to the next is that
trigger's window (:func:`event_windows`): the places, dates and counts in it
belong to it. Negated, attempted and compared events ("denied firing", "tried
to flee", "the worst fighting since 2020") are not triggers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bordermap.geo.records import VIOLENT_TYPES

__all__ = [
    "BORDER_CUE",
    "NEGATION",
    "TRIGGERS",
    "clause_spans",
    "event_windows",
    "find_triggers",
]

_F = re.I


def _rx(*parts: str) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in parts), _F)


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
MOVED = (
    r"(?:(?:moved|shifted|relocated|transferred|bussed|taken)\s+(?:away\s+from|out\s+of|to\s+"
    r"(?:[\w-]+\s+){0,2}?(?:centres?|centers?|shelters?|camps?|sites?|safety|safer\s+\w+|"
    r"relatives|temples?|schools?|buildings?))"
    r"|(?:staying|housed|living|sheltered)\s+in\s+(?:[\w-]+\s+){0,3}?(?:shelters?|camps?|"
    r"centres?|centers?)"
    # "tens of thousands of people have left Poipet" (not "has left two dead")
    r"|ha(?:ve|s|d)\s+left\s+(?!(?:\d|a|an|one|two|three|four|five|six|seven|eight|nine|"
    r"ten|dozens|scores|hundreds|many|several)\b)(?=(?-i:[A-Z])|their|the\s+(?:area|town|city|"
    r"village|region|border)))"
)

# "told residents of 12 border villages to leave for shelters": an order, no count
ORDERED = (
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
        rf"\b{MOVED}",
        r"\b(?:sought|seek|seeking|took|taken|taking)\s+refuge\b",
        ORDERED,
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

NEGATION = re.compile(
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

SINCE = re.compile(r"\b(?:since|began|begun|started|broke\s+out)\b[^.;]*$", _F)


_BACKGROUND = re.compile(r"\bsince\s+(?:the\s+)?(?:\w+\s+){0,3}$", _F)

_CLAUSE = re.compile(
    r";|:|\s[—–]\s|,\s+(?=(?:and|but|while|as|after|hours\s+after|when|which|who|although|"
    r"though|whereas|where|including)\b)|\s(?=and\s+(?:later|then|also)\b)",
    _F,
)

BORDER_CUE = re.compile(
    r"\b(?:along|on|near|across|at)\s+the\s+(?:[\w-]+\s+){0,2}(?:border|frontier|"
    r"front\s*lines?|front|line\s+of\s+(?:control|contact))\b|\bborder-wide\b"
    r"|\bon\s+(?:both|the\s+two)\s+sides\b|\bfront\s*lines?\b"
    r"|\bborder\s+(?:areas?|regions?|zones?)\b",
    _F,
)


def clause_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the clauses of ``text[start:end]`` (split at ";", ":", dashes, ", and").

    Examples
    --------
    >>> t = "Shells hit Surin, and two were hurt."
    >>> [t[a:b] for a, b in clause_spans(t, 0, len(t))]
    ['Shells hit Surin', 'and two were hurt.']
    """
    out, pos = [], start
    for m in _CLAUSE.finditer(text, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return out


def find_triggers(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
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
    clauses = clause_spans(text, start, end)
    kept = []
    for s, e, etype in sorted(found):
        cs = next((a for a, b in clauses if a <= s < b + 1), start)
        lead = text[cs:s]
        if NEGATION.search(lead) or _BACKGROUND.search(text[max(start, s - 40) : s]):
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


def event_windows(
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
        opens = last_match(_SUBORDINATE.finditer(text, wins[i - 1][3], wins[i][2]))
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
        return not any(w[0] <= m < w[1] for m in marks) and not BORDER_CUE.search(
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


_WEAPON_TYPES = {"shelling", "air_strike", "landmine_explosive"}

_WHEN = re.compile(r"\b(?:when|after|as)\s+(?:(?:a|an|the)\s+)?(?:[\w-]+\s+)?$", _F)


# "... on Monday after one soldier was killed in a clash": the clause that opens
# with the conjunction tells the later trigger's event
_SUBORDINATE = re.compile(
    r"\b(?:after|when|before|following|because)\b"
    r"|(?<!such\s)(?<!well\s)\bas\b(?!\s+(?:well|many|much|far|of|part|long|soon|a\s+result))",
    _F,
)


def last_match(matches: Iterator[re.Match]) -> re.Match | None:
    """Return the last of ``matches``, or None."""
    last = None
    for last in matches:  # noqa: B007 - the last one
        pass
    return last


_CLAUSE_START = re.compile(r",\s+|;\s+|\bthat\s+|\band\s+", _F)
