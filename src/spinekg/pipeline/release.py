"""Write a release: the graph in four RDF formats and a manifest, byte-for-byte reproducible.

Reproducible means: blank nodes get canonical labels (:func:`rdflib.compare.to_canonical_graph`),
the RDF/XML serialiser walks subjects and properties in sorted order, JSON-LD nodes and value
arrays are sorted, N-Quads lines are sorted, and the manifest date is the ontology's
``dcterms:issued``, never the clock.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path

from rdflib import (
    DCTERMS,
    OWL,
    RDF,
    RDFS,
    SH,
    SKOS,
    BNode,
    Dataset,
    Graph,
    Literal,
    Namespace,
    URIRef,
)
from rdflib.compare import to_canonical_graph
from rdflib.term import Node

from spinekg.kernel.namespaces import (
    DESCRIPTION_GRAPH,
    GRAPH,
    ONTOLOGY_GRAPH,
    ONTOLOGY_IRI,
    PREFIXES,
    SPINE,
    STABLE_BNODE_PREFIX,
)
from spinekg.kernel.release_files import (
    FILES,
    JSON_LD,
    KGX_EDGES,
    KGX_NODES,
    MANIFEST,
    NQUADS,
    RDF_XML,
    SSSOM,
    TURTLE,
    sha256,
)
from spinekg.pipeline.dataset_description import describe
from spinekg.pipeline.kgx import kgx_tables
from spinekg.pipeline.sssom_export import sssom_table
from spinekg.queries import Query

#: The named graph that publishes the query catalog in the release.
CATALOG_GRAPH = GRAPH["queries"]
SCHEMA = Namespace("https://schema.org/")


def canonical(graphs: Mapping[URIRef, Graph]) -> dict[URIRef, Graph]:
    """Return the graphs with blank nodes relabelled canonically, sorted by graph IRI."""
    out: dict[URIRef, Graph] = {}
    for name in sorted(graphs):
        graph = graphs[name]
        blank = {n for s, _, o in graph for n in (s, o) if isinstance(n, BNode)}
        if any(not str(n).startswith(STABLE_BNODE_PREFIX) for n in blank):
            graph = to_canonical_graph(graph)
        out[name] = _sorted_copy(graph)
    return out


def catalog_graph(catalog: Mapping[str, Query]) -> Graph:
    """The query catalog as RDF, in the SIB sparql-examples convention, for endpoint users.

    Each query is a ``sh:SPARQLExecutable`` (and ``sh:SPARQLSelectExecutable``) with its title
    as ``rdfs:label``, its question as ``rdfs:comment``, its text as ``sh:select`` and its
    competency question ids as ``schema:keywords``.
    """
    graph = Graph()
    # declared here, so that the OWL release stays OWL 2 DL (the ontology declares dcterms and
    # skos annotation properties)
    for cls in (SH.SPARQLExecutable, SH.SPARQLSelectExecutable):
        graph.add((cls, RDF.type, OWL.Class))
    for prop in (SH.select, SCHEMA.keywords, SCHEMA.description):
        graph.add((prop, RDF.type, OWL.AnnotationProperty))
    for query in catalog.values():
        node = SPINE[f"query-{query.id}"]
        graph.add((node, RDF.type, SH.SPARQLExecutable))
        graph.add((node, RDF.type, SH.SPARQLSelectExecutable))
        graph.add((node, RDFS.label, Literal(query.title)))
        graph.add((node, RDFS.comment, Literal(query.question)))
        graph.add((node, DCTERMS.identifier, Literal(query.id)))
        graph.add((node, SH.select, Literal(query.text)))
        for cq in query.competency:
            graph.add((node, SCHEMA.keywords, Literal(cq)))
        for param in query.params:
            text = (
                f"parameter ?{param.name} ({param.type}), e.g. {param.example}: {param.description}"
            )
            graph.add((node, SCHEMA.description, Literal(text)))
        if query.example:
            graph.add((node, SKOS.example, Literal(query.example)))
    return graph


def _merged(graphs: Mapping[URIRef, Graph]) -> Graph:
    """All graphs merged into one, with the project's prefixes bound."""
    union = Graph()
    for triple in sorted({t for g in graphs.values() for t in g}, key=_sort_key):
        union.add(triple)
    _bind(union)
    return union


