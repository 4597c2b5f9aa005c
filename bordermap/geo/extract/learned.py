"""Judgement calls learned from labelled data, read as plain data.

Each learned step of the extractor is a small logistic regression whose
weights are data (``models/<name>.json.gz``: classes, intercepts, a weight per
feature and class, the threshold, an optional calibration map, the training
data's hash and the library that trained it), read with the standard library:
extraction needs no learning library, and without a file the rules decide
alone. Trained from the real pages' labels (``tests/corpus/real/``) by
``benchmarks/`` and shipped only where it beats the rules border by border:

- ``report`` (shipped): does the sentence a mention was read from tell an
  incident at all, or is it background, a claim, a threat, a status line?
  Where the model is sure it is not, a bare violent mention is dropped.
- ``event_type`` (judged, not shipped): the type of a violent event the rules
  could only call an ``armed_clash``.
- ``link`` (judged, not shipped): which incident told before a frame tells
  again (:mod:`~bordermap.geo.extract.pass6_merging.linking`).
- ``confidence`` (shipped): each incident's probability of being real
  (:mod:`~bordermap.geo.extract.confidence`).

Sentence models score :func:`features` (words and the letter runs inside
them); the others score named feature values (:meth:`LinearModel.probabilities_of`).
:func:`using` puts a model in place for a block (a judge, a test);
:func:`recording` collects what a step knew when it decided (a trainer).
"""

from __future__ import annotations

import functools
import gzip
import json
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = [
    "LinearModel",
    "bucket",
    "features",
    "is_recording",
    "model",
    "record",
    "recording",
    "report_probability",
    "reports",
    "retype",
    "using",
]

MODELS = Path(__file__).resolve().parent / "models"
#: The type the rules give a violent event whose words do not tell one.
DEFAULT_TYPE = "armed_clash"
_WORD = re.compile(r"[\u0e00-\u0e7f]+|[^\W\d_]+")
_THAI = re.compile("[\u0e00-\u0e7f]")


def bucket(value: int, edges: tuple[int, ...]) -> str:
    """Name the first of ``edges`` that ``value`` is at most, or ``>`` the last.

    Examples
    --------
    >>> bucket(0, (0, 1, 3)), bucket(2, (0, 1, 3)), bucket(9, (0, 1, 3))
    ('0', '3', '>3')
    """
    for edge in edges:
        if value <= edge:
            return str(edge)
    return f">{edges[-1]}"


def features(text: str) -> set[str]:
    """List the words of a sentence and the letter runs inside them (4-grams).

    Letter runs let one weight serve "shell", "shells" and "shelling", and the
    cases of a Russian word; Thai, written without spaces, is read as runs of
    three letters.

    Examples
    --------
    >>> sorted(features("Shells hit"))[:4]
    ['g=<hit', 'g=<she', 'g=ells', 'g=hell']
    """
    out = set()
    for word in _WORD.findall(text.casefold()):
        if _THAI.match(word):
            out.update(f"t={word[k : k + 3]}" for k in range(max(1, len(word) - 2)))
            continue
        if len(word) <= 20:
            out.add(f"w={word}")
        padded = f"<{word}>"
        out.update(f"g={padded[k : k + 4]}" for k in range(max(1, len(padded) - 3)))
    return out


