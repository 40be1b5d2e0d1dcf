"""Write a release: the graph in four RDF formats and a manifest, byte-for-byte reproducible.

Reproducible means: blank nodes get canonical labels (:func:`rdflib.compare.to_canonical_graph`),
the RDF/XML serialiser walks subjects and properties in sorted order, JSON-LD nodes and value
arrays are sorted, N-Quads lines are sorted, and the manifest date is the ontology's
``dcterms:issued``, never the clock.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from pathlib import Path

from rdflib import DCTERMS, OWL, BNode, Dataset, Graph, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.term import Node

from spinekg.namespaces import ONTOLOGY_GRAPH, ONTOLOGY_IRI, PREFIXES, STABLE_BNODE_PREFIX

#: Release file names, in the order the manifest lists them.
FILES = ("spinekg.ttl", "spinekg.owl", "spinekg.jsonld", "spinekg.nq")
MANIFEST = "manifest.json"


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


def merged(graphs: Mapping[URIRef, Graph]) -> Graph:
    """All graphs merged into one, with the project's prefixes bound."""
    union = Graph()
    for triple in sorted({t for g in graphs.values() for t in g}, key=_sort_key):
        union.add(triple)
    _bind(union)
    return union


def write_release(
    graphs: Mapping[URIRef, Graph], out_dir: Path, *, extra: Mapping[str, object] | None = None
) -> dict[str, object]:
    """Write the release files and ``manifest.json`` into ``out_dir`` (which must exist).

    :param graphs: named graphs, already canonical (see :func:`canonical`).
    :param extra: more manifest entries (for example the loaders that ran).
    :returns: the manifest.
    """
    union = merged(graphs)
    (out_dir / "spinekg.ttl").write_bytes(union.serialize(format="turtle", encoding="utf-8"))
    (out_dir / "spinekg.owl").write_bytes(_Ordered(union).serialize(format="xml", encoding="utf-8"))
    (out_dir / "spinekg.jsonld").write_text(_jsonld(union), encoding="utf-8")
    (out_dir / "spinekg.nq").write_text(_nquads(graphs), encoding="utf-8")
    ontology = graphs[ONTOLOGY_GRAPH]
    manifest: dict[str, object] = {
        "name": "spinekg",
        "ontology": str(ONTOLOGY_IRI),
        "version": str(ontology.value(ONTOLOGY_IRI, OWL.versionInfo)),
        "version_iri": str(ontology.value(ONTOLOGY_IRI, OWL.versionIRI)),
        "date": str(ontology.value(ONTOLOGY_IRI, DCTERMS.issued)),
        "license": str(ontology.value(ONTOLOGY_IRI, DCTERMS.license)),
        "triples": len(union),
        "graphs": {str(name): len(graph) for name, graph in graphs.items()},
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


def sha256(path: Path) -> str:
    """The hex SHA-256 digest of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _nquads(graphs: Mapping[URIRef, Graph]) -> str:
    dataset = Dataset()
    for name, graph in graphs.items():
        named = dataset.graph(name)
        for triple in graph:
            named.add(triple)
    text = dataset.serialize(format="nquads")
    lines = sorted(line for line in text.splitlines() if line.strip())
    return "\n".join(lines) + "\n"


class _Ordered(Graph):
    """A view of a graph whose subjects and (predicate, object) pairs come out sorted.

    rdflib's RDF/XML serialiser walks ``subjects()`` and ``predicate_objects()``, whose order
    follows Python's per-process string hashing; sorting them makes the output reproducible.
    """

    def __init__(self, graph: Graph) -> None:
        super().__init__(
            store=graph.store,
            identifier=graph.identifier,
            namespace_manager=graph.namespace_manager,
        )

    def subjects(  # type: ignore[override]
        self, predicate: Node | None = None, object: Node | None = None, unique: bool = False
    ) -> Iterator[Node]:
        """Subjects, sorted."""
        return iter(sorted(set(super().subjects(predicate, object)), key=lambda n: n.n3()))

    def predicate_objects(  # type: ignore[override]
        self, subject: Node | None = None, unique: bool = False
    ) -> Iterator[tuple[Node, Node]]:
        """(predicate, object) pairs, sorted."""
        pairs = set(super().predicate_objects(subject))
        return iter(sorted(pairs, key=lambda po: (po[0].n3(), po[1].n3())))


def _jsonld(graph: Graph) -> str:
    """Compact JSON-LD with nodes and unordered value arrays sorted (``@list`` keeps order)."""
    data = json.loads(graph.serialize(format="json-ld", context=PREFIXES))
    return json.dumps(_sort_json(data), indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def _sort_json(value: object, key: str = "") -> object:
    if isinstance(value, dict):
        return {k: _sort_json(v, k) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sort_json(v) for v in value]
        if key == "@list":
            return items
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


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
