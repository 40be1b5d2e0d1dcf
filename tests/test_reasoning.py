"""The reasoner's inferences are in the release, in their own graph, and exactly right."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from spinekg.kernel.namespaces import PREFIXES
from spinekg.pipeline.reason import INFERRED_GRAPH
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
