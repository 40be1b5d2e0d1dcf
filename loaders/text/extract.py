"""Turn one article into claims with evidence, and report what was not understood."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import takewhile
from typing import Any

from rdflib import URIRef

from spinekg.kernel.namespaces import SPINE
from spinekg.loaders.text.articles import Article
from spinekg.loaders.text.frames import (
    Frame,
    frame_claims,
    frame_of,
    inherited,
    signs_of_list,
    topic_of,
    with_kind,
)
from spinekg.loaders.text.lexicon import IRREGULAR_PLURALS, Entity, Lexicon
from spinekg.loaders.text.pipeline import Mention, Pipeline
from spinekg.loaders.text.relations import (
    BACK_TO_RUN,
    KIND_OF_TREATMENT,
    SYMPTOM,
    Found,
    compression_stated,
    extract_relations,
    generic,
    in_the_other_kind,
    kinds_of_the_last,
    local_id,
    named,
    named_as_cause,
    root_named,
    structure_compressed,
    symptoms_named,
    tried_before_the_last,
    unplaced,
)
from spinekg.loaders.text.segment import blocks, pieces
from spinekg.loaders.text.tokens import Sentence, word

__all__ = ["METHOD", "Extracted", "Extraction", "Unrecognised", "extract"]

#: How text-derived evidence names its extraction method.
METHOD = "spinekg-text-rules/2 (rule tokenizer, phrase matcher, NegEx with negspacy's cues)"

#: How many sentences of the first paragraph count as the page's opening.
OPENING = 2


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
    #: The ends as clinical annotation names them: a regional herniation as the general one
    #: (the region is in ``context``); the graph keeps ``subject`` and ``object``.
    annotated: tuple[Entity, Entity] | None = None

    @property
    def shown(self) -> tuple[Entity, Entity]:
        """The subject and object as ``spinekg extract`` reports them."""
        return self.annotated or (self.subject, self.object)


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
                    "subject": entity(c.shown[0]),
                    "relation": c.relation,
                    "object": entity(c.shown[1]),
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
    """Blocks -> sentences -> mentions -> relations, with offsets into the article's text.

    The page's topic (:func:`~.frames.topic_of`) stands for an omitted subject; a lead-in or a
    heading sets a frame that relates every list item under it to its condition.
    """
    claims: list[Extracted] = []
    unrecognised: list[Unrecognised] = []
    layout = [
        piece
        for block in blocks(_plain(article.body), article.body_start, pipeline.vocabulary)
        for piece in pieces(block, pipeline.max_chars)
    ]
    parsed = [(b, list(pipeline.sentences(_one_line(b.text), b.start))) for b in layout]
    titled = list(pipeline.sentences(_plain(article.title), 0))
    if not any(ms for _, ms in titled):  # the page's first heading, past a menu's short lines
        headings = takewhile(lambda p: p[0].kind == "heading", parsed)
        titled = next((sents for _, sents in headings if any(ms for _, ms in sents)), [])
    # a cause the title names is not what the page is about: "Foot drop from a herniated disc"
    title = [m for sent, ms in titled for m in ms if not _cause_in_title(_lower(sent), m)]
    body = [(b, sents) for b, sents in parsed if b.kind != "heading"]
    words = {id(sent): _lower(sent) for _, sents in parsed for sent, _ in sents}  # once each
    # the opening sentences say what the page is about; a cause named later in the paragraph
    # ("due to injury, the annulus can tear") does not
    opening = (
        [
            m
            for sent, ms in body[0][1][:OPENING]
            if not _refers_back(sent)  # "This condition is really a trapped nerve": not it
            for m in ms
            if not _named_as_cause(words[id(sent)], m, ms)
        ]
        if body
        else []
    )
    everything = [
        m
        for _, sents in parsed
        for sent, ms in sents
        for m in ms
        if not _named_as_cause(words[id(sent)], m, ms)
    ]
    # a page that opens on "This condition ..." without naming it is about the condition its
    # prose sentences open on: "Sciatica requires a careful diagnosis" (not a list item)
    unnamed = bool(body and body[0][1]) and _unnamed_condition(body[0][1][0][0])
    subjects = [
        ms[0]
        for b, sents in (body if unnamed else [])
        if b.kind == "paragraph"
        for sent, ms in sents
        if ms and _opens_sentence(words[id(sent)], ms[0])
    ]
    page_topic = topic_of(title, opening, everything, subjects)
    recent: dict[str, Mention] = {}
    symptoms_of: Mention | None = None  # "... the symptoms of sciatica. These include ..."
    pressed: Mention | None = None  # "... a disc presses on the root. This can lead to ..."
    listed: list[int] = []  # the claims of the list just read, for "these symptoms are signs of"
    offered: list[Mention] = []  # the treatments named last, for "other conservative options"
    # the treatments of the sentence before, for "if conservative care fails"
    said_before: list[Mention] = []
    list_root: Mention | None = None  # "Symptoms if the affected root is L5:"
    section_topic: Mention | None = None
    frame: Frame | None = None
    section_frame: Frame | None = None  # the heading's, for a lead-in that sets none itself
    section_kind: Mention | None = None  # the kind of care the heading names, if any
    # the findings of the sentence (or the list) just read, for "these symptoms are due to X"
    findings_before: list[Mention] = []
    places_before: list[Mention] = []  # the places of the sentence before, for "these areas"
    was_item = False  # whether the sentence before was a list item
    kinds = [b.kind for b, _ in parsed]
    for k, (block, sentences) in enumerate(parsed):
        if block.kind == "heading":
            heading = sentences[0] if sentences else None
            frame = frame_of(_lower(heading[0]), heading[1]) if heading else None
            section_frame = frame
            section_kind = (
                _kind_named(_lower(heading[0]), heading[1], pipeline.lexicon) if heading else None
            )
            named = [m for m in (heading[1] if heading else []) if m.category == "CONDITION"]
            section_topic = named[0] if named else None
            recent, pressed, listed, list_root = {}, None, [], None
            findings_before, places_before = [], []
            offered, said_before = [], []
            continue
        # a line after an item of when a treatment comes goes on with it: "- Home care has
        # not worked / Most have tried rest for weeks without relief"
        goes_on = (
            block.kind == "paragraph"
            and kinds[k - 1 : k] == ["item"]
            and not block.lead_in
            and frame is not None
            and frame.relation == "tried_before"
        )
        # a paragraph that opens on an item of the list's kind ("Smoking. Nicotine ...") is
        # one more item of a list whose bullets the page lost
        as_item = block.kind == "item" or goes_on or _opens_on_item(frame, sentences)
        if not as_item:
            frame, list_root = None, None
        subject: Mention | None = None  # the condition the sentence before opened on
        for number, (sent, mentions) in enumerate(sentences):
            start = block.start + sent.start_char
            end = block.start + sent.end_char
            sentence = article.text[start:end]
            tokens = words[id(sent)]
            within = as_item and not goes_on  # goes on: no anchor, no first sentence
            anchor = frame.anchor if within and frame is not None else None
            # "C5 radiculopathy weakens the shoulder. It rarely causes numbness": "it" is the
            # subject of the sentence before in the block, not the page's topic
            it = subject if tokens[:1] == ["it"] else None
            topic = _as_topic(it or anchor or section_topic or page_topic, start)
            opens = mentions[0] if mentions and _opens_sentence(tokens, mentions[0]) else None
            subject = opens if opens is not None and opens.category == "CONDITION" else None
            mentions = _referring_back(mentions, tokens, recent, pipeline.lexicon)
            # "numbness in these areas": the places of the sentence before, at those words
            these = _these_places(sent, tokens, mentions, places_before, block.start)
            if these is not None:
                mentions = sorted([*mentions, these], key=lambda m: m.start)
            found: list[Found] = []
            if mentions:  # a sentence that names nothing says nothing
                found = extract_relations(
                    tokens,
                    mentions,
                    pipeline.lexicon,
                    topic=topic,
                    recent=recent,
                    symptoms_of=symptoms_of,
                    pressed=pressed,
                    root=list_root if as_item else None,
                )
            found += kinds_of_the_last(
                tokens, mentions, offered, pipeline.lexicon, just_before=said_before
            )
            found += tried_before_the_last(tokens, mentions, said_before, pipeline.lexicon)
            found += _causes_of_those(found, tokens, findings_before)
            if not listed:  # after prose, not a list: "These symptoms could signify X"
                found += _signs_of_those(tokens, mentions, findings_before)
            if section_kind is not None:
                found += _of_the_sections_kind(mentions, section_kind, pipeline.lexicon)
            said_before = [m for m in mentions if m.category == "TREATMENT"]
            offered = [*offered, *said_before][-OFFERED:]
            symptoms_of = symptoms_named(tokens, mentions)
            pressed = compression_stated(found, pipeline.lexicon)
            first = number == 0 and within
            if as_item and frame is not None and (first or frame.relation == "tried_before"):
                # an item's own words that deny or hedge a pair win: "Fusion is not needed."
                said = {
                    (f.subject.entity.iri, f.relation, f.object.entity.iri)
                    for f in found
                    if f.modality != "asserted"
                }
                # signs an item gives a condition it names are not the lead-in's: "Saddle
                # numbness suggests cauda equina syndrome" under the signs of a radiculopathy
                signed = {
                    f.object.entity.iri
                    for f in found
                    if f.relation == "has_symptom" and f.subject.start >= 0
                }
                found += [
                    f
                    for f in frame_claims(frame, tokens, mentions, topic, pipeline.lexicon)
                    if (f.subject.entity.iri, f.relation, f.object.entity.iri) not in said
                    and not (f.relation == "has_symptom" and f.object.entity.iri in signed)
                ]
                if frame.modality == "possible":  # "you might notice:" hedges every item
                    found = [
                        replace(f, modality="possible")
                        if f.modality == "asserted" and f.relation not in KIND_OF_A_THING
                        else f
                        for f in found
                    ]
            if these is not None:
                found = _at_each_place(found, these, places_before)
            new = [
                _claim(item, sentence, start, end, pipeline.lexicon)
                for item in found
                if _individual(item.subject)
                and _individual(item.object)
                and _informative(item)
                and _consistent(item, pipeline.lexicon)
            ]
            # "... these symptoms can be a sign of cauda equina syndrome", after the list or
            # as its last short line
            signs = signs_of_list(tokens, mentions) if listed and number == 0 else None
            if signs is not None and signs.anchor is not None:
                for k in listed:
                    claims[k] = _signs_of(claims[k], signs.anchor.entity, signs.modality)
                listed = []
            elif as_item:
                listed += range(len(claims), len(claims) + len(new))
            else:
                listed = []
            claims += new
            unrecognised += _ambiguous(mentions, sentence)
            unrecognised += _near_misses(sent, mentions, pipeline, block.start, sentence)
            recent = _remember(recent, tokens, mentions, pipeline.lexicon)
            places_before = [m for m in mentions if m.category == "BODY" and m is not these]
            named = [m for m in mentions if m.category == "FINDING" and not generic(m)]
            if named:  # a list's items add up; a sentence names its own
                findings_before = [*findings_before, *named] if as_item and was_item else named
            was_item = as_item
            if block.lead_in and number == len(sentences) - 1:
                list_root = root_named(mentions, pipeline.lexicon)
                # "Risk factors you can change ... These may include:" keeps the heading's frame
                frame = with_kind(
                    frame_of(tokens, mentions, lead_in=True), section_frame
                ) or inherited(section_frame, tokens)
    return Extraction(article, _unique(claims), unrecognised)


#: What may follow an item named at the start of a paragraph: "Smoking.", "Being overweight,".
ITEM_ENDS = {".", ",", ":", ";", "-", "\u2013", "\u2014"}


def _opens_on_item(frame: Frame | None, sentences: list[tuple[Sentence, list[Mention]]]) -> bool:
    """Whether a paragraph opens by naming one item of the list before it, like a bullet.

    Its first words name a mention of the kind the list's lead-in relates ("Being overweight.
    Extra weight loads the discs ..."), followed by a full stop or a comma.
    """
    if frame is None or not sentences or not sentences[0][1]:
        return False
    sent, mentions = sentences[0]
    first = mentions[0]
    after = sent.words[first.end] if first.end < len(sent) else ""
    return first.start == 0 and first.category in frame.item_categories and after in ITEM_ENDS


#: Relations of what a thing is, which no hedge on its use makes possible: "may help: rest"
#: hedges the treatment, not that rest is conservative care.
KIND_OF_A_THING = {"treatment_kind"}

#: How many of the treatments named last "other conservative treatments" may look back on.
OFFERED = 6


#: Words that may stand before the subject that opens a sentence.
DETERMINERS = {"a", "an", "the"}


def _opens_sentence(tokens: list[str], m: Mention) -> bool:
    """Whether a mention is the first words of a sentence, which it is then about."""
    return m.start == 0 or (m.start == 1 and tokens[0] in DETERMINERS)


#: Nouns of "This condition is ...", which refer to a condition the page does not name.
CONDITION_NOUNS = {"condition", "disorder", "problem", "syndrome", "disease"}


def _unnamed_condition(sent: Sentence) -> bool:
    """Whether a page's first sentence refers to its condition without naming it."""
    return _refers_back(sent) and len(sent) > 1 and sent.words[1].lower() in CONDITION_NOUNS


