"""Read a Thai or Russian article into event frames (passes 1-5 for other languages).

The English passes know English syntax; here each sentence is read with its
language's words (:mod:`bordermap.geo.extract.native.words`). A clause word
("หลังจาก", "после того как") between two event words cuts it into parts, the
clause it opens framed first; each part gives at most two frames:

- a violent event (its first event word: rocket, clash, air strike, mine ...)
  with the killed and wounded the sentence counts, or, with no event word, a
  frame of counts alone that pass 6 joins to the event told just before;
- the people displaced, as their own ``evacuation_displacement`` frame at the
  same place (as the corpus codes "2,000 fled to shelters" beside a strike).

A count is a figure (digits in either script, a number word, a multiplier,
"หลายร้อย", "десятки") next to a word of its kind, either before it
("เสียชีวิต 1 ราย", "погибли 24 человека") or after it and its person word
("ทหาร 2 นายเสียชีวิต", "136 тысяч человек эвакуированы"); the hedge just
before the figure ("กว่า", "не менее") sets low / best / high by the corpus
table. A sentence with a word of totals ("รวม", "в общей сложности") is an
aggregate; one told for both sides keeps no province.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import NamedTuple

from bordermap.geo.extract.document import Block, Document, Mention, Sentence
from bordermap.geo.extract.native.words import DIGIT, DIGITS, Words
from bordermap.geo.extract.words.counts import hedged
from bordermap.geo.places.gazetteer import PlaceMatch
from bordermap.geo.records import Count, Quote

__all__ = ["read_native"]

#: Characters between a figure and the kind word that says what it counts: after
#: the figure (and its person word), and before it with no other figure between.
KIND_GAP = 60
KIND_GAP_BEFORE = 80
#: Characters a frame's quote keeps around its first word (Thai runs long).
QUOTE_CHARS = 240
# a stop, a space, then (past an opening quote) what follows: a capital or a digit
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«\"„(]?(?P<next>\w))")
_BREAK = re.compile(r"[;:]|\s[-–—]\s")
_THAI_SPLIT = 300  # a longer Thai line is cut at spaces between words
_NOT_HARM = ("evacuation_displacement", "ceasefire_agreement")
#: Types whose weapon tells them before a word that tells only fighting: a drone
_BY_WEAPON = ("air_strike",)


def _blocks(doc: Document, w: Words) -> None:
    """Lines of the text; the first of several, if short, is the headline."""
    doc.blocks = []
    for m in re.finditer(r"[^\n]+", doc.text):
        s, e = m.start(), m.end()
        while s < e and doc.text[s].isspace():
            s += 1
        while e > s and doc.text[e - 1].isspace():
            e -= 1
        if s < e:
            doc.blocks.append(Block(s, e, "body"))
    if len(doc.blocks) > 1:
        first, second = doc.blocks[0], doc.blocks[1]
        line = doc.text[first.start : first.end]
        # Thai ends no sentence with a point: a headline is short beside the body
        short = len(line) <= 90 and second.end - second.start > len(line)
        if (short if w.unspaced else len(line) <= 160) and not line.endswith(
            (".", "!", "?", ":")
        ):
            doc.blocks[0] = Block(first.start, first.end, "headline")


def _pieces(doc: Document, block: Block, w: Words) -> list[tuple[int, int]]:
    text, start, end = doc.text, block.start, block.end
    if w.unspaced:
        out = []
        while end - start > _THAI_SPLIT:
            cut = text.rfind(" ", start + _THAI_SPLIT // 3, start + _THAI_SPLIT)
            if cut <= start:
                break
            out.append((start, cut))
            start = cut + 1
        return [*out, (start, end)]
    out, s = [], start
    for m in _SENTENCE_END.finditer(text, start, end):
        after, lo = m.group("next"), max(start, m.start() - 6)
        if not (after.isupper() or after.isdigit()):
            continue
        if text.endswith("..", lo, m.start()):  # an ellipsis goes on
            continue
        if w.abbreviation.search(text, lo, m.start()):  # "136 тыс. человек"
            continue
        out.append((s, m.start()))
        s = m.end()
    return [*out, (s, end)]


def _sentences(doc: Document, w: Words) -> None:
    """Sentences of every block; a sentence printed twice is read once."""
    seen: set[str] = set()
    doc.sentences = []
    for paragraph, block in enumerate(doc.blocks):
        for s, e in _pieces(doc, block, w):
            text = doc.text[s:e]
            key = " ".join(text.casefold().split())
            if not key or key in seen:
                continue
            seen.add(key)
            doc.sentences.append(Sentence(s, e, paragraph, text, block.role))


def _year(raw: str | None, w: Words) -> int | None:
    if not raw:
        return None
    year = int(raw.translate(DIGITS))
    if len(raw) == 2:
        return year + 2500 - w.era if w.era else None
    return year - w.era if w.era and year > 2400 else year


def _dates(doc: Document, s: int, e: int, w: Words) -> list[tuple[int, int, date, str]]:
    """Days the sentence gives: ``(start, end, day, basis)``."""
    ref = doc.ref
    out = []
    for m in w.date.finditer(doc.text, s, e):
        if w.since.search(doc.text[max(s, m.start() - 16) : m.start()]):
            continue  # "นับตั้งแต่วันที่ 8 พ.ย.", "с 27 апреля": a period's start
        month = next(v for v, p in w.months if p.fullmatch(m.group("month")))
        day = int(m.group("day").translate(DIGITS))
        year = _year(m.group("year"), w) or (ref.year if ref else None)
        if year is None:
            continue
        try:
            when = date(year, month, day)
        except ValueError:
            continue
        if not m.group("year") and ref and when > ref + timedelta(days=7):
            when = when.replace(year=year - 1)
        out.append((m.start(), m.end(), when, "text"))
    if ref:
        for offset, pattern in w.relative:
            for m in pattern.finditer(doc.text, s, e):
                out.append(
                    (
                        m.start(),
                        m.end(),
                        ref + timedelta(days=offset),
                        "relative to page date",
                    )
                )
        for weekday, pattern in w.weekdays:
            # "เมื่อวันจันทร์", "в понедельник": the latest Monday up to the page's day
            back = timedelta(days=(ref.weekday() - weekday) % 7)
            for m in pattern.finditer(doc.text, s, e):
                out.append((m.start(), m.end(), ref - back, "relative to page date"))
    return sorted(out)


def _hedge(text: str, start: int, floor: int, w: Words) -> tuple[str, int]:
    """Find the hedge that ends just before a figure, and where it starts."""
    before = text[max(floor, start - 24) : start]
    for qualifier, pattern in w.hedges:
        for m in pattern.finditer(before):
            if not before[m.end() :].strip():
                return qualifier, start - len(before) + m.start()
    return "exact", start


def _kind_before(text: str, start: int, floor: int, w: Words):
    """Find the nearest kind word before a figure, no figure or break between."""
    lo = max(floor, start - KIND_GAP_BEFORE)
    best = None
    for kind, pattern in w.kinds:
        for m in pattern.finditer(text, lo, start):
            gap = text[m.end() : start]
            if re.search(DIGIT, gap) or _BREAK.search(gap):
                continue
            if best is None or m.end() > best[2]:
                best = (kind, m.start(), m.end())
    return best


def _kind_after(text: str, end: int, ceiling: int, w: Words):
    """Find the kind word after a figure and its person word; ``direct``: adjacent.

    Adjacent is written together in an unspaced language ("2 นายเสียชีวิต": "1 ราย
    บาดเจ็บ 6 ราย" counts the one with the kind before it), one space apart in
    a spaced one ("24 человека погибли").
    """
    pos, hi = end, min(ceiling, end + KIND_GAP)
    person = w.persons.match(text, _skip_space(text, pos, hi), hi)
    if person:
        pos = person.end()
    best = None
    for kind, pattern in w.kinds:
        m = pattern.search(text, pos, hi)
        if m is None:
            continue
        gap = text[pos : m.start()]
        if re.search(DIGIT, gap) or _BREAK.search(gap):
            continue
        if best is None or m.start() < best[1]:
            direct = not gap if w.unspaced else not gap.strip()
            best = (kind, m.start(), m.end(), direct)
    return best, person


def _skip_space(text: str, pos: int, hi: int) -> int:
    while pos < hi and text[pos].isspace():
        pos += 1
    return pos


def _counts_people(text: str, end: int, ceiling: int, w: Words) -> bool:
    """Whether what follows a figure lets it count people.

    Nothing, punctuation or a person word follows ("บาดเจ็บ 6 ราย", "ранены 136."),
    in a spaced language after one word between ("четверо армянских
    военнослужащих"); not another noun ("ศูนย์พักพิง 12 แห่ง", "в 10 км").
    """
    rest = text[end:ceiling].lstrip()
    if not rest or not rest[0].isalpha():
        return True
    if w.persons.match(rest):
        return True
    if w.unspaced:
        return False
    words = rest.split(None, 2)
    return len(words) > 1 and bool(w.persons.match(words[1]))


def _summed(told: Count, value: int, text: str, end: int, aid: str) -> Count:
    """Add a further part of the same kind to a count ("... อีก 4 นาย")."""
    parts = told.breakdown or (("part", told.best),)
    q0 = told.quote.start if told.quote else end
    total = (told.best or 0) + value
    return Count(
        total,
        total,
        total,
        "exact",
        total,
        unit=told.unit,
        victims_group=told.victims_group,
        quote=Quote(aid, text[q0:end], q0, end),
        breakdown=(*parts, ("part", value)),
        note="sum of stated parts",
    )


def _group(text: str, s: int, e: int, w: Words) -> str:
    window = text[max(0, s - 20) : e]  # "ทหาร 2 นาย", "24 мирных жителя"
    soldiers, civilians = w.soldiers.search(window), w.civilians.search(window)
    if soldiers and civilians:
        return "mixed"
    return "soldiers" if soldiers else "civilians" if civilians else "unspecified"


def _ranges(text: str, figures: list[tuple], w: Words) -> list[tuple]:
    """Join the two figures of a range into one (its qualifier ``"range"``).

    "5,000-7,000 คน", "от 5 до 7 тысяч человек" (the multiplier of the second
    figure is the first's too); a word between the figures ("до") needs the
    language's word before the first ("от"), where it has one. Other figures
    come back with ``high`` None.
    """
    figures = sorted(figures)
    out, i = [], 0
    while i < len(figures):
        f = figures[i]
        g = figures[i + 1] if i + 1 < len(figures) else None
        between = text[f[1] : g[0]] if g else ""
        if (
            g
            and not f[4]
            and not g[4]
            and f[2] is not None
            and g[2] is not None
            and w.range_to.fullmatch(between)
            and not (
                re.search(r"\w", between)
                and w.range_from
                and not w.range_from.search(text[max(0, f[0] - 8) : f[0]])
            )
        ):
            low = f[2]
            factor = next((x for x, p in w.multipliers if p.search(g[3])), 1)
            if not any(p.search(f[3]) for _, p in w.multipliers):
                low *= factor
            if low < g[2]:
                out.append((f[0], g[1], low, f[3], "range", g[2]))
                i += 2
                continue
        out.append((*f, None))
        i += 1
    return out


def _counts(
    doc: Document, s: int, e: int, w: Words, taken: list[tuple[int, int]]
) -> dict[str, Count]:
    """Killed, wounded and displaced counts of a sentence (the first of each kind)."""
    text = doc.text
    figures = [
        (m.start(), m.end(), w.value(m.group()), m.group().strip(), "")
        for m in w.number.finditer(text, s, e)
        if not any(a < m.end() and m.start() < b for a, b in taken)
    ]
    vague = [
        (m.start(), m.end(), value, m.group(), "vague_plural")
        for value, pattern in w.vague
        for m in pattern.finditer(text, s, e)
    ]
    # "десятки тысяч": tens of thousands, not "десятки" and "тысячи"
    figures += [
        v
        for v in vague
        if not any(o[0] <= v[0] and v[1] <= o[1] and o != v for o in vague)
    ]
    out: dict[str, Count] = {}
    last = ""  # the kind of the figure before: "3 คน ครูอีก 1 คน" adds to it
    for start, end, value, stated, vague, high in _ranges(text, figures, w):
        if value is None or w.age.match(text, end, e):
            continue  # "10-летняя девочка": an age
        further = w.another.search(text[max(s, start - 8) : start])
        after, person = _kind_after(text, end, e, w)
        before = _kind_before(text, start, s, w)
        if before and after and person and "," in text[before[2] : start]:
            # "Погибли двое граждан, еще 11 человек получили ранения": past a
            # comma, the kind after the figure's people is its own
            before = None
        if after and after[3]:
            kind, q0, q1 = after[0], start, after[2]
        elif before and _counts_people(text, end, e, w):
            kind, q0, q1 = before[0], before[1], person.end() if person else end
        elif after and person:
            kind, q0, q1 = after[0], start, after[2]
        elif further and person and last:
            kind, q0, q1 = last, start, person.end()
        else:
            continue  # a figure that counts no one ("BM-21", "10 km")
        if kind in out:
            told = out[kind]
            if further and told.qualifier == "exact" and not vague:
                q1 = person.end() if person else end
                out[kind] = _summed(told, value, text, q1, doc.article.id)
            continue
        last = kind
        qualifier, h0 = _hedge(text, start, s, w)
        if vague == "range":
            count = Count(value, value, high, "range", stated=value)
        elif vague:
            count = Count(value, value, None, "vague_plural", stated=stated)
        else:
            count = hedged(value, qualifier, stated=value)
        q0 = min(q0, h0)
        unit = "families" if person and w.families.search(person.group()) else "persons"
        out[kind] = Count(
            count.low,
            count.best,
            count.high,
            count.qualifier,
            count.stated,
            unit=unit,
            victims_group=_group(text, q0, q1, w),
            quote=Quote(doc.article.id, text[q0:q1], q0, q1),
        )
    _one_person(doc, s, e, w, out)
    for kind, pattern in w.none:
        m = pattern.search(text, s, e)
        if m and kind not in out:  # "ไม่มีผู้บาดเจ็บ", "без жертв"
            quote = Quote(doc.article.id, m.group(), m.start(), m.end())
            out[kind] = Count(0, 0, 0, "none", stated=0, quote=quote)
    return out


def _one_person(doc: Document, s: int, e: int, w: Words, out: dict[str, Count]) -> None:
    """Count one person of each kind the figures left out ("погиб рядовой")."""
    text = doc.text
    for kind, verb, pattern in w.one:
        found = kind not in out and verb.search(text, s, e)
        m = _one_of(pattern, text, s, e, out) if found else None
        if m:
            quote = Quote(doc.article.id, m.group(), m.start(), m.end())
            group = _group(text, m.start(), m.end(), w)
            out[kind] = Count(
                1, 1, 1, "exact", stated=m.group(), victims_group=group, quote=quote
            )


def _one_of(
    pattern: re.Pattern, text: str, s: int, e: int, told: dict[str, Count]
) -> re.Match[str] | None:
    """Find a person told alone whose words no count of the sentence holds.

    Matches may overlap: in "убит шофер, получила ранения девочка" the driver is
    the one killed, the girl the one wounded.
    """
    pos = s
    while (m := pattern.search(text, pos, e)) is not None:
        if not any(
            c.quote and c.quote.start < m.end() and m.start() < c.quote.end
            for c in told.values()
        ):
            return m
        pos = m.start() + 1
    return None


def _for_both_sides(w: Words, text: str, s: int, e: int, counts: dict) -> bool:
    """Whether a figure is told for both sides ("с обеих сторон погибли 50").

    The words must stand within a few words of a figure: "ปะทะกันระหว่างทหาร
    ทั้งสองฝ่าย" tells who fought, not whose toll a figure is.
    """
    spans = [c.quote for c in counts.values() if c.quote and c.best]
    return any(
        q.start - 15 <= m.end() and m.start() <= q.end + 20
        for m in w.both_sides.finditer(text, s, e)
        for q in spans
    )


def _triggers(text: str, s: int, e: int, w: Words) -> list[tuple[int, int, str]]:
    found = [
        (m.start(), m.end(), kind)
        for kind, pattern in w.events
        for m in pattern.finditer(text, s, e)
    ]
    return sorted(found)


def _countries(doc: Document, s: int, e: int, w: Words) -> list[str]:
    """Countries the sentence places its event in ("ในกัมพูชา", "в Таджикистане")."""
    out = []
    for c0, _, iso, demonym in doc.gazetteer.find_countries(doc.text, s, e):
        before = doc.text[max(s, c0 - 24) : c0]
        cues = w.in_country.finditer(before)
        if not demonym and any(not before[m.end() :].strip() for m in cues):
            out.append(iso)
    return out


def _quote(doc: Document, s: int, e: int, at: int) -> Quote:
    if e - s <= QUOTE_CHARS:
        return Quote(doc.article.id, doc.text[s:e], s, e)
    lo = max(s, min(at, e) - QUOTE_CHARS // 3)
    hi = min(e, lo + QUOTE_CHARS)
    return Quote(doc.article.id, doc.text[lo:hi], lo, hi)


def _clauses(
    text: str, s: int, e: int, w: Words, triggers: list[tuple[int, int, str]]
) -> list[tuple[int, int]]:
    """Cut a sentence at clause words between an event word and a violent one.

    "เครื่องบิน F-16 โจมตี ... หลังกัมพูชายิงถล่มฐาน": an air strike and, in the
    clause after "หลัง", the shelling it answered; "ประชาชน ... อพยพ หลังมีเสียง
    ปืนใหญ่ ... ตามแนวชายแดน": a flight from one district and fire along the
    border. Each is read as its own part; a sentence without such a pair is one.
    """
    found = [t for t in triggers if t[2] != "ceasefire_agreement"]
    at = [t[0] for t in found]  # "อพยพ ... หลังมีเสียงปืนใหญ่": a flight, then fire
    harm = [t[0] for t in found if t[2] not in _NOT_HARM]
    parts, lo = [], s
    for m in w.clauses.finditer(text, s, e):
        if any(lo <= a < m.start() for a in at) and any(a >= m.end() for a in harm):
            parts.append((lo, m.start()))
            lo = m.start()
    return [*parts, (lo, e)]


def _elsewhere(
    doc: Document, part: tuple[int, int], triggers: list[tuple[int, int, str]], w: Words
) -> list[tuple[int, int]]:
    """Cut a part where a second violent event word tells harm in another province.

    A long Thai sentence runs several events together without a clause word
    ("ปะทะกันที่ อ.A จ.X ... ขณะเดียวกันจรวดตกที่ อ.B จ.Y"): at the space before a
    violent event word whose words up to the next one name provinces, none of
    them among those named before it, the part is cut; each piece is read as
    its own part.
    """
    s, e = part
    text = doc.text
    violent = [t for t in triggers if s <= t[0] < e and t[2] not in _NOT_HARM]
    if len(violent) < 2:
        return [part]
    places = _not_landmarks(text, doc.gazetteer.find(text, s, e), w)

    def provinces(lo: int, hi: int) -> set[str]:
        return {
            q.admin1_iso
            for p in places
            if lo <= p.start < hi
            for q in p.places
            if q.admin1_iso
        }

    out, lo = [], s
    for k, t in enumerate(violent[1:], 1):
        cut = text.rfind(" ", lo, t[0])
        if cut <= lo:
            continue
        nxt = violent[k + 1][0] if k + 1 < len(violent) else e
        before, after = provinces(lo, cut), provinces(cut, nxt)
        if before and after and not before & after:
            out.append((lo, cut))
            lo = cut
    return [*out, (lo, e)]


class _Said(NamedTuple):
    """What a sentence tells once for all its parts."""

    speaker: tuple[int, int] | None  # where it is named, up to its saying word
    claimant: str | None  # the speaker's country
    dates: list[tuple[int, int, date, str]]
    triggers: list[tuple[int, int, str]]  # its event words, in order


def _frames(doc: Document, index: int, sentence: Sentence, w: Words) -> list[Mention]:
    """Frame a sentence, a clause that a clause word opens before the main one.

    "หลัง" (after), "в ответ на" (in reply to), "ขณะที่" (while) open a clause
    telling an event before or beside the main one: its frames come first, so
    that counts told in the next sentence go on to the main event.
    """
    speaker = _speaker(doc.text, sentence.start, sentence.end, w)
    sides = (
        {iso for *_, iso, _ in doc.gazetteer.find_countries(doc.text, *speaker)}
        if speaker
        else set()
    )
    said = _Said(
        speaker,
        sides.pop() if len(sides) == 1 else None,
        _dates(doc, sentence.start, sentence.end, w),
        _triggers(doc.text, sentence.start, sentence.end, w),
    )
    parts = _clauses(doc.text, sentence.start, sentence.end, w, said.triggers)
    if w.unspaced:  # a spaced language ends its sentences: no run-on to cut
        parts = [q for part in parts for q in _elsewhere(doc, part, said.triggers, w)]
    return [
        m
        for part in [*parts[1:], parts[0]]
        for m in _part_frames(doc, index, sentence, part, w, said)
    ]


def _speaker(text: str, s: int, e: int, w: Words) -> tuple[int, int] | None:
    """Where the sentence's speaker is named, up to its saying word."""
    m = w.speakers.search(text, s, e)
    if m is None:
        return None
    said = w.saying.search(text, m.start() + 1, m.end())
    return m.start(), said.start() if said else m.end()


def _side(
    doc: Document, q0: int, q1: int, claimant: str | None, group: str
) -> str | None:
    """Tell the country whose people a count counts.

    A demonym beside the figure ("ทหารกัมพูชา 3 นาย", "двое таджикских
    пограничников"), else the side that reports its own soldiers' losses
    ("ฝ่ายกัมพูชาระบุว่ามีทหารเสียชีวิต 3 นาย").
    """
    text = doc.text
    near = doc.gazetteer.find_countries(text, max(0, q0 - 12), min(len(text), q1 + 20))
    told = {iso for _, _, iso, demonym in near if demonym}
    if len(told) == 1:
        return told.pop()
    return claimant if group == "soldiers" and not told else None


#: At most this many characters (a level word: "อ.", "села") between a landmark
#: word and its place, or between a place and the unit written after it; an
#: address after a landmark word ends at its province, within ``_ADDRESS``.
_NEXT_TO = 12
_ADDRESS = 80


def _not_landmarks(text: str, places: list[PlaceMatch], w: Words) -> list[PlaceMatch]:
    """Leave out the places told only as landmarks, and the units written after them.

    "ฝั่งตรงข้าม อ.แม่สอด จ.ตาก" (the bank opposite Mae Sot district, Tak), "ตรงข้าม
    บ้านริมเมย ตำบลท่าสายลวด อ.แม่สอด จ.ตาก": an address is written from the
    village up to the province. Where one starts right after the landmark word
    (its first place, or a level word: "บ้าน", "อ.", "села"), every
    place of it up to the first province (else district) within ``_ADDRESS``
    characters goes; without either, the places that follow each other closely.
    "ยิงจรวดจากฝั่งตรงข้าม ตกที่อำเภอกาบเชิง" (fired from the other side, fell in
    Kap Choeng) keeps Kap Choeng: no address starts after the word.
    """
    if not places:
        return places
    dropped: set[int] = set()
    for m in w.landmark.finditer(
        text, max(0, places[0].start - _ADDRESS), places[-1].start
    ):
        after = [
            k for k, p in enumerate(places) if m.end() <= p.start < m.end() + _ADDRESS
        ]
        gap = text[m.end() : places[after[0]].start].strip() if after else ""
        if not after or not (
            not gap or any(pattern.match(gap) for _, pattern in w.spelling.levels)
        ):
            continue
        unit = next(
            (
                k
                for level in ("admin1", "admin2")
                for k in after
                if any(q.kind == level for q in places[k].places)
            ),
            None,
        )
        if unit is not None:
            dropped.update(k for k in after if k <= unit)
            continue
        reach = m.end() + _NEXT_TO + len(gap)
        for k in after:
            if places[k].start > reach:
                break
            dropped.add(k)
            reach = places[k].end + _NEXT_TO
    return [p for k, p in enumerate(places) if k not in dropped]


def _part_frames(
    doc: Document,
    index: int,
    sentence: Sentence,
    part: tuple[int, int],
    w: Words,
    said: _Said,
) -> list[Mention]:
    """Frame one part of a sentence (the whole of it, or one of its clauses).

    A clause without a day of its own takes the sentence's ("โจมตี ... เมื่อวันที่
    26 พ.ย. หลังกัมพูชายิงถล่มฐาน": both on the 26th).
    """
    text, (s, e), speaker, claimant = doc.text, part, said.speaker, said.claimant
    own = [d for d in said.dates if s <= d[0] < e]
    counts = _counts(doc, s, e, w, [(a, b) for a, b, _, _ in own])
    dates = own or said.dates
    triggers = [t for t in said.triggers if s <= t[0] and t[1] <= e]
    violent = [t for t in triggers if t[2] not in _NOT_HARM]
    both = _for_both_sides(w, text, s, e, counts)
    aggregate = (both or bool(w.aggregate.search(text, s, e))) and bool(counts)
    for kind, c in counts.items():
        if c.quote and c.best:
            side = (
                "both"
                if both
                else _side(doc, c.quote.start, c.quote.end, claimant, c.victims_group)
            )
            counts[kind] = replace(c, victims_country=side)
    # what the sentence says once, whichever of its frames it goes to
    places = [] if both else _not_landmarks(text, doc.gazetteer.find(text, s, e), w)
    border_cue = bool(w.border.search(text, s, e))
    countries = _countries(doc, s, e, w)

    def frame(kind: str, trigger: tuple | None, kept: dict[str, Count]) -> Mention:
        at = (
            trigger[0]
            if trigger
            else min((c.quote.start for c in kept.values() if c.quote), default=s)
        )
        day = dates[0] if dates else None
        return Mention(
            article_id=doc.article.id,
            sentence=index,
            paragraph=sentence.paragraph,
            event_type=kind,
            start=s,
            end=e,
            trigger=text[trigger[0] : trigger[1]] if trigger else "",
            places=[
                p
                for p in places
                # a toll told alone is not where its speaker sits ("นายอำเภอ
                # บ้านกรวดกล่าวว่ายังไม่มีผู้บาดเจ็บ")
                if trigger or not (speaker and speaker[0] <= p.start < speaker[1])
            ],
            border_cue=border_cue,
            countries=list(countries),
            date=day[2] if day else None,
            date_text=text[day[0] : day[1]] if day else "",
            date_basis=day[3] if day else "",
            counts=kept,
            scope="aggregate" if aggregate else "event",
            attribution=text[speaker[0] : speaker[1]] if speaker else "",
            quote=_quote(doc, s, e, at),
            both_sides=both,
            trigger_at=trigger[0] if trigger else -1,
            trigger_end=trigger[1] if trigger else -1,
            role=sentence.role,
            claimant=claimant,
            points_back=bool(w.points_back.search(text, s, e)),
        )

    out = []
    harm = {k: c for k, c in counts.items() if k != "displaced"}
    if violent or harm:
        # the weapon tells the type: "атаковали дроном" is an air strike
        first = next(
            (t for t in violent if t[2] in _BY_WEAPON), violent[0] if violent else None
        )
        out.append(frame(first[2] if first else "armed_clash", first, harm))
    moved = [t for t in triggers if t[2] == "evacuation_displacement"]
    if "displaced" in counts or (moved and not out):
        out.append(
            frame(
                "evacuation_displacement",
                moved[0] if moved else None,
                {"displaced": counts["displaced"]} if "displaced" in counts else {},
            )
        )
    agreed = [t for t in triggers if t[2] == "ceasefire_agreement"]
    if agreed and not out:
        out.append(frame("ceasefire_agreement", agreed[0], {}))
    return out


def read_native(doc: Document, w: Words) -> Document:
    """Fill in the document's blocks, sentences and frames (``doc.mentions``).

    Parameters
    ----------
    doc : Document
        An article in ``w``'s language, with a gazetteer of its names
        (:func:`~bordermap.geo.extract.native.words.native_gazetteer`).
    w : Words

    Returns
    -------
    Document
        The same document, ready for
        :func:`~bordermap.geo.extract.pass6_merging.merge.merge_mentions`.
    """
    _blocks(doc, w)
    _sentences(doc, w)
    doc.mentions = [
        m
        for index, sentence in enumerate(doc.sentences)
        for m in _frames(doc, index, sentence, w)
    ]
    return doc
