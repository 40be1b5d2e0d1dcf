"""Diagrams of answers: the causal chain of ``explain``, the candidates of ``localize``."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result

from spinekg.cli import main
from spinekg.querying.catalog import rows
from spinekg.querying.diagrams import (
    Diagram,
    DiagramError,
    Edge,
    Node,
    explanation_diagram,
    localization_diagram,
    to_dot,
    to_mermaid,
    to_svg,
)
from spinekg.querying.explain import explain
from spinekg.querying.localize import localize
from spinekg.querying.runner import EmbeddedRunner, solutions

needs_dot = pytest.mark.skipif(
    shutil.which("dot") is None,
    reason="Graphviz's dot is not installed (apt-get install graphviz; `make graphviz` does it)",
)
SVG = "{http://www.w3.org/2000/svg}"


def _links(diagram: Diagram) -> dict[tuple[str, str], Edge]:
    label = {n.key: n.label for n in diagram.nodes}
    return {(label[e.tail], label[e.head]): e for e in diagram.edges}


def test_the_l4_l5_chain_runs_from_the_lesion_to_the_weak_movement(
    runner: EmbeddedRunner,
) -> None:
    picture = explanation_diagram(explain(runner, "L4-L5", "paracentral"))
    links = _links(picture)
    kinds = {n.label: n.kind for n in picture.nodes}
    assert kinds["L4-L5 paracentral herniation"] == "lesion"
    assert kinds["L5 nerve root"] == "structure"
    assert kinds["extensor hallucis longus"] == "muscle"
    assert kinds["great toe extension"] == "movement"
    assert kinds["dorsum of the foot"] == "skin"
    assert kinds["medial hamstring reflex"] == "reflex"
    # the example of the issue, link by link, each principal and sourced
    chain = [
        ("L4-L5 paracentral herniation", "L5 nerve root", "compresses"),
        ("L5 nerve root", "extensor hallucis longus", "innervates"),
        ("extensor hallucis longus", "great toe extension", "performs"),
    ]
    for tail, head, relation in chain:
        link = links[(tail, head)]
        assert link.principal and link.label.startswith(relation + " [")
        assert link.notes and all(1 <= n <= len(picture.sources) for n in link.notes)
    ehl = links[("L5 nerve root", "extensor hallucis longus")]
    isncsci = picture.sources.index("ISNCSCI key muscles (ASIA motor scoring)") + 1
    assert isncsci in ehl.notes
    assert "ISNCSCI key muscles (ASIA motor scoring) (" in ehl.tooltip  # with where in it
    # a minor innervation is a possible link, drawn differently
    assert not links[("L5 nerve root", "gluteus maximus")].principal
    # the column of each step, left to right
    column = {n.label: picture.column(n) for n in picture.nodes}
    assert [column[x] for x in ("L4-L5 paracentral herniation", "L5 nerve root")] == [0, 1]
    assert column["tibialis anterior"] == 2 and column["ankle dorsiflexion"] == 3


def test_a_central_herniation_draws_its_red_flags(runner: EmbeddedRunner) -> None:
    picture = explanation_diagram(explain(runner, "L4-L5", "central"))
    links = _links(picture)
    flags = {n.label for n in picture.nodes if n.kind == "red flag"}
    assert {"saddle anaesthesia", "urinary retention", "bowel incontinence"} <= flags
    link = links[("cauda equina syndrome", "urinary retention")]
    assert link.label.startswith("red flag") and link.principal
    assert links[("L4-L5 central herniation", "cauda equina")].principal
    assert not links[("L4-L5 central herniation", "S3 nerve root")].principal


@needs_dot
def test_the_svg_draws_every_node_and_styles_possible_links_dashed(
    runner: EmbeddedRunner,
) -> None:
    picture = explanation_diagram(explain(runner, "L4-L5", "paracentral"))
    svg = ET.fromstring(to_svg(picture))
    texts = {t.text for t in svg.iter(f"{SVG}text")}
    assert {n.label for n in picture.nodes} <= texts
    assert "[1] Lumbar exiting and traversing roots" in texts  # the footnotes
    dashed = sum(1 for p in svg.iter(f"{SVG}path") if "5,2" in (p.get("stroke-dasharray") or ""))
    assert dashed == sum(1 for e in picture.edges if not e.principal)
    tooltips = [a.get("{http://www.w3.org/1999/xlink}title") for a in svg.iter(f"{SVG}a")]
    assert any(
        t and t.startswith("L5 nerve root innervates gluteus maximus (possible). Sources:")
        for t in tooltips
    )


@needs_dot
def test_labels_are_shown_as_written_in_svg_dot_and_mermaid() -> None:
    odd = 'a "quoted" <b>bold</b> & back\\slash #1'
    picture = Diagram(
        odd,
        (Node("x", odd, "lesion", tooltip=odd, url="page?a=1&b=2"), Node("y", "<y>", "structure")),
        (Edge("x", "y", odd, True, tooltip=odd),),
    )
    svg = ET.fromstring(to_svg(picture))
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert texts.count(odd) == 3  # the node, the link, the caption's title
    assert "<y>" in texts
    link = next(a for a in svg.iter(f"{SVG}a") if a.get("{http://www.w3.org/1999/xlink}href"))
    assert link.get("{http://www.w3.org/1999/xlink}href") == "page?a=1&b=2"
    dot = subprocess.run(
        ["dot", "-Tcanon"], input=to_dot(picture), capture_output=True, text=True, check=True
    )
    assert dot.returncode == 0
    mermaid = to_mermaid(picture)
    assert 'n0["a #quot;quoted#quot; #lt;b#gt;bold#lt;/b#gt; & back\\slash #35;1"]' in mermaid
    assert 'n0 -->|"a #quot;quoted#quot;' in mermaid


def test_mermaid_flowchart_of_the_chain(runner: EmbeddedRunner) -> None:
    text = to_mermaid(explanation_diagram(explain(runner, "L4-L5", "paracentral")))
    lines = text.splitlines()
    assert lines[0] == "flowchart LR"
    ids = {m[2]: m[1] for line in lines if (m := re.match(r'\s+(n\d+)\S\S?"(.*)"', line))}
    lesion, root, ehl = (
        ids[x]
        for x in ("L4-L5 paracentral herniation", "L5 nerve root", "extensor hallucis longus")
    )
    assert any(
        line.startswith(f'  {lesion} -->|"compresses [') and line.endswith(root) for line in lines
    )
    assert any(
        line.startswith(f'  {root} -->|"innervates [') and line.endswith(ehl) for line in lines
    )
    assert f'  {root} -.->|"innervates [' in text  # a possible link is dotted
    assert '  subgraph sources["Sources"]' in lines


def test_the_localization_picture_ranks_candidates_and_shows_what_each_misses(
    runner: EmbeddedRunner,
) -> None:
    answer = localize(
        runner, ["weak great toe extension", "numb dorsum of foot", "absent ankle jerk"]
    )
    picture = localization_diagram(answer, top=3)
    candidates = [n for n in picture.nodes if n.kind == "candidate"]
    assert [n.label.split("\n")[0] for n in candidates] == [
        f"{i}. {c.lesion}" for i, c in enumerate(answer.candidates[:3], start=1)
    ]
    assert candidates[0].label.startswith("1. L4-L5 paracentral herniation\n(L5 nerve root)")
    links = _links(picture)
    first = candidates[0].label
    missed = links[(first, "absent ankle jerk\n(absent reflex of Achilles reflex)")]
    assert missed.missing and missed.label == "1: does not explain"
    toe = links[(first, "weak great toe extension\n(muscle weakness of great toe extension)")]
    assert toe.label == "1: explains (3)" and "key movement (ISNCSCI)" in toe.tooltip
    assert picture.ordered and len({n.color for n in candidates}) == 3


def test_explain_without_graphviz_says_how_to_get_it(
    release: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    with pytest.raises(DiagramError):
        to_svg(Diagram("x", (), ()))

    def explain_as(fmt: str) -> Result:
        arguments = ["--disc", "L4-L5", "--zone", "paracentral", "--dist", str(release)]
        return CliRunner().invoke(main, ["explain", *arguments, "--format", fmt])

    result = explain_as("svg")
    assert result.exit_code == 1
    assert result.output == (
        "error: Graphviz's dot is not installed, so no SVG can be drawn (Debian: apt-get "
        "install graphviz; `make graphviz` does it as root); --format dot and mermaid need "
        "nothing\n"
    )
    dot = explain_as("dot")
    assert dot.exit_code == 0 and dot.output.startswith("digraph answer {")


#: Every link of every herniation scenario, found without the claims (what the diagrams must
#: all draw): ``herniation_links`` finds each with the claims that state it.
_EVERY_LINK = """
PREFIX spine: <https://w3id.org/spinekg/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?h ?disc ?zone ?from ?p ?to WHERE {
  ?h a spine:HerniationScenario ; spine:atDisc ?disc ; spine:inZone ?zone .
  { ?h spine:compresses ?to . BIND(?h AS ?from) BIND(spine:compresses AS ?p) }
  UNION { ?h spine:causes ?to . BIND(?h AS ?from) BIND(spine:causes AS ?p) }
  UNION { ?h spine:causes ?from . ?from skos:broader* ?c . ?c spine:hasRedFlag ?to .
          BIND(spine:hasRedFlag AS ?p) }
  UNION { ?h spine:compresses ?from . ?from spine:innervates ?to . BIND(spine:innervates AS ?p) }
  UNION { ?h spine:compresses ?from . ?from spine:supplies ?to . BIND(spine:supplies AS ?p) }
  UNION { ?h spine:compresses ?from . ?from spine:mediates ?to . BIND(spine:mediates AS ?p) }
  UNION { ?h spine:compresses/spine:innervates ?from . ?from spine:performs ?to .
          BIND(spine:performs AS ?p) }
}"""


def test_every_link_of_every_scenario_is_drawn_with_its_sources(runner: EmbeddedRunner) -> None:
    expected: dict[tuple[str, str], set[tuple[str, str, str]]] = {}
    for s in solutions(runner, _EVERY_LINK):
        relation = s["p"].value.rsplit("/", 1)[1]
        where = (s["disc"].value, s["zone"].value)
        expected.setdefault(where, set()).add((s["from"].value, relation, s["to"].value))
    assert len(expected) == 92
    for (disc, zone), links in expected.items():
        found = rows(runner, "herniation_links", disc=ox.NamedNode(disc), zone=ox.NamedNode(zone))
        assert {(r["from"], r["relation"], r["to"]) for r in found} == links, (disc, zone)
        assert all(r["sources"] and r["citations"] for r in found), (disc, zone)