def _refers_back(sent: Sentence) -> bool:
    """Whether a sentence opens on what came before ("This condition is ...", "It is ...")."""
    return len(sent) > 0 and sent.words[0].lower() in {"this", "it", "these", "they", "that"}


def _cause_in_title(tokens: list[str], m: Mention) -> bool:
    """Whether a title names a mention as a cause: "Foot drop from a herniated disc"."""
    before = [t for t in tokens[max(0, m.start - 3) : m.start] if t not in {"a", "an", "the"}]
    return named_as_cause(tokens, m) or before[-1:] == ["from"]


def _named_as_cause(tokens: list[str], m: Mention, mentions: list[Mention]) -> bool:
    """Whether a mention is named as the cause of an event: a cause is not a page's topic.

    "Due to injury, the ring can tear" names a cause; "pain due to a herniated disc" names the
    condition behind a symptom, which may well be the topic.
    """
    if not named_as_cause(tokens, m):
        return False
    effect = next((e for e in reversed(mentions) if e.end <= m.start), None)
    return effect is None or effect.category != "FINDING"


def _remember(
    recent: dict[str, Mention], tokens: list[str], mentions: list[Mention], lexicon: Lexicon
) -> dict[str, Mention]:
    """What "it" and "the nerve" may refer to next: each category's first mention here.

    A definite generic mention ("the nerve", "this disc") refers back itself, so it keeps the
    antecedent it refers to. A named compression names its structure too: after "compression
    of the sciatic nerve", "the nerve" is the sciatic nerve. The last named nerve is kept apart
    too (under :data:`NERVE`), for "this nerve" after a sentence that ends on the spinal cord.
    """
    out = dict(recent)
    seen: set[str] = set()
    named = [s for m in mentions if (s := structure_compressed(m, lexicon)) is not None]
    for m in sorted([*mentions, *named], key=lambda m: m.start):
        # the spinal cord is no nerve: "this nerve" after "it runs from the spinal cord" is
        # the nerve named before, kept apart
        keys = [m.category] + ([NERVE] if _a_nerve(m) else [])
        for key in keys:
            if key in seen:
                continue
            seen.add(key)
            definite = m.start > 0 and tokens[m.start - 1] in {"the", "this", "that", "these"}
            # "the lumbar nerve roots" say which they are: no reference back
            if not (unplaced(m) and definite and key in recent):
                out[key] = m
    return out


