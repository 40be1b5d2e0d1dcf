"""Checks of the graph for curators, in the spirit of ROBOT ``report``: one result per problem.

Every result says how bad it is (ERROR, WARN, INFO), which check found it, the entity, the
property and the value concerned, and where the entity is defined (``file:line``). ``spinekg
check`` prints them all; ``spinekg build`` runs the same checks and stops on any ERROR.

The checks, by name:

- ``syntax``: Turtle or table syntax (``file:line:column``), from the loaders.
- ROBOT report checks: ``missing-ontology-title``, ``missing-ontology-description``,
  ``missing-ontology-license``, ``missing-label``, ``multiple-labels``, ``duplicate-label``,
  ``label-whitespace``, ``missing-definition``, ``multiple-definitions``,
  ``duplicate-exact-synonym``, ``invalid-xref``, ``deprecated-reference``,
  ``builtin-vocabulary``, and ``unknown-builtin-term`` (a misspelt RDF, RDFS, OWL or XSD term
  such as ``owl:Clas``, reported where it is written).
- Graph checks: ``class-as-individual`` (a claim or an edge with a class at either end),
  ``undeclared-reference`` (an IRI used but never declared), ``domain-violation``
  and ``range-violation`` (a term used with the wrong type, which a reasoner would silently
  accept by inferring the type), ``edge-without-claim`` (a causal, anatomical or treatment edge
  that no claim with evidence supports), ``cycle`` (an edge of a transitive property, such
  as ``partOf`` or the treatment order ``triedBefore``, that closes a loop: the release would
  then say that a thing is part of itself, or that surgery comes before surgery).
- SHACL shapes of ``ontology/shapes.ttl`` (pyshacl); the check name is the shape's ``sh:name``.
- Reasoner: ``inconsistent-ontology``, ``unsatisfiable-class``, ``reasoner``.
- Text loader (INFO): ``text-unrecognised``, a mention in an article that is ambiguous or
  close to, but not in, the vocabulary (a misspelling or a missing synonym).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from rdflib import DCTERMS, OWL, RDF, RDFS, SH, SKOS, XSD, Graph, Literal, URIRef
from rdflib.term import Node

from spinekg.kernel.claims import claim_iri
from spinekg.kernel.errors import ChecksFailedError, CuratedDataError, display_path
from spinekg.kernel.graphs import display, superclasses, union
from spinekg.kernel.namespaces import (
    DEFINITION,
    EXACT_SYNONYM,
    MAPPING_PREDICATES,
    MAPPING_PREFIXES,
    ONTOLOGY_GRAPH,
    ONTOLOGY_IRI,
    SPINE,
    XREF_PATTERNS,
)
from spinekg.pipeline.reason import ReasonerError, Reasoning

__all__ = [
    "SEVERITIES",
    "CheckError",
    "CheckResult",
    "check",
    "format_results",
    "ordered",
    "reasoner_results",
    "summary",
    "syntax_results",
    "unsatisfiable_results",
]

SEVERITIES = ("ERROR", "WARN", "INFO")

#: Edges that must come from a claim with evidence (the loaders only emit them from claims).
CLAIMED_EDGES = tuple(
    SPINE[name]
    for name in (
        "causes compresses principallyCompresses hasSymptom hasRedFlag hasMechanism treatedBy "
        "indicatedFor actsOn triedBefore innervates principallyInnervates supplies mediates "
        "principallyMediates performs occursIn symptomsIn causesPainIn"
    ).split()
)

BUILTIN_NAMESPACES = (str(RDF), str(RDFS), str(OWL), str(XSD))
#: Objects of these properties need no declaration (version IRIs, licences, web addresses).
UNDECLARED_OK = (OWL.versionIRI, DCTERMS.license, RDFS.seeAlso, *MAPPING_PREDICATES)


@dataclass(frozen=True, order=True)
class CheckResult:
    """One problem a check found."""

    severity: str
    check: str
    entity: str
    property: str
    value: str
    where: str

    def __str__(self) -> str:
        """Render as ``where: SEVERITY check: entity property value`` (editors link ``where``)."""
        subject = " ".join(part for part in (self.entity, self.property, self.value) if part)
        return f"{self.where or '-'}: {self.severity} {self.check}: {subject}"


class CheckError(ChecksFailedError):
    """The graph failed checks with severity ERROR; it keeps every result of the report."""

    def __init__(self, results: list[CheckResult]) -> None:
        """Keep every result; the message lists the errors."""
        self.results = results
        super().__init__([str(r) for r in results if r.severity == "ERROR"])


def reasoner_results(error: ReasonerError, locations: Mapping[URIRef, str]) -> list[CheckResult]:
    """Why the reasoner failed, as check results (one per clash that explains it)."""
    if not error.clashes:
        return [CheckResult("ERROR", error.check, "", "", str(error), "")]
    return [
        CheckResult(
            "ERROR",
            "unsatisfiable-class" if clash.is_class else error.check,
            _show(clash.entity),
            _show(RDFS.subClassOf if clash.is_class else RDF.type),
            " and ".join(_show(c) for c in clash.disjoint) + ", which are disjoint",
            locations.get(clash.entity, ""),
        )
        for clash in error.clashes
    ]


def syntax_results(error: CuratedDataError) -> list[CheckResult]:
    """The problems of a malformed source, as check results."""
    return [
        CheckResult(
            "ERROR", "syntax", "", "", p.message, f"{display_path(p.path)}:{p.line}:{p.column}"
        )
        for p in error.problems
    ]


def check(
    graphs: Mapping[URIRef, Graph],
    reasoning: Reasoning | None,
    shapes: Graph,
    *,
    locations: Mapping[URIRef, str],
    merged: Graph | None = None,
) -> list[CheckResult]:
    """Run every check over the asserted graphs and the reasoner's findings (if it ran).

    :param locations: where each entity is defined, as ``file:line``.
    :param merged: the graphs already merged into one, if the caller has them.
    :returns: the results, errors first, then by check and entity.
    """
    all_triples = merged if merged is not None else union(graphs.values())
    ctx = _Context(all_triples, graphs[ONTOLOGY_GRAPH], locations)
    results = [
        *_ontology_header(ctx),
        *_labels(ctx),
        *_definitions(ctx),
        *_synonyms(ctx),
        *_xrefs(ctx),
        *_deprecated(ctx),
        *_builtin(ctx),
        *_undeclared(ctx),
        *_domain_range(ctx),
        *_edges_without_claims(ctx),
        *_cycles(ctx),
        *_order_within_kind(ctx),
        *_classes_as_individuals(ctx),
        *_shacl(ctx, shapes),
    ]
    if reasoning is not None:
        results += unsatisfiable_results(reasoning, locations)
    return ordered(results)


def unsatisfiable_results(
    reasoning: Reasoning, locations: Mapping[URIRef, str]
) -> list[CheckResult]:
    """An error for each class the reasoner found unsatisfiable (equivalent to owl:Nothing)."""
    return [
        CheckResult(
            "ERROR",
            "unsatisfiable-class",
            _show(cls),
            _show(OWL.equivalentClass),
            _show(OWL.Nothing),
            locations.get(cls, ""),
        )
        for cls in reasoning.unsatisfiable
    ]


def ordered(results: Iterable[CheckResult]) -> list[CheckResult]:
    """The results without repeats: errors first, then by check, entity, property, value."""
    return sorted(set(results), key=_order)


def format_results(results: Iterable[CheckResult], fmt: str = "text") -> str:
    """Render results as text lines (``where: SEVERITY check: ...``) or TSV with a header."""
    results = list(results)
    if fmt == "tsv":
        header = "severity\tcheck\tentity\tproperty\tvalue\twhere"
        rows = [
            "\t".join(
                _one_line(v) for v in (r.severity, r.check, r.entity, r.property, r.value, r.where)
            )
            for r in results
        ]
        return "\n".join([header, *rows])
    return "\n".join(str(r) for r in results)


def summary(results: Iterable[CheckResult]) -> str:
    """``N errors, N warnings, N infos``."""
    counts = dict.fromkeys(SEVERITIES, 0)
    for r in results:
        counts[r.severity] += 1
    return f"{counts['ERROR']} errors, {counts['WARN']} warnings, {counts['INFO']} infos"


# --------------------------------------------------------------------------- shared


@dataclass
class _Context:
    union: Graph
    tbox: Graph
    locations: Mapping[URIRef, str]

    def __post_init__(self) -> None:
        self.types: dict[Node, set[Node]] = defaultdict(set)
        for s, o in self.union.subject_objects(RDF.type):
            self.types[s].add(o)
        self.superclasses = superclasses(self.union)

    def result(
        self,
        severity: str,
        check: str,
        entity: Node | str,
        prop: Node | str = "",
        value: object = "",
    ) -> CheckResult:
        where = self.locations.get(entity, "") if isinstance(entity, URIRef) else ""
        return CheckResult(severity, check, _show(entity), _show(prop), _show(value), where)

    def terms(self) -> Iterator[tuple[URIRef, str]]:
        """The classes, properties and named individuals spinekg mints, with their kind."""
        kinds = {
            OWL.Class: "class",
            OWL.ObjectProperty: "property",
            OWL.DatatypeProperty: "property",
            OWL.AnnotationProperty: "property",
            OWL.NamedIndividual: "individual",
        }
        for rdf_type, kind in kinds.items():
            for s in sorted(set(self.union.subjects(RDF.type, rdf_type)), key=str):
                if isinstance(s, URIRef) and s.startswith(SPINE):
                    yield s, kind

    def kind_of(self, node: Node) -> set[Node]:
        """Every class ``node`` is an instance of, through ``rdfs:subClassOf``."""
        return {sup for t in self.types.get(node, ()) for sup in self.superclasses.get(t, {t})}


def _order(r: CheckResult) -> tuple[int, str, str, str, str]:
    return (SEVERITIES.index(r.severity), r.check, r.entity, r.property, r.value)


def _show(value: object) -> str:
    return display(value, quote=True)


def _one_line(text: str) -> str:
    return " ".join(text.split("\t")).replace("\n", " ")


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


# --------------------------------------------------------------------------- ROBOT report


def _ontology_header(ctx: _Context) -> Iterator[CheckResult]:
    for check, prop in (
        ("missing-ontology-title", DCTERMS.title),
        ("missing-ontology-description", DCTERMS.description),
        ("missing-ontology-license", DCTERMS.license),
    ):
        if ctx.tbox.value(ONTOLOGY_IRI, prop) is None:
            yield ctx.result("ERROR", check, ONTOLOGY_IRI, prop)


def _labels(ctx: _Context) -> Iterator[CheckResult]:
    by_label: dict[tuple[str, str], list[URIRef]] = defaultdict(list)
    for term, kind in ctx.terms():
        labels = sorted(ctx.union.objects(term, RDFS.label), key=str)
        if not labels:
            yield ctx.result("ERROR", "missing-label", term, RDFS.label)
        if len(labels) > 1:
            for name in labels:
                yield ctx.result("ERROR", "multiple-labels", term, RDFS.label, name)
        for name in labels:
            text = str(name)
            if text != text.strip() or "  " in text:
                yield ctx.result("WARN", "label-whitespace", term, RDFS.label, name)
            if SPINE.SourceDocument not in ctx.types[term]:  # documents may share a title
                by_label[(kind, _norm(text))].append(term)
    for (_, _), terms in sorted(by_label.items()):
        for term in terms[1:] if len(terms) > 1 else ():
            label = ctx.union.value(term, RDFS.label)
            yield CheckResult(
                "ERROR",
                "duplicate-label",
                _show(term),
                _show(RDFS.label),
                f"{_show(label)} (also {_show(terms[0])})",
                ctx.locations.get(term, ""),
            )


def _definitions(ctx: _Context) -> Iterator[CheckResult]:
    for term, kind in ctx.terms():
        definitions = sorted(ctx.union.objects(term, DEFINITION), key=str)
        if not definitions and kind != "individual":
            yield ctx.result("ERROR", "missing-definition", term, DEFINITION)
        elif not definitions and SPINE.SourceDocument not in ctx.types[term]:
            yield ctx.result("INFO", "missing-definition", term, DEFINITION)
        if len(definitions) > 1:
            for definition in definitions:
                yield ctx.result("ERROR", "multiple-definitions", term, DEFINITION, definition)


def _synonyms(ctx: _Context) -> Iterator[CheckResult]:
    """The same exact synonym on two classes, or on two individuals.

    A concept individual may share a synonym with the class it exemplifies (the condition
    "disc herniation" and the class DiscHerniation); that is not reported.
    """
    holders: dict[tuple[str, str], set[URIRef]] = defaultdict(set)
    kinds = dict(ctx.terms())
    for s, o in ctx.union.subject_objects(EXACT_SYNONYM):
        if isinstance(s, URIRef):
            holders[(kinds.get(s, ""), _norm(str(o)))].add(s)
    for (_, text), terms in sorted(holders.items()):
        if len(terms) > 1:
            first, *others = sorted(terms)
            for term in others:
                yield CheckResult(
                    "WARN",
                    "duplicate-exact-synonym",
                    _show(term),
                    _show(EXACT_SYNONYM),
                    f'"{text}" (also {_show(first)})',
                    ctx.locations.get(term, ""),
                )


def _xrefs(ctx: _Context) -> Iterator[CheckResult]:
    namespaces = sorted(MAPPING_PREFIXES.items(), key=lambda kv: -len(kv[1]))
    for prop in MAPPING_PREDICATES:
        for s, o in ctx.union.subject_objects(prop):
            target = str(o)
            prefix = next((p for p, ns in namespaces if target.startswith(ns)), None)
            if prefix is None:
                yield ctx.result("ERROR", "invalid-xref", s, prop, o)
                continue
            local = target[len(MAPPING_PREFIXES[prefix]) :]
            pattern = XREF_PATTERNS.get(prefix)
            if pattern is not None and not pattern.match(local):
                yield ctx.result("ERROR", "invalid-xref", s, prop, o)


def _deprecated(ctx: _Context) -> Iterator[CheckResult]:
    deprecated = {
        s
        for s, o in ctx.union.subject_objects(OWL.deprecated)
        if isinstance(o, Literal) and o.toPython() is True
    }
    for s, p, o in ctx.union:
        if o in deprecated and p not in (OWL.annotatedSource, OWL.annotatedTarget):
            yield ctx.result("ERROR", "deprecated-reference", s, p, o)


def _builtin(ctx: _Context) -> Iterator[CheckResult]:
    for s, p, o in ctx.union:
        if isinstance(s, URIRef) and str(s).startswith(BUILTIN_NAMESPACES):
            yield ctx.result("ERROR", "builtin-vocabulary", s, p, o)
    for s, p, o in ctx.tbox:
        for term in (p, o):
            if _unknown_builtin(term):
                yield ctx.result("ERROR", "unknown-builtin-term", s, p, o)


def _unknown_builtin(term: Node) -> bool:
    """A term in the RDF, RDFS, OWL or XSD namespace that the vocabulary does not define."""
    return (
        isinstance(term, URIRef)
        and str(term).startswith(BUILTIN_NAMESPACES)
        and not any(term in vocabulary for vocabulary in (RDF, RDFS, OWL, XSD))
    )


# --------------------------------------------------------------------------- graph checks


def _undeclared(ctx: _Context) -> Iterator[CheckResult]:
    declared = set(ctx.types)
    for s, p, o in ctx.union:
        if p in UNDECLARED_OK or p == RDF.type:
            continue
        for node in (s, o):
            if isinstance(node, URIRef) and node.startswith(SPINE) and node not in declared:
                yield ctx.result("ERROR", "undeclared-reference", s, p, o)


def _domain_range(ctx: _Context) -> Iterator[CheckResult]:
    """Terms used against a property's domain or range.

    A class whose own declaration misspells a built-in term (``a owl:Clas``) has lost its
    place in the hierarchy; its instances are not judged (the ``unknown-builtin-term`` ERROR at
    the declaration is the one to fix), so that one typo gives one error, not one per row.
    """
    broken = {s for s, _, o in ctx.tbox if _unknown_builtin(o)}
    for prop in sorted(set(ctx.tbox.subjects(RDF.type, OWL.ObjectProperty)), key=str):
        if prop in broken:
            continue
        domains = _classes(ctx.tbox, ctx.tbox.value(prop, RDFS.domain))
        ranges = _classes(ctx.tbox, ctx.tbox.value(prop, RDFS.range))
        for s, o in ctx.union.subject_objects(prop):
            if ctx.types.get(s, set()) & broken or ctx.types.get(o, set()) & broken:
                continue
            if domains and not domains & ctx.kind_of(s) and _is_individual(ctx, s):
                yield ctx.result("ERROR", "domain-violation", s, prop, o)
            if ranges and not ranges & ctx.kind_of(o) and _is_individual(ctx, o):
                yield ctx.result("ERROR", "range-violation", s, prop, o)


def _is_individual(ctx: _Context, node: Node) -> bool:
    kinds = ctx.types.get(node, set())
    return bool(kinds) and not kinds & {OWL.Class, OWL.ObjectProperty, OWL.Ontology}


def _classes(tbox: Graph, node: Node | None) -> set[Node]:
    if node is None:
        return set()
    union = tbox.value(node, OWL.unionOf)
    if union is not None:
        return set(tbox.items(union))
    return {node}


def _classes_as_individuals(ctx: _Context) -> Iterator[CheckResult]:
    """A claim, or a causal, anatomical or treatment edge, with a class at either end.

    "A herniation compresses a nerve root" names no particular root: the claim's object is the
    generic individual ("a spinal nerve root"), never the class, which OWL tools
    would read as an individual of the same name (punning).
    """
    classes = set(ctx.union.subjects(RDF.type, OWL.Class))
    for claim in ctx.union.subjects(RDF.type, SPINE.Claim):
        for prop in (SPINE.claimSubject, SPINE.claimObject):
            node = ctx.union.value(claim, prop)
            if node in classes:
                yield ctx.result("ERROR", "class-as-individual", claim, prop, node)
    for prop in CLAIMED_EDGES:
        for s, o in ctx.union.subject_objects(prop):
            for node in (s, o):
                if node in classes:
                    yield ctx.result("ERROR", "class-as-individual", s, prop, o)


def _cycles(ctx: _Context) -> Iterator[CheckResult]:
    """Each asserted edge of a transitive property whose object leads back to its subject.

    Every edge of a loop is reported, each located at the row that states it (the claim's row,
    else the subject's), and its value shows the whole loop.
    """
    for prop in sorted(set(ctx.tbox.subjects(RDF.type, OWL.TransitiveProperty)), key=str):
        if not isinstance(prop, URIRef):
            continue
        edges: dict[URIRef, list[URIRef]] = defaultdict(list)
        for s, o in ctx.union.subject_objects(prop):
            if isinstance(s, URIRef) and isinstance(o, URIRef):
                edges[s].append(o)
        for s in sorted(edges):
            for o in sorted(edges[s]):
                loop = _path(edges, o, s)
                if loop is None:
                    continue
                shown = " -> ".join(display(node) for node in [s, *loop])
                rows = [
                    ctx.locations.get(claim_iri(s, prop, o, m)) for m in ("asserted", "possible")
                ]
                where = next((row for row in rows if row), ctx.locations.get(s, ""))
                value = f"{_show(o)} (loop: {shown})"
                yield CheckResult("ERROR", "cycle", _show(s), _show(prop), value, where)


def _order_within_kind(ctx: _Context) -> Iterator[CheckResult]:
    """A treatment "tried before" a member of itself, or a member before its kind.

    Physical therapy is conservative care (``skos:broader``); "conservative care is tried
    before physical therapy" makes one treatment a later step of itself. Reported at the row
    (or the article sentence's claim) that states the order.
    """
    broader = _broader_edges(ctx)
    for s, o in sorted(ctx.union.subject_objects(SPINE.triedBefore)):
        if not isinstance(s, URIRef) or not isinstance(o, URIRef):
            continue
        for member, kind in ((o, s), (s, o)):
            chain = _path(broader, member, kind)
            if chain is None:
                continue
            shown = " -> ".join(display(node) for node in chain)
            rows = [
                ctx.locations.get(claim_iri(s, SPINE.triedBefore, o, m))
                for m in ("asserted", "possible")
            ]
            where = next((row for row in rows if row), ctx.locations.get(s, ""))
            value = f"{_show(o)} ({shown} by skos:broader: a member of a kind is that kind)"
            yield CheckResult(
                "ERROR", "order-within-kind", _show(s), _show(SPINE.triedBefore), value, where
            )
            break


def _broader_edges(ctx: _Context) -> dict[URIRef, list[URIRef]]:
    edges: dict[URIRef, list[URIRef]] = defaultdict(list)
    for s, o in ctx.union.subject_objects(SKOS.broader):
        if isinstance(s, URIRef) and isinstance(o, URIRef):
            edges[s].append(o)
    return edges


def _path(edges: Mapping[URIRef, list[URIRef]], start: URIRef, goal: URIRef) -> list[URIRef] | None:
    """The shortest path from ``start`` to ``goal`` along ``edges`` (both ends included)."""
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        if node == goal:
            return paths[node]
        for nxt in sorted(edges.get(node, ())):
            if nxt not in paths:
                paths[nxt] = [*paths[node], nxt]
                queue.append(nxt)
    return None


def _edges_without_claims(ctx: _Context) -> Iterator[CheckResult]:
    """Positive edges need a claim that is not negated and has evidence naming a source."""
    supported = set()
    negated = SPINE["modality-negated"]
    for claim in ctx.union.subjects(RDF.type, SPINE.Claim):
        has_source = any(
            ctx.union.value(ev, SPINE.fromSource) is not None
            for ev in ctx.union.objects(claim, SPINE.hasEvidence)
        )
        if not has_source or (claim, SPINE.hasModality, negated) in ctx.union:
            continue
        s = ctx.union.value(claim, SPINE.claimSubject)
        o = ctx.union.value(claim, SPINE.claimObject)
        for p in ctx.union.objects(claim, SPINE.claimPredicate):
            supported.add((s, p, o))
    for prop in CLAIMED_EDGES:
        supers = {prop, *ctx.tbox.transitive_objects(prop, RDFS.subPropertyOf)}
        for s, o in ctx.union.subject_objects(prop):
            if not any((s, p, o) in supported for p in supers):
                yield ctx.result("ERROR", "edge-without-claim", s, prop, o)


# --------------------------------------------------------------------------- SHACL


def _shacl(ctx: _Context, shapes: Graph) -> Iterator[CheckResult]:
    import pyshacl

    _conforms, report, _text = pyshacl.validate(
        ctx.union, shacl_graph=shapes, inference="none", allow_warnings=True
    )
    assert isinstance(report, Graph)
    severity: dict[Node | None, str] = {SH.Violation: "ERROR", SH.Warning: "WARN", SH.Info: "INFO"}
    for result in report.subjects(RDF.type, SH.ValidationResult):
        shape = report.value(result, SH.sourceShape)
        name = shapes.value(shape, SH.name)
        while name is None and shape is not None:  # a property shape: name of its node shape
            shape = shapes.value(None, SH.property, shape)
            name = shapes.value(shape, SH.name) if shape is not None else None
        focus = report.value(result, SH.focusNode) or ""
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        message = report.value(result, SH.resultMessage)
        yield ctx.result(
            severity.get(report.value(result, SH.resultSeverity), "ERROR"),
            str(name or "shacl"),
            focus,
            path if isinstance(path, URIRef) else "",
            f"{_show(value) + ' ' if value is not None else ''}({message})",
        )
