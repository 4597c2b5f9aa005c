"""One key for the spellings of a name: where romanisations of one place differ.

English news writes a district of Nimruz "Kong" where the data has "Kang",
"Doost Mohammad" for "Dust Mohammad", "Ben Guardane" for "Ben Gardane" and
"Chakkoti" for "Chakothi"; Russian writes "Торт-Кочо" for "Tört-Köchö". The
sound key keeps a name's consonants in order, with the letters that
romanisations of Persian, Arabic, Turkic, Slavic and South Asian names swap for
one sound made one ("kh" and "k", "ch" and "tch", "w" and "v"), its vowels and
doubled letters dropped. It is lossy on purpose: the gazetteer reads it only as
a last resort, for a capitalised name after a place word ("in", "village")
that no spelling in the data matches, among the border's own places, and only
where every place of that key lies in one province.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

__all__ = ["alike", "consonants", "latin", "similarity", "sound_key", "spelt"]

#: Russian (and Ukrainian, Kyrgyz, Tajik) letters as English news romanises them.
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "zh", "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "",
    "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi",
    "є": "ye", "ґ": "g", "ө": "o", "ү": "u", "ң": "ng", "ҷ": "j", "ғ": "gh",
    "қ": "q", "ҳ": "h", "ӣ": "i", "ӯ": "u", "ә": "a", "ұ": "u", "һ": "h",
}  # fmt: skip
#: Latin letters with marks that are other letters' sounds (Turkic, Persian).
_MARKED = {"ə": "a", "ş": "sh", "ç": "ch", "ğ": "gh", "ı": "i", "ñ": "n", "ß": "ss"}
#: Pairs written for one sound, longest first; "ch" is kept apart from "c".
_DIGRAPHS = (
    ("dzh", "j"), ("tch", "C"), ("shch", "S"), ("sch", "S"), ("ch", "C"),
    ("kh", "k"), ("gh", "g"), ("th", "t"), ("ph", "f"), ("sh", "S"), ("zh", "j"),
    ("dh", "d"), ("bh", "b"), ("jh", "j"), ("dj", "j"), ("ts", "s"), ("tz", "s"),
)  # fmt: skip
_SINGLE = str.maketrans({"q": "k", "x": "k", "c": "k", "w": "v", "C": "c", "S": "s"})
_DROP = re.compile(r"[aeiouy]|(?<=[a-zA-Z])h")
_DOUBLE = re.compile(r"(.)\1+")
_NOT_LETTER = re.compile("[^a-z]+")


def latin(text: str) -> str:
    """Romanise Cyrillic letters as English news does; other letters stay.

    Examples
    --------
    >>> latin("Торт-Кочо")
    'tort-kocho'
    >>> latin("Ҷиргатол")
    'jirgatol'
    """
    return "".join(_CYRILLIC.get(ch, ch) for ch in text.casefold())


#: Two spellings of one name share this much of their letters at least.
ALIKE = 0.7


def spelt(name: str) -> str:
    """Spell a name in plain lower-case Latin letters, Cyrillic romanised.

    Examples
    --------
    >>> spelt("Tört-Köchö"), spelt("Торт-Кочо"), spelt("Naxçıvan")
    ('tortkocho', 'tortkocho', 'naxchivan')
    """
    if name.isascii():  # most names: letters only, lower-cased
        return _NOT_LETTER.sub("", name.lower())
    low = "".join(_MARKED.get(ch, ch) for ch in latin(name))
    low = unicodedata.normalize("NFKD", low)
    return "".join(ch for ch in low if ch.isascii() and ch.isalpha())


def alike(a: str, b: str) -> bool:
    """Whether two plain spellings may be one name: same first letter, similar.

    Examples
    --------
    >>> alike("kong", "kang"), alike("sunday", "sandeh")
    (True, False)
    """
    return a[:1] == b[:1] and similarity(a, b) >= ALIKE


def similarity(a: str, b: str) -> float:
    """Give the share of letters two spellings have in common, in order (0 to 1)."""
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def sound_key(name: str) -> str:
    """Give the consonants of a name as its romanisations share them.

    Examples
    --------
    >>> sound_key("Kong") == sound_key("Kang")
    True
    >>> sound_key("Doost Mohammad") == sound_key("Dust Mohammad")
    True
    >>> sound_key("Chakkoti") == sound_key("Chakothi")
    True
    >>> sound_key("Торт-Кочо") == sound_key("Tört-Köchö")
    True
    >>> sound_key("Ben Guardane")
    'bngrdn'
    """
    return consonants(spelt(name))


def consonants(letters: str) -> str:
    """Give the sound key of a name already :func:`spelt`."""
    for pair, sound in _DIGRAPHS:
        if pair in letters:
            letters = letters.replace(pair, sound)
    letters = _DROP.sub("", letters.translate(_SINGLE))
    return _DOUBLE.sub(r"\1", letters)
