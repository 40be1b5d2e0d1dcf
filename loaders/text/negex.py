"""Phrases found in a text's words, and NegEx: whether a cue denies (or hedges) a mention.

NegEx (Chapman et al., 2001) reads a mention as negated when a negation cue stands before it
("no weakness") or after it ("weakness was not found") in the same stretch of a sentence; a
termination word ("but", "however") ends a cue's reach, and a pseudo-negation ("not only",
"no further") is no cue. The cue lists are negspacy's clinical English termset, read as data
(``negspacy.termsets`` imports nothing); the algorithm is here, on the words the tokenizer
gives, so that spaCy need not be loaded.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import Generic, TypeVar

from spinekg.loaders.text.tokens import tokenize

__all__ = ["NegEx", "Phrases", "words_of"]

T = TypeVar("T")


def words_of(phrase: str) -> tuple[str, ...]:
    """A phrase's words as the matcher compares them: tokenized and lower-cased."""
    lowered = phrase.lower()
    return tuple(lowered[start:end] for start, end in tokenize(lowered))


class Phrases(Generic[T]):
    """Phrases of words, each with a value, found wherever they stand in a text's words."""

    def __init__(self, phrases: Iterable[tuple[tuple[str, ...], T]]) -> None:
        self.values: dict[tuple[str, ...], T] = {}
        lengths: dict[str, set[int]] = {}
        for words, value in phrases:
            if words:
                self.values[words] = value
                lengths.setdefault(words[0], set()).add(len(words))
        self._lengths = {first: sorted(ns) for first, ns in lengths.items()}

    def __contains__(self, words: tuple[str, ...]) -> bool:
        return words in self.values

    def opens(self, word: str) -> bool:
        """Whether a phrase starts with ``word``."""
        return word in self._lengths

    def find(self, words: Sequence[str]) -> list[tuple[int, int, T]]:
        """Every phrase found, overlapping ones included: (start, end, value), by start."""
        found = []
        lengths, values, size = self._lengths, self.values, len(words)
        for i in [i for i, word in enumerate(words) if word in lengths]:
            for n in lengths[words[i]]:
                if i + n > size:
                    break
                value = values.get(tuple(words[i : i + n]))
                if value is not None:
                    found.append((i, i + n, value))
        return found


PSEUDO, PRECEDING, FOLLOWING, TERMINATION = "pseudo", "preceding", "following", "termination"


class NegEx:
    """Which mentions a list of cues reaches (negations, or hedges read the same way)."""

    def __init__(
        self,
        preceding: Iterable[str],
        termination: Iterable[str],
        following: Iterable[str] = (),
        pseudo: Iterable[str] = (),
    ) -> None:
        kinds: dict[tuple[str, ...], set[str]] = {}
        for kind, cues in (
            (PSEUDO, pseudo),
            (PRECEDING, preceding),
            (FOLLOWING, following),
            (TERMINATION, termination),
        ):
            for cue in cues:
                kinds.setdefault(words_of(cue), set()).add(kind)
        self._cues = Phrases((words, frozenset(k)) for words, k in kinds.items())

    def reached(
        self, words: Sequence[str], sentence_starts: Iterable[int], spans: Sequence[tuple[int, int]]
    ) -> list[bool]:
        """For each mention's ``(start, end)``, whether a cue reaches it.

        A cue reaches a mention in the same stretch of words (sentences cut at termination
        words): a preceding cue that starts before it, or a following cue that ends after it.
        A mention that runs over the end of its stretch is not reached.
        """
        matches = self._cues.find(words)
        pseudo = [(start, end) for start, end, kinds in matches if PSEUDO in kinds]
        cuts = set(sentence_starts)
        before: list[int] = []  # where each preceding cue starts
        after: list[tuple[int, int]] = []  # each following cue's start and end
        for start, end, kinds in matches:
            if kinds == {PSEUDO} or any(p <= start <= q for p, q in pseudo):
                continue
            if TERMINATION in kinds:
                cuts.add(start)
            if PRECEDING in kinds:
                before.append(start)
            if FOLLOWING in kinds:
                after.append((start, end))
        stretches = sorted(cuts | {0, len(words)})
        reached = []
        for start, end in spans:
            k = bisect_right(stretches, start) - 1
            first, last = stretches[k], stretches[k + 1]
            reached.append(
                end <= last
                and (
                    any(first <= cue < start for cue in before)
                    or any(first <= cue < last and cue_end > end for cue, cue_end in after)
                )
            )
        return reached
