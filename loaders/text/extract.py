"""Turn one article into claims with evidence, and report what was not understood."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span

from spinekg.kernel.suggest import closest, similarity
from spinekg.loaders.text.articles import Article
from spinekg.loaders.text.lexicon import Entity
from spinekg.loaders.text.pipeline import Mention, Pipeline
from spinekg.loaders.text.relations import extract_relations

__all__ = ["METHOD", "Extracted", "Extraction", "Unrecognised", "extract"]

#: How text-derived evidence names its extraction method.
METHOD = "spinekg-text-rules/1 (spaCy tokenizer, phrase matcher, negspacy NegEx)"

#: How alike (0-1) an unknown word and a word of the lexicon must be to report a misspelling.
MISSPELLING = 0.88

_BLOCK_SPLIT = re.compile(r"\n[ \t]*\n")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+", re.MULTILINE)
_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]")


@dataclass(frozen=True)
class Extracted:
    """One claim found in an article, with its evidence."""

    subject: Entity
    relation: str
    object: Entity
    modality: str
    sentence: str
    start: int
    end: int
    confidence: float
    context: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Unrecognised:
    """A mention the loader could not resolve to one entity, for the curator report."""

    text: str
    start: int
    end: int
    sentence: str
    reason: str
    closest: tuple[str, ...]


@dataclass
class Extraction:
    """Everything extracted from one article."""

    article: Article
    claims: list[Extracted]
    unrecognised: list[Unrecognised]

    def json(self) -> dict[str, object]:
        """The claims and the curator report as JSON-ready data (``spinekg extract``)."""

        def entity(e: Entity) -> dict[str, str]:
            return {"iri": str(e.iri), "label": e.label}

        return {
            "document": {
                "id": self.article.id,
                "title": self.article.title,
                "path": str(self.article.path),
            },
            "claims": [
                {
                    "subject": entity(c.subject),
                    "relation": c.relation,
                    "object": entity(c.object),
                    "modality": c.modality,
                    "evidence": {"sentence": c.sentence, "start": c.start, "end": c.end},
                    "confidence": c.confidence,
                    "context": c.context,
                }
                for c in self.claims
            ],
            "unrecognised": [
                {
                    "text": u.text,
                    "start": u.start,
                    "end": u.end,
                    "sentence": u.sentence,
                    "reason": u.reason,
                    "closest": list(u.closest),
                }
                for u in self.unrecognised
            ],
        }


def extract(article: Article, pipeline: Pipeline) -> Extraction:
    """Sentences -> mentions -> relations, with offsets into the article's text."""
    claims: list[Extracted] = []
    unrecognised: list[Unrecognised] = []
    words = pipeline.lexicon.words()
    for offset, block in _blocks(article):
        for sent, mentions in pipeline.sentences(block, offset):
            start = offset + sent.start_char
            end = offset + sent.end_char
            sentence = article.text[start:end]
            tokens = [t.text for t in sent]
            for found in extract_relations(tokens, mentions):
                claims.append(
                    Extracted(
                        found.subject.entity,
                        found.relation,
                        found.object.entity,
                        found.modality,
                        sentence,
                        start,
                        end,
                        found.confidence,
                        {
                            "subject_text": found.subject.text,
                            "object_text": found.object.text,
                            "negated": found.object.negated,
                            "hedged": found.object.hedged,
                        },
                    )
                )
            unrecognised += _ambiguous(mentions, sentence)
            unrecognised += _near_misses(sent, mentions, words, pipeline, offset, sentence)
    return Extraction(article, claims, unrecognised)


def _blocks(article: Article) -> Iterator[tuple[int, str]]:
    """Paragraphs and list items of the body, with their offsets; headings are skipped."""
    body, base = article.body, article.body_start
    position = 0
    for part in _BLOCK_SPLIT.split(body):
        at = body.index(part, position)
        position = at + len(part)
        items = [m.start() for m in _LIST_ITEM.finditer(part)] or [0]
        if items[0] != 0:
            items.insert(0, 0)
        for i, item_start in enumerate(items):
            item_end = items[i + 1] if i + 1 < len(items) else len(part)
            chunk = part[item_start:item_end]
            if not chunk.strip() or _HEADING.match(chunk):
                continue
            marker = _LIST_ITEM.match(chunk)
            skip = marker.end() if marker else 0
            text = chunk[skip:].replace("**", "  ").replace("__", "  ")
            yield base + at + item_start + skip, text


def _ambiguous(mentions: list[Mention], sentence: str) -> Iterator[Unrecognised]:
    for m in mentions:
        if m.ambiguous and {e.category for e in m.ambiguous} - {m.category}:
            others = tuple(f"{e.label} ({e.category.lower()})" for e in m.ambiguous)
            yield Unrecognised(
                m.text,
                m.char_start,
                m.char_end,
                sentence,
                f"ambiguous; read as {m.entity.label} ({m.category.lower()})",
                others,
            )


def _near_misses(
    sent: Span,
    mentions: list[Mention],
    words: set[str],
    pipeline: Pipeline,
    offset: int,
    sentence: str,
) -> Iterator[Unrecognised]:
    """Words close to, but not in, the lexicon: likely misspellings or unknown variants."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    vocabulary = sorted(words)
    for i, token in enumerate(sent):
        text = token.text.lower()
        if i in covered or len(text) < 6 or not text.isalpha() or text in words:
            continue
        if token.is_stop:
            continue
        close = closest(text, vocabulary, n=1)
        if close and similarity(text, close[0]) >= MISSPELLING and not _inflection(text, close[0]):
            yield Unrecognised(
                token.text,
                offset + token.idx,
                offset + token.idx + len(token.text),
                sentence,
                f"not in the lexicon; did you mean {close[0]!r}?",
                tuple(pipeline.lexicon.containing(close[0])),
            )


_SUFFIXES = {
    "",
    "s",
    "es",
    "ed",
    "d",
    "ing",
    "ness",
    "ly",
    "er",
    "ers",
    "ment",
    "ies",
    "y",
    "al",
    "en",
    "ened",
    "ens",
    "ening",
    "ion",
    "ions",
    "ive",
    "ic",
}


def _inflection(word: str, known: str) -> bool:
    """True when ``word`` and ``known`` differ only by an ending (weakened/weakness)."""
    stem = 0
    while stem < min(len(word), len(known)) and word[stem] == known[stem]:
        stem += 1
    return word[stem:] in _SUFFIXES and known[stem:] in _SUFFIXES