#: The key under which :func:`_remember` keeps the last named nerve (not a category).
NERVE = "NERVE"


def _a_nerve(m: Mention) -> bool:
    """Whether a mention is a named nerve (the sciatic nerve), not a root or the cord."""
    return m.category == "NEURAL" and local_id(m).startswith("nerve-")


#: Treatments that "this" refers back with to the one named before: "This surgery ...".
GENERAL_CARE = {"treatment-surgery", "treatment-injection"}


def _referring_back(
    mentions: list[Mention], tokens: list[str], recent: dict[str, Mention], lexicon: Lexicon
) -> list[Mention]:
    """A definite "the nerve", after the sciatic nerve was named, is the sciatic nerve.

    A definite generic mention of a nerve or root stands for the last specific one named in
    the sentences before; "a nerve" stays generic. "This surgery" after a microdiscectomy
    was named is the microdiscectomy.
    """
    out = []
    for m in mentions:
        before = recent.get(m.category)
        article = tokens[m.start - 1] if m.start > 0 else ""
        if before is None or before.entity.iri == m.entity.iri:
            pass
        elif m.category == "NEURAL" and article in {"the", "this", "that"}:
            # "the nerve" is the one named before; "the lumbar roots" say which they are; the
            # spinal cord is no nerve: "this nerve" is the nerve named before it
            if local_id(before) == "spinal-cord" and "root" not in m.text.lower():
                before = recent.get(NERVE, before)
            if unplaced(m) and not generic(before) and local_id(before) != "spinal-cord":
                m = replace(m, entity=before.entity)
        elif m.category == "TREATMENT" and article in {"this", "that"}:
            kind = lexicon.kinds.get(m.entity.iri)
            if local_id(m) in GENERAL_CARE and kind == lexicon.kinds.get(before.entity.iri):
                m = replace(m, entity=before.entity)
        out.append(m)
    return out


