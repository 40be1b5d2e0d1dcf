"""The release describes itself: VoID, DCAT and schema.org in its own named graph.

The description names the dataset (title, description, licence, version, issue date, creator),
each downloadable file as a DCAT distribution, and every named graph as a ``void:subset`` with
its triple count: the manifest's figures, in RDF, so that a SPARQL client of the endpoint can
ask what the graph holds. Every property is declared an annotation property (and every class a
class) so that the OWL release stays OWL 2 DL.

What the counts mean: a subset's ``void:triples`` is the number of triples of that named graph;
the dataset's ``void:triples`` counts *distinct* triples over all graphs (what ``spinekg.ttl``
holds); ``spine:quads`` is the sum over the graphs (what ``spinekg.nq`` holds and a store
loads), which is larger because one triple may be stated by several sources.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet

from rdflib import DCAT, DCTERMS, OWL, RDF, RDFS, SDO, VOID, XSD, Graph, Literal, URIRef

from spinekg.kernel.claims import Triple
from spinekg.kernel.namespaces import (
    BASE,
    DATASET,
    DESCRIPTION_GRAPH,
    ONTOLOGY_GRAPH,
    ONTOLOGY_IRI,
    SPINE,
)

__all__ = ["DATASET", "DESCRIPTION_GRAPH", "MEDIA_TYPES", "describe"]

#: DCAT 3's version property (rdflib's DCAT namespace is DCAT 2, which lacks it).
DCAT_VERSION = URIRef("http://www.w3.org/ns/dcat#version")
#: Release file -> its media type (IANA), for the DCAT distributions.
MEDIA_TYPES = {
    "spinekg.ttl": "text/turtle",
    "spinekg.owl": "application/rdf+xml",
    "spinekg.jsonld": "application/ld+json",
    "spinekg.nq": "application/n-quads",
    "spinekg.sssom.tsv": "text/tab-separated-values",
    "spinekg_nodes.tsv": "text/tab-separated-values",
    "spinekg_edges.tsv": "text/tab-separated-values",
}
_ANNOTATIONS = (
    DCTERMS.title,
    DCTERMS.description,
    DCTERMS.license,
    DCTERMS.creator,
    DCTERMS.issued,
    DCTERMS.conformsTo,
    DCAT_VERSION,
    DCAT.distribution,
    DCAT.downloadURL,
    DCAT.mediaType,
    DCAT.landingPage,
    VOID.triples,
    VOID.subset,
    VOID.uriSpace,
    VOID.dataDump,
    VOID.vocabulary,
    SDO.name,
    SDO.version,
    SPINE.quads,
)
_CLASSES = (VOID.Dataset, DCAT.Dataset, DCAT.Distribution, SDO.Dataset)


def describe(
    graphs: Mapping[URIRef, Graph], files: tuple[str, ...], union: AbstractSet[Triple]
) -> Graph:
    """The description of a release made of ``graphs`` (the description's own graph excluded).

    :param files: the release files offered for download.
    :param union: the distinct triples of ``graphs``.
    :returns: the description graph; its own triple count is included among the subsets and
        in the totals, which it does not change (the counts are literals of fixed triples).
    """
    ontology = graphs[ONTOLOGY_GRAPH]
    version = str(ontology.value(ONTOLOGY_IRI, OWL.versionInfo))
    download = f"{BASE}releases/{version}/"
    g = Graph()
    for prop in _ANNOTATIONS:
        g.add((prop, RDF.type, OWL.AnnotationProperty))
    for cls in _CLASSES:
        g.add((cls, RDF.type, OWL.Class))
    g.add((SPINE.quads, RDFS.label, Literal("quads")))
    g.add(
        (
            SPINE.quads,
            RDFS.comment,
            Literal("The number of (graph, triple) pairs: the triples of every named graph."),
        )
    )
    for cls in (VOID.Dataset, DCAT.Dataset, SDO.Dataset):
        g.add((DATASET, RDF.type, cls))
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.license, DCTERMS.creator):
        for value in ontology.objects(ONTOLOGY_IRI, prop):
            g.add((DATASET, prop, value))
    g.add((DATASET, SDO.name, Literal("spinekg")))
    g.add((DATASET, DCAT_VERSION, Literal(version)))
    g.add((DATASET, SDO.version, Literal(version)))
    issued = ontology.value(ONTOLOGY_IRI, DCTERMS.issued)
    if issued is not None:
        g.add((DATASET, DCTERMS.issued, issued))
    g.add((DATASET, DCAT.landingPage, URIRef(BASE)))
    g.add((DATASET, VOID.uriSpace, Literal(BASE)))
    g.add((DATASET, DCTERMS.conformsTo, ONTOLOGY_IRI))
    for vocabulary in sorted(_vocabularies(graphs)):
        g.add((DATASET, VOID.vocabulary, URIRef(vocabulary)))
    for name in files:
        url = URIRef(download + name)
        distribution = SPINE[f"dataset-file-{name}"]
        g.add((DATASET, DCAT.distribution, distribution))
        g.add((DATASET, VOID.dataDump, url))
        g.add((distribution, RDF.type, DCAT.Distribution))
        g.add((distribution, DCTERMS.title, Literal(name)))
        g.add((distribution, DCAT.downloadURL, url))
        g.add((distribution, DCAT.mediaType, Literal(MEDIA_TYPES[name])))
    counts = {name: len(graph) for name, graph in graphs.items()}
    for name in sorted(counts):
        g.add((DATASET, VOID.subset, name))
        g.add((name, RDF.type, VOID.Dataset))
    g.add((DATASET, VOID.subset, DESCRIPTION_GRAPH))
    g.add((DESCRIPTION_GRAPH, RDF.type, VOID.Dataset))
    # the remaining triples are one per count, so the description's size is known before them
    own = len(g) + len(counts) + 3
    shared = sum(1 for triple in g if triple in union)  # declarations the ontology also makes
    for name, count in counts.items():
        g.add((name, VOID.triples, _integer(count)))
    g.add((DESCRIPTION_GRAPH, VOID.triples, _integer(own)))
    g.add((DATASET, VOID.triples, _integer(len(union) + own - shared)))
    g.add((DATASET, SPINE.quads, _integer(sum(counts.values()) + own)))
    assert len(g) == own, "the description's own count is wrong"
    return g


def _integer(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


def _vocabularies(graphs: Mapping[URIRef, Graph]) -> set[str]:
    """The namespaces of the classes and properties the graphs use (``void:vocabulary``)."""
    used: set[str] = set()
    for graph in graphs.values():
        for predicate in graph.predicates(unique=True):
            used.add(_namespace(str(predicate)))
        for cls in graph.objects(None, RDF.type, unique=True):
            used.add(_namespace(str(cls)))
    return used


def _namespace(iri: str) -> str:
    for cut in ("#", "/"):
        if cut in iri:
            head = iri.rsplit(cut, 1)[0] + cut
            if head.startswith("http://purl.obolibrary.org/obo/"):
                return "http://purl.obolibrary.org/obo/"
            return head
    return iri
