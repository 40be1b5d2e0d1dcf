"""Load the curated inputs: the ontology, the shapes and every loader's graphs, located.

Loading only reads and validates; reasoning, checks and the release are the next steps
(:mod:`spinekg.pipeline.build` runs them in order).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rdflib import Graph, URIRef

from spinekg.kernel.errors import display_path
from spinekg.kernel.graphs import union
from spinekg.kernel.namespaces import ONTOLOGY_GRAPH, expand
from spinekg.loaders import LOADERS, articles_path, curated_path
from spinekg.ontology import ontology_path, parse_turtle, shapes_path

__all__ = ["Inputs", "Loaded", "load"]

#: A term that opens a block of the hand-edited Turtle: ``spine:Vertebra a owl:Class ;``.
_BLOCK = re.compile(r"^(?P<term>[A-Za-z][\w.-]*:[\w.-]+|<[^>\s]+>)\s")

PathLike = str | os.PathLike[str]


@dataclass(frozen=True)
class Inputs:
    """The files a build reads: the ontology, the SHACL shapes, the tables and the articles.

    ``articles`` is ``None`` for a build without the text loader (no article is read and the
    NLP pipeline is never started).
    """

    ontology: Path
    shapes: Path
    curated: Path
    articles: Path | None

    @classmethod
    def shipped(
        cls,
        *,
        ontology: PathLike | None = None,
        shapes: PathLike | None = None,
        curated: PathLike | None = None,
        articles: PathLike | None = None,
        with_articles: bool = True,
    ) -> Inputs:
        """The files shipped with the package, each replaceable by a path of one's own."""
        return cls(
            ontology=Path(ontology) if ontology else ontology_path(),
            shapes=Path(shapes) if shapes else shapes_path(),
            curated=Path(curated) if curated else curated_path(),
            articles=(Path(articles) if articles else articles_path()) if with_articles else None,
        )


@dataclass
class Loaded:
    """The loaded inputs: named graphs, SHACL shapes, and ``file:line`` of each entity."""

    graphs: dict[URIRef, Graph]
    shapes: Graph
    locations: dict[URIRef, str] = field(default_factory=dict)
    #: Mentions in articles the text loader could not resolve: (file:line, text, reason).
    unrecognised: list[tuple[str, str, str]] = field(default_factory=list)

    @cached_property
    def merged(self) -> Graph:
        """Every graph's triples in one graph, computed once for the reasoner and the checks."""
        return union(self.graphs.values())


def load(inputs: Inputs) -> Loaded:
    """Parse the ontology and shapes and run every loader.

    The table loaders run first; the text loader then reads the articles (if any) with the
    vocabulary of everything loaded so far.

    :raises CuratedDataError: with every problem found, each as ``file:line:column``.
    """
    tbox = parse_turtle(inputs.ontology)
    shapes = parse_turtle(inputs.shapes)
    graphs: dict[URIRef, Graph] = {ONTOLOGY_GRAPH: tbox}
    terms = frozenset(s for s in tbox.subjects() if isinstance(s, URIRef))
    located: dict[URIRef, tuple[Path, int]] = {}  # a table row defines an entity first
    for loader in LOADERS.values():
        graphs.update(loader(inputs.curated, ontology_terms=terms, locations=located))
    unrecognised: list[tuple[str, str, str]] = []
    if inputs.articles is not None:
        from spinekg.loaders import text

        report: list[tuple[text.Article, text.Unrecognised]] = []
        graphs.update(text.load(inputs.articles, graphs, locations=located, report=report))
        unrecognised = [
            (
                f"{display_path(a.path)}:{a.text.count(chr(10), 0, u.start) + 1}",
                u.text,
                f"{u.reason}{'; closest: ' + ', '.join(u.closest) if u.closest else ''}",
            )
            for a, u in report
        ]
    for iri, line in _turtle_blocks(inputs.ontology).items():
        located.setdefault(iri, (inputs.ontology, line))
    locations = {iri: f"{display_path(path)}:{line}" for iri, (path, line) in located.items()}
    return Loaded(graphs, shapes, locations, unrecognised)


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
