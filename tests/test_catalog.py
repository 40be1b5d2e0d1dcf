"""Every competency question (shared/COMPETENCY.md) answered by its catalog query."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from spinekg.kernel.errors import QueryError
from spinekg.kernel.namespaces import PREFIXES
from spinekg.pipeline.name_keys import NAMES_GRAPH
from spinekg.queries import load_catalog
from spinekg.querying.catalog import rows, run
from spinekg.querying.resolve import lookup
from spinekg.querying.runner import Answer, EmbeddedRunner, bind


def column(result: list[dict[str, str]], name: str) -> set[str]:
    return {r[name] for r in result if name in r}


#: The competency questions of shared/COMPETENCY.md (read from there when it sits beside the
#: repository, as on the project's machines and in CI).
COMPETENCY = {f"CQ{n:02d}" for n in range(1, 20)}


def test_every_competency_question_has_a_catalog_query() -> None:
    shared = Path(__file__).resolve().parents[2] / "shared" / "COMPETENCY.md"
    wanted = set(re.findall(r"\*\*(CQ\d\d)", shared.read_text())) if shared.is_file() else set()
    wanted |= COMPETENCY
    covered = {cq for q in load_catalog().values() for cq in q.competency}
    assert wanted and wanted <= covered, sorted(wanted - covered)


def test_cq01_why_a_herniated_disc_causes_weakness(runner: EmbeddedRunner) -> None:
    chain = rows(
        runner, "why_condition_causes_finding", condition="herniated disc", finding="weakness"
    )
    steps = {(r["fromLabel"], r["toLabel"]) for r in chain}
    assert {
        ("disc herniation", "nerve root compression"),
        ("nerve root compression", "impaired nerve signal conduction"),
        ("impaired nerve signal conduction", "muscle weakness"),
    } <= steps
    assert all(int(r["evidenceCount"]) >= 1 for r in chain)


def test_cq02_mechanisms(runner: EmbeddedRunner) -> None:
    labels = column(
        rows(runner, "mechanisms_of_condition", condition="slipped disc"), "mechanismLabel"
    )
    assert {
        "nerve root compression",
        "nerve root inflammation",
        "compression of the spinal cord",
        "compression of the cauda equina",
    } <= labels


def test_cq03_l5_weakness(runner: EmbeddedRunner) -> None:
    result = rows(runner, "muscles_weakened_by_root", root="L5")
    moves = {r["muscleLabel"]: r["movements"] for r in result}
    assert "great toe extension" in moves["extensor hallucis longus"]
    assert "ankle dorsiflexion" in moves["tibialis anterior"]
    assert "ankle eversion" in moves["fibularis longus"]
    assert "hip abduction" in moves["gluteus medius"]
    assert "ankle inversion" in moves["tibialis posterior"]
    key = [r for r in result if r["keyMuscle"] == "true"]
    assert [r["muscleLabel"] for r in key] == ["extensor hallucis longus"]


def test_cq04_l4_l5_paracentral(runner: EmbeddedRunner) -> None:
    result = rows(runner, "herniation_consequences", disc="L4/L5", zone="posterolateral")
    assert column(result, "structureLabel") == {"L5 nerve root"}
    by_kind = {
        k: {r["targetLabel"] for r in result if r["consequence"] == k}
        for k in ("weakness", "numbness", "reflex")
    }
    assert {"extensor hallucis longus", "tibialis posterior"} <= by_kind["weakness"]
    assert {"dorsum of the foot", "first web space", "lateral calf"} <= by_kind["numbness"]
    assert by_kind["reflex"] == {"medial hamstring reflex", "tibialis posterior reflex"}


def test_cq05_far_lateral_gives_an_l4_picture(runner: EmbeddedRunner) -> None:
    result = rows(runner, "herniation_consequences", disc="L4-L5", zone="far lateral")
    assert column(result, "structureLabel") == {"L4 nerve root"}
    kinds = {(r["consequence"], r["targetLabel"]) for r in result}
    assert {
        ("weakness", "quadriceps femoris"),
        ("weakness", "tibialis anterior"),
        ("reflex", "patellar reflex"),
        ("numbness", "medial leg"),
        ("numbness", "L4 key sensory point"),
    } <= kinds


def test_cq06_c5_c6(runner: EmbeddedRunner) -> None:
    result = rows(runner, "herniation_consequences", disc="C5-C6", zone="paracentral")
    assert column(result, "structureLabel") == {"C6 nerve root"}
    kinds = {(r["consequence"], r["targetLabel"]) for r in result}
    assert {
        ("weakness", "biceps brachii"),
        ("weakness", "brachioradialis"),
        ("weakness", "extensor carpi radialis longus"),
        ("reflex", "brachioradialis reflex"),
        ("reflex", "biceps reflex"),
        ("numbness", "skin of the thumb"),
        ("numbness", "skin of the index finger"),
        ("numbness", "radial forearm"),
    } <= kinds


def test_cq07_central_herniations(runner: EmbeddedRunner) -> None:
    cervical = rows(runner, "herniation_compresses", disc="C5-C6", zone="central")
    assert column(cervical, "structureLabel") == {"cervical spinal cord"}
    assert column(cervical, "conditionLabel") == {"cervical myelopathy"}
    flags = cervical[0]["redFlags"]
    assert "Hoffmann sign" in flags and "Babinski sign" in flags and "hyperreflexia" in flags
    lumbar = rows(runner, "herniation_compresses", disc="L4-L5", zone="central")
    principal = [r for r in lumbar if r["principal"] == "true"]
    assert column(principal, "structureLabel") == {"cauda equina"}
    # the roots passing the level may be pressed on too (REFERENCE 12)
    assert column(lumbar, "structureLabel") - {"cauda equina"} == {
        "L5 nerve root",
        "S2 nerve root",
        "S3 nerve root",
        "S4 nerve root",
    }
    assert column(lumbar, "urgency") == {"surgical emergency"}
    for flag in ("saddle anaesthesia", "urinary retention", "bowel incontinence"):
        assert flag in lumbar[0]["redFlags"]


def test_cq08_findings_point_to_s1(runner: EmbeddedRunner) -> None:
    result = rows(
        runner,
        "roots_explaining_findings",
        movement="ankle plantarflexion",
        reflex="ankle jerk",
        area="lateral foot",
    )
    assert result[0]["rootLabel"] == "S1 nerve root"
    assert result[0]["score"] == "3"
    assert result[0]["lesions"] == "L5-S1 paracentral herniation"
    assert all(int(r["score"]) < 3 for r in result[1:])


def test_cq09_biceps(runner: EmbeddedRunner) -> None:
    result = rows(runner, "roots_of_muscle", muscle="biceps")
    assert {(r["rootLabel"], r["principal"]) for r in result} == {
        ("C5 nerve root", "true"),
        ("C6 nerve root", "true"),
    }
    herniations = " ".join(r["herniations"] for r in result)
    assert "C4-C5 paracentral herniation" in herniations
    assert "C5-C6 paracentral herniation" in herniations


def test_cq10_red_flags(runner: EmbeddedRunner) -> None:
    result = rows(runner, "red_flags")
    ces = {r["flagLabel"] for r in result if r["conditionLabel"] == "cauda equina syndrome"}
    assert {
        "saddle anaesthesia",
        "urinary retention",
        "bowel incontinence",
        "bilateral or progressive leg weakness",
    } <= ces
    lesions = next(r["lesions"] for r in result if r["flagLabel"] == "saddle anaesthesia")
    assert "L4-L5 central herniation" in lesions and "L5-S1 central herniation" in lesions
    assert any("myelopathy" in r["conditionLabel"] for r in result)


def test_cq11_where_symptoms_occur(runner: EmbeddedRunner) -> None:
    lumbar = {
        r["findingLabel"]: r
        for r in rows(runner, "symptom_regions", condition="lumbar disc herniation")
    }
    assert "low back pain" in lumbar
    for finding in ("numbness", "paresthesia", "muscle weakness"):
        assert {"leg", "foot"} <= set(lumbar[finding]["places"].split("; "))
        assert "unilateral" in lumbar[finding]["sides"]
    cervical = {
        r["findingLabel"]: r
        for r in rows(runner, "symptom_regions", condition="cervical disc herniation")
    }
    assert "neck pain" in cervical
    assert {"arm", "hand"} <= set(cervical["muscle weakness"]["places"].split("; "))


def test_cq12_common_symptoms(runner: EmbeddedRunner) -> None:
    labels = column(rows(runner, "common_symptoms", condition="herniated disc"), "findingLabel")
    assert {
        "muscle weakness",
        "paresthesia",
        "chronic pain",
        "stiffness",
        "numbness",
        "radicular pain",
        "diminished reflexes",
    } <= labels


def test_cq13_no_symptoms_is_possible_not_asserted(runner: EmbeddedRunner) -> None:
    result = rows(runner, "claims_with_modality", condition="herniated disc")
    spine = "https://w3id.org/spinekg/"
    negated = {
        (r["objectLabel"], r.get("sentence"))
        for r in result
        if r["modality"] == f"{spine}modality-negated"
    }
    assert ("symptoms", "A herniated disc may never cause symptoms.") in negated
    assert any(
        r["objectLabel"] == "asymptomatic" and r["modality"] == f"{spine}modality-possible"
        for r in result
    )


def test_cq14_treatment_order(runner: EmbeddedRunner) -> None:
    result = rows(runner, "treatment_order", target="muscle weakness")
    kinds = {r["treatmentLabel"]: r["kind"] for r in result}
    for conservative in ("physical therapy", "exercise", "stretching", "heat and cold therapy"):
        assert kinds[conservative] == "conservative"
    assert kinds["surgery"] == "surgical"
    first = next(r for r in result if r["treatmentLabel"] == "conservative care")
    assert "surgery" in first["triedBefore"].split("; ")
    surgery = next(r for r in result if r["treatmentLabel"] == "surgery")
    assert int(surgery["stepsBefore"]) >= 1


def test_cq15_treatments_act_on_steps(runner: EmbeddedRunner) -> None:
    pairs = {(r["treatmentLabel"], r["mechanismLabel"]) for r in rows(runner, "treatment_targets")}
    assert {
        ("decompressive surgery", "nerve root compression"),
        ("epidural steroid injection", "nerve root inflammation"),
        ("non-steroidal anti-inflammatory drugs", "nerve root inflammation"),
        ("physical therapy", "muscle deconditioning"),
        ("acetaminophen", "pain signalling"),
    } <= pairs


def test_cq16_supporting_sentences(runner: EmbeddedRunner) -> None:
    result = rows(
        runner, "supporting_sentences", subject="herniated disc", object="muscle weakness"
    )
    sentences = {r["sentence"] for r in result}
    assert (
        "A herniated disc causes muscle weakness by compressing a spinal nerve root or the "
        "spinal cord." in sentences
    )
    for r in result:
        assert int(r["end"]) - int(r["start"]) == len(r["sentence"])


def test_cq17_disputed_innervation(runner: EmbeddedRunner) -> None:
    result = rows(runner, "disputed_innervation")
    assert {
        "extensor hallucis longus",
        "tibialis posterior",
        "quadriceps femoris",
        "supinator",
        "triceps brachii",
    } <= column(result, "muscleLabel")
    ehl = {r["rootLabel"]: r for r in result if r["muscleLabel"] == "extensor hallucis longus"}
    assert ehl["L5 nerve root"]["principal"] == "true"
    assert {"L4 nerve root", "S1 nerve root"} <= set(ehl)
    assert all(r["sources"] for r in ehl.values())


def test_cq18_codes(runner: EmbeddedRunner) -> None:
    sciatica = column(rows(runner, "codes", entity="sciatica"), "code")
    assert {
        "http://purl.obolibrary.org/obo/MONDO_0024333",
        "https://www.icd10data.com/search?s=M54.3",
    } <= sciatica
    lumbar = column(rows(runner, "codes", entity="L4-L5 paracentral herniation"), "code")
    assert lumbar == {"https://www.icd10data.com/search?s=M51.16"}


def test_cq19_frequent_levels(runner: EmbeddedRunner) -> None:
    result = rows(runner, "frequent_levels")
    assert column(result, "level") == {"L4-L5", "L5-S1", "C5-C6", "C6-C7"}
    assert any("95 %" in r["note"] for r in result)


def test_a_hostile_parameter_cannot_change_the_query(
    store: ox.Store, runner: EmbeddedRunner
) -> None:
    before = len(store)
    hostile = 'L5" } ; DROP ALL ; #'
    with pytest.raises(QueryError, match="unknown root"):
        run(runner, "muscles_weakened_by_root", root=hostile)
    text = bind("SELECT ?s WHERE { ?s ?p ?o }", {"o": ox.Literal(hostile)})
    assert text == (
        'SELECT ?s WHERE { ?s ?p "L5\\" } ; DROP ALL ; #" }\n'
        'VALUES (?o) { ("L5\\" } ; DROP ALL ; #") }'
    )
    assert rows(runner, "muscles_weakened_by_root", root="L5")  # the store is intact
    answer = store.query(text)
    assert isinstance(answer, ox.QuerySolutions) and list(answer) == []
    assert len(store) == before


def test_the_binder_reaches_nested_groups_but_not_projections() -> None:
    """Inside groups the term replaces the variable; projections keep it (VALUES binds it)."""
    term = ox.NamedNode("https://w3id.org/spinekg/root-L5")
    query = (
        "SELECT ?root (COUNT(?m) AS ?n) WHERE {\n"
        "  { SELECT ?root ?m WHERE { ?root <http://x/p>+ ?m } }\n"
        "  OPTIONAL { ?m <http://x/q> ?root } FILTER(?root != <http://x/?root>) # ?root\n"
        '} GROUP BY ?root ORDER BY ?root # "?root"'
    )
    assert bind(query, {"root": term}) == (
        "SELECT ?root (COUNT(?m) AS ?n) WHERE {\n"
        f"  {{ SELECT ?root ?m WHERE {{ {term} <http://x/p>+ ?m }} }}\n"
        f"  OPTIONAL {{ ?m <http://x/q> {term} }} FILTER({term} != <http://x/?root>) # ?root\n"
        '} GROUP BY ?root ORDER BY ?root # "?root"'
        f"\nVALUES (?root) {{ ({term}) }}"
    )


def test_the_catalog_is_published_in_the_release(store: ox.Store) -> None:
    found = store.query(
        """PREFIX sh: <http://www.w3.org/ns/shacl#>
           PREFIX schema: <https://schema.org/>
           PREFIX dcterms: <http://purl.org/dc/terms/>
           SELECT ?id ?select WHERE { ?q a sh:SPARQLExecutable ; schema:keywords "CQ08" ;
                                        dcterms:identifier ?id ; sh:select ?select }""",
    )
    assert isinstance(found, ox.QuerySolutions)
    published = {s["id"].value: s["select"].value for s in found}
    assert set(published) == {"roots_explaining_findings", "localize_feature"}
    assert "spine:supplies ?area" in published["roots_explaining_findings"]


class UnionOfGraphs:
    """A runner like a server that answers over the union of its named graphs (Oxigraph's
    ``--union-default-graph``, Virtuoso): a triple held by two graphs matches twice. Without
    the release's ``graph/names``, so names are found by folding every name in the query."""

    where = "the named graphs of the release, as a union"

    def __init__(self, release: Path) -> None:
        self.store = ox.Store()
        self.store.bulk_load(path=str(release / "spinekg.nq"), format=ox.RdfFormat.N_QUADS)
        self.store.remove_graph(ox.NamedNode(str(NAMES_GRAPH)))

    def execute(self, sparql: str) -> Answer:
        return self.store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)


