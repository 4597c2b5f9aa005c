"""The scanner's index never loses a match: checked on every article we hold."""

import re

import pytest

from bordermap.geo.extract.incidents import sentences
from bordermap.geo.extract.words import triggers
from bordermap.geo.extract.words.scanner import Scanner, row_starts, word_starts
from bordermap.geo.sources.articles import read_articles
from tests.conftest import CORPUS, ROOT


@pytest.mark.parametrize(
    ("row", "starts"),
    [
        (r"\bshell(?:ing|ed)?\b", {"she"}),
        (r"rockets?", {"roc"}),
        (r"BM-21s?", {"bm"}),
        (r"(?:BM-21|[Rr]ockets?)\s+fell", {"bm", "roc"}),
        (r"fir(?:ed|ing|es)", {"fir"}),
        (r"a+b", {"a"}),  # "aab" begins "aa": the key ends after one copy
        (r"ab{2,}c", {"ab"}),
        (r"(?:the\s+)?army", {"the", "arm"}),
        (r"(?i:kill)ed", {"kil"}),
        (r"(?<!not\s)fled", {"fle"}),
        (r"[Ff]l(?:ed|ee)", {"fle"}),
        (r"[\w'-]+\s+fled", None),
        (r"\d+\s+rockets", None),
        (r".*fled", None),
        (r"[^a]bc", None),
        (r"(?x) fled", None),  # verbose rows are not read: always run
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_row_starts(row, starts):
    got = row_starts(row)
    assert (None if got is None else set(got)) == starts


def _reference(scanner: Scanner, text: str, start: int, end: int) -> list:
    """What finditer gives when every row is run (no index)."""
    found = sorted(
        (m.start(), i, m)
        for i, rx in enumerate(scanner.rows)
        for m in rx.finditer(text, start, end)
    )
    out, pos = [], start
    for s, _, m in found:
        if s >= pos:
            out.append(m)
            pos = max(m.end(), s + 1)
    return out


def _texts() -> list:
    files = [ROOT / "seeds", *sorted(CORPUS.glob("*/*.md"))]
    return [
        (a.text, s.start, s.end) for a in read_articles(files) for s in sentences(a)
    ]


def test_every_trigger_row_is_read():
    scanners = [*triggers._SCANNERS.values(), triggers._BARE_STRIKE]
    assert all(not s.always for s in scanners), [
        s.rows[i].pattern for s in scanners for i in s.always
    ]


def test_the_index_loses_no_match_on_the_corpus():
    texts = _texts()
    assert len(texts) > 300
    scanners = [*triggers._SCANNERS.values(), triggers._BARE_STRIKE]
    found = 0
    for text, start, end in texts:
        words = word_starts(text, start, end)
        for scanner in scanners:
            got = [
                (m.span(), m.re.pattern)
                for m in scanner.finditer(text, start, end, words)
            ]
            want = [
                (m.span(), m.re.pattern) for m in _reference(scanner, text, start, end)
            ]
            assert got == want, text[start:end]
            found += len(got)
    assert found > 200


def test_case_sensitive_rows_keep_their_case():
    s = Scanner([r"\bIED\b"])
    text = "an IED and a ied"
    assert [m.span() for m in s.finditer(text, 0, len(text))] == [(3, 6)]
    assert re.compile(r"\bIED\b").pattern in {r.pattern for r in s.rows}