#: Line breaks and other spacing inside a block (a hard-wrapped paragraph) read as one space.
_SPACING = str.maketrans("\n\r\t\u00a0", "    ")


def _plain(text: str) -> str:
    """Markdown emphasis blanked, keeping every offset."""
    return text.replace("**", "  ").replace("__", "  ")


def _one_line(text: str) -> str:
    """A block's text with its line breaks as spaces, keeping every offset."""
    return _plain(text).translate(_SPACING)


def _signs_of(claim: Extracted, condition: Entity, modality: str) -> Extracted:
    """A listed finding as a symptom of the condition named after the list (and its side)."""
    shown = (condition, claim.shown[1]) if claim.annotated else None  # "both sides" stays
    if claim.relation == "affects_side":
        return replace(claim, subject=condition, modality=modality, annotated=shown)
    if claim.relation not in {"has_symptom", "causes"} or claim.object.category != "FINDING":
        return claim
    return replace(
        claim, subject=condition, relation="has_symptom", modality=modality, annotated=shown
    )


def _lower(sent: Sentence) -> list[str]:
    """The sentence's words as the rules read them (:func:`~.relations.word`)."""
    return [word(w) for w in sent.words]


def _as_topic(topic: Mention | None, start: int) -> Mention | None:
    """The topic as a mention standing before the sentence (it is not among its words).

    It keeps the words the page named it by, to be shown in them where annotation does so.
    """
    if topic is None:
        return None
    return replace(
        topic,
        start=-1,
        end=-1,
        negated=False,
        hedged=False,
        text="",
        char_start=start,
        stands_for=topic.phrase,
    )


