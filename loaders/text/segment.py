r"""The layout of an article: headings, paragraphs, list items and the lead-ins of lists.

Articles come as Markdown or as text taken from web pages, where a paragraph is a line, a list
item starts with a bullet (or is a short line under a lead-in such as "Symptoms include:"),
a heading is a short line without final punctuation, and some pages are hard-wrapped. A
:class:`Block` keeps its offsets into the article, so evidence stays exact.

>>> for b in blocks("Symptoms\nPain may include:\n- numbness\n- tingling", 0):
...     print(b.kind, repr(b.text))
heading 'Symptoms'
paragraph 'Pain may include:'
item 'numbness'
item 'tingling'
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

__all__ = ["Block", "blocks"]

Kind = Literal["heading", "paragraph", "item"]

_BULLET = re.compile(
    r"^[ \t]*(?:[-*+\u2022\u25cf\u25aa\u25e6\u00b7\u2013\u2014]|\d{1,2}[.)])[ \t]+"
)
_MARKDOWN_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+")
_TABLE_RULE = re.compile(r"^[ \t|:+-]*$")
_END = re.compile(r"[.!?:;\u2026]['\")\]]*$")
#: A heading is at most this many words (a title or a section name, not a sentence).
HEADING_WORDS = 12


@dataclass(frozen=True)
class Block:
    """A heading, paragraph or list item, with its text and offsets into the article."""

    kind: Kind
    text: str
    start: int
    end: int

    @property
    def lead_in(self) -> bool:
        """A paragraph that opens a list: it ends with a colon or an ellipsis."""
        tail = self.text.rstrip()
        return self.kind != "item" and (tail.endswith((":", "...", "\u2026")))


def blocks(body: str, offset: int, words: frozenset[str] = frozenset()) -> list[Block]:
    """The blocks of ``body`` (text starting at ``offset`` in the article), in order.

    ``words``: the vocabulary's words, by which list items that a page lost the breaks between
    are told apart (:func:`glued`).
    """
    found: list[Block] = []
    for start, end in _lines(body, words):
        line = body[start:end]
        bullet = _BULLET.match(line)
        heading = _MARKDOWN_HEADING.match(line)
        if heading or bullet:
            skip = (heading or bullet).end()  # type: ignore[union-attr]
            kind: Kind = "heading" if heading else "item"
            text = line[skip:].strip().strip("*_").strip()
            if text:
                found.append(Block(kind, text, offset + start + line.index(text), offset + end))
            continue
        text = line.strip().strip("|").strip()
        if not text or _TABLE_RULE.match(text):
            continue
        at = offset + start + line.index(text)
        previous = found[-1] if found else None
        if (
            previous is not None
            and previous.kind == "paragraph"
            and not _END.search(previous.text)
            and (not _heading_like(previous.text) or _open_ended(previous.text))
            and text[:1].islower()
        ):  # a hard-wrapped line continues the paragraph
            joined = body[previous.start - offset : end].strip()
            found[-1] = Block("paragraph", joined, previous.start, offset + end)
            continue
        found.append(Block("paragraph", text, at, at + len(text)))
    return _classify(found)


def _lines(body: str, words: frozenset[str]) -> Iterator[tuple[int, int]]:
    """Each line's span, a line whose items were glued together cut into them."""
    position = 0
    for line in body.splitlines(keepends=True):
        content = line.rstrip("\r\n")
        edges = [0, *glued(content, words), len(content)]
        for first, last in pairwise(edges):
            yield position + first, position + last
        position += len(line)


#: A word glued to the next one's capital: "neck painCommon causes", "Cervical RadiculopathyA
#: pinched nerve" (a heading glued to the sentence after it).
_CAMEL = re.compile(r"\b[A-Z]?[a-z]{3,}(?=[A-Z][a-z]{2,}\b)")
#: A run of lower-case letters long enough to hold two glued words.
_LONG = re.compile(r"\b[a-z]{8,}\b")


