"""The "did you mean" of every message: the known names closest to what a user wrote.

One rule everywhere (table ids, query names, parameter values, findings, words of an article):
names at least half alike (rapidfuzz's normalised Indel similarity, the measure of
:class:`difflib.SequenceMatcher`, in compiled code: an article's near-miss report compares
every unknown word with the whole vocabulary), best first, ties broken by the longer shared
beginning and then by the nearer numbers, so ``C9`` suggests ``C8, C7, C6``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz, process

#: How alike (0-1) a name must be to be suggested at all.
CUTOFF = 0.5


def closest(value: str, known: Iterable[str], n: int = 3, *, cutoff: float = CUTOFF) -> list[str]:
    """The ``n`` known names most like ``value``, at least ``cutoff`` alike.

    A caller that only wants near-identical names (a misspelling detector) raises ``cutoff``.

    >>> closest("C9", ["T9", "C1", "C8", "C7", "L5"])
    ['C8', 'C7', 'C1']
    >>> closest("muscles_weakend_by_root", ["muscles_weakened_by_root", "codes"])
    ['muscles_weakened_by_root']
    """
    found = process.extract(
        value, set(known), scorer=fuzz.ratio, limit=None, score_cutoff=cutoff * 100
    )
    scored = [
        (-round(score, 6), -_shared(value, candidate), _number_gap(value, candidate), candidate)
        for candidate, score, _ in found
    ]
    return [candidate for *_, candidate in sorted(scored)[:n]]


def similarity(a: str, b: str) -> float:
    """How alike two names are, from 0 to 1 (the measure :func:`closest` ranks by).

    >>> round(similarity("weaknes", "weakness"), 2)
    0.93
    """
    return float(fuzz.ratio(a, b)) / 100


def hint(value: str, known: Iterable[str], n: int = 3) -> str:
    """``"; closest: a, b"`` for a message, or ``""`` when nothing is close.

    >>> hint("L6", ["L5", "L4", "S1"])
    '; closest: L5, L4'
    """
    names = closest(value, known, n)
    return f"; closest: {', '.join(names)}" if names else ""


def _shared(a: str, b: str) -> int:
    """The length of the common beginning of ``a`` and ``b``."""
    return next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )


def _number_gap(a: str, b: str) -> int:
    numbers_a, numbers_b = re.findall(r"\d+", a), re.findall(r"\d+", b)
    if len(numbers_a) != len(numbers_b):
        return 1_000
    return sum(abs(int(x) - int(y)) for x, y in zip(numbers_a, numbers_b, strict=True))
