"""Write a release, byte-for-byte reproducible.

The graph in four RDF formats, the mappings as SSSOM, the graph as Biolink/KGX tables, a
description of itself (VoID, DCAT) and a manifest.

Reproducible means: blank nodes get canonical labels (:func:`rdflib.compare.to_canonical_graph`),
Turtle, RDF/XML, JSON-LD and N-Quads are written by pyoxigraph from sorted quads, and the
manifest date is the ontology's ``dcterms:issued``, never the clock.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import (
    DCTERMS,
    OWL,
    RDF,
    RDFS,
    SDO,
    SH,
    SKOS,
    BNode,
    Graph,
    Literal,
    URIRef,
)
from rdflib.compare import to_canonical_graph
from rdflib.term import Node

from spinekg.kernel.graphs import ox_term
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
    for prop in (SH.select, SDO.keywords, SDO.description):
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
            graph.add((node, SDO.keywords, Literal(cq)))
        for param in query.params:
            text = (
                f"parameter ?{param.name} ({param.type}), e.g. {param.example}: {param.description}"
            )
            graph.add((node, SDO.description, Literal(text)))
        if query.example:
            graph.add((node, SKOS.example, Literal(query.example)))
    return graph


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
    distinct = {triple for graph in graphs.values() for triple in graph}
    description = describe(graphs, FILES, distinct)
    graphs = {**graphs, DESCRIPTION_GRAPH: _sorted_copy(description)}
    quads = _ox_quads(graphs)
    union = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=str)
    for name, fmt in ((TURTLE, ox.RdfFormat.TURTLE), (RDF_XML, ox.RdfFormat.RDF_XML)):
        ox.serialize(union, output=str(out_dir / name), format=fmt, prefixes=PREFIXES)
    (out_dir / JSON_LD).write_bytes(_jsonld(quads))
    ox.serialize(quads, output=str(out_dir / NQUADS), format=ox.RdfFormat.N_QUADS)
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


def _ox_quads(graphs: Mapping[URIRef, Graph]) -> list[ox.Quad]:
    """Every quad, as pyoxigraph terms, sorted by graph, subject, predicate and object.

    pyoxigraph writes Turtle, RDF/XML and N-Quads some fifty times faster than rdflib; sorted
    input and canonical blank-node labels make its output byte-for-byte reproducible.
    """
    quads = [
        ox.Quad(ox_term(s), ox_term(p), ox_term(o), ox.NamedNode(str(name)))
        for name, graph in graphs.items()
        for s, p, o in graph
    ]
    return sorted(
        quads, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object))
    )


def _jsonld(quads: list[ox.Quad]) -> bytes:
    """JSON-LD with every named graph kept and a context of every prefix.

    pyoxigraph writes the graphs in expanded form (full IRIs, one ``@graph`` per graph IRI),
    from sorted quads; the context names every prefix for a consumer that compacts. Full IRIs
    also sidestep JSON-LD 1.1's rule that a prefix such as ``UBERON`` (whose IRI ends in ``_``)
    cannot compact an IRI.
    """
    graphs = ox.serialize(quads, format=ox.RdfFormat.JSON_LD) or b"[]"
    context = json.dumps(PREFIXES, indent=1, sort_keys=True)
    return b'{"@context": ' + context.encode("utf-8") + b', "@graph": ' + graphs + b"}\n"


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
