"""Pictures of answers: a herniation's causal chain and a localization's candidates.

A :class:`Diagram` is drawn left to right in columns, one per step of the answer: for
``explain``, the lesion; the structures it compresses and the conditions it causes; the muscles,
skin areas, reflexes and red flags that follow; the movements the muscles perform. A principal
link is a solid line, a possible one dashed. Every link is labelled with its relation and the
numbers of the sources that state it (listed under the picture, and in the link's tooltip).
For ``localize``, the candidate lesions stand on the left and the findings on the right, joined
by what each candidate explains, and by a dashed red line to what it does not.

The same diagram is written as Graphviz DOT (:func:`to_dot`, built with the ``graphviz``
package), as SVG drawn by Graphviz's ``dot`` program (:func:`to_svg`, :func:`write_svgs`), or as
a Mermaid flowchart (:func:`to_mermaid`). Entity labels are text: they are escaped for each
format, never read as markup.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from spinekg.kernel.errors import SpineKGError
from spinekg.querying.explain import Explanation
from spinekg.querying.localize import Localization

__all__ = [
    "Diagram",
    "DiagramError",
    "Edge",
    "Node",
    "explanation_diagram",
    "localization_diagram",
    "to_dot",
    "to_mermaid",
    "to_svg",
    "write_svgs",
]

#: A page for an entity IRI, or None: where a node of a diagram links to.
Linker = Callable[[str], str | None]

#: Column of each kind of node, left to right, and its heading.
_COLUMNS = {
    "lesion": 0,
    "structure": 1,
    "condition": 1,
    "muscle": 2,
    "skin": 2,
    "reflex": 2,
    "red flag": 2,
    "movement": 3,
    "candidate": 0,
    "finding": 1,
}
#: Fill colour and shape of each kind of node.
_LOOK = {
    "lesion": ("#f4cccc", "box"),
    "structure": ("#fff2cc", "box"),
    "condition": ("#fce5cd", "box"),
    "red flag": ("#ffffff", "octagon"),
    "muscle": ("#cfe2f3", "box"),
    "movement": ("#ffffff", "ellipse"),
    "skin": ("#d9ead3", "box"),
    "reflex": ("#d9d2e9", "box"),
    "candidate": ("#f4cccc", "box"),
    "finding": ("#ffffff", "box"),
}
#: The kind of the node at the end of each link of ``herniation_links``.
_TARGET_KIND = {
    "compresses": "structure",
    "causes": "condition",
    "hasRedFlag": "red flag",
    "innervates": "muscle",
    "supplies": "skin",
    "mediates": "reflex",
    "performs": "movement",
}
#: One colour per candidate of a localization (Okabe and Ito's, told apart by colour-blind
#: readers too).
_PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
#: How each relation is written on its links.
_RELATION_LABEL = {"hasRedFlag": "red flag"}


class DiagramError(SpineKGError):
    """A diagram cannot be drawn (Graphviz's ``dot`` is missing or fails)."""


@dataclass(frozen=True)
class Node:
    """A box of the diagram; ``key`` is the entity IRI (or a label where there is none)."""

    key: str
    label: str
    kind: str
    tooltip: str = ""
    url: str | None = None
    color: str | None = None


@dataclass(frozen=True)
class Edge:
    """A link; ``notes`` are the numbers of its sources in :attr:`Diagram.sources`."""

    tail: str
    head: str
    label: str
    principal: bool
    notes: tuple[int, ...] = ()
    tooltip: str = ""
    missing: bool = False  # a finding a candidate does not explain
    color: str | None = None


@dataclass(frozen=True)
class Diagram:
    """Nodes, links and numbered sources of one answer, ready to draw."""

    title: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    sources: tuple[str, ...] = ()
    #: keep each column in the order of :attr:`nodes` (a ranking reads top to bottom)
    ordered: bool = False

    def column(self, node: Node) -> int:
        """The step (column, from the left) a node is drawn in."""
        return _COLUMNS[node.kind]


def _no_link(_iri: str) -> str | None:
    return None


def explanation_diagram(answer: Explanation, link: Linker = _no_link) -> Diagram:
    """The causal chain of ``spinekg explain``: lesion to movements, every link with sources."""
    nodes: dict[str, Node] = {}
    edges: list[Edge] = []
    sources: list[str] = []

    def add(iri: str, label: str, kind: str) -> None:
        nodes.setdefault(iri, Node(iri, label, kind, tooltip=f"{kind}: {label}", url=link(iri)))

    for item in answer.links:
        if not nodes:
            add(item.source.iri, item.source.label, "lesion")
        add(item.target.iri, item.target.label, _TARGET_KIND.get(item.relation, "condition"))
        notes = []
        for source in item.sources:
            if source not in sources:
                sources.append(source)
            notes.append(sources.index(source) + 1)
        relation = _RELATION_LABEL.get(item.relation, item.relation)
        label = relation + (f" [{', '.join(map(str, sorted(notes)))}]" if notes else "")
        how = "principal" if item.principal else "possible"
        stated = "; ".join(item.citations) or "no source states it directly"
        edges.append(
            Edge(
                item.source.iri,
                item.target.iri,
                label,
                item.principal,
                tuple(sorted(notes)),
                tooltip=(
                    f"{item.source.label} {relation} {item.target.label} ({how}). Sources: {stated}"
                ),
            )
        )
    side = f"{answer.side} " if answer.side else ""
    title = f"{side}{answer.herniation or f'{answer.disc} {answer.zone} herniation'}"
    return Diagram(title, tuple(nodes.values()), tuple(edges), tuple(sources))


def localization_diagram(answer: Localization, top: int = 5) -> Diagram:
    """The best ``top`` candidates of ``spinekg localize``, and what each explains and not."""
    nodes: dict[str, Node] = {}
    edges: list[Edge] = []
    for reading in answer.readings:
        read = reading.describe()
        label = reading.text if reading.text == read else f"{reading.text}\n({read})"
        nodes[reading.text] = Node(reading.text, label, "finding", tooltip=f"read as {read}")
    candidates: list[Node] = []
    for rank, candidate in enumerate(answer.candidates[:top], start=1):
        key = f"candidate {rank}"
        color = _PALETTE[(rank - 1) % len(_PALETTE)]
        candidates.append(
            Node(
                key,
                f"{rank}. {candidate.lesion}\n({candidate.compresses}) score {candidate.score:.2f}",
                "candidate",
                tooltip=f"{candidate.lesion}: compresses the {candidate.compresses}",
                color=color,
            )
        )
        for explained in candidate.explained:
            edges.append(
                Edge(
                    key,
                    explained.finding,
                    f"{rank}: explains ({explained.weight:g})",
                    explained.weight >= 3,
                    tooltip=f"{candidate.lesion} explains '{explained.finding}': {explained.path}",
                    color=color,
                )
            )
        for finding in candidate.unexplained:
            edges.append(
                Edge(
                    key,
                    finding,
                    f"{rank}: does not explain",
                    False,
                    tooltip=f"{candidate.lesion} does not explain '{finding}'",
                    missing=True,
                    color=color,
                )
            )
    return Diagram(
        "Candidate lesions for the findings, best first",
        (*candidates, *nodes.values()),
        tuple(edges),
        ordered=True,
    )


def to_dot(diagram: Diagram) -> str:
    """The diagram as Graphviz DOT source (what ``--format dot`` prints)."""
    import graphviz

    ids = {node.key: f"n{i}" for i, node in enumerate(diagram.nodes)}
    legend = "solid: principal link    dashed: possible link"
    if any(e.missing for e in diagram.edges):
        legend = (
            "thick: explains at full weight (3)    thin: explains with less weight    "
            "dotted: does not explain"
        )
    notes = [f"[{i}] {source}" for i, source in enumerate(diagram.sources, start=1)]
    caption = _gv("\n".join([diagram.title, legend, *notes]) + "\n", newline="\\l")
    graph = graphviz.Digraph(
        "answer",
        graph_attr={
            "rankdir": "LR",
            "ranksep": "0.9",
            "nodesep": "0.15",
            "label": caption,
            "labelloc": "b",
            "labeljust": "l",
            "fontname": "Helvetica",
            "fontsize": "11",
            "tooltip": diagram.title,
        },
        node_attr={
            "fontname": "Helvetica",
            "fontsize": "11",
            "style": "filled",
            "margin": "0.1,0.04",
        },
        edge_attr={"fontname": "Helvetica", "fontsize": "9", "arrowsize": "0.7"},
    )
    by_column: dict[int, list[Node]] = {}
    for node in diagram.nodes:
        by_column.setdefault(diagram.column(node), []).append(node)
    for column in sorted(by_column):
        with graph.subgraph(name=f"step{column}") as step:
            step.attr(rank="same")
            for node in by_column[column]:
                fill, shape = _LOOK[node.kind]
                attrs = {"fillcolor": fill, "shape": shape, "tooltip": _gv(node.tooltip)}
                if node.color:
                    attrs |= {"color": node.color, "penwidth": "2"}
                if node.kind == "red flag":
                    attrs |= {"color": "#cc0000", "fontcolor": "#990000", "penwidth": "1.5"}
                if node.url:
                    attrs |= {"URL": _gv(node.url), "target": "_top"}
                step.node(ids[node.key], _gv(node.label), **attrs)
            if diagram.ordered:  # invisible links hold the column in the given order
                for upper, lower in zip(by_column[column], by_column[column][1:], strict=False):
                    step.edge(ids[upper.key], ids[lower.key], style="invis")
    for edge in diagram.edges:
        attrs = {"tooltip": _gv(edge.tooltip), "labeltooltip": _gv(edge.tooltip)}
        if edge.color:
            attrs |= {"color": edge.color, "fontcolor": edge.color}
            if edge.missing:
                attrs |= {"style": "dotted", "penwidth": "1.2"}
            else:
                attrs |= {"penwidth": "2.2" if edge.principal else "1"}
        elif edge.principal:
            attrs |= {"penwidth": "1.6", "color": "#333333"}
        else:
            attrs |= {"style": "dashed", "color": "#888888", "fontcolor": "#555555"}
        graph.edge(ids[edge.tail], ids[edge.head], _gv(edge.label), **attrs)
    return str(graph.source)


def _gv(text: str, newline: str = "\\n") -> str:
    r"""Text for a Graphviz attribute, shown as it is.

    ``dot`` reads ``\\n``-style escapes, takes ``<...>`` for an HTML label and passes entities
    such as ``&amp;`` through to SVG: backslashes and ``&`` are escaped here, and the text is
    marked as no HTML. A line break becomes ``newline`` (``\\n`` centres a line, ``\\l`` sets
    it flush left).
    """
    import graphviz

    escaped = text.replace("&", "&amp;").replace("\\", "\\\\").replace("\n", newline)
    marked: str = graphviz.nohtml(escaped)
    return marked


def to_svg(diagram: Diagram) -> str:
    """The diagram drawn as SVG by Graphviz's ``dot``.

    :raises DiagramError: when ``dot`` is not installed, or fails.
    """
    with tempfile.TemporaryDirectory(prefix="spinekg-diagram-") as work:
        path = Path(work) / "answer.svg"
        write_svgs({path: diagram})
        return path.read_text(encoding="utf-8")


def write_svgs(diagrams: Mapping[Path, Diagram]) -> None:
    """Draw many diagrams with one run of ``dot`` (a site draws hundreds).

    :raises DiagramError: when ``dot`` is not installed, or fails.
    """
    dot = shutil.which("dot")
    if dot is None:
        raise DiagramError(
            "Graphviz's dot is not installed, so no SVG can be drawn (Debian: apt-get install "
            "graphviz; `make graphviz` does it as root); --format dot and mermaid need nothing"
        )
    if not diagrams:
        return
    with tempfile.TemporaryDirectory(prefix="spinekg-dot-") as work:
        sources = []
        for i, (target, diagram) in enumerate(diagrams.items()):
            source = Path(work) / f"{i}.gv"
            source.write_text(to_dot(diagram), encoding="utf-8")
            sources.append((source, target))
        done = subprocess.run(
            [dot, "-Tsvg", "-O", *(str(s) for s, _ in sources)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise DiagramError(f"Graphviz's dot failed: {done.stderr.strip().splitlines()[-1:]}")
        for source, target in sources:
            target.parent.mkdir(parents=True, exist_ok=True)
            svg = Path(f"{source}.svg").read_text(encoding="utf-8")
            target.write_text(_without_comments(svg), encoding="utf-8")


def _without_comments(svg: str) -> str:
    """An SVG without dot's comments (its version, and the temporary file's name)."""
    return re.sub(r"<!--.*?-->\n?", "", svg, flags=re.S)


def to_mermaid(diagram: Diagram) -> str:
    """The diagram as a Mermaid flowchart (``--format mermaid``), sources as a list of notes."""
    ids = {node.key: f"n{i}" for i, node in enumerate(diagram.nodes)}
    lines = ["flowchart LR", f"  %% {_mermaid(diagram.title)}"]
    for node in diagram.nodes:
        label = _mermaid(node.label).replace("\n", "<br/>")
        shape = (
            ("((", "))")
            if node.kind == "movement"
            else ("{{", "}}")
            if node.kind == "red flag"
            else ("[", "]")
        )
        lines.append(f'  {ids[node.key]}{shape[0]}"{label}"{shape[1]}')
    for edge in diagram.edges:
        arrow = "-->" if edge.principal and not edge.missing else "-.->"
        lines.append(f'  {ids[edge.tail]} {arrow}|"{_mermaid(edge.label)}"| {ids[edge.head]}')
    for node in diagram.nodes:
        if node.url:
            lines.append(
                f'  click {ids[node.key]} href "{_mermaid(node.url)}" "{_mermaid(node.tooltip)}"'
            )
    if diagram.sources:
        lines.append('  subgraph sources["Sources"]')
        for i, source in enumerate(diagram.sources, start=1):
            lines.append(f'    s{i}["[{i}] {_mermaid(source)}"]')
        lines.append("  end")
    for kind, style in (
        ("lesion", "fill:#f4cccc"),
        ("candidate", "fill:#f4cccc"),
        ("structure", "fill:#fff2cc"),
        ("muscle", "fill:#cfe2f3"),
        ("skin", "fill:#d9ead3"),
        ("reflex", "fill:#d9d2e9"),
        ("red flag", "stroke:#cc0000,color:#990000"),
    ):
        members = [ids[n.key] for n in diagram.nodes if n.kind == kind]
        if members:
            name = kind.replace(" ", "_")
            lines.append(f"  classDef {name} {style}")
            lines.append(f"  class {','.join(members)} {name}")
    return "\n".join(lines) + "\n"


def _mermaid(text: str) -> str:
    """Text inside a quoted Mermaid label: quotes and markup characters as entity codes."""
    for char, code in (("#", "#35;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;")):
        text = text.replace(char, code)
    return text
