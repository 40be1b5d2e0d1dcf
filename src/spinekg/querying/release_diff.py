"""What changed between two releases: triples per named graph, labels, definitions, mappings.

``spinekg diff OLD NEW`` reads the ``spinekg.nq`` and ``manifest.json`` of two release folders
and reports what a curator reviews before publishing:

* per named graph, the triples added and removed (and the graphs added or removed);
* the entities whose label (``rdfs:label``, ``skos:prefLabel``) or definition
  (``IAO:0000115``, ``skos:definition``) changed: same subject and predicate, other values;
* the mappings (``skos:exactMatch``, ``closeMatch``, ``broadMatch``, ``narrowMatch``,
  ``relatedMatch``) whose predicate changed for the same entity and target, and those added or
  removed;
* optionally (``triples=True``) every triple added or removed, per graph.

Labels, definitions and mappings are compared over all graphs together, so a label that moves
from one graph to another is no change of label (the graph counts still show the move). An
entity that gains its first label or loses its last has its triple among the graphs' added or
removed ones, not among the changed labels.

Limitations. Quads are compared as pyoxigraph reads them from the N-Quads text: terms are
equal when they are written alike. Blank nodes are equal when their labels are; a release's
blank nodes carry stable labels (``_:k`` and a digest of what they stand for, or the labels of
canonicalisation), so an unchanged blank node keeps its label, but a changed one shows as all of
its triples removed and added, and two releases canonicalised by different tools may differ in
every blank node label. Literals are compared as written (``"01"^^xsd:integer`` is not
``"1"^^xsd:integer``). Only ``spinekg.nq`` is compared: it holds every named graph, of which the
other release files are serialisations.

>>> def label(text: str) -> ox.Quad:
...     return ox.Quad(ox.NamedNode("https://w3id.org/spinekg/root-L5"), ox.NamedNode(LABEL),
...                    ox.Literal(text), ox.NamedNode("https://w3id.org/spinekg/graph/roots"))
>>> [change] = value_changes([label("L5 root")], [label("L5 nerve root")], LABELS)
>>> change.entity, change.json()["old"], change.json()["new"]
('https://w3id.org/spinekg/root-L5', ['L5 root'], ['L5 nerve root'])
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pyoxigraph as ox
from rdflib import RDFS, SKOS

from spinekg.kernel.errors import (
    ReleaseDamagedError,
    ReleaseNotFoundError,
    display_path,
    first_line,
)
from spinekg.kernel.namespaces import DEFINITION, MAPPING_PREDICATES, curie, expand
from spinekg.kernel.release_files import MANIFEST, NQUADS, sha256

__all__ = [
    "DEFINITIONS",
    "LABELS",
    "MAPPINGS",
    "GraphChange",
    "MappingChange",
    "Release",
    "ReleaseDiff",
    "ValueChange",
    "diff_json",
    "diff_releases",
    "format_diff",
    "graph_changes",
    "mapping_changes",
    "read_release",
    "value_changes",
]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
LABEL = str(RDFS.label)
#: Predicates that name an entity: one value each (per language) is expected.
LABELS = (LABEL, str(SKOS.prefLabel))
#: Predicates that define an entity (the OBO one and SKOS's).
DEFINITIONS = (str(DEFINITION), str(SKOS.definition))
#: The SKOS mapping predicates, from the strongest to the loosest.
MAPPINGS = tuple(str(p) for p in MAPPING_PREDICATES)
#: The mapping kinds, in the order they are reported.
MAPPING_KINDS = ("changed", "added", "removed")

#: An object of a triple, as pyoxigraph reads it.
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


@dataclass(frozen=True)
class Release:
    """A release as read from its folder: its manifest's version and date, and every quad."""

    path: Path
    version: str
    date: str
    quads: frozenset[ox.Quad]

    def json(self) -> dict[str, object]:
        """Where it is, its version and date, and how many quads it holds."""
        return {
            "path": display_path(self.path),
            "version": self.version,
            "date": self.date,
            "quads": len(self.quads),
        }


