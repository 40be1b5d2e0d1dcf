"""The text loader's words, sentences, phrase finder and NegEx, without spaCy loaded."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from spinekg.loaders import articles_path
from spinekg.loaders.text.articles import read_article
from spinekg.loaders.text.negex import NegEx, Phrases, words_of
from spinekg.loaders.text.tokens import sentence_bounds, tokenize

TESTS = Path(__file__).parent


def _words(text: str) -> list[str]:
    return [text[start:end] for start, end in tokenize(text)]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # levels and hyphenated words split at the hyphen; a range of numbers too
        ("L4-L5 and C5\u2013C6", ["L4", "-", "L5", "and", "C5", "\u2013", "C6"]),
        ("an X-ray of the low-back", ["an", "X", "-", "ray", "of", "the", "low", "-", "back"]),
        ("for 6-12 weeks", ["for", "6", "-", "12", "weeks"]),
        # slashes between words, but not in a fraction or "and/or"
        ("MRI/CT and/or 1/2", ["MRI", "/", "CT", "and/or", "1/2"]),
        # punctuation comes off both ends, brackets and quotes included
        ('("sciatica"), then', ["(", '"', "sciatica", '"', ")", ",", "then"]),
        ("numbness (sciatica): pain", ["numbness", "(", "sciatica", ")", ":", "pain"]),
        # a full stop after a word or a number comes off; abbreviations keep theirs
        (
            "rest, e.g. ice. Dr. Lee saw it",
            ["rest", ",", "e.g.", "ice", ".", "Dr.", "Lee", "saw", "it"],
        ),
        ("a U.S. clinic (i.e. NHS).", ["a", "U.S.", "clinic", "(", "i.e.", "NHS", ")", "."]),
        ("in the MRI.", ["in", "the", "MRI", "."]),
        # contractions
        ("Don't lift; it can't hurt", ["Do", "n't", "lift", ";", "it", "ca", "n't", "hurt"]),
        (
            "you cannot bend, it\u2019s sore",
            ["you", "can", "not", "bend", ",", "it", "\u2019s", "sore"],
        ),
        ("the patient's leg", ["the", "patient", "'s", "leg"]),
        ("we could've rested", ["we", "could", "'ve", "rested"]),
        ("they're tired and I'm not", ["they", "'re", "tired", "and", "I", "'m", "not"]),
        # numbers with units, percentages, money, ellipses
        (
            "a 5mm bulge in 30% of cases",
            ["a", "5", "mm", "bulge", "in", "30", "%", "of", "cases"],
        ),
        ("costs $50... or more", ["costs", "$", "50", "...", "or", "more"]),
        ("3.5 cm at 10am", ["3.5", "cm", "at", "10", "am"]),
        # web addresses stay whole
        ("see www.example.org/spine.", ["see", "www.example.org/spine", "."]),
        # a second space is a word of its own, as are other spaces
        ("pain  here\tnow", ["pain", " ", "here", "\t", "now"]),
    ],
)
def test_words_of_a_text(text: str, words: list[str]) -> None:
    assert _words(text) == words


def test_offsets_point_at_the_words() -> None:
    text = "Tingling (pins-and-needles) in the foot."
    assert tokenize(text)[:4] == [(0, 8), (9, 10), (10, 14), (14, 15)]
    assert all(text[start:end].strip() == text[start:end] for start, end in tokenize(text))


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Rest helps. Ice too!", ["Rest helps.", "Ice too!"]),
        # the closing quote or bracket stays with the sentence it closes
        ('He said "stop." Then rest.', ['He said "stop."', "Then rest."]),
        ("It hurts (a lot.) Rest.", ["It hurts (a lot.)", "Rest."]),
        # an abbreviation ends no sentence; an ellipsis neither
        (
            "Drugs, e.g. ibuprofen, help. Dr. Lee agrees",
            ["Drugs, e.g. ibuprofen, help.", "Dr. Lee agrees"],
        ),
        ("Wait... then rest", ["Wait... then rest"]),
        ("", []),
    ],
)
def test_sentences(text: str, sentences: list[str]) -> None:
    spans = tokenize(text)
    words = [text[s:e] for s, e in spans]
    found = [text[spans[a][0] : spans[b - 1][1]] for a, b in sentence_bounds(words)]
    assert found == sentences


def test_phrases_are_found_wherever_they_stand_overlaps_included() -> None:
    phrases = Phrases([(words_of("leg pain"), "LP"), (words_of("pain"), "P"), (("leg",), "L")])
    words = [w.lower() for w in _words("Leg pain, then pain.")]
    assert phrases.find(words) == [(0, 1, "L"), (0, 2, "LP"), (1, 2, "P"), (4, 5, "P")]
    assert words_of("L4-L5 Disc") == ("l4", "-", "l5", "disc")


NEGEX = NegEx(
    preceding=["no", "not", "without"],
    termination=["but", "however"],
    following=["was ruled out"],
    pseudo=["not only"],
)


@pytest.mark.parametrize(
    ("text", "mentions", "reached"),
    [
        # a cue before a mention reaches it, up to a termination word
        ("No weakness but numbness in the leg", ["weakness", "numbness"], [True, False]),
        # a cue after it, in the same stretch
        ("Weakness was ruled out", ["Weakness"], [True]),
        # a pseudo-negation is no cue
        ("Not only weakness but also pain", ["weakness", "pain"], [False, False]),
        # nor does a cue reach into the next sentence
        ("There was no fever. Weakness followed", ["fever", "Weakness"], [True, False]),
        # a cue after the mention does not reach back unless it is a following cue
        ("Weakness, not numbness", ["Weakness", "numbness"], [False, True]),
    ],
)
def test_negex_reach(text: str, mentions: list[str], reached: list[bool]) -> None:
    words = [w.lower() for w in _words(text)]
    spans = [(words.index(m.lower()), words.index(m.lower()) + 1) for m in mentions]
    starts = [first for first, _ in sentence_bounds(_words(text))]
    assert NEGEX.reached(words, starts, spans) == reached


def _texts() -> list[str]:
    """Paragraphs of the project's own articles (curated and both imitation sets)."""
    folders = [articles_path(), TESTS / "heldout" / "articles", TESTS / "heldout2" / "articles"]
    return [
        paragraph
        for folder in folders
        for path in sorted(folder.glob("*.md"))
        for paragraph in read_article(path, curated=False).body.split("\n")
        if paragraph.strip()
    ]


@pytest.mark.skipif(importlib.util.find_spec("spacy") is None, reason="spaCy is not installed")
def test_words_split_as_spacy_splits_them_on_our_articles() -> None:
    """The rules were written against spaCy's English tokenizer: the splits agree.

    The one difference kept on purpose: spaCy reads some runs of punctuation as emoticons and
    keeps them whole ("):" after "(spondylolisthesis"); they are split here.
    """
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    for text in _texts():
        doc = nlp(text)
        ours = tokenize(text)
        theirs = {token.idx for token in doc} | {token.idx + len(token) for token in doc}
        mine = {start for start, _ in ours} | {end for _, end in ours}
        assert theirs <= mine, text
        for token in doc:  # every extra cut falls inside punctuation spaCy kept whole
            inside = {c for c in mine if token.idx < c < token.idx + len(token)}
            assert not inside or all(not ch.isalnum() for ch in token.text), (text, token.text)
        if theirs == mine:
            words = [text[s:e] for s, e in ours]
            assert sentence_bounds(words) == [(s.start, s.end) for s in doc.sents], text
