"""The NLP pipeline: spaCy tokenizer, sentencizer and phrase matcher, and negspacy's NegEx.

NegEx runs twice: once for negation, once (with hedging cues) for possibility. The phrase
matcher's patterns come from the lexicon.

No model is downloaded: ``spacy.blank("en")`` carries the tokenizer, negspacy ships its cue
lists, and the entity patterns come from the graph.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import negspacy.negation  # noqa: F401  (registers the "negex" factory)
import spacy
from negspacy.termsets import termset
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from spinekg.loaders.text.lexicon import Entity, Lexicon

__all__ = ["HEDGES", "Mention", "Pipeline"]

#: Cues that make a statement possible rather than asserted (the issue's list, and kin).
HEDGES = [
    "may",
    "might",
    "can",
    "could",
    "sometimes",
    "potentially",
    "possibly",
    "probably",
    "perhaps",
    "occasionally",
    "some patients",
    "some people",
    "in some cases",
    "may be",
    "can be",
]
#: Negation cues the clinical NegEx list lacks for patient-education prose.
EXTRA_NEGATIONS = ["never", "does not", "do not", "did not", "cannot", "can not", "is not"]


@dataclass(frozen=True)
class Mention:
    """An entity named in a sentence, with its token span and context."""

    entity: Entity
    ambiguous: tuple[Entity, ...]
    start: int  # token index in the sentence
    end: int
    text: str
    char_start: int  # offset in the document
    char_end: int
    negated: bool
    hedged: bool
    names_place: bool = False  # "neck pain": the finding carries its own place

    @property
    def category(self) -> str:
        """The mention's category (FINDING, BODY ...)."""
        return self.entity.category


class Pipeline:
    """Sentences and mentions of a text, from a lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        """Build the spaCy pipeline for ``lexicon``."""
        self.lexicon = lexicon
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._by_key: dict[str, list[Entity]] = {}
        for i, (phrase, entities) in enumerate(sorted(lexicon.phrases.items())):
            key = f"T{i}"
            self._by_key[key] = entities
            matcher.add(key, [nlp.make_doc(phrase)])
        self._matcher = matcher
        self._places = {
            phrase for phrase, ents in lexicon.phrases.items() if ents[0].category == "BODY"
        }
        by_key = self._by_key
        name = f"spinekg_mentions_{id(self)}"

        @Language.component(name)
        def mentions(doc: Doc) -> Doc:
            spans = []
            for key, start, end in matcher(doc):
                name = nlp.vocab.strings[key]
                label = by_key[name][0].category
                spans.append(Span(doc, start, end, label=label, span_id=name))
            doc.ents = spacy.util.filter_spans(spans)  # the longest phrase wins
            return doc

        nlp.add_pipe(name)
        negations = termset("en_clinical").get_patterns()
        negations["preceding_negations"] = sorted(
            {*negations["preceding_negations"], *EXTRA_NEGATIONS}
        )
        nlp.add_pipe("negex", config={"neg_termset": negations})
        hedges = {
            "pseudo_negations": [],
            "preceding_negations": HEDGES,
            "following_negations": [],
            "termination": negations["termination"],
        }
        nlp.add_pipe(
            "negex", name="hedge", config={"neg_termset": hedges, "extension_name": "hedged"}
        )
        self.nlp = nlp

    def sentences(self, text: str, offset: int = 0) -> Iterator[tuple[Span, list[Mention]]]:
        """Each sentence of ``text`` with its mentions; offsets shifted by ``offset``."""
        doc = self.nlp(text)
        for sent in doc.sents:
            mentions = []
            for ent in sent.ents:
                entities = self._by_key[ent.ent_id_]
                if _inside_level(ent):
                    continue  # "L5" of "L4-L5" is a disc level, not the L5 root
                mentions.append(
                    Mention(
                        entity=entities[0],
                        ambiguous=tuple(entities[1:]),
                        start=ent.start - sent.start,
                        end=ent.end - sent.start,
                        text=ent.text,
                        char_start=offset + ent.start_char,
                        char_end=offset + ent.end_char,
                        negated=bool(ent._.negex),
                        hedged=bool(ent._.hedged),
                        names_place=entities[0].category != "BODY"
                        and any(t.lower_ in self._places for t in ent),
                    )
                )
            yield sent, mentions


def _inside_level(ent: Span) -> bool:
    doc = ent.doc
    before = doc[ent.start - 1].text if ent.start > 0 else ""
    after = doc[ent.end].text if ent.end < len(doc) else ""
    return len(ent) == 1 and "-" in (before, after)