@dataclass(frozen=True)
class GraphChange:
    """One named graph of either release: its triples before and after, those added, removed.

    ``graph`` is the graph IRI (``""`` for the default graph); ``old`` or ``new`` is ``None``
    where the graph is not in that release.
    """

    graph: str
    old: int | None
    new: int | None
    added: tuple[ox.Quad, ...]
    removed: tuple[ox.Quad, ...]

    @property
    def status(self) -> Literal["added", "removed", "changed", "unchanged"]:
        """``added`` or ``removed`` (the whole graph), ``changed`` or ``unchanged``."""
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        return "changed" if self.added or self.removed else "unchanged"

    def json(self, *, triples: bool = False) -> dict[str, object]:
        """The counts; with ``triples``, the triples added and removed as N-Triples lines."""
        data: dict[str, object] = {
            "graph": self.graph,
            "status": self.status,
            "old": self.old,
            "new": self.new,
            "added": len(self.added),
            "removed": len(self.removed),
        }
        if triples:
            data["added_triples"] = [_ntriples(q) for q in self.added]
            data["removed_triples"] = [_ntriples(q) for q in self.removed]
        return data


@dataclass(frozen=True)
class ValueChange:
    """An entity whose label or definition changed: its values before and after."""

    entity: str
    predicate: str
    old: tuple[Term, ...]
    new: tuple[Term, ...]

    def json(self) -> dict[str, object]:
        """Entity and predicate IRIs; each value as its text if a plain string, else N-Triples."""
        return {
            "entity": self.entity,
            "predicate": self.predicate,
            "old": [_plain(v) for v in self.old],
            "new": [_plain(v) for v in self.new],
        }


@dataclass(frozen=True)
class MappingChange:
    """A mapping from an entity to a target: the mapping predicates before and after.

    ``old`` is empty for an added mapping, ``new`` for a removed one.
    """

    entity: str
    target: str
    old: tuple[str, ...]
    new: tuple[str, ...]

    @property
    def kind(self) -> Literal["added", "removed", "changed"]:
        """``added``, ``removed``, or ``changed`` (another predicate)."""
        if not self.old:
            return "added"
        return "removed" if not self.new else "changed"

    def json(self) -> dict[str, object]:
        """Entity, target and predicate IRIs."""
        return {
            "entity": self.entity,
            "target": self.target,
            "old": list(self.old),
            "new": list(self.new),
        }


@dataclass(frozen=True)
class ReleaseDiff:
    """Everything that changed from one release to the next, each part sorted by IRI."""

    old: Release
    new: Release
    graphs: tuple[GraphChange, ...]
    labels: tuple[ValueChange, ...]
    definitions: tuple[ValueChange, ...]
    mappings: tuple[MappingChange, ...]

    @property
    def same(self) -> bool:
        """Whether the two releases hold the same quads."""
        return self.old.quads == self.new.quads

    def mappings_of_kind(self, kind: str) -> list[MappingChange]:
        """The mappings ``changed``, ``added`` or ``removed``."""
        return [m for m in self.mappings if m.kind == kind]


def read_release(folder: Path) -> Release:
    """The release in ``folder``: its manifest's version and date, and the quads of its N-Quads.

    :raises ReleaseNotFoundError: if ``folder`` is not a folder with a spinekg manifest.
    :raises ReleaseDamagedError: if the manifest or ``spinekg.nq`` cannot be read, or the
        N-Quads file is not the one the manifest gives the sha256 of.
    """
    manifest = _manifest(folder)
    version, date = manifest.get("version"), manifest.get("date")
    if not isinstance(version, str) or not isinstance(date, str):
        raise ReleaseDamagedError(
            f"{display_path(folder / MANIFEST)} gives no version and date; rebuild the release"
        )
    _check_digest(folder, manifest)
    return Release(folder, version, date, _quads(folder))


