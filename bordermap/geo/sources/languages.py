"""The language of an article, so that one bordermap does not read is said.

bordermap's extractor reads English, Russian and Thai (:data:`READ`). An
article in another language would give no incident and look like a quiet
border; instead it is named and left out
(:class:`bordermap.geo.sources.articles.Reading`). :func:`settle_language`
writes each article's language on it before extraction, so that the
extractor reads it with that language's words.

The language is the one an article declares (front matter or a table's
``language`` column), else the one py3langid finds in its first
:data:`SAMPLE` characters. A text mostly in Latin letters is read without
its other letters (an English report quoting a Thai name stays English) and
taken for English unless py3langid is sure (:data:`SURE`) it is another
language: news in English is full of names that look like other languages.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import replace

from bordermap.geo.records import Article

__all__ = [
    "READ",
    "SAMPLE",
    "SURE",
    "detect_language",
    "language_name",
    "settle_language",
]

#: The languages the extractor reads (ISO 639-1).
READ = ("en", "ru", "th")
#: Characters of an article read to tell its language.
SAMPLE = 1000
#: How sure py3langid must be that a Latin-script text is not English.
SURE = 0.9
_MIN_LETTERS = 20  # fewer: too short to tell, read as it is


@functools.cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _is_latin(ch: str) -> bool:
    return ch.isascii() or "LATIN" in unicodedata.name(ch, "")


def _latin_share(text: str) -> tuple[int, float]:
    """Count the letters of ``text`` and the share of them that are Latin."""
    letters = latin = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            latin += _is_latin(ch)
    return letters, (latin / letters if letters else 1.0)


def _thai_share(text: str) -> float:
    """Give the share of a text's letters (and Thai vowel marks) in the Thai script."""
    thai = sum("\u0e00" <= ch <= "\u0e7f" for ch in text)
    others = sum(ch.isalpha() and not "\u0e00" <= ch <= "\u0e7f" for ch in text)
    return thai / (thai + others) if thai else 0.0


def detect_language(text: str) -> str:
    """Give the language of ``text`` as an ISO 639 code ("" when too short to tell).

    Examples
    --------
    >>> detect_language("Two villagers were killed when a rocket hit a house.")
    'en'
    >>> detect_language("จรวดตกใส่บ้านเรือนประชาชนในอำเภอกันทรลักษ์ มีผู้เสียชีวิต 1 ราย")
    'th'
    >>> detect_language("В Баткенской области погибли не менее 24 человек.")
    'ru'
    """
    sample = text[:SAMPLE]
    letters, latin = _latin_share(sample)
    if letters < _MIN_LETTERS:
        return ""
    if latin < 0.5:
        code = _identifier().classify(sample)[0]
        # a Thai page that opens with a Lao passage (a quoted statement): the
        # Thai script, Thai's alone, is most of the page's letters
        if code != "th" and _thai_share(text) > 0.5:
            return "th"
        return code
    # mostly Latin letters: the others are names ("Kap Choeng (กาบเชิง)")
    words = "".join(ch if not ch.isalpha() or _is_latin(ch) else " " for ch in sample)
    code, prob = _identifier().classify(words)
    return code if code == "en" or prob >= SURE else "en"


@functools.cache
def language_name(code: str) -> str:
    """Give a language's English name (the code itself when none is known).

    Examples
    --------
    >>> language_name("km"), language_name("ru"), language_name("xx")
    ('Khmer', 'Russian', 'xx')
    """
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code).english_name or code
    except (UnknownLocaleError, ValueError):
        return code


def settle_language(article: Article, override: str = "") -> Article:
    """Write its language on an article: ``override``, else declared, else found.

    Examples
    --------
    >>> ru = Article(id="a", text="В Баткенской области погибли 24 человека.")
    >>> settle_language(ru).language
    'ru'
    >>> settle_language(Article(id="a", text="Two hurt.", language="en"), "th").language
    'th'
    """
    code = (override or article.language or detect_language(article.text)).lower()
    return article if code == article.language else replace(article, language=code)
