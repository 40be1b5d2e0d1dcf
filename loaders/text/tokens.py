"""Words and sentences of a text, for English patient-education prose.

The rules read a text as words with their offsets, split into sentences. Splitting follows
the conventions of spaCy's English tokenizer, which the rules were written against: a text is
cut at white space, then punctuation is taken off each end of a piece (brackets, quotes,
commas, a full stop after a lower-case word), and a piece is split inside at hyphens and
slashes between words ("L4-L5", "X-ray", "MRI/CT"). Contractions are split ("don't" -> "do",
"n't"; "cannot" -> "can", "not") and abbreviations keep their full stop ("e.g.", "Dr.").
A sentence ends after ".", "!" or "?" and the punctuation that closes it.

The whole of spaCy is not imported for this: it takes most of a second to load, and the text
loader's start-up must stay well under one (issue 10). ``tests/test_tokens.py`` checks the
splits against spaCy's on the project's articles.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Sentence", "sentence_bounds", "tokenize", "word"]

#: Characters that end a sentence.
SENTENCE_ENDS = frozenset(".!?\u203c\u203d\u2047\u2048\u2049\u3002\uff01\uff0e\uff1f\uff61")

#: Quotes and brackets taken off either end of a piece.
_QUOTES = "'\"\u201d\u201c`\u2018\u00b4\u2019\u201a\u201e\u00bb\u00ab\u300c\u300d\u300e\u300f"
_QUOTES += "\uff08\uff09\u3014\u3015\u3010\u3011\u300a\u300b\u3008\u3009\u27e6\u27e7"
#: Punctuation taken off either end of a piece.
_PUNCT = ",:;!?\u00bf\u00a1()[]{}<>_#*&\u3002\uff1f\uff01\uff0c\u3001\uff1b\uff1a\uff5e\u00b7"
_PUNCT += "\u2026"
#: Currency signs taken off the front of a piece ("$5") or off a number's end ("5$").
_CURRENCY = "$\u00a3\u20ac\u00a5\u0e3f\u20bd\u20b4\u20b9\u20ba\u20a9\u20aa\u20ab\u20a6\u20b1"
#: What else comes off the front: "\u00a7 3", "%", "=", dashes.
_FRONT = frozenset(_QUOTES + _PUNCT + _CURRENCY + "\u00a7%=\u2014\u2013")
#: What comes off the end.
_BACK = frozenset(_QUOTES + _PUNCT + "\u2014\u2013")
#: Units written against a number: "5mm" -> "5", "mm".
UNITS = sorted(
    "km km\u00b2 km\u00b3 m m\u00b2 m\u00b3 dm cm cm\u00b2 cm\u00b3 mm mm\u00b2 mm\u00b3 ha "
    "\u00b5m nm yd in ft kg g mg \u00b5g t lb lbs oz m/s km/h kmh mph hPa Pa mbar mb MB kb KB "
    "gb GB tb TB T G M K % ml mL l L".split(),
    key=len,
    reverse=True,
)
_UNIT_AFTER_NUMBER = re.compile(
    rf"(?<=[0-9])(?:{'|'.join(re.escape(u) for u in UNITS)}|[{re.escape(_CURRENCY)}])$"
)
_ELLIPSIS = re.compile(r"\.\.+")
#: What a full stop comes off after, besides a lower-case letter or a digit: "50%.", "pain)."
_AFTER_WORD = frozenset(_QUOTES + _PUNCT + "%\u00b2-+")
#: Where a piece splits inside: an ellipsis, "10-20", "word.Next", "a,b", "L4-L5", "L5/S1".
_HYPHENS = r"---|--|\u2014\u2014|[-\u2013\u2014~]"
_INSIDE = re.compile(
    r"\.\.+|\u2026"
    r"|(?<=[0-9])[+\-*^](?=[0-9-])"
    rf"|(?:(?<=[^\W\d_])|(?<=[{_QUOTES}]))\.(?:(?=[^\W\d_])|(?=[{_QUOTES}]))"  # see _inside
    r"|(?<=[^\W\d_]),(?=[^\W\d_])"
    rf"|(?<=[^\W_])(?:{_HYPHENS})(?=[^\W\d_])"
    r"|(?<=[^\W_])[:<>=/](?=[^\W\d_])"
    r"|[\u00a6\u00a9\u00ae\u00b0]"
)
#: A web address, kept whole: "www.example.org/page".
_ADDRESS = re.compile(
    r"(?:[a-z][a-z0-9+.-]*://|www\.)\S+"
    r"|[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|uk|au|ca|nz|ie|int|info|io)(?:/\S*)?",
    re.IGNORECASE,
)
#: "10am", "5p.m.": the hour and the half of the day.
_HOUR = re.compile(r"(1[0-2]|[1-9])(a\.m\.|p\.m\.|am|pm)")


def _contractions() -> dict[str, tuple[str, ...]]:
    """Contractions and the words they stand for, in the forms writers use."""
    found: dict[str, tuple[str, ...]] = {}
    negatives = {v: v for v in "do does did is are was were has have had could would".split()}
    negatives |= {v: v for v in "should must might need ought dare may".split()}
    negatives |= {"can": "ca", "will": "wo", "shall": "sha", "ai": "ai"}
    for stem in negatives.values():
        for apostrophe in ("'", "\u2019", ""):
            found[f"{stem}n{apostrophe}t"] = (stem, f"n{apostrophe}t")
    pronouns = {
        "i": ("m", "ve", "ll", "d"),
        "you": ("re", "ve", "ll", "d"),
        "we": ("re", "ve", "ll", "d"),
        "they": ("re", "ve", "ll", "d"),
        "he": ("ll", "d"),
        "she": ("ll", "d"),
        "it": ("ll", "d"),
        "that": ("ll", "d"),
        "there": ("re", "ll", "d"),
        "what": ("re", "ll", "d"),
        "who": ("re", "ve", "ll", "d"),
        **dict.fromkeys(("could", "would", "should", "must", "might"), ("ve",)),
    }
    # words that the same letters without an apostrophe spell
    words = {"ill", "well", "were", "hell", "shell", "wed", "id", "whod", "whore", "itd"}
    words |= {"thered"}
    for pronoun, endings in pronouns.items():
        for ending in endings:
            for apostrophe in ("'", "\u2019"):
                found[f"{pronoun}{apostrophe}{ending}"] = (pronoun, f"{apostrophe}{ending}")
            if f"{pronoun}{ending}" not in words:
                found[f"{pronoun}{ending}"] = (pronoun, ending)
    for pronoun in ("he", "she", "that", "there", "what", "who", "here", "where", "how"):
        found[f"{pronoun}s"] = (pronoun, "s")  # "thats", "theres"
    found |= {"cannot": ("can", "not"), "gonna": ("gon", "na"), "gotta": ("got", "ta")}
    capitalised = {
        k[0].upper() + k[1:]: (v[0][0].upper() + v[0][1:], *v[1:]) for k, v in found.items()
    }
    return found | capitalised


#: Abbreviations that keep their full stop (a sentence does not end there).
ABBREVIATIONS = {
    *"e.g. i.e. E.g. I.e. E.G. I.E. vs. v.s. a.m. p.m. Ph.D. Dr. Mr. Mrs. Ms. Prof.".split(),
    *"St. Mt. Jr. Inc. Ltd. Co. co. Corp. Bros. Gen. Gov. Sen. Rep. Rev. Adm.".split(),
    *"Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec.".split(),
    *(f"{letter}." for letter in "abcdefghijklmnopqrstuvwxyz"),
}
#: Pieces read as given words rather than split by the rules.
SPECIAL: dict[str, tuple[str, ...]] = _contractions() | {a: (a,) for a in ABBREVIATIONS}
SPECIAL |= {s: (s,) for s in ("'s", "'S", "\u2019s", "\u2019S", "and/or")}


def _special(piece: str) -> tuple[str, ...] | None:
    words = SPECIAL.get(piece)
    if words is None and (hour := _HOUR.fullmatch(piece)) is not None:
        words = hour.groups()
    return words


def _front(piece: str) -> int:
    """How many characters come off the front of ``piece``."""
    first = piece[0]
    if first == ".":
        match = _ELLIPSIS.match(piece)
        return match.end() if match else 0
    if first in _FRONT or (first == "+" and not piece[1:2].isdigit()) or _symbol(first):
        return 1
    return next((len(sign) for sign in ("US$", "C$", "A$") if piece.startswith(sign)), 0)


def _back(piece: str) -> int:
    """How many characters come off the end of ``piece``."""
    last = piece[-1]
    before = piece[-2:-1]
    if last == ".":
        dots = len(piece) - len(piece.rstrip("."))
        if dots > 1:
            return dots  # an ellipsis
        if (
            before
            and (
                before.islower()
                or before.isdigit()
                or before in _AFTER_WORD
                or (before.isupper() and piece[-3:-2].isupper())  # "MRI."
                or (before in "FfCcKk" and piece[-3:-2] == "\u00b0")  # "40\u00b0C."
            )
        ):
            return 1
        return 0
    if last in _BACK or _symbol(last):
        return 1
    if last in "sS" and before in ("'", "\u2019") and len(piece) > 2:
        return 2  # "the patient's"
    if last == "+" and before.isdigit():
        return 1
    if before and (unit := _UNIT_AFTER_NUMBER.search(piece)) is not None:
        return len(piece) - unit.start()
    return 0


def _symbol(char: str) -> bool:
    """Whether ``char`` is a symbol such as "\u00a9", "\u00b0" or an emoji."""
    return char > "\u00a5" and unicodedata.category(char) == "So"


def _inside(piece: str, start: int) -> list[tuple[int, int]]:
    """The words of the middle of a piece: split at hyphens, slashes and the like."""
    if _ADDRESS.fullmatch(piece):
        return [(start, start + len(piece))]
    out: list[tuple[int, int]] = []
    at = 0
    for match in _INSIDE.finditer(piece):
        if match.group() == "." and not (
            (piece[match.start() - 1].islower() or piece[match.start() - 1] in _QUOTES)
            and (piece[match.end()].isupper() or piece[match.end()] in _QUOTES)
        ):
            continue  # a full stop splits only "word.Next"
        if match.start() > at:
            out.append((start + at, start + match.start()))
        if match.end() > match.start():
            out.append((start + match.start(), start + match.end()))
        at = match.end()
    if at < len(piece):
        out.append((start + at, start + len(piece)))
    return out


def _spans_of(words: tuple[str, ...], start: int) -> list[tuple[int, int]]:
    spans = []
    for w in words:
        spans.append((start, start + len(w)))
        start += len(w)
    return spans


@lru_cache(maxsize=65_536)
def _piece(piece: str) -> tuple[tuple[int, int], ...]:
    """The words of one piece of text without white space, as offsets into it."""
    special = _special(piece)
    if special is not None:
        return tuple(_spans_of(special, 0))
    if piece.isalnum() and not _HOUR.fullmatch(piece) and not _UNIT_AFTER_NUMBER.search(piece):
        return ((0, len(piece)),)
    front: list[tuple[int, int]] = []
    back: list[tuple[int, int]] = []
    start, end = 0, len(piece)
    middle: tuple[str, ...] | None = None
    while start < end:
        rest = piece[start:end]
        if (middle := _special(rest)) is not None:
            break
        size = end - start
        cut_front = _front(rest)
        if cut_front and (middle := _special(rest[cut_front:])) is not None:
            front.append((start, start + cut_front))
            start += cut_front
            break
        cut_back = _back(rest[cut_front:]) if cut_front < size else 0
        if cut_back and (middle := _special(rest[: size - cut_back])) is not None:
            back.append((end - cut_back, end))
            end -= cut_back
            break
        if cut_front and cut_back and cut_front + cut_back <= size:
            front.append((start, start + cut_front))
            back.append((end - cut_back, end))
            start, end = start + cut_front, end - cut_back
        elif cut_front:
            front.append((start, start + cut_front))
            start += cut_front
        elif cut_back:
            back.append((end - cut_back, end))
            end -= cut_back
        else:
            break
    if start < end:
        front += (
            _spans_of(middle, start) if middle is not None else _inside(piece[start:end], start)
        )
    return tuple(front + back[::-1])


_PIECES = re.compile(r"\S+")


def tokenize(text: str) -> list[tuple[int, int]]:
    """The words of ``text`` as (start, end) offsets.

    A single space after a word belongs to it; other white space is a word of its own, as in
    spaCy ("a  b" is "a", " ", "b"), so that word positions agree with the rules' reading.
    """
    out: list[tuple[int, int]] = []
    append = out.append
    edge = 0  # where the last piece ended
    for run in _PIECES.finditer(text):
        start = run.start()
        if start > edge:  # white space before the piece
            gap = edge + 1 if text[edge] == " " and out else edge
            if gap < start:
                append((gap, start))
        edge = run.end()
        words = _piece(run.group())
        if len(words) == 1:
            append((start, edge))
        else:
            out += [(start + a, start + b) for a, b in words]
    if edge < len(text):
        gap = edge + 1 if text[edge] == " " and out else edge
        if gap < len(text):
            append((gap, len(text)))
    return out


@lru_cache(maxsize=4096)
def _punctuation(word: str) -> bool:
    return all(unicodedata.category(c).startswith("P") for c in word)


def sentence_bounds(words: list[str]) -> list[tuple[int, int]]:
    """Each sentence as (first word, word after its last).

    A sentence ends after a word of :data:`SENTENCE_ENDS` and the punctuation that follows it
    (a closing quote or bracket): the next word that is no punctuation opens the next one.
    """
    bounds = []
    first, ended = 0, False
    for i, w in enumerate(words):
        if w in SENTENCE_ENDS:
            ended = True
        elif ended and not _punctuation(w):
            bounds.append((first, i))
            first, ended = i, False
    if first < len(words):
        bounds.append((first, len(words)))
    return bounds


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a parsed text: its words and where each of them starts and ends."""

    text: str
    start_char: int  # offset in the parsed text
    end_char: int
    words: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]  # each word's (start, end) in the parsed text

    def __len__(self) -> int:
        return len(self.words)

    def chars(self, start: int, end: int) -> tuple[int, int]:
        """The characters of words ``start:end`` of the sentence, in the parsed text."""
        return self.spans[start][0], self.spans[end - 1][1]

    def text_of(self, start: int, end: int) -> str:
        """The text of words ``start:end`` of the sentence."""
        first, last = self.chars(start, end)
        return self.text[first - self.start_char : last - self.start_char]

    def words_over(self, start: int, end: int) -> tuple[int, int]:
        """The words that characters ``start:end`` of the sentence's text fall on, widened."""
        start, end = start + self.start_char, end + self.start_char
        first = next(i for i, (_, e) in enumerate(self.spans) if e > start)
        last = max(i for i, (s, _) in enumerate(self.spans) if s < end)
        return first, last + 1


def word(token: str) -> str:
    """A token as the matcher and the rules read it.

    Lower-cased, a typographic apostrophe as a plain one: "Lhermitte\u2019s sign" is
    "lhermitte's sign".
    """
    return token.lower().replace("\u2019", "'")