def _manifest(folder: Path) -> dict[str, Any]:
    """The manifest of the release in ``folder``, which must name spinekg."""
    where = display_path(folder)
    if not folder.is_dir():
        raise ReleaseNotFoundError(
            f"no release in {where}: "
            + ("it is a file, not a folder" if folder.exists() else "there is no such folder")
        )
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReleaseNotFoundError(
            f"{where}/ is not a spinekg release (it has no {MANIFEST}); give a folder that "
            "`spinekg build` wrote"
        ) from None
    except (OSError, ValueError) as exc:
        raise ReleaseDamagedError(
            f"{display_path(path)} cannot be read ({first_line(exc)}); rebuild the release"
        ) from None
    if not isinstance(manifest, dict) or manifest.get("name") != "spinekg":
        raise ReleaseNotFoundError(
            f"{where}/ is not a spinekg release (its {MANIFEST} does not name spinekg)"
        )
    return manifest


def _check_digest(folder: Path, manifest: dict[str, Any]) -> None:
    """Refuse an N-Quads file that is not the one the manifest was written with."""
    files = manifest.get("files")
    entry = files.get(NQUADS) if isinstance(files, dict) else None
    expected = entry.get("sha256") if isinstance(entry, dict) else None
    path = folder / NQUADS
    if not isinstance(expected, str) or not path.is_file():
        return  # no digest to check, or no file: _quads says so
    try:
        digest = sha256(path)
    except OSError as exc:
        raise ReleaseDamagedError(
            f"the release in {display_path(folder)}/ cannot be read ({display_path(path)}: "
            f"{first_line(exc)})"
        ) from None
    if digest != expected:
        raise ReleaseDamagedError(
            f"the release in {display_path(folder)}/ is damaged ({display_path(path)} is not the "
            f"file its {MANIFEST} lists: cut short or changed after the build); rebuild it"
        )


def _quads(folder: Path) -> frozenset[ox.Quad]:
    """Every quad of the release's N-Quads file."""
    path = folder / NQUADS
    if not path.is_file():
        raise ReleaseDamagedError(
            f"the release in {display_path(folder)}/ is damaged (it has no {NQUADS}); rebuild it"
        )
    try:
        return frozenset(ox.parse(path=path, format=ox.RdfFormat.N_QUADS))
    except (SyntaxError, OSError, ValueError) as exc:
        raise ReleaseDamagedError(
            f"the release in {display_path(folder)}/ is damaged ({display_path(path)}: "
            f"{first_line(exc)}); rebuild it"
        ) from None


def diff_releases(old: Release, new: Release) -> ReleaseDiff:
    """What changed from ``old`` to ``new``."""
    return ReleaseDiff(
        old=old,
        new=new,
        graphs=graph_changes(old.quads, new.quads),
        labels=value_changes(old.quads, new.quads, LABELS),
        definitions=value_changes(old.quads, new.quads, DEFINITIONS),
        mappings=mapping_changes(old.quads, new.quads),
    )


def graph_changes(old: Iterable[ox.Quad], new: Iterable[ox.Quad]) -> tuple[GraphChange, ...]:
    """Every graph of either release, sorted by name, with the quads added and removed."""
    before, after = _by_graph(old), _by_graph(new)
    changes = []
    for graph in sorted(before.keys() | after.keys()):
        was, now = before.get(graph), after.get(graph)
        changes.append(
            GraphChange(
                graph=graph,
                old=None if was is None else len(was),
                new=None if now is None else len(now),
                added=_sorted((now or set()) - (was or set())),
                removed=_sorted((was or set()) - (now or set())),
            )
        )
    return tuple(changes)


def _by_graph(quads: Iterable[ox.Quad]) -> dict[str, set[ox.Quad]]:
    graphs: dict[str, set[ox.Quad]] = defaultdict(set)
    for quad in quads:
        graphs[_graph_name(quad.graph_name)].add(quad)
    return graphs