def _causes_of_those(found: list[Found], tokens: list[str], before: list[Mention]) -> list[Found]:
    """What causes "these symptoms" causes each finding just named.

    "Pain, numbness and weakness in the arm. These symptoms can be due to compression of a
    nerve": the compression causes the pain, the numbness and the weakness.
    """
    if len(tokens) < 2 or tokens[0] not in BACK_TO_RUN or tokens[1] not in SYMPTOM:
        return []
    return [
        Found(f.subject, "causes", replace(m, negated=False, hedged=False), f.modality, 0.5)
        for f in found
        if f.relation == "causes" and f.object.start <= 1 and generic(f.object)
        for m in before
    ]


def _signs_of_those(
    tokens: list[str], mentions: list[Mention], before: list[Mention]
) -> list[Found]:
    """Each finding just named is a symptom of what "these symptoms" are said to be signs of.

    "Incontinence or weak legs need care at once. These symptoms could signify cauda equina
    syndrome": both are possible symptoms of cauda equina syndrome.
    """
    signs = signs_of_list(tokens, mentions) if before else None
    if signs is None or signs.anchor is None:
        return []
    return [
        Found(
            signs.anchor,
            "has_symptom",
            replace(m, negated=False, hedged=False),
            signs.modality,
            0.5,
        )
        for m in before
    ]


#: Words a heading may have besides the kind it names: "Non-surgical treatment options".
KIND_HEADING_WORDS = {"options", "option", "treatment", "treatments", "care", "management"}
KIND_HEADING_WORDS |= {"approaches", "therapies", "therapy", "procedures", ":", "-", "and"}


def _kind_named(tokens: list[str], mentions: list[Mention], lexicon: Lexicon) -> Mention | None:
    """The kind of treatment a heading names: "Conservative treatments", "Surgical options".

    Only a heading that is the kind's name: "When is surgery needed?" labels nothing.
    """
    covered = {i for m in mentions for i in range(m.start, m.end)}
    rest = [t for i, t in enumerate(tokens) if i not in covered]
    if len(mentions) != 1 or not set(rest) <= KIND_HEADING_WORDS:
        return None
    m = mentions[0]
    if m.category == "KIND":
        return m
    kind = KIND_OF_TREATMENT.get(local_id(m))
    return named(m, kind, lexicon) if m.category == "TREATMENT" and kind is not None else None


