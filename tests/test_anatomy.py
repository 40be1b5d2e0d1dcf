"""The built graph against the clinical reference (answer key: tests/reference_facts.py).

The answer key was transcribed from shared/REFERENCE.md independently of the curated tables,
so these tests check the tables, not restate them.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from spinekg.kernel.namespaces import SPINE
from tests import reference_facts as ref
from tests.conftest import select

STRUCTURE = {
    "cervical spinal cord": "cervical-spinal-cord",
    "thoracic spinal cord": "thoracic-spinal-cord",
    "lumbar spinal cord": "lumbar-spinal-cord",
    "conus medullaris": "conus-medullaris",
    "cauda equina": "cauda-equina",
}


def _local(iri: str) -> str:
    return iri.removeprefix(str(SPINE))


def _structure(token: str) -> str:
    return STRUCTURE.get(token, f"root-{token}")


def test_counts(store: ox.Store) -> None:
    counts = {
        row["cls"]: int(row["n"])
        for row in select(
            store,
            "SELECT ?cls (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?cls } GROUP BY ?cls",
        )
    }
    assert counts[str(SPINE.SpinalRegion)] == 5
    assert counts[str(SPINE.Vertebra)] == 33
    assert counts[str(SPINE.IntervertebralDisc)] == 23
    assert counts[str(SPINE.SpinalNerveRoot)] == 31
    assert counts[str(SPINE.HerniationScenario)] == 23 * 4
    assert counts[str(SPINE.Muscle)] >= 40


def test_regions(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?r ?v ?n WHERE { ?r a spine:SpinalRegion ; spine:vertebraCount ?v ;
                                       spine:nervePairCount ?n }""",
    )
    got = {_local(r["r"]).removeprefix("region-"): (int(r["v"]), int(r["n"])) for r in rows}
    assert got == ref.REGIONS


def test_discs_lie_between_their_vertebrae(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?disc ?up ?low WHERE {
             ?d a spine:IntervertebralDisc ; skos:notation ?disc ;
                spine:hasUpperVertebra/skos:notation ?up ;
                spine:hasLowerVertebra/skos:notation ?low ;
                spine:liesBetween ?a , ?b . FILTER(?a != ?b) }""",
    )
    got = {r["disc"]: (r["up"], r["low"]) for r in rows}
    assert got == ref.DISC_VERTEBRAE
    assert set(got) == set(ref.DISCS)


def test_every_root_exits_where_the_reference_says(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?root ?exit WHERE { ?r a spine:SpinalNerveRoot ; skos:notation ?root ;
                                         spine:exitsAt ?f . ?f skos:notation ?exit }""",
    )
    got = {r["root"]: r["exit"] for r in rows}
    assert set(got) == set(ref.ROOT_EXIT)
    for root, expected in ref.ROOT_EXIT.items():
        if expected == "sacral foramina":
            assert got[root] == f"sacral-{root}", root
        elif expected == "sacral hiatus":
            assert got[root] == "sacral-hiatus", root
        else:
            assert got[root] == expected, root


@pytest.mark.parametrize(("disc", "zone"), sorted(ref.COMPRESSED_ROOT))
def test_herniation_compresses(store: ox.Store, disc: str, zone: str) -> None:
    rows = select(
        store,
        """SELECT ?s ?principal WHERE {
             ?h spine:atDisc/skos:notation ?disc ; spine:inZone/skos:notation ?zone ;
                spine:compresses ?s .
             BIND(EXISTS { ?h spine:principallyCompresses ?s } AS ?principal) }""",
        disc=disc,
        zone=zone,
    )
    got = {_local(r["s"]) for r in rows}
    assert got == {_structure(t) for t in ref.COMPRESSED_ROOT[(disc, zone)]}
    principal = {_local(r["s"]) for r in rows if r["principal"] == "true"}
    assert _structure(ref.PRINCIPAL_COMPRESSED[(disc, zone)]) in principal


@pytest.mark.parametrize("root", sorted(ref.KEY_MUSCLES))
def test_isncsci_key_muscles(store: ox.Store, root: str) -> None:
    rows = select(
        store,
        """SELECT ?label ?principal WHERE { ?r skos:notation ?root ; a spine:SpinalNerveRoot ;
               spine:hasKeyMuscle ?m . ?m rdfs:label ?label .
               BIND(EXISTS { ?r spine:innervates ?m } AS ?principal) }""",
        root=root,
    )
    _movement, muscles = ref.KEY_MUSCLES[root]
    assert {r["label"] for r in rows} == set(muscles)
    assert all(r["principal"] == "true" for r in rows), "a key muscle is innervated by its root"