def _graph_name(term: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> str:
    """A graph IRI, ``_:label`` for a blank node, ``""`` for the default graph."""
    if isinstance(term, ox.DefaultGraph):
        return ""
    return term.value if isinstance(term, ox.NamedNode) else str(term)


def value_changes(
    old: Iterable[ox.Quad], new: Iterable[ox.Quad], predicates: Iterable[str]
) -> tuple[ValueChange, ...]:
    """The (subject, predicate) pairs of ``predicates`` with values in both releases, not alike."""
    wanted = frozenset(predicates)
    before, after = _values(old, wanted), _values(new, wanted)
    changes = []
    for (subject, predicate), was in sorted(before.items()):
        now = after.get((subject, predicate))
        if now and now != was:
            changes.append(ValueChange(subject, predicate, _sorted_terms(was), _sorted_terms(now)))
    return tuple(changes)


def _values(
    quads: Iterable[ox.Quad], predicates: frozenset[str]
) -> dict[tuple[str, str], set[Term]]:
    """(subject, predicate) -> its values, over all graphs."""
    values: dict[tuple[str, str], set[Term]] = defaultdict(set)
    for quad in quads:
        if quad.predicate.value in predicates:
            values[_term(quad.subject), quad.predicate.value].add(quad.object)
    return values


def mapping_changes(old: Iterable[ox.Quad], new: Iterable[ox.Quad]) -> tuple[MappingChange, ...]:
    """The (entity, target) pairs whose mapping predicates differ: added, removed or changed."""
    before, after = _mappings(old), _mappings(new)
    changes = []
    for pair in sorted(before.keys() | after.keys()):
        was, now = before.get(pair, set()), after.get(pair, set())
        if was != now:
            changes.append(MappingChange(*pair, tuple(sorted(was)), tuple(sorted(now))))
    return tuple(changes)


def _mappings(quads: Iterable[ox.Quad]) -> dict[tuple[str, str], set[str]]:
    """(entity, target) -> the mapping predicates between them, over all graphs."""
    pairs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for quad in quads:
        if quad.predicate.value in MAPPINGS:
            pairs[_term(quad.subject), _term(quad.object)].add(quad.predicate.value)
    return pairs


def _term(term: Term) -> str:
    """An IRI as itself, any other term as N-Triples writes it (``_:k...``, ``"text"@en``)."""
    return term.value if isinstance(term, ox.NamedNode) else str(term)


def _plain(term: Term) -> str:
    """A plain string literal as its text; any other term as N-Triples (``"racine L5"@fr``)."""
    if isinstance(term, ox.Literal) and term.datatype.value == XSD_STRING:
        return term.value
    return str(term)


def _sorted(quads: Iterable[ox.Quad]) -> tuple[ox.Quad, ...]:
    return tuple(sorted(quads, key=str))


def _sorted_terms(terms: Iterable[Term]) -> tuple[Term, ...]:
    return tuple(sorted(terms, key=str))


def _ntriples(quad: ox.Quad) -> str:
    return f"{quad.subject} {quad.predicate} {quad.object} ."


def diff_json(diff: ReleaseDiff, *, triples: bool = False) -> dict[str, object]:
    """The diff as JSON data: full IRIs, every graph of either release, lists in a fixed order.

    ``graphs`` lists each graph with its ``status``, its triples ``old`` and ``new`` (``null``
    where it is missing) and the numbers ``added`` and ``removed``; with ``triples``, the
    triples themselves too (``added_triples``, ``removed_triples``).
    """
    return {
        "old": diff.old.json(),
        "new": diff.new.json(),
        "same": diff.same,
        "graphs": [g.json(triples=triples) for g in diff.graphs],
        "labels": [c.json() for c in diff.labels],
        "definitions": [c.json() for c in diff.definitions],
        "mappings": {
            kind: [m.json() for m in diff.mappings_of_kind(kind)] for kind in MAPPING_KINDS
        },
    }


def format_diff(diff: ReleaseDiff, *, triples: bool = False) -> str:
    """The diff for people: versions, graph counts, then labels, definitions and mappings.

    IRIs are shown as CURIEs; with ``triples``, each changed graph lists its triples (``+``
    added, ``-`` removed).
    """
    lines = [
        f"old: spinekg {diff.old.version} ({diff.old.date})  {display_path(diff.old.path)}/",
        f"new: spinekg {diff.new.version} ({diff.new.date})  {display_path(diff.new.path)}/",
    ]
    if diff.same:
        return "\n".join([*lines, f"no differences ({len(diff.new.quads)} quads)"]) + "\n"
    added = sum(len(g.added) for g in diff.graphs)
    removed = sum(len(g.removed) for g in diff.graphs)
    lines.append(f"quads: {len(diff.old.quads)} -> {len(diff.new.quads)} (+{added} -{removed})")
    lines += _graph_lines(diff.graphs, triples=triples)
    lines += _value_lines("labels", diff.labels)
    lines += _value_lines("definitions", diff.definitions)
    for kind in MAPPING_KINDS:
        lines += _mapping_lines(kind, diff.mappings_of_kind(kind))
    return "\n".join(lines) + "\n"


def _graph_lines(graphs: tuple[GraphChange, ...], *, triples: bool) -> list[str]:
    changed = [g for g in graphs if g.status != "unchanged"]
    lines = ["", f"graphs: {len(changed)} changed, {len(graphs) - len(changed)} unchanged"]
    for g in changed:
        if g.old is None:
            counts = "new graph"
        elif g.new is None:
            counts = "graph removed"
        else:
            counts = f"{g.old} -> {g.new}"
        name = _name(g.graph) if g.graph else "(default graph)"
        lines.append(f"  +{len(g.added):<5} -{len(g.removed):<5} {name}  ({counts})")
        if triples:
            lines += [f"      + {_shown_triple(q)}" for q in g.added]
            lines += [f"      - {_shown_triple(q)}" for q in g.removed]
    return lines


def _value_lines(title: str, changes: tuple[ValueChange, ...]) -> list[str]:
    if not changes:
        return []
    lines = ["", f"changed {title} ({len(changes)}):"]
    for c in changes:
        old, new = (" | ".join(str(v) for v in values) for values in (c.old, c.new))
        lines.append(f"  {_shown(c.entity)}  {_name(c.predicate)}  {old} -> {new}")
    return lines


def _mapping_lines(kind: str, changes: list[MappingChange]) -> list[str]:
    if not changes:
        return []
    lines = ["", f"{kind} mappings ({len(changes)}):"]
    for m in changes:
        old, new = (", ".join(_name(p) for p in predicates) for predicates in (m.old, m.new))
        shown = {"added": new, "removed": old}.get(kind, f"{old} -> {new}")
        lines.append(f"  {_shown(m.entity)}  {shown}  {_shown(m.target)}")
    return lines


def _name(iri: str) -> str:
    """An IRI as a CURIE, or in full where the CURIE would name another IRI.

    The prefix converter also reads other IRI spellings of a vocabulary (an older FMA or SNOMED
    IRI compresses to the same CURIE as today's), which would hide a change of IRI here.
    """
    short = curie(iri)
    return short if expand(short) == iri or short == iri else f"<{iri}>"


def _shown(term: str) -> str:
    """An IRI as a CURIE where a prefix is known; a blank node or literal as it is written."""
    return term if term.startswith(("_:", '"', "<<")) else _name(term)


def _shown_triple(quad: ox.Quad) -> str:
    terms = (quad.subject, quad.predicate, quad.object)
    return " ".join(_name(t.value) if isinstance(t, ox.NamedNode) else str(t) for t in terms)