def _of_the_sections_kind(mentions: list[Mention], kind: Mention, lexicon: Lexicon) -> list[Found]:
    """Each treatment of a section whose heading names a kind ("Conservative treatments").

    Only where the graph files the treatment under that kind: surgery named in such a
    section ("no reason to move to surgery") is not made conservative. The care a kind names
    (conservative care, surgery) is of it by name, which says nothing.
    """
    return [
        Found(m, "treatment_kind", kind, "asserted", 0.5)
        for m in mentions
        if m.category == "TREATMENT"
        and local_id(m) not in KIND_OF_TREATMENT  # surgery is surgical by its name alone
        and (filed := lexicon.kinds.get(m.entity.iri)) is not None
        and filed.iri == kind.entity.iri
    ]


def _consistent(found: Found, lexicon: Lexicon) -> bool:
    """Not a treatment of the kind the graph sets against its own, whatever rule said it.

    "Without surgery, using physical therapy" makes no physical therapy surgical, nor does a
    list under "Conservative treatments include:" make its "surgery, if rest fails" conservative.
    """
    return not (
        found.relation == "treatment_kind"
        and in_the_other_kind(found.subject, found.object, lexicon)
    )


def _informative(found: Found) -> bool:
    """Not "X causes symptoms": only its denial says something ("may never cause symptoms")."""
    unspecified = str(found.object.entity.iri).endswith("-unspecified")
    vague = found.relation in {"causes", "has_symptom"} and found.object.category == "FINDING"
    return not (unspecified and vague and found.modality != "negated")


#: Nouns that "these" or "those" make the places named just before: "pain in these areas".
PLACE_NOUNS = {"areas", "regions", "places", "parts", "locations", "spots"}


def _these_places(
    sent: Sentence, tokens: list[str], mentions: list[Mention], places: list[Mention], offset: int
) -> Mention | None:
    """The places of the sentence before, where "these areas" or "those parts" refers to them.

    "Pain may spread to the shoulder, arm and hand. Numbness in these areas can follow": one
    mention stands at "these areas" for the first place, and :func:`_at_each_place` gives the
    others the claims it takes part in. None when no such words or no places before.
    """
    if not places:
        return None
    covered = {i for m in mentions for i in range(m.start, m.end)}
    for i, token in enumerate(tokens[:-1]):
        if token in {"these", "those"} and tokens[i + 1] in PLACE_NOUNS:
            if i in covered or i + 1 in covered:
                return None
            first, last = sent.spans[i][0], sent.spans[i + 1][1]
            return replace(
                places[0],
                start=i,
                end=i + 2,
                text=sent.text[first - sent.start_char : last - sent.start_char],
                char_start=offset + first,
                char_end=offset + last,
                negated=False,
                hedged=False,
                stands_for="",
            )
    return None


def _at_each_place(found: list[Found], these: Mention, places: list[Mention]) -> list[Found]:
    """Each claim about "these areas" made about each place they stand for."""
    out: list[Found] = []
    for f in found:
        if f.object is these:
            out += [replace(f, object=replace(these, entity=p.entity)) for p in _distinct(places)]
        elif f.subject is these:
            out += [replace(f, subject=replace(these, entity=p.entity)) for p in _distinct(places)]
        else:
            out.append(f)
    return out


def _distinct(mentions: list[Mention]) -> list[Mention]:
    """The mentions of different entities, the first of each."""
    first: dict[URIRef, Mention] = {}
    for m in mentions:
        first.setdefault(m.entity.iri, m)
    return list(first.values())


def _individual(m: Mention) -> bool:
    """Whether a mention names an individual: a claim never has a class at either end."""
    return local_id(m)[:1].islower()


#: The sides as the annotation guide names what a condition affects.
SIDES = {SPINE["laterality-unilateral"]: "one side", SPINE["laterality-bilateral"]: "both sides"}


#: Entities the annotation guide names its own way; the IRI stays exact. Any loss of a reflex
#: is "diminished reflexes" (HPO files Areflexia under Reduced tendon reflexes); lumbar
#: radiculopathy is "sciatica" ("sciatica, whatever the page calls it"); the guide spells
#: anaesthesia the American way, and names bowel incontinence by its clinical name.
ANNOTATED_AS = {
    SPINE["finding-absent-reflex"]: "diminished reflexes",
    SPINE["condition-lumbar-radiculopathy"]: "sciatica",
    SPINE["finding-saddle-anaesthesia"]: "saddle anesthesia",
    SPINE["finding-bowel-incontinence"]: "fecal incontinence",
}

