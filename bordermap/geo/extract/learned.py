"""Judgement calls learned from labelled sentences: the event type.

The rules read a violent event's type from its trigger words and fall back to
``armed_clash`` where the words do not tell ("troops opened fire on the
hamlets", "gunmen fired on a tour bus"). A small logistic regression trained on
the real pages' sentence labels (``tests/corpus/real/sentences/``: each sentence
that tells an incident, with that incident's gold type) reads the whole sentence
instead, and where it is sure (its probability at least the model's
``threshold``) its type replaces the rule's.

The weights are data (``models/event_type.json.gz``: classes, intercepts, a
weight per feature and class, the training data's hash and the library that
trained it), read with the standard library: extraction needs no learning
library. ``tools/train.py`` retrains them from the labels and the page cache and
writes the same bytes twice; without the file the rules decide alone.
"""

from __future__ import annotations

import functools
import gzip
import json
import math
import re
from contextlib import contextmanager
from pathlib import Path

__all__ = ["TypeModel", "features", "retype", "type_model", "using"]

#: The type the rules give a violent event whose words do not tell one.
DEFAULT_TYPE = "armed_clash"
MODEL_PATH = Path(__file__).resolve().parent / "models" / "event_type.json.gz"
_WORD = re.compile(r"[\u0e00-\u0e7f]+|[^\W\d_]+")
_THAI = re.compile("[\u0e00-\u0e7f]")


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


class TypeModel:
    """A multinomial logistic regression over :func:`features`."""

    def __init__(self, data: dict) -> None:
        self.classes: tuple[str, ...] = tuple(data["classes"])
        self.intercept: tuple[float, ...] = tuple(data["intercept"])
        self.weights: dict[str, list[float]] = data["weights"]
        self.threshold: float = data["threshold"]
        self.meta: dict = data.get("meta", {})

    def probabilities(self, text: str) -> dict[str, float]:
        """Each class's probability for a sentence."""
        scores = list(self.intercept)
        for feature in features(text):
            row = self.weights.get(feature)
            if row is not None:
                for k, w in enumerate(row):
                    scores[k] += w
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
def _bundled() -> TypeModel | None:
    try:
        raw = gzip.decompress(MODEL_PATH.read_bytes())
    except OSError:
        return None  # not trained here: the rules decide alone
    return TypeModel(json.loads(raw))


_ACTIVE: list[TypeModel | None] = []


def type_model() -> TypeModel | None:
    """Give the model in use: one set by :func:`using`, else the bundled one."""
    return _ACTIVE[-1] if _ACTIVE else _bundled()


@contextmanager
def using(model: TypeModel | None):
    """Extract with ``model`` (None: the rules alone) inside the block."""
    _ACTIVE.append(model)
    try:
        yield model
    finally:
        _ACTIVE.pop()


def retype(event_type: str, sentence: str) -> str:
    """Type a violent event: the model's type where it is sure, else the rule's.

    Only the rules' fallback, ``armed_clash``, is open to the model: a type the
    trigger words tell (shelling, air strike, landmine) and the structural
    readings (displacement, agreements, arrests) stay as the rules read them.
    """
    model = type_model()
    if model is None or event_type != DEFAULT_TYPE or not sentence:
        return event_type
    best, p = model.predict(sentence)
    return best if p >= model.threshold else event_type