@pytest.mark.parametrize("reflex", sorted(ref.REFLEX_ROOTS))
def test_reflex_roots(store: ox.Store, reflex: str) -> None:
    rows = select(
        store,
        """SELECT ?root ?principal ?disputed WHERE {
               ?x a spine:DeepTendonReflex ; rdfs:label ?label ;
               spine:mediatedBy|^spine:mediates ?r . ?r skos:notation ?root .
               BIND(EXISTS { ?r spine:principallyMediates ?x } AS ?principal)
               BIND(EXISTS { ?c spine:claimSubject ?r ; spine:claimObject ?x ;
                                spine:isDisputed true } AS ?disputed)
               FILTER(LCASE(STR(?label)) = ?wanted) }""",
        wanted=f"{reflex.lower()} reflex",
    )
    principal, roots = ref.REFLEX_ROOTS[reflex]
    got = {r["root"] for r in rows}
    assert set(roots) <= got
    # A root beyond the reference range is only acceptable as a disputed value (REFERENCE §5).
    assert {r["root"] for r in rows if r["root"] not in roots} <= {
        r["root"] for r in rows if r["disputed"] == "true"
    }
    assert {r["root"] for r in rows if r["principal"] == "true"} == ({principal} - {None})


MUSCLE_QUERY = """SELECT ?label ?root ?principal WHERE {
    ?m a spine:Muscle ; rdfs:label ?label . ?r spine:innervates ?m ; skos:notation ?root .
    BIND(EXISTS { ?r spine:principallyInnervates ?m } AS ?principal) }"""


@pytest.fixture(scope="module")
def innervation(store: ox.Store) -> dict[str, dict[str, bool]]:
    out: dict[str, dict[str, bool]] = {}
    for row in select(store, MUSCLE_QUERY):
        out.setdefault(row["label"], {})[row["root"]] = row["principal"] == "true"
    return out


def test_principal_roots_of_muscles(innervation: dict[str, dict[str, bool]]) -> None:
    missing = sorted(set(ref.MUSCLE_PRINCIPAL_ROOTS) - set(innervation))
    assert not missing, f"muscles of REFERENCE 3.2 missing from the graph: {missing}"
    wrong = {
        muscle: (sorted(r for r, p in innervation[muscle].items() if p), sorted(roots))
        for muscle, roots in ref.MUSCLE_PRINCIPAL_ROOTS.items()
        if not set(roots) <= {r for r, p in innervation[muscle].items() if p}
    }
    assert not wrong, f"principal roots differ (graph, reference): {wrong}"


def test_every_root_of_the_reference_range_is_kept(innervation: dict[str, dict[str, bool]]) -> None:
    lacking = {
        muscle: sorted(set(roots) - set(innervation.get(muscle, {})))
        for muscle, roots in ref.MUSCLE_ALL_ROOTS.items()
        if muscle in innervation and not set(roots) <= set(innervation[muscle])
    }
    assert not lacking, f"roots of the reference range missing: {lacking}"


def test_l4_l5_paracentral_weakens_the_l5_muscles(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT DISTINCT ?label WHERE { spine:herniation-L4-L5-paracentral spine:compresses ?r .
               ?r a spine:SpinalNerveRoot ; spine:innervates/rdfs:label ?label }""",
    )
    labels = {r["label"] for r in rows}
    assert set(ref.L5_WEAK_MUSCLES) <= labels
    rows = select(
        store,
        """SELECT DISTINCT ?root WHERE { spine:herniation-L4-L5-far-lateral spine:compresses ?r .
               ?r skos:notation ?root }""",
    )
    assert {r["root"] for r in rows} == {ref.L4_5_FORAMINAL_ROOT}


def test_disputed_muscles_keep_every_value_with_sources(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT DISTINCT ?label WHERE {
             ?c spine:claimPredicate spine:innervates ; spine:isDisputed true ;
                spine:claimObject/rdfs:label ?label ; spine:hasEvidence/spine:fromSource ?src }""",
    )
    disputed = {r["label"] for r in rows}
    cq17 = {
        "extensor hallucis longus",
        "tibialis posterior",
        "quadriceps femoris",
        "supinator",
        "triceps brachii",
    }
    assert cq17 <= disputed


def test_every_claim_has_evidence_with_a_source_and_a_place(store: ox.Store) -> None:
    """Table claims say where in their source the fact is; text claims give sentence and offsets."""
    claims = {r["c"] for r in select(store, "SELECT DISTINCT ?c WHERE { ?c a spine:Claim }")}
    placed = select(
        store,
        """SELECT DISTINCT ?c WHERE { ?c a spine:Claim ; spine:hasEvidence ?e .
             ?e spine:fromSource ?s .
             { ?e spine:locator ?where }
             UNION { ?e spine:sentence ?text ; spine:startOffset ?start ;
                        spine:endOffset ?end } }""",
    )
    assert len(claims) > 2000
    assert claims - {r["c"] for r in placed} == set()


def test_no_unverified_mapping_is_asserted(store: ox.Store) -> None:
    from pathlib import Path

    from spinekg.kernel.namespaces import expand
    from spinekg.loaders import curated_path

    lines = Path(curated_path(), "mappings.tsv").read_text().splitlines()[1:]
    for line in lines:
        entity, predicate, target, status = line.split("\t")[:4]
        asked = store.query(
            "ASK { ?s ?p ?o }",
            substitutions={
                ox.Variable("s"): ox.NamedNode(expand(entity) or entity),
                ox.Variable("p"): ox.NamedNode(f"http://www.w3.org/2004/02/skos/core#{predicate}"),
                ox.Variable("o"): ox.NamedNode(expand(target) or target),
            },
        )
        assert bool(asked) == (status == "VERIFIED"), line
