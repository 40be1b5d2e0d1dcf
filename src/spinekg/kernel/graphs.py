"""What several modules do with graphs: merge them, climb class hierarchies, show a term.

>>> from rdflib import Literal, URIRef
>>> display(URIRef("https://w3id.org/spinekg/root-L5"))
'spine:root-L5'
>>> display(Literal("L5 nerve root"), quote=True)
'"L5 nerve root"'
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from spinekg.kernel.namespaces import curie

__all__ = ["display", "superclasses", "union"]


def union(graphs: Iterable[Graph]) -> Graph:
    """All triples of ``graphs`` in one graph (named graphs merged).

    One graph is its own union and is returned as it is, not copied (0.6 s for the release's
    tables): callers read a union, never change it.
    """
    graphs = list(graphs)
    if len(graphs) == 1:
        return graphs[0]
    merged = Graph()
    for graph in graphs:
        merged += graph
    return merged


def superclasses(graph: Graph) -> dict[Node, set[Node]]:
    """Each declared class with every class above it through ``rdfs:subClassOf`` (itself too)."""
    return {
        cls: {c for c in graph.transitive_objects(cls, RDFS.subClassOf) if c is not None}
        for cls in set(graph.subjects(RDF.type, OWL.Class))
    }


def display(term: object, *, quote: bool = False) -> str:
    """A term as people read it: a CURIE for an IRI, a literal's text, ``[]`` for a blank node.

    Works for rdflib and pyoxigraph terms alike; ``quote`` puts literals in double quotes (as the
    check report does, to tell ``"L5"`` the label from ``L5`` the id).
    """
    if isinstance(term, URIRef | ox.NamedNode):
        return curie(str(term) if isinstance(term, URIRef) else term.value)
    if isinstance(term, Literal | ox.Literal):
        text = str(term) if isinstance(term, Literal) else term.value
        return f'"{text}"' if quote else text
    if isinstance(term, BNode | ox.BlankNode):
        return "[]"
    return "" if term is None else str(term)