@pytest.fixture(scope="module")
def union_runner(release: Path) -> UnionOfGraphs:
    return UnionOfGraphs(release)


@pytest.mark.parametrize("query_id", sorted(load_catalog()))
def test_every_catalog_query_answers_the_same_over_a_union_of_graphs(
    runner: EmbeddedRunner, union_runner: UnionOfGraphs, query_id: str
) -> None:
    """The same rows, none repeated, on the embedded store (its default graph holds the union
    once, names found by their keys) and over a union of the named graphs (a triple once per
    graph that holds it, names found by folding every name in the query)."""
    query = load_catalog()[query_id]
    examples = {p.name: p.example for p in query.params}
    result = rows(union_runner, query_id, **examples)
    keys = [tuple(sorted(row.items())) for row in result]
    assert len(keys) == len(set(keys))
    assert result == rows(runner, query_id, **examples)


def test_the_embedded_default_graph_is_the_union_of_the_named_graphs_once(
    release: Path, store: ox.Store
) -> None:
    manifest = json.loads((release / "manifest.json").read_text())
    default = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    named = sum(1 for q in store if not isinstance(q.graph_name, ox.DefaultGraph))
    assert (default, named) == (manifest["triples"], manifest["quads"])


@pytest.mark.parametrize(
    ("value", "type_", "entity"),
    [
        ("L4/L5", "spine:IntervertebralDisc", "disc-L4-L5"),
        ("ANKLE JERK", "spine:DeepTendonReflex", "reflex-achilles"),
        ("cauda equina syndrome", "spine:Condition", "condition-cauda-equina-syndrome"),
        ("L5", "owl:Thing", "root-L5 vertebra-L5"),
        ("lumbar disc herniation", "owl:Thing", "condition-lumbar-disc-herniation"),
    ],
)
def test_names_resolve_alike_by_their_keys_and_by_folding_every_name(
    runner: EmbeddedRunner, union_runner: UnionOfGraphs, value: str, type_: str, entity: str
) -> None:
    expected = [ox.NamedNode(f"https://w3id.org/spinekg/{e}") for e in entity.split()]
    assert lookup(runner, value, type_) == lookup(union_runner, value, type_) == expected