class LinearModel:
    """A multinomial (or binary) logistic regression over :func:`features`."""

    def __init__(self, data: dict) -> None:
        self.classes: tuple[str, ...] = tuple(data["classes"])
        self.intercept: tuple[float, ...] = tuple(data["intercept"])
        self.weights: dict[str, list[float]] = data["weights"]
        self.threshold: float = data["threshold"]
        #: knots of a monotone map from the raw to a calibrated probability
        self.calibration: list[list[float]] = data.get("calibration", [])
        self.meta: dict = data.get("meta", {})

    def probabilities(self, text: str) -> dict[str, float]:
        """Each class's probability for a sentence."""
        return self.probabilities_of(dict.fromkeys(features(text), 1.0))

    def probabilities_of(self, values: dict[str, float]) -> dict[str, float]:
        """Each class's probability for named feature values (absent: 0).

        Parameters
        ----------
        values : dict
            Feature name -> value; names the model does not know are ignored.

        Returns
        -------
        dict
            Class -> probability, summing to 1.

        Examples
        --------
        >>> m = LinearModel({"classes": ["no", "yes"], "intercept": [0.0],
        ...                  "weights": {"figure": [2.0]}, "threshold": 0.5})
        >>> round(m.probabilities_of({"figure": 1.0})["yes"], 3)
        0.881
        """
        scores = list(self.intercept)
        for feature, value in values.items():
            row = self.weights.get(feature)
            if row is not None:
                for k, w in enumerate(row):
                    scores[k] += w * value
        if len(self.classes) == 2 and len(scores) == 1:  # binary: one score
            p = 1 / (1 + math.exp(-scores[0]))
            return {self.classes[0]: 1 - p, self.classes[1]: p}
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        return {c: e / total for c, e in zip(self.classes, exp, strict=True)}

    def predict(self, text: str) -> tuple[str, float]:
        """Give the most probable class and its probability."""
        probs = self.probabilities(text)
        best = max(self.classes, key=lambda c: (probs[c], c))
        return best, probs[best]


@functools.cache
def _bundled(name: str) -> LinearModel | None:
    try:
        raw = gzip.decompress((MODELS / f"{name}.json.gz").read_bytes())
    except OSError:
        return None  # not shipped: the rules decide alone
    return LinearModel(json.loads(raw))


_ACTIVE: dict[str, list[LinearModel | None]] = {}


def model(name: str) -> LinearModel | None:
    """Give the model in use for ``name``: :func:`using`'s, else the bundled one."""
    stack = _ACTIVE.get(name)
    return stack[-1] if stack else _bundled(name)


_RECORDS: dict[str, list[list]] = {}


def record(name: str, row: object) -> None:
    """Keep ``row`` (what a step knew when it decided) while :func:`recording`.

    Parameters
    ----------
    name : str
        The step ("confidence", "link").
    row : object
        Plain data, appended to the innermost open recording of ``name``.
    """
    stack = _RECORDS.get(name)
    if stack:
        stack[-1].append(row)


def is_recording(name: str) -> bool:
    """Tell whether rows of step ``name`` are being collected."""
    return bool(_RECORDS.get(name))


@contextmanager
def recording(name: str) -> Iterator[list]:
    """Collect the rows step ``name`` records inside the block (for its trainer).

    Examples
    --------
    >>> with recording("demo") as rows:
    ...     record("demo", 1)
    >>> rows, is_recording("demo")
    ([1], False)
    """
    rows: list = []
    _RECORDS.setdefault(name, []).append(rows)
    try:
        yield rows
    finally:
        _RECORDS[name].pop()


@contextmanager
def using(name: str, active: LinearModel | None):
    """Extract with ``active`` (None: the rules alone) for ``name`` inside the block."""
    _ACTIVE.setdefault(name, []).append(active)
    try:
        yield active
    finally:
        _ACTIVE[name].pop()


def retype(event_type: str, sentence: str) -> str:
    """Type a violent event: the model's type where it is sure, else the rule's.

    Only the rules' fallback, ``armed_clash``, is open to the model: a type the
    trigger words tell (shelling, air strike, landmine) and the structural
    readings (displacement, agreements, arrests) stay as the rules read them.
    """
    found = model("event_type")
    if found is None or event_type != DEFAULT_TYPE or not sentence:
        return event_type
    best, p = found.predict(sentence)
    return best if p >= found.threshold else event_type


def report_probability(sentence: str) -> float | None:
    """Give the probability that a sentence tells an incident.

    Parameters
    ----------
    sentence : str

    Returns
    -------
    float or None
        The ``report`` model's "yes"; None without a model or a sentence.
    """
    found = model("report")
    if found is None or not sentence:
        return None
    return _says_yes(found, sentence)


@functools.lru_cache(maxsize=1024)
def _says_yes(found: LinearModel, sentence: str) -> float:
    # one score per sentence: the report step and the confidence both ask
    return found.probabilities(sentence)["yes"]


def reports(sentence: str) -> bool:
    """Tell whether a mention's sentence may tell an incident (False: sure not)."""
    p = report_probability(sentence)
    return p is None or 1 - p < model("report").threshold
