"""Claims and their evidence, the way every loader states a relationship.

A claim is ``subject predicate object`` with a modality (asserted, possible, negated) and one or
more evidence records. :meth:`ClaimSet.add` merges evidence for the same claim from several
sources under one claim IRI. :meth:`ClaimSet.triples` writes each claim as a ``spine:Claim``
node (so SPARQL can ask which sentences or table rows support an edge) *and*, unless it is
negated, as the direct edge ``subject predicate object`` (so SPARQL can ask whether the edge
exists without knowing about claims). See ``ontology/README.md``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, TypedDict, get_args

from rdflib import PROV, RDF, URIRef
from rdflib import Literal as RDFLiteral
from rdflib.term import Node

from spinekg.kernel.namespaces import CLAIM, ECO, EVIDENCE, SPINE, mint

#: The extraction method of evidence a curator transcribed from a cited source.
CURATED = "curated-table"
#: ECO's kind of an evidence record: "author statement supported by traceable reference used
#: in manual assertion" for a curated row (a curator transcribed a cited statement), "computational
#: evidence used in automatic assertion" for a sentence the text loader read.
ECO_CURATED = ECO["0000304"]
ECO_TEXT_MINED = ECO["0007669"]

Modality = Literal["asserted", "possible", "negated"]
MODALITIES: tuple[Modality, ...] = get_args(Modality)
Triple = tuple[Node, Node, Node]


class ClaimDetails(TypedDict, total=False):
    """The keywords of :meth:`ClaimSet.add`, for a caller that passes them on.

    ``**details: Unpack[ClaimDetails]`` keeps such a caller typed without repeating them.
    """

    modality: Modality
    principal: bool | None
    disputed: bool | None
    note: str
    also: URIRef | None
    confidence: Decimal | None


def as_modality(value: str) -> Modality:
    """A modality named by a table cell or a rule.

    >>> as_modality("possible")
    'possible'

    :raises ValueError: for a name that is not a modality.
    """
    for modality in MODALITIES:
        if value == modality:
            return modality
    raise ValueError(f"unknown modality {value!r}; expected one of {', '.join(MODALITIES)}")


@dataclass(frozen=True)
class Evidence:
    """Where a claim was found.

    :param source: key of the source document (``S18``) or a document id.
    :param locator: where in the source the fact is: a table, section or page ("Table 48-1").
    :param curated_in: repository path of the curated file that states it.
    :param sentence: the supporting sentence, for text-derived claims.
    """

    source: str
    locator: str = ""
    curated_in: str = ""
    method: str = CURATED
    sentence: str = ""
    start: int | None = None
    end: int | None = None
    confidence: Decimal | None = None
    document: URIRef | None = None

    def iri(self, claim: URIRef) -> URIRef:
        """A stable IRI for this evidence record of ``claim``."""
        key = "|".join(
            (claim, self.source, self.locator, self.curated_in, self.sentence, str(self.start))
        )
        return EVIDENCE[_digest(key)]


@dataclass
class _Claim:
    subject: URIRef
    predicate: URIRef
    object: URIRef
    modality: Modality
    evidence: set[Evidence] = field(default_factory=set)
    principal: bool | None = None
    disputed: bool | None = None
    notes: set[str] = field(default_factory=set)
    confidence: Decimal | None = None
    extra_edges: set[URIRef] = field(default_factory=set)


class ClaimSet:
    """Claims collected from one source, merged by (subject, predicate, object, modality)."""

    def __init__(self) -> None:
        """Start with no claims."""
        self._claims: dict[tuple[URIRef, URIRef, URIRef, str], _Claim] = {}

    def __len__(self) -> int:
        """The number of distinct claims."""
        return len(self._claims)

    def add(
        self,
        subject: URIRef,
        predicate: URIRef,
        obj: URIRef,
        evidence: Evidence,
        *,
        modality: Modality = "asserted",
        principal: bool | None = None,
        disputed: bool | None = None,
        note: str = "",
        also: URIRef | None = None,
        confidence: Decimal | None = None,
    ) -> URIRef:
        """Add a claim (or more evidence for an existing one) and return the claim's IRI.

        :param also: a sub-property to state as well when the claim is not negated
            (``spine:principallyInnervates`` alongside ``spine:innervates``).
        :param confidence: how much to trust the claim (0-1); the lowest given is kept.
        """
        key = (subject, predicate, obj, modality)
        claim = self._claims.get(key)
        if claim is None:
            claim = self._claims[key] = _Claim(subject, predicate, obj, modality)
        claim.evidence.add(evidence)
        if principal is not None:
            claim.principal = bool(claim.principal) or principal
        if disputed is not None:
            claim.disputed = bool(claim.disputed) or disputed
        if note:
            claim.notes.add(note)
        if also is not None:
            claim.extra_edges.add(also)
        if confidence is not None:
            claim.confidence = min(confidence, claim.confidence or confidence)
        return claim_iri(subject, predicate, obj, modality)

    def triples(self) -> Iterator[Triple]:
        """Yield the claim nodes, their evidence and the direct edges."""
        for (s, p, o, modality), claim in self._claims.items():
            node = claim_iri(s, p, o, modality)
            yield node, RDF.type, SPINE.Claim
            yield node, SPINE.claimSubject, s
            yield node, SPINE.claimPredicate, p
            yield node, SPINE.claimObject, o
            yield node, SPINE.hasModality, mint("modality", modality)
            if claim.principal is not None:
                yield node, SPINE.isPrincipal, RDFLiteral(claim.principal)
            if claim.disputed is not None:
                yield node, SPINE.isDisputed, RDFLiteral(claim.disputed)
            if claim.confidence is not None:
                yield node, SPINE.confidence, RDFLiteral(claim.confidence)
            for note in sorted(claim.notes):
                yield node, SPINE.note, RDFLiteral(note)
            for ev in sorted(claim.evidence, key=lambda e: e.iri(node)):
                yield from _evidence_triples(node, ev)
            if modality != "negated":
                yield s, p, o
                for edge in sorted(claim.extra_edges):
                    yield s, edge, o


def claim_iri(subject: str, predicate: str, obj: str, modality: str) -> URIRef:
    """The stable IRI of a claim: a digest of its subject, predicate, object and modality.

    >>> str(claim_iri("a", "b", "c", "asserted")).startswith("https://w3id.org/spinekg/claim/")
    True
    """
    return CLAIM[_digest(f"{subject} {predicate} {obj} {modality}")]


def _evidence_triples(claim: URIRef, ev: Evidence) -> Iterator[Triple]:
    node = ev.iri(claim)
    yield claim, SPINE.hasEvidence, node
    source = ev.document or mint("source", ev.source)
    yield node, RDF.type, SPINE.Evidence
    yield node, RDF.type, ECO_CURATED if ev.method == CURATED else ECO_TEXT_MINED
    yield node, SPINE.fromSource, source
    yield node, PROV.wasDerivedFrom, source
    yield node, SPINE.extractionMethod, RDFLiteral(ev.method)
    for locator in filter(None, ev.locator.split("; ")):
        yield node, SPINE.locator, RDFLiteral(locator)
    if ev.curated_in:
        yield node, SPINE.curatedIn, RDFLiteral(ev.curated_in)
    if ev.sentence:
        yield node, SPINE.sentence, RDFLiteral(ev.sentence)
    if ev.start is not None:
        yield node, SPINE.startOffset, RDFLiteral(ev.start)
    if ev.end is not None:
        yield node, SPINE.endOffset, RDFLiteral(ev.end)
    if ev.confidence is not None:
        yield node, SPINE.confidence, RDFLiteral(ev.confidence)


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]