#: An age group's label, as :func:`~.pipeline.age_group` writes it.
AGE_LABEL = re.compile(r"age (between|over|under) \d")

#: Categories shown in the page's own words: a place, muscle or treatment as the page names it.
WORDED = {"BODY", "MUSCLE", "TREATMENT"}
#: Treatments the annotation guide names by one name whatever the page calls them.
GUIDE_NAMED = {
    SPINE[f"treatment-{name}"]
    for name in (
        "physical-therapy",
        "nsaids",
        "epidural-steroid-injection",
        "surgery",
        "discectomy",
        "conservative-care",
    )
}


def _named_by_compression(entity: Entity, mention: Mention) -> bool:
    """Whether a root's radiculopathy is named by the root and the harm to it, not as one.

    "S1 nerve root damage", "impingement of the nerve root at S1" (the graph's synonyms and
    what the rules read as them): clinical annotation keeps the root's compression.
    """
    return entity.local_id.startswith("radiculopathy-") and "radicul" not in mention.phrase.lower()


def _worded(entity: Entity, mention: Mention, lexicon: Lexicon) -> bool:
    """Whether an end is shown in the page's words: they name the entity in full.

    Not a shared part of a coordination ("Lifting" of "lifting or pulling heavy objects"), nor
    a place named relative to another ("below the knee"), nor a treatment the guide has one
    name for, nor words that hold the graph's own shorter name ("an ice pack" is ice).
    """
    named = lexicon.phrases.get(mention.phrase.lower(), [])
    first = mention.phrase.split()[0].lower() if mention.phrase.split() else ""
    # the graph's name within the page's words ("ice" of "an ice pack") is the shorter name
    within = set(entity.label.lower().split()) < set(_as_worded(mention.phrase).lower().split())
    # a treatment named by what one does ("heating", "icing") is named by the thing: heat, ice
    doing = entity.category == "TREATMENT" and mention.phrase.lower().endswith("ing")
    return (
        entity.category in WORDED
        and entity.iri not in GUIDE_NAMED
        and first not in RELATIVE_PLACES
        and not within
        and not (doing and len(mention.phrase.split()) == 1)
        and any(e.iri == entity.iri for e in named)
    )


#: Words that name a place relative to another ("below the knee", "outside of the foot"): no
#: name for it, so the graph's label ("lower leg", "lateral foot") is shown.
RELATIVE_PLACES = {"below", "above", "under", "beneath", "behind", "around", "along", "over"}
RELATIVE_PLACES |= {"inside", "outside", "underneath", "beside", "between"}


#: Words a place's label leaves out: "the inner side of your leg" is the inner leg.
_FILLERS = {"the", "your", "his", "her", "their", "a", "an", "one", "both", "each", "either"}
#: "the inner side of your leg" is the inner leg: a side or part of a place is the place.
_SIDES_OF = {"side", "sides", "part", "parts", "aspect", "aspects"}
_TRAILING = {"muscle", "muscles", "area", "areas", "region", "regions"}


@lru_cache(maxsize=8192)
def _as_worded(text: str) -> str:
    """A mention's words as a label: "the biceps muscle" -> "biceps", "feet" -> "foot".

    Lower case, but for a name's own capitals ("McKenzie therapy").
    """
    words = [_lower_case(w) for w in text.split()]
    words = [w for w in words if w not in _FILLERS] or words
    for k in range(len(words) - 2, 0, -1):
        if words[k] in _SIDES_OF and words[k + 1] == "of":
            words[k : k + 2] = []
    while len(words) > 1 and words[-1] in _TRAILING:
        words = words[:-1]
    return " ".join([*words[:-1], _singular(words[-1])]) if words else ""


def _lower_case(word: str) -> str:
    """A word in lower case unless its capitals are its own: "McKenzie", "NSAIDs".

    A word all in capitals is lowered: a page may write any word so ("LEG").
    """
    own = any(c.isupper() for c in word[1:]) and any(c.islower() for c in word)
    return word if own else word.lower()


