"""What several modules do with graphs: merge them, climb class hierarchies, show a term.

>>> from rdflib import Literal, URIRef
>>> display(URIRef("https://w3id.org/spinekg/root-L5"))
'spine:root-L5'
>>> display(Literal("L5 nerve root"), quote=True)
'"L5 nerve root"'
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from spinekg.kernel.namespaces import curie

__all__ = ["display", "ox_term", "rdflib_term", "superclasses", "union"]


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


def ox_term(term: Node) -> Any:
    """An rdflib term as the pyoxigraph term that writes the same RDF."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def rdflib_term(term: Any) -> Node:
    """A pyoxigraph term as the rdflib term of the same RDF (the inverse of :func:`ox_term`)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"not an RDF term: {term!r}")