def glued(line: str, words: frozenset[str]) -> list[int]:
    """Where a page lost the breaks between list items, as offsets into ``line``.

    Text taken from a web page may join the items of a list: "can cause: lower back
    painnumbness or tingling in your feetneck pain". A break falls at a capital inside a word
    ("painCommon causes"), and, when two or more words of the line split into two words of the
    vocabulary ("pain|numbness", "feet|neck"), between their halves; the colon of a lead-in
    before the first break ends the lead-in. One such word alone ("dorsiflexion") is a word.

    >>> words = frozenset({"neck", "pain", "numbness", "hands", "weakness", "dorsi", "flexion"})
    >>> line = "It can cause: neck painnumbness in the handsweakness"
    >>> cuts = glued(line, words)
    >>> [line[a:b].strip() for a, b in pairwise([0, *cuts, len(line)])]
    ['It can cause:', 'neck pain', 'numbness in the hands', 'weakness']
    >>> glued("Weak ankle dorsiflexion", words), glued("neck painCommon causes", words)
    ([], [9])
    >>> glued("Leg PainSciatica is a pain", words)
    [8]
    """
    cuts = [m.end() for m in _CAMEL.finditer(line)]
    halves = []
    for m in _LONG.finditer(line):
        word = m.group()
        if word in words:
            continue
        k = next(
            (k for k in range(4, len(word) - 3) if word[:k] in words and word[k:] in words), None
        )
        if k is not None:
            halves.append(m.start() + k)
    cuts += halves if len(halves) >= 2 else []
    if cuts:
        colon = line.rfind(": ", 0, min(cuts))
        cuts += [colon + 1] if colon > 0 else []
    return sorted(set(cuts))


#: Words a heading never ends with: a short line ending in one runs on into the next line.
_RUNS_ON = frozenset(
    "a an the of to in on at by for from with into onto than and or but nor so because while"
    " when where whether if that which who whose as is are was were be been being has have had"
    " can may might will would could should must not no this these those its their your his her"
    " our such very more most".split()
)


def _open_ended(text: str) -> bool:
    """A line cut off by a hard wrap mid-clause ("When", "pain in the", "if it is pinched,")."""
    return text.endswith(",") or text.split()[-1].lower() in _RUNS_ON


def _heading_like(text: str) -> bool:
    words = text.split()
    if not words or len(words) > HEADING_WORDS:
        return False
    return not _END.search(text) or (text.endswith("?") and len(words) <= HEADING_WORDS)


#: Verbs that make a line a sentence that lost its full stop: "Pain can be in one area only".
_FINITE = frozenset("is are was were can may might will could should must has have does".split())
#: The fewest words of a sentence that a page left without its full stop.
SENTENCE_WORDS = 7


def _sentence_like(words: list[str]) -> bool:
    """Whether a line without a full stop is a sentence, not a heading.

    A heading is short, or in title case ("How the Lower Back Causes Foot Drop"), or asks;
    a longer line in sentence case with a verb or a comma says something ("Pain can be in one
    area only, or along the entire arm", "Pain/pins & needles in neck, arm, chest").
    """
    if len(words) < SENTENCE_WORDS or words[-1].endswith("?"):
        return False
    content = [w for w in words[1:] if len(w) >= 4 and w[0].isalpha()]
    if sum(w[0].isupper() for w in content) * 2 >= len(content):
        return False  # title case
    return any("," in w for w in words) or any(w.lower() in _FINITE for w in words)


def _classify(found: list[Block]) -> list[Block]:
    """Mark headings, and the short lines that a lead-in or a heading turns into list items.

    After a lead-in ("Symptoms include:") short lines are items, with or without a full stop;
    after a heading only short sentences are ("Getting older."): a short line without one is
    the next heading.
    """
    out: list[Block] = []
    opened: str | None = None  # what opened the current list: "lead-in", "heading", "item"
    for i, block in enumerate(found):
        if block.kind != "paragraph":
            out.append(block)
            opened = opened if block.kind == "item" and opened else block.kind
            continue
        last = i == len(found) - 1
        short = len(block.text.split()) <= HEADING_WORDS
        is_lead_in = block.text.rstrip().endswith((":", "...", "\u2026"))
        if opened and short and not is_lead_in and not block.text.endswith("?"):
            if opened != "heading" or _END.search(block.text):
                out.append(Block("item", block.text, block.start, block.end))
                continue
        opened = None
        if _heading_like(block.text) and not _sentence_like(block.text.split()) and not last:
            out.append(Block("heading", block.text, block.start, block.end))
            opened = "heading"
            continue
        out.append(block)
        if is_lead_in:
            opened = "lead-in"
    return out


def pieces(block: Block, size: int) -> list[Block]:
    """``block`` cut into blocks of at most ``size`` characters.

    Cuts fall after a sentence's end if one is near, else at a space: a page on one very long
    line is read in pieces of bounded size.

    >>> [b.text for b in pieces(Block("paragraph", "One. Two. Three.", 0, 16), 10)]
    ['One. Two. ', 'Three.']
    """
    out: list[Block] = []
    start = 0
    text = block.text
    while len(text) - start > size:
        window = text[start : start + size]
        end = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
        cut = end + 2 if end > 0 else window.rfind(" ") + 1
        cut = cut if cut > 0 else size
        out.append(
            Block(
                block.kind,
                text[start : start + cut],
                block.start + start,
                block.start + start + cut,
            )
        )
        start += cut
    out.append(Block(block.kind, text[start:], block.start + start, block.end))
    return out
