"""The spinekg ontology (TBox) and its SHACL shapes, shipped as package data.

>>> from rdflib import OWL, RDF
>>> (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in load_tbox()
True
"""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path

from rdflib import Graph
from rdflib.plugins.parsers.notation3 import BadSyntax

from spinekg.errors import CuratedDataError, Problem
from spinekg.namespaces import ONTOLOGY_IRI

__all__ = ["ONTOLOGY_FILE", "ONTOLOGY_IRI", "SHAPES_FILE", "load_tbox", "parse_turtle"]

#: The hand-edited Turtle file of the ontology.
ONTOLOGY_FILE = files(__name__) / "spinekg.ttl"
#: The SHACL shapes that ``spinekg check`` validates the graph against.
SHAPES_FILE = files(__name__) / "shapes.ttl"


def load_tbox(path: Path | None = None) -> Graph:
    """Parse the ontology (or the Turtle file at ``path``).

    :raises CuratedDataError: on a syntax error, located as ``file:line:column``.
    """
    if path is not None:
        return parse_turtle(path)
    with as_file(ONTOLOGY_FILE) as real_path:
        return parse_turtle(Path(real_path))


def parse_turtle(path: Path) -> Graph:
    """Parse a Turtle file, turning parser exceptions into a located :class:`Problem`.

    :raises CuratedDataError: if the file is missing, not UTF-8 or not valid Turtle.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CuratedDataError([Problem(path, 0, 0, "file not found")]) from None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise CuratedDataError([Problem(path, line, 1, "not valid UTF-8 text")]) from None
    graph = Graph()
    try:
        graph.parse(data=text, format="turtle")
    except BadSyntax as exc:
        source = exc._str.decode("utf-8", "replace") if isinstance(exc._str, bytes) else exc._str
        line = source.count("\n", 0, exc._i) + 1
        column = exc._i - source.rfind("\n", 0, exc._i)
        message = f"Turtle syntax error: {exc._why}"
        raise CuratedDataError([Problem(path, line, column, message)]) from None
    except Exception as exc:  # rdflib raises assorted errors for bad terms
        raise CuratedDataError([Problem(path, 1, 1, f"invalid Turtle: {exc}")]) from None
    return graph
