"""``graph/names``: every entity's names folded for lookup, so a name is one indexed pattern.

A user names an entity in their own words ("L4/L5", "Ankle-Jerk"); a query finds it by the
folded form (:func:`spinekg.kernel.names.normalise`). Written into the release as
``spine:nameKey``, the folded names let every store, the embedded one or any SPARQL endpoint,
resolve a name with ``?entity spine:nameKey "l4 l5"`` through its own index, whatever the
graph's size, instead of folding every label of a class at query time.
"""

from __future__ import annotations

from rdflib import RDFS, SKOS, Graph, Literal, URIRef

from spinekg.kernel.names import NAME_KEY, normalise
from spinekg.kernel.namespaces import BASE, EXACT_SYNONYM, GRAPH

__all__ = ["NAMES_GRAPH", "name_keys"]

#: The named graph of the release that holds the folded names.
NAMES_GRAPH = GRAPH["names"]
#: The properties whose values name an entity.
NAMED_BY = (RDFS.label, EXACT_SYNONYM, SKOS.notation)


def name_keys(graph: Graph) -> Graph:
    """The folded label, synonyms and notations of every spinekg entity in ``graph``.

    >>> from rdflib import Namespace
    >>> spine = Namespace(BASE)
    >>> g = Graph()
    >>> _ = g.add((spine["disc-L4-L5"], SKOS.notation, Literal("L4/L5")))
    >>> [str(o) for o in name_keys(g).objects(spine["disc-L4-L5"], NAME_KEY)]
    ['l4 l5']
    """
    keys = Graph()
    for predicate in NAMED_BY:
        for entity, name in graph.subject_objects(predicate):
            if isinstance(entity, URIRef) and entity.startswith(BASE) and isinstance(name, Literal):
                keys.add((entity, NAME_KEY, Literal(normalise(str(name)))))
    return keys
