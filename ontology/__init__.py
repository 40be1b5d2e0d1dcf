"""The spinekg ontology (TBox) and its SHACL shapes, shipped as package data.

>>> from rdflib import OWL, RDF
>>> (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in parse_turtle(ontology_path())
True
"""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from spinekg.kernel.errors import CuratedDataError, Problem
from spinekg.kernel.namespaces import ONTOLOGY_IRI

__all__ = ["ONTOLOGY_FILE", "ONTOLOGY_IRI", "SHAPES_FILE", "ontology_path", "parse_turtle"]

#: The hand-edited Turtle file of the ontology.
ONTOLOGY_FILE = files(__name__) / "spinekg.ttl"
#: The SHACL shapes that ``spinekg check`` validates the graph against.
SHAPES_FILE = files(__name__) / "shapes.ttl"


#: How pyoxigraph's messages begin: "Parser error at line 12 column 26: ...".
_LOCATION = re.compile(r"^Parser error (?:at|between) [^:]*: ")


def ontology_path() -> Path:
    """The shipped ontology as a file-system path."""
    return Path(str(ONTOLOGY_FILE))


def shapes_path() -> Path:
    """The shipped SHACL shapes as a file-system path."""
    return Path(str(SHAPES_FILE))


def parse_turtle(path: Path) -> Graph:
    """Parse a Turtle file, or say where it is wrong.

    pyoxigraph reads the file first: it locates a syntax error by line and column (rdflib's
    parser keeps them in private attributes). rdflib then builds the graph the build works on.

    :raises CuratedDataError: if the file is missing, not UTF-8 or not valid Turtle.
    """
    try:
        data = path.read_bytes()
        text = data.decode("utf-8")
    except FileNotFoundError:
        raise CuratedDataError([Problem(path, 0, 0, "file not found")]) from None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CuratedDataError([Problem(path, line, 1, "not valid UTF-8 text")]) from None
    try:
        for _ in ox.parse(data, format=ox.RdfFormat.TURTLE, base_iri=path.as_uri()):
            pass
    except SyntaxError as exc:
        why = _LOCATION.sub("", exc.msg)  # the location is in the problem already
        problem = Problem(path, exc.lineno or 1, exc.offset or 1, f"Turtle syntax error: {why}")
        raise CuratedDataError([problem]) from None
    graph = Graph()
    try:
        graph.parse(data=text, format="turtle", publicID=path.as_uri())
    except Exception as exc:  # rdflib refuses a few terms pyoxigraph accepts
        raise CuratedDataError([Problem(path, 1, 1, f"invalid Turtle: {exc}")]) from None
    return graph
