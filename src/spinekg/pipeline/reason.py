"""Reasoning: check the graph with an OWL reasoner and materialise what it entails.

The reasoner is HermiT, run through owlready2 with ``infer_property_values=True`` so that the
property chains of the ontology (``compresses o innervates -> mayWeaken`` ...) and transitive
``partOf`` produce their triples. HermiT sees the *reasoning view*: the ontology and the
entities with their relations, without the claim and evidence records (provenance that the
reasoner has nothing to infer from). Measured on this graph (owlready2 0.51, OpenJDK 17,
8.3k triples in the view): 3.6 s with ``infer_property_values``, against 58 s for the whole
44k-triple graph. owlready2 keeps one direction of each inverse pair, and HermiT's property
values can miss a chain triple, so inverse, symmetric, super-property and property-chain
triples are completed here from the ontology's own axioms.

The inferred triples go into their own named graph, :data:`INFERRED_GRAPH`.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from spinekg.kernel.errors import SpineKGError
from spinekg.kernel.graphs import display, superclasses, union
from spinekg.kernel.namespaces import GRAPH, ONTOLOGY_GRAPH, SPINE
from spinekg.kernel.processes import remove_abandoned

__all__ = [
    "INFERRED_GRAPH",
    "Clash",
    "ReasonerError",
    "Reasoning",
    "explain_inconsistency",
    "reason",
    "reasoning_view",
]

#: The named graph of the release that holds every inferred triple.
INFERRED_GRAPH = GRAPH["inferred"]

#: Classes whose instances are provenance, left out of the reasoning view.
PROVENANCE_CLASSES = (SPINE.Claim, SPINE.Evidence, OWL.Axiom)

REASONER = "HermiT (owlready2, infer_property_values)"


@dataclass(frozen=True)
class Clash:
    """Why the ontology is inconsistent: an entity that would be in two disjoint classes."""

    entity: URIRef
    disjoint: tuple[Node, Node]
    is_class: bool

    def __str__(self) -> str:
        """Say which classes clash for the entity."""
        a, b = (display(c) for c in self.disjoint)
        what = "a subclass of" if self.is_class else "both a"
        return f"{display(self.entity)} is {what} {a} and {b}, which are disjoint"


class ReasonerError(SpineKGError):
    """The reasoner could not run, or found the ontology inconsistent."""

    def __init__(self, message: str, *, check: str = "reasoner", clashes: tuple[Clash, ...] = ()):
        """Keep the check that failed and the clashes that explain an inconsistency."""
        super().__init__(message)
        self.check = check
        self.clashes = clashes


@dataclass(frozen=True)
class Reasoning:
    """What the reasoner found: the inferred triples, unsatisfiable classes, and its time."""

    inferred: Graph
    unsatisfiable: tuple[URIRef, ...]
    seconds: float


def reasoning_view(graphs: Mapping[URIRef, Graph], *, merged: Graph | None = None) -> Graph:
    """The ontology and the entities' relations, without claim and evidence records.

    :param merged: the graphs already merged into one, if the caller has them.
    """
    everything = merged if merged is not None else union(graphs.values())
    provenance = {s for cls in PROVENANCE_CLASSES for s in everything.subjects(RDF.type, cls)}
    view = Graph()
    for s, p, o in everything:
        if s not in provenance and o not in provenance:
            view.add((s, p, o))
    return view


def reason(
    graphs: Mapping[URIRef, Graph],
    *,
    merged: Graph | None = None,
    hermit_running: threading.Event | None = None,
) -> Reasoning:
    """Run HermiT over the reasoning view and return what it entails beyond the assertions.

    :param merged: the graphs already merged into one, if the caller has them.
    :param hermit_running: set once HermiT runs (in its own process), or the reasoning has failed:
        from then on, other work in this process no longer holds the reasoning up.

    :raises ReasonerError: when Java is missing, the ontology is inconsistent (with the
        individuals whose types clash, where that explains it), or the reasoner fails.
    """
    java = _java()
    import owlready2

    owlready2.JAVA_EXE = java
    view = reasoning_view(graphs, merged=merged)
    world = owlready2.World()
    remove_abandoned(Path(tempfile.gettempdir()), _TEMP_PREFIX)
    with (
        tempfile.TemporaryDirectory(prefix=f"{_TEMP_PREFIX}{os.getpid()}-") as tmp,
        _contained(tmp, hermit_running),
    ):
        path = Path(tmp) / "view.owl"
        view.serialize(path, format="xml")
        ontology = world.get_ontology(path.as_uri()).load()
        before = set(world.as_rdflib_graph())
        started = time.perf_counter()
        try:
            with ontology:
                owlready2.sync_reasoner_hermit(world, infer_property_values=True, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError:
            clashes = explain_inconsistency(view)
            detail = "; ".join(map(str, clashes)) or "the reasoner gives no further explanation"
            raise ReasonerError(
                f"the ontology is inconsistent: {detail}",
                check="inconsistent-ontology",
                clashes=clashes,
            ) from None
        except owlready2.OwlReadyJavaError as exc:
            raise ReasonerError(f"the reasoner failed: {_last_line(str(exc))}") from None
        seconds = time.perf_counter() - started
        entailed = set(world.as_rdflib_graph()) - before
        unsatisfiable = tuple(
            sorted(
                URIRef(c.iri) for c in world.inconsistent_classes() if c is not owlready2.Nothing
            )
        )
    inferred = Graph()
    for s, p, o in entailed:
        if _worth_keeping(s, p, o):
            inferred.add((s, p, o))
    _complete_property_axioms(graphs[ONTOLOGY_GRAPH], view, inferred)
    return Reasoning(inferred, unsatisfiable, seconds)


_TEMP_PREFIX = "spinekg-reason-"


#: HermiT runs for seconds: the first JIT tier and the serial collector do the work with about a
#: fifth less CPU than the JVM's defaults (measured on the full build: 19.1 -> 15.4 s CPU, the
#: same inferences). The ``java`` launcher of Java 9 and later reads ``JDK_JAVA_OPTIONS``.
JVM_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")


@contextmanager
def _contained(folder: str, running: threading.Event | None = None) -> Iterator[None]:
    """Keep the reasoner's files in ``folder`` and its Java process tied to this one.

    owlready2 writes HermiT's input with :func:`tempfile.NamedTemporaryFile` and keeps it when
    HermiT fails (1.4 MB per inconsistent build), and starts Java with its module-level
    subprocess options: for the call, temporary files go to ``folder`` (removed with it), on
    Linux the Java process is killed when this process dies (``PR_SET_PDEATHSIG``), so a
    killed build leaves no reasoner running, and the JVM is tuned for a short run
    (:data:`JVM_OPTIONS`, ahead of any ``JDK_JAVA_OPTIONS`` the user set).

    ``running`` is set when the Java process starts (its child side writes to a pipe just
    before it becomes Java: owlready2 first writes HermiT's input, which is Python work), or
    when the block ends without starting it.
    """
    from owlready2 import reasoning

    options = reasoning._subprocess_kargs
    saved_options, saved_tempdir = dict(options), tempfile.tempdir
    tempfile.tempdir = folder
    started, starting = os.pipe()

    def before_java() -> None:  # in the child, between fork and exec
        if sys.platform == "linux":
            _die_with_parent()
        os.write(starting, b".")

    def announce() -> None:
        try:
            os.read(started, 1)  # a byte when Java starts; nothing once the pipe is closed
        finally:
            os.close(started)
            if running is not None:
                running.set()

    watcher = threading.Thread(target=announce, name="spinekg-hermit-start", daemon=True)
    watcher.start()
    if os.name == "posix":  # elsewhere no code runs in the child: set once the block ends
        options["preexec_fn"] = before_java
    mine = " ".join(JVM_OPTIONS)
    theirs = os.environ.get("JDK_JAVA_OPTIONS", "")
    options["env"] = {**os.environ, "JDK_JAVA_OPTIONS": f"{mine} {theirs}".strip()}
    try:
        yield
    finally:
        tempfile.tempdir = saved_tempdir
        options.clear()
        options.update(saved_options)
        os.close(starting)
        watcher.join()


def _die_with_parent() -> None:
    """In the child, before exec: be killed when the parent dies (Linux ``prctl``)."""
    pr_set_pdeathsig = 1
    ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGKILL)


def _java() -> str:
    java = os.environ.get("JAVA_EXE") or shutil.which("java")
    if java is None and os.environ.get("JAVA_HOME"):
        candidate = Path(os.environ["JAVA_HOME"], "bin", "java")
        java = str(candidate) if candidate.is_file() else None
    if java is None:
        raise ReasonerError(
            "Java is needed for the OWL reasoner (HermiT) and was not found: install a Java "
            "runtime, 11 or later (e.g. `apt install default-jre-headless`), or set JAVA_HOME"
        )
    return java


def _worth_keeping(s: Node, p: Node, o: Node) -> bool:
    if isinstance(s, BNode) or isinstance(o, BNode):
        return False
    if p == RDF.type:
        return isinstance(o, URIRef) and o not in (OWL.Thing, OWL.NamedIndividual)
    return isinstance(p, URIRef) and str(p).startswith(str(SPINE))


def _complete_property_axioms(tbox: Graph, asserted: Graph, inferred: Graph) -> None:
    """Add inverse, symmetric, super-property and property-chain triples until nothing changes.

    HermiT's property values are complete for most chains but not always (a chain triple went
    missing when unrelated claims changed), so the chains of the ontology are applied here too:
    the materialisation is then exactly what the axioms entail, whatever HermiT returns.
    """
    chains: list[tuple[Node, Node, Node]] = []  # (p1, p2, implied): p1 o p2 -> implied
    for prop, head in tbox.subject_objects(OWL.propertyChainAxiom):
        steps = list(tbox.items(head))
        if len(steps) == 2:
            chains.append((steps[0], steps[1], prop))
    forward: dict[Node, dict[Node, set[Node]]] = {}  # p -> s -> {o}
    backward: dict[Node, dict[Node, set[Node]]] = {}  # p -> o -> {s}

    def index(s: Node, p: Node, o: Node) -> None:
        forward.setdefault(p, {}).setdefault(s, set()).add(o)
        backward.setdefault(p, {}).setdefault(o, set()).add(s)

    for s, p, o in (*asserted, *inferred):
        index(s, p, o)
    inverse: dict[Node, set[Node]] = {}
    for p, q in tbox.subject_objects(OWL.inverseOf):
        inverse.setdefault(p, set()).add(q)
        inverse.setdefault(q, set()).add(p)
    for p in tbox.subjects(RDF.type, OWL.SymmetricProperty):
        inverse.setdefault(p, set()).add(p)
    supers: dict[Node, set[Node]] = {}
    for p, q in tbox.subject_objects(RDFS.subPropertyOf):
        supers.setdefault(p, set()).add(q)
    pending: Iterable[tuple[Node, Node, Node]] = [*asserted, *inferred]
    while True:
        new: set[tuple[Node, Node, Node]] = set()
        for s, p, o in pending:
            if isinstance(o, Literal):
                continue
            new.update((o, q, s) for q in inverse.get(p, ()))
            new.update((s, q, o) for q in supers.get(p, ()))
            for first, second, implied in chains:
                if p == first:
                    new.update((s, implied, z) for z in forward.get(second, {}).get(o, ()))
                if p == second:
                    new.update((a, implied, o) for a in backward.get(first, {}).get(s, ()))
        new = {t for t in new if t not in asserted and t not in inferred}
        if not new:
            return
        for triple in new:
            inferred.add(triple)
            index(*triple)
        pending = new


def explain_inconsistency(view: Graph) -> tuple[Clash, ...]:
    """The classes below two disjoint classes, and the individuals typed with disjoint classes.

    An individual's types are its asserted classes and those its relations imply through the
    properties' domains and ranges. An individual is only reported when none of its asserted
    classes is already reported.
    """
    above = superclasses(view)
    disjoint: set[frozenset[Node]] = set()
    for a, b in view.subject_objects(OWL.disjointWith):
        disjoint.add(frozenset((a, b)))
    for group in view.subjects(RDF.type, OWL.AllDisjointClasses):
        head = view.value(group, OWL.members)
        members = list(view.items(head)) if head is not None else []
        disjoint.update(frozenset((a, b)) for a in members for b in members if a != b)
    ordered = sorted(
        (tuple(sorted(pair, key=str)) for pair in disjoint), key=lambda ab: (str(ab[0]), str(ab[1]))
    )

    def clash(types: set[Node]) -> tuple[Node, Node] | None:
        return next(((a, b) for a, b in ordered if a in types and b in types), None)

    clashes = []
    bad_classes = set()
    for cls in sorted(c for c in above if isinstance(c, URIRef)):
        pair = clash(above[cls])
        if pair is not None:
            bad_classes.add(cls)
            clashes.append(Clash(cls, pair, is_class=True))
    implied: dict[Node, set[Node]] = {}
    for prop in set(view.subjects(RDF.type, OWL.ObjectProperty)):
        domain, range_ = view.value(prop, RDFS.domain), view.value(prop, RDFS.range)
        for s, o in view.subject_objects(prop):
            if isinstance(domain, URIRef):
                implied.setdefault(s, set()).add(domain)
            if isinstance(range_, URIRef):
                implied.setdefault(o, set()).add(range_)
    for individual in sorted(set(view.subjects(RDF.type, OWL.NamedIndividual)), key=str):
        asserted = set(view.objects(individual, RDF.type))
        if asserted & bad_classes or not isinstance(individual, URIRef):
            continue
        types = asserted | implied.get(individual, set())
        pair = clash({sup for cls in types for sup in above.get(cls, {cls})})
        if pair is not None:
            clashes.append(Clash(individual, pair, is_class=False))
    return tuple(clashes)


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else text
