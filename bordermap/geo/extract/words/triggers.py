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

from bordermap.geo.extract.words.clauses import clause_spans, last_match
from bordermap.geo.extract.words.lexicon import lexicon
from bordermap.geo.extract.words.scanner import Scanner, word_starts
from bordermap.geo.records import VIOLENT_TYPES

__all__ = [
    "BORDER_CUE",
    "MEDEVAC",
    "NEGATION",
    "TRIGGERS",
    "event_windows",
    "find_triggers",
]

_EVENTS = lexicon("events")
_FRAMING = lexicon("framing")

MOVED = _EVENTS.alternation("moved")
ORDERED = _EVENTS.alternation("ordered")

#: One pattern per event type, read from ``rules/events.txt``.
TRIGGERS: dict[str, re.Pattern] = {
    etype: _EVENTS.pattern(etype) for etype in _EVENTS.words("priority")
}
# A stronger trigger wins where two overlap ("fired on civilians" over "fired on").
_PRIORITY = _EVENTS.words("priority")
# each type's rows, run only where a sentence has words they can begin with
_SCANNERS = {
    etype: Scanner(_EVENTS.rows(etype), _EVENTS.flags(etype)) for etype in _PRIORITY
}

NEGATION = _FRAMING.pattern("negation")
_ATTEMPT = _FRAMING.pattern("attempt")
_UNREAL = _FRAMING.pattern("unreal")
_STATUS = _FRAMING.pattern("status")
_ADJECTIVAL = _FRAMING.pattern("adjectival")
_MEDEVAC = _FRAMING.pattern("medevac")
_MEDEVAC_SUBJECT = _FRAMING.pattern("medevac_subject")
MEDEVAC = _MEDEVAC
_CAUSE_OF_FLIGHT = _FRAMING.pattern("cause_of_flight")
_BARE_STRIKE = Scanner(_EVENTS.rows("bare_strike"), re.I)
_SUPERLATIVE = _FRAMING.pattern("superlative")
_COMPARED = _FRAMING.pattern("compared")
SINCE = _FRAMING.pattern("since")
_BACKGROUND = _FRAMING.pattern("background")
BORDER_CUE = _FRAMING.pattern("border_cue")


def find_triggers(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Non-overlapping triggers in a sentence, stronger types first."""
    found: list[tuple[int, int, str]] = []
    words = word_starts(text, start, end)
    for etype in _PRIORITY:
        for m in _SCANNERS[etype].finditer(text, start, end, words):
            s, e = m.span()
            if any(s < fe and fs < e for fs, fe, _ in found):
                continue
            found.append((s, e, etype))
    for m in _BARE_STRIKE.finditer(text, start, end, words):
        s, e = m.span()
        if not any(s < fe and fs < e for fs, fe, _ in found):
            found.append((s, e, "strike"))
    return _filtered(text, start, end, found)


def _filtered(
    text: str, start: int, end: int, found: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """Drop the triggers that tell no event: denied, attempted, compared ..."""
    # "rockets set fire to farmland": the damage of a named weapon is its event
    if any(etype in VIOLENT_TYPES for _, _, etype in found):
        found = [t for t in found if t[2] != "other"]
    clauses = clause_spans(text, start, end)
    kept = []
    for s, e, etype in sorted(found):
        cs = next((a for a, b in clauses if a <= s < b + 1), start)
        lead = text[cs:s]
        # a negation denies the trigger near it ("did not fire on"), not one
        # told after a clause of its own ("no injury was reported, the shelling")
        near = text[max(cs, s - 30) : s]
        if NEGATION.search(near) or _BACKGROUND.search(text[max(start, s - 40) : s]):
            continue
        if _UNREAL.search(lead):
            continue  # "capable of firing", "vowed to keep fighting", "if ..."
        if etype in VIOLENT_TYPES and _STATUS.search(text, max(start, s - 40), s):
            continue  # "has been waging attacks", "sporadic clashes": a status
        if etype == "evacuation_displacement" and (
            (
                text[s:e].endswith("ed")
                and _ADJECTIVAL.search(text, max(start, s - 20), s)
            )
            or _MEDEVAC.match(text[s:end])
            or _MEDEVAC_SUBJECT.search(text, max(start, s - 40), s)
        ):
            continue  # "the evacuated city"; "evacuated to hospital": care
        if etype in VIOLENT_TYPES and _CAUSE_OF_FLIGHT.search(
            text, max(start, s - 40), s
        ):
            continue  # "fled the fighting": the flight is the event
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
            # "warplanes carried out a bombardment": aircraft make it an air strike
            if (wins[i + 1][4] == "armed_clash" and wins[i][4] in _WEAPON_TYPES) or (
                wins[i + 1][4] == "shelling"
                and wins[i][4] == "air_strike"
                and not re.search(r"[,;]|\band\b", text[wins[i][3] : wins[i + 1][2]])
            ):
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

_WHEN = _FRAMING.pattern("when")
# "... on Monday after one soldier was killed in a clash": the clause that opens
# with the conjunction tells the later trigger's event
_SUBORDINATE = _FRAMING.pattern("subordinate")


_CLAUSE_START = re.compile(r",\s+|;\s+|\bthat\s+|\band\s+", re.I)
