"""Load the curated sources: the ontology, the shapes and every loader's graphs, located."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from importlib.resources import as_file
from pathlib import Path

from rdflib import Graph, URIRef

from spinekg.errors import display_path
from spinekg.loaders import LOADERS, curated_path, text
from spinekg.namespaces import ONTOLOGY_GRAPH, expand
from spinekg.ontology import ONTOLOGY_FILE, SHAPES_FILE, parse_turtle
from spinekg.queries import CATALOG_GRAPH, catalog_graph

__all__ = ["Sources", "load_sources", "union"]

#: A term that opens a block of the hand-edited Turtle: ``spine:Vertebra a owl:Class ;``.
_BLOCK = re.compile(r"^(?P<term>[A-Za-z][\w.-]*:[\w.-]+|<[^>\s]+>)\s")


def union(graphs: Iterable[Graph]) -> Graph:
    """All triples of ``graphs`` in one graph (named graphs merged)."""
    merged = Graph()
    for graph in graphs:
        for triple in graph:
            merged.add(triple)
    return merged


@dataclass
class Sources:
    """The loaded sources: named graphs, SHACL shapes, and ``file:line`` of each entity."""

    graphs: dict[URIRef, Graph]
    shapes: Graph
    locations: dict[URIRef, str] = field(default_factory=dict)
    #: Mentions in articles the text loader could not resolve: (file:line, text, reason).
    unrecognised: list[tuple[str, str, str]] = field(default_factory=list)

    @cached_property
    def merged(self) -> Graph:
        """Every graph's triples in one graph, computed once for the reasoner and the checks."""
        return union(self.graphs.values())


def load_sources(
    curated_dir: str | os.PathLike[str] | None = None,
    ontology_file: str | os.PathLike[str] | None = None,
    shapes_file: str | os.PathLike[str] | None = None,
    articles_dir: str | os.PathLike[str] | None = None,
) -> Sources:
    """Parse the ontology and shapes and run every loader (the shipped files by default).

    The table loaders run first; the text loader then reads the articles with the vocabulary
    of everything loaded so far.

    :raises CuratedDataError: with every problem found, each as ``file:line:column``.
    """
    with as_file(ONTOLOGY_FILE) as default_ontology, as_file(SHAPES_FILE) as default_shapes:
        ontology_path = Path(ontology_file) if ontology_file else Path(default_ontology)
        shapes_path = Path(shapes_file) if shapes_file else Path(default_shapes)
        tbox = parse_turtle(ontology_path)
        shapes = parse_turtle(shapes_path)
        blocks = _turtle_blocks(ontology_path)
    graphs: dict[URIRef, Graph] = {ONTOLOGY_GRAPH: tbox}
    terms = frozenset(s for s in tbox.subjects() if isinstance(s, URIRef))
    folder = Path(curated_dir) if curated_dir is not None else curated_path()
    located: dict[URIRef, tuple[Path, int]] = {}  # a table row defines an entity first
    for loader in LOADERS.values():
        graphs.update(loader(folder, ontology_terms=terms, locations=located))
    articles = Path(articles_dir) if articles_dir is not None else None
    report: list[tuple[text.Article, text.Unrecognised]] = []
    graphs.update(text.load(articles, graphs, locations=located, report=report))
    graphs[CATALOG_GRAPH] = catalog_graph()
    for iri, line in blocks.items():
        located.setdefault(iri, (ontology_path, line))
    locations = {iri: f"{display_path(path)}:{line}" for iri, (path, line) in located.items()}
    unrecognised = [
        (
            f"{display_path(a.path)}:{a.text.count(chr(10), 0, u.start) + 1}",
            u.text,
            f"{u.reason}{'; closest: ' + ', '.join(u.closest) if u.closest else ''}",
        )
        for a, u in report
    ]
    return Sources(graphs, shapes, locations, unrecognised)


def _turtle_blocks(path: Path) -> dict[URIRef, int]:
    """The line on which each term's first block starts in a hand-edited Turtle file."""
    found: dict[URIRef, int] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = _BLOCK.match(line)
        if match is None or line.startswith("@"):
            continue
        term = match["term"]
        iri = term[1:-1] if term.startswith("<") else expand(term)
        if iri is not None:
            found.setdefault(URIRef(iri), number)
    return found
