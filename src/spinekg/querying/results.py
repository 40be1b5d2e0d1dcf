"""Write an answer for people (an aligned table) or programs (SPARQL 1.1 results formats).

Every format but the table is pyoxigraph's own serialiser, for embedded and remote answers
alike (a remote answer is parsed by pyoxigraph first), so the two print the same bytes.
"""

from __future__ import annotations

from typing import Literal

import pyoxigraph as ox

from spinekg.kernel.errors import QueryError
from spinekg.kernel.graphs import display
from spinekg.kernel.namespaces import PREFIXES
from spinekg.querying.runner import Answer

__all__ = ["FORMATS", "GRAPH_FORMATS", "Format", "render"]

Format = Literal["table", "json", "csv", "tsv", "xml"]
#: The SPARQL 1.1 results formats, by the name the command line uses.
FORMATS: dict[str, ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "xml": ox.QueryResultsFormat.XML,
}


#: How a graph answer (CONSTRUCT, DESCRIBE) is written for each format name.
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "table": ox.RdfFormat.TURTLE,
    "json": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}


def render(answer: Answer, fmt: Format = "table") -> str:
    """The answer as text: a table (IRIs as CURIEs), a results format, or a graph's text.

    A graph (CONSTRUCT, DESCRIBE) is written as Turtle for ``table``, JSON-LD for ``json`` and
    RDF/XML for ``xml``.

    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("https://w3id.org/spinekg/root-L5"),
    ...                   ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
    ...                   ox.Literal("L5 nerve root")))
    >>> print(render(store.query("SELECT ?s ?label WHERE { ?s ?p ?label }")), end="")
    s              label
    spine:root-L5  L5 nerve root
    (1 row)
    """
    if isinstance(answer, ox.QuerySolutions):
        if fmt == "table":
            return _table(answer)
        return _text(answer.serialize(format=FORMATS[fmt]))
    if isinstance(answer, ox.QueryBoolean):
        if fmt == "table":
            return "true\n" if bool(answer) else "false\n"
        return _text(answer.serialize(format=FORMATS[fmt]))
    if fmt not in GRAPH_FORMATS:
        raise QueryError(
            f"a CONSTRUCT or DESCRIBE query answers a graph, which has no {fmt} form; use "
            "--format table (Turtle), json (JSON-LD) or xml (RDF/XML)"
        )
    prefixes = PREFIXES if fmt != "xml" else None
    return _text(ox.serialize(answer, format=GRAPH_FORMATS[fmt], prefixes=prefixes))


def _text(data: bytes | None) -> str:
    """Pyoxigraph's serialisers return bytes when given no output stream."""
    return (data or b"").decode("utf-8")


def _table(solutions: ox.QuerySolutions) -> str:
    names = [v.value for v in solutions.variables]
    rows = [[display(solution[name]) for name in names] for solution in solutions]
    widths = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(names)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [names, *rows]
    ]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
