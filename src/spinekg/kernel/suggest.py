"""The "did you mean" of every message: the known names closest to what a user wrote.

One rule everywhere (table ids, query names, parameter values, findings, words of an article):
names at least half alike by :class:`difflib.SequenceMatcher`, best first, ties broken by the
longer shared beginning and then by the nearer numbers, so ``C9`` suggests ``C8, C7, C6``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

#: How alike (0-1) a name must be to be suggested at all.
CUTOFF = 0.5


def closest(value: str, known: Iterable[str], n: int = 3) -> list[str]:
    """The ``n`` known names most like ``value``.

    >>> closest("C9", ["T9", "C1", "C8", "C7", "L5"])
    ['C8', 'C7', 'C1']
    >>> closest("muscles_weakend_by_root", ["muscles_weakened_by_root", "codes"])
    ['muscles_weakened_by_root']
    """
    matcher = difflib.SequenceMatcher(b=value)
    scored = []
    for candidate in set(known):
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() < CUTOFF or matcher.quick_ratio() < CUTOFF:
            continue
        ratio = matcher.ratio()
        if ratio >= CUTOFF:
            shared = next(
                (i for i, (a, b) in enumerate(zip(value, candidate, strict=False)) if a != b),
                min(len(value), len(candidate)),
            )
            scored.append((-ratio, -shared, _number_gap(value, candidate), candidate))
    return [candidate for *_, candidate in sorted(scored)[:n]]


def similarity(a: str, b: str) -> float:
    """How alike two names are, from 0 to 1 (the measure :func:`closest` ranks by).

    >>> round(similarity("weaknes", "weakness"), 2)
    0.93
    """
    return difflib.SequenceMatcher(a=a, b=b).ratio()


def hint(value: str, known: Iterable[str], n: int = 3) -> str:
    """``"; closest: a, b"`` for a message, or ``""`` when nothing is close.

    >>> hint("L6", ["L5", "L4", "S1"])
    '; closest: L5, L4'
    """
    names = closest(value, known, n)
    return f"; closest: {', '.join(names)}" if names else ""


def _number_gap(a: str, b: str) -> int:
    numbers_a, numbers_b = re.findall(r"\d+", a), re.findall(r"\d+", b)
    if len(numbers_a) != len(numbers_b):
        return 1_000
    return sum(abs(int(x) - int(y)) for x, y in zip(numbers_a, numbers_b, strict=True))