def _singular(word: str) -> str:
    """The singular of a place's last word: "extremities", "feet", "legs", "buttocks"."""
    if word in _SINGULAR:
        return _SINGULAR[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


_SINGULAR = {plural: word for word, plural in IRREGULAR_PLURALS.items()}
_SINGULAR |= {name: name for name in ("biceps", "triceps", "quadriceps")}  # one muscle each


def _claim(found: Found, sentence: str, start: int, end: int, lexicon: Lexicon) -> Extracted:
    """The claim of a found relation, its ends shown as clinical annotation names them.

    A regional herniation is shown as the general one with the region in ``context``; a disc
    where a condition occurs as its level ("L4-L5 level"); a side in the annotation's words
    ("one side", "both sides").
    """
    subject, obj = found.subject.entity, found.object.entity
    context: dict[str, Any] = {
        "subject_text": found.subject.text,
        "object_text": found.object.text,
        "negated": found.object.negated,
        "hedged": found.object.hedged,
    }
    shown = []
    for entity, mention in ((subject, found.subject), (obj, found.object)):
        general, region = lexicon.regional.get(entity.iri, (entity, ""))
        if entity.category == "LEVEL":  # a disc as the level where a condition is: "L4-L5 level"
            general = replace(entity, label=f"{entity.label.split()[0]} level")
        if entity.iri in SIDES:
            general = replace(entity, label=SIDES[entity.iri])
        elif entity.iri in ANNOTATED_AS:
            general = replace(entity, label=ANNOTATED_AS[entity.iri])
        elif _named_by_compression(entity, mention):  # what the page says: "S1 root compression"
            general = replace(entity, label=f"{entity.label.split()[0]} nerve root compression")
        elif _worded(entity, mention, lexicon) and (words := _as_worded(mention.phrase)):
            general = replace(entity, label=words)
        elif entity.category == "RISK" and AGE_LABEL.match(mention.stands_for):
            general = replace(entity, label=mention.stands_for)  # "age between 30 and 50"
            context["age_group"] = mention.stands_for
        shown.append(general)
        if region:
            context["region"] = region
    return Extracted(
        subject,
        found.relation,
        obj,
        found.modality,
        sentence,
        start,
        end,
        found.confidence,
        context,
        (shown[0], shown[1]) if shown != [subject, obj] else None,
    )


def _unique(claims: list[Extracted]) -> list[Extracted]:
    """One claim per subject, relation, object and modality in each sentence that says it.

    A claim a page makes twice has two pieces of evidence; the graph merges them under one
    claim. Two age groups in one sentence ("over 50, or under 20") are two claims.
    """
    seen: set[tuple[str, str, str, str, int, str]] = set()
    out = []
    for c in claims:
        group = str(c.context.get("age_group", ""))
        key = (str(c.subject.iri), c.relation, str(c.object.iri), c.modality, c.start, group)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


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


#: Long function words, never reported as near misses of a lexicon word.
FUNCTION_WORDS = set(
    """
    across actually afterwards against almost already also although always amongst another
    anybody anyhow anyone anything anyway anywhere around became because become becomes
    becoming before beforehand behind being beside besides between beyond cannot could during
    either elsewhere enough especially everyone everything everywhere except former formerly
    further furthermore hereafter hereby herein hereupon herself himself however hundred indeed
    instead itself latter latterly likely mostly myself namely neither nevertheless nobody
    nothing nowhere often others otherwise ourselves perhaps please rather really regarding
    seemed seeming several should simply somehow someone something sometime sometimes somewhere
    thereafter thereby therefore therein thereupon though through throughout together toward
    towards unless unlikely usually various whatever whenever whereas whereby wherein wherever
    whether whichever whoever within without would yourself yourselves
    """.split()
)


def _near_misses(
    sent: Sentence, mentions: list[Mention], pipeline: Pipeline, offset: int, sentence: str
) -> Iterator[Unrecognised]:
    """Words close to, but not in, the lexicon: likely misspellings or unknown variants."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    for i, (written, (start, end)) in enumerate(zip(sent.words, sent.spans, strict=True)):
        text = written.lower()
        if i in covered or len(text) < 6 or not text.isalpha() or text in FUNCTION_WORDS:
            continue
        near = pipeline.misspelling_of(text)
        if near is not None:
            yield Unrecognised(
                written,
                offset + start,
                offset + end,
                sentence,
                f"not in the lexicon; did you mean {near!r}?",
                tuple(pipeline.lexicon.containing(near)),
            )
