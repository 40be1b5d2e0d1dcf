"""The reasoner's inferences are in the release, in their own graph, and exactly right."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from spinekg.kernel.namespaces import PREFIXES
from spinekg.pipeline.reason import INFERRED_GRAPH, _complete_property_axioms, _contained
from spinekg.querying.runner import EmbeddedRunner
from tests.conftest import select

INFERRED = f"<{INFERRED_GRAPH}>"


def test_l4_l5_paracentral_weakness_is_one_triple_pattern(store: ox.Store) -> None:
    rows = select(
        store,
        f"""SELECT ?label WHERE {{
              GRAPH {INFERRED} {{ spine:herniation-L4-L5-paracentral spine:mayWeaken ?muscle }}
              ?muscle rdfs:label ?label }}""",
    )
    labels = {r["label"] for r in rows}
    assert {
        "extensor hallucis longus",
        "tibialis anterior",
        "gluteus medius",
        "fibularis longus",
        "tibialis posterior",
    } <= labels
    assert "quadriceps femoris" not in labels, "quadriceps belongs to L3-L4, not to L5"


CHAINS = {
    "mayWeaken": "spine:compresses/spine:innervates",
    "mayCauseNumbnessOf": "spine:compresses/spine:supplies",
    "mayDiminish": "spine:compresses/spine:mediates",
    "mayImpair": "spine:compresses/spine:innervates/spine:performs",
}


@pytest.mark.parametrize(("prop", "path"), sorted(CHAINS.items()))
def test_property_chains_are_materialised_exactly(store: ox.Store, prop: str, path: str) -> None:
    asserted_graphs = f"FILTER(?g != {INFERRED})"
    inferred = select(
        store,
        f"SELECT ?s ?o WHERE {{ GRAPH {INFERRED} {{ ?s spine:{prop} ?o }} }}",
    )
    expected = select(
        store,
        f"""SELECT DISTINCT ?s ?o WHERE {{
              {{ SELECT ?s ?o WHERE {{ ?s {path} ?o }} }}
              FILTER NOT EXISTS {{ GRAPH ?g {{ ?s spine:{prop} ?o }} {asserted_graphs} }} }}""",
    )
    assert inferred, prop
    assert {(r["s"], r["o"]) for r in inferred} == {(r["s"], r["o"]) for r in expected}


def test_inverses_and_transitive_part_of(store: ox.Store) -> None:
    asks = [
        "spine:muscle-extensor-hallucis-longus spine:innervatedBy spine:root-L5",
        "spine:segment-L5 spine:partOf spine:spinal-cord",
        "spine:spinal-cord spine:hasPart spine:segment-L5",
    ]
    for triple in asks:
        assert bool(store.query(f"ASK {{ GRAPH {INFERRED} {{ {triple} }} }}", prefixes=PREFIXES)), (
            triple
        )


def test_nothing_inferred_is_also_asserted(store: ox.Store) -> None:
    rows = select(
        store,
        f"""SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {INFERRED} {{ ?s ?p ?o }}
               GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != {INFERRED}) }}""",
    )
    assert rows == [{"n": "0"}]


def test_manifest_counts_the_inferred_graph(release: Path) -> None:
    manifest = json.loads((release / "manifest.json").read_text())
    assert manifest["inferred"]["graph"] == str(INFERRED_GRAPH)
    assert manifest["inferred"]["triples"] == manifest["graphs"][str(INFERRED_GRAPH)] > 2000
    assert manifest["inferred"]["reasoner"].startswith("HermiT")
    assert manifest["checks"].startswith("0 errors, 0 warnings, ")


def test_the_catalog_query_reads_the_inferred_graph(runner: EmbeddedRunner) -> None:
    from spinekg.querying.catalog import rows

    found = rows(
        runner, "muscles_herniation_may_weaken", herniation="L4-L5 posterolateral herniation"
    )
    labels = {row["muscleLabel"] for row in found}
    assert {"extensor hallucis longus", "gluteus medius", "tibialis posterior"} <= labels


def test_chains_are_completed_from_the_ontology_whatever_the_reasoner_returned() -> None:
    tbox = Graph().parse(
        data="""@prefix spine: <https://w3id.org/spinekg/> .
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        spine:mayWeaken owl:propertyChainAxiom ( spine:compresses spine:innervates ) .
        spine:mayImpair owl:propertyChainAxiom ( spine:mayWeaken spine:performs ) .
        spine:principallyCompresses rdfs:subPropertyOf spine:compresses .""",
        format="turtle",
    )
    asserted = Graph().parse(
        data="""@prefix spine: <https://w3id.org/spinekg/> .
        spine:h spine:principallyCompresses spine:root . spine:root spine:innervates spine:m .
        spine:m spine:performs spine:move .""",
        format="turtle",
    )
    inferred = Graph()  # as if the reasoner had found nothing
    _complete_property_axioms(tbox, asserted, inferred)
    spine = "https://w3id.org/spinekg/"
    triples = {
        (str(s)[len(spine) :], str(p)[len(spine) :], str(o)[len(spine) :]) for s, p, o in inferred
    }
    assert triples == {
        ("h", "compresses", "root"),
        ("h", "mayWeaken", "m"),
        ("h", "mayImpair", "move"),
    }


def test_the_reasoner_jvm_is_tuned_for_a_short_run_only_during_the_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from owlready2 import reasoning

    monkeypatch.setenv("JDK_JAVA_OPTIONS", "-Xss4m")
    with _contained(str(tmp_path)):
        env = reasoning._subprocess_kargs["env"]
        assert env["JDK_JAVA_OPTIONS"] == "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss4m"
    assert "env" not in reasoning._subprocess_kargs