def write_release(
    graphs: Mapping[URIRef, Graph], out_dir: Path, *, extra: Mapping[str, object] | None = None
) -> dict[str, object]:
    """Write the release files and ``manifest.json`` into ``out_dir`` (which must exist).

    The release describes itself (VoID, DCAT) in one more named graph, ``graph/dataset``.

    :param graphs: named graphs, already canonical (see :func:`canonical`).
    :param extra: more manifest entries (for example the loaders that ran).
    :returns: the manifest: ``triples`` counts distinct triples over all named graphs (the
        statements of ``spinekg.ttl`` and ``spinekg.owl``), ``quads`` the triples of every
        named graph (the lines of ``spinekg.nq``, what a store loads and ``publish`` sends).
    """
    description = describe(graphs, FILES, _merged(graphs))
    graphs = {**graphs, DESCRIPTION_GRAPH: _sorted_copy(description)}
    union = _merged(graphs)
    (out_dir / TURTLE).write_bytes(union.serialize(format="turtle", encoding="utf-8"))
    (out_dir / RDF_XML).write_bytes(_Ordered(union).serialize(format="xml", encoding="utf-8"))
    (out_dir / JSON_LD).write_text(_jsonld(graphs), encoding="utf-8")
    (out_dir / NQUADS).write_text(_nquads(graphs), encoding="utf-8")
    (out_dir / SSSOM).write_text(sssom_table(graphs), encoding="utf-8")
    nodes, edges = kgx_tables(graphs)
    (out_dir / KGX_NODES).write_text(nodes, encoding="utf-8", newline="\n")
    (out_dir / KGX_EDGES).write_text(edges, encoding="utf-8", newline="\n")
    ontology = graphs[ONTOLOGY_GRAPH]
    counts = {str(name): len(graph) for name, graph in graphs.items()}
    manifest: dict[str, object] = {
        "name": "spinekg",
        "ontology": str(ONTOLOGY_IRI),
        "version": str(ontology.value(ONTOLOGY_IRI, OWL.versionInfo)),
        "version_iri": str(ontology.value(ONTOLOGY_IRI, OWL.versionIRI)),
        "date": str(ontology.value(ONTOLOGY_IRI, DCTERMS.issued)),
        "license": str(ontology.value(ONTOLOGY_IRI, DCTERMS.license)),
        "triples": len(union),
        "quads": sum(counts.values()),
        "graphs": counts,
        "files": {
            name: {
                "bytes": (out_dir / name).stat().st_size,
                "sha256": sha256(out_dir / name),
            }
            for name in FILES
        },
        **(extra or {}),
    }
    (out_dir / MANIFEST).write_text(
        json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    return manifest


def _dataset(graphs: Mapping[URIRef, Graph]) -> Dataset:
    dataset = Dataset()
    for name, graph in graphs.items():
        named = dataset.graph(name)
        for triple in graph:
            named.add(triple)
    for prefix, iri in PREFIXES.items():
        dataset.bind(prefix, iri, override=True, replace=True)
    return dataset


def _nquads(graphs: Mapping[URIRef, Graph]) -> str:
    text = _dataset(graphs).serialize(format="nquads")
    lines = sorted(line for line in text.splitlines() if line.strip())
    return "\n".join(lines) + "\n"


class _Ordered(Graph):
    """A view of a graph whose subjects and (predicate, object) pairs come out sorted.

    rdflib's RDF/XML serialiser walks ``subjects()`` and ``predicate_objects()``, whose order
    follows Python's per-process string hashing; sorting them makes the output reproducible.
    """

    def __init__(self, graph: Graph) -> None:
        super().__init__(
            store=graph.store,
            identifier=graph.identifier,
            namespace_manager=graph.namespace_manager,
        )

    def subjects(  # type: ignore[override]
        self, predicate: Node | None = None, object: Node | None = None, unique: bool = False
    ) -> Iterator[Node]:
        """Subjects, sorted."""
        return iter(sorted(set(super().subjects(predicate, object)), key=lambda n: n.n3()))

    def predicate_objects(  # type: ignore[override]
        self, subject: Node | None = None, unique: bool = False
    ) -> Iterator[tuple[Node, Node]]:
        """(predicate, object) pairs, sorted."""
        pairs = set(super().predicate_objects(subject))
        return iter(sorted(pairs, key=lambda po: (po[0].n3(), po[1].n3())))


def _jsonld(graphs: Mapping[URIRef, Graph]) -> str:
    """JSON-LD with every named graph kept and every prefix in its context.

    Each named graph is a node with its own ``@graph``; nodes and unordered value arrays are
    sorted (``@list`` keeps order).
    """
    data = json.loads(_dataset(graphs).serialize(format="json-ld", context=PREFIXES))
    return json.dumps(_sort_json(data), indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def _sort_json(value: object, key: str = "") -> object:
    if isinstance(value, dict):
        return {k: _sort_json(v, k) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sort_json(v) for v in value]
        if key == "@list":
            return items
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def _sorted_copy(graph: Graph) -> Graph:
    copy = Graph()
    for triple in sorted(graph, key=_sort_key):
        copy.add(triple)
    _bind(copy)
    return copy


def _sort_key(triple: tuple[Node, Node, Node]) -> tuple[str, ...]:
    return tuple(term.n3() for term in triple)


def _bind(graph: Graph) -> None:
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
