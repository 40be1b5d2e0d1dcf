"""The release as KGX TSV, checked against the Biolink Model with its own toolkit (bmt), offline.

The tiny release gives the graphs; the model is the schema packaged in ``biolink-model`` (bmt's
defaults would download it). Synthetic graphs cover what the tiny world lacks: values with
tabs and bars, a new subclass, an unmapped class or property.
"""

from __future__ import annotations

import csv
import importlib.resources
import json
from pathlib import Path

import bmt  # type: ignore[import-untyped]
import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Dataset, Graph, Literal, URIRef

from spinekg.kernel.errors import BuildError
from spinekg.kernel.namespaces import (
    DEFINITION,
    EXACT_SYNONYM,
    ONTOLOGY_GRAPH,
    SPINE,
    curie,
    expand,
    mint,
)
from spinekg.pipeline.kgx import (
    CATEGORIES,
    CONCEPT_CATEGORIES,
    EDGE_COLUMNS,
    NODE_COLUMNS,
    PREDICATES,
    kgx_tables,
)

Row = dict[str, str]

BIOLINK = importlib.resources.files("biolink_model")
NODE_REQUIRED = ("id", "category")
EDGE_REQUIRED = (
    "id",
    "subject",
    "predicate",
    "object",
    "knowledge_level",
    "agent_type",
    "primary_knowledge_source",
)
MULTIVALUED_EDGE_COLUMNS = ("publications", "supporting_text", "spinekg_locator")
#: A prefix that mappings use and Biolink's prefix map lacks (it has only ICD10, for ICD-9).
NOT_IN_BIOLINK_PREFIX_MAP = {"ICD10CM"}


@pytest.fixture(scope="module")
def toolkit() -> bmt.Toolkit:
    """The Biolink Model of the installed ``biolink-model`` package; nothing is downloaded."""
    return bmt.Toolkit(
        schema=str(BIOLINK / "schema" / "biolink_model.yaml"),
        predicate_map={"predicate mappings": []},
    )


@pytest.fixture(scope="module")
def graphs(tiny_release: Path) -> dict[URIRef, Graph]:
    """The tiny release's named graphs, as ``write_release`` receives them."""
    dataset = Dataset()
    dataset.parse(tiny_release / "spinekg.nq", format="nquads")
    out: dict[URIRef, Graph] = {}
    for context in dataset.graphs():
        if len(context) and isinstance(context.identifier, URIRef):
            graph = out[context.identifier] = Graph()
            for triple in context:
                graph.add(triple)
    return out


@pytest.fixture(scope="module")
def tables(graphs: dict[URIRef, Graph]) -> tuple[str, str]:
    return kgx_tables(graphs)


def _rows(text: str) -> list[Row]:
    return list(csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture(scope="module")
def nodes(tables: tuple[str, str]) -> list[Row]:
    return _rows(tables[0])


@pytest.fixture(scope="module")
def edges(tables: tuple[str, str]) -> list[Row]:
    return _rows(tables[1])


@pytest.fixture(scope="module")
def node_by_id(nodes: list[Row]) -> dict[str, Row]:
    return {row["id"]: row for row in nodes}


def _edge(edges: list[Row], subject: str, original: str, obj: str, modality: str) -> Row:
    found = [
        e
        for e in edges
        if (e["subject"], e["original_predicate"], e["object"], e["spinekg_modality"])
        == (subject, original, obj, modality)
    ]
    assert len(found) == 1, (subject, original, obj, modality)
    return found[0]


def _claims(graphs: dict[URIRef, Graph]) -> dict[str, str]:
    """Every claim of the graphs (as a CURIE) -> its modality's IRI."""
    return {
        curie(str(claim)): str(graph.value(claim, SPINE.hasModality))
        for graph in graphs.values()
        for claim in graph.subjects(RDF.type, SPINE.Claim)
    }


# --- the format --------------------------------------------------------------------------


def test_tables_have_the_fixed_columns_and_a_cell_for_each(tables: tuple[str, str]) -> None:
    for text, columns, required in (
        (tables[0], NODE_COLUMNS, NODE_REQUIRED),
        (tables[1], EDGE_COLUMNS, EDGE_REQUIRED),
    ):
        lines = text.split("\n")
        assert lines[-1] == "" and "\r" not in text
        assert lines[0].split("\t") == list(columns)
        assert set(required) <= set(columns)
        assert len(lines) > 10
        for line in lines[1:-1]:
            cells = line.split("\t")
            assert len(cells) == len(columns), line
            assert all(cells[columns.index(c)] for c in required), line
        ids = [line.split("\t", 1)[0] for line in lines[1:-1]]
        assert ids == sorted(set(ids)), "rows sorted by id, ids unique"


def test_tables_are_reproducible(graphs: dict[URIRef, Graph], tables: tuple[str, str]) -> None:
    reversed_order = dict(reversed(graphs.items()))
    assert kgx_tables(reversed_order) == tables


def test_multivalued_cells_are_sorted_bar_joined_lists(nodes: list[Row], edges: list[Row]) -> None:
    for row in nodes:
        for column in ("synonym", "xref"):
            values = row[column].split("|") if row[column] else []
            assert values == sorted(set(values)) and all(values), (row["id"], column)
    for row in edges:
        for column in MULTIVALUED_EDGE_COLUMNS:
            values = row[column].split("|") if row[column] else []
            assert values == sorted(set(values)) and all(values), (row["id"], column)


def test_tabs_newlines_and_bars_inside_values_are_replaced() -> None:
    ontology = Graph()
    ontology.add((SPINE.Muscle, RDF.type, OWL.Class))
    tables = Graph()
    muscle = mint("muscle", "odd")
    tables.add((muscle, RDF.type, OWL.NamedIndividual))
    tables.add((muscle, RDF.type, SPINE.Muscle))
    tables.add((muscle, RDFS.label, Literal("odd\tname\nwith | bar")))
    tables.add((muscle, DEFINITION, Literal("line one\r\nline two")))
    tables.add((muscle, EXACT_SYNONYM, Literal("a|b")))
    tables.add((muscle, EXACT_SYNONYM, Literal("c\td")))
    nodes_text, _ = kgx_tables({ONTOLOGY_GRAPH: ontology, SPINE["graph/tables/x"]: tables})
    (row,) = _rows(nodes_text)
    assert row["name"] == "odd name with / bar"
    assert row["description"] == "line one  line two"
    assert row["synonym"] == "a/b|c d"
    assert nodes_text.count("\n") == 2


# --- the Biolink Model ---------------------------------------------------------------------


def _is_category(toolkit: bmt.Toolkit, name: str) -> bool:
    element = toolkit.get_element(name)
    return bool(
        toolkit.is_category(name, mixin=False)
        and name in toolkit.get_descendants("biolink:NamedThing", formatted=True)
        and element is not None
        and not element.abstract
        and not element.deprecated
    )


def _is_predicate(toolkit: bmt.Toolkit, name: str) -> bool:
    element = toolkit.get_element(name)
    return bool(
        toolkit.is_predicate(name)
        and name in toolkit.get_descendants("biolink:related_to", formatted=True)
        and element is not None
        and not element.abstract
        and not element.deprecated
    )


def test_every_node_category_is_a_concrete_biolink_category(
    nodes: list[Row], toolkit: bmt.Toolkit
) -> None:
    wrong = {
        (row["id"], category)
        for row in nodes
        for category in row["category"].split("|")
        if not _is_category(toolkit, category)
    }
    assert wrong == set()
    assert all(row["category"] != "biolink:NamedThing" for row in nodes), "no fallback used"


def test_every_category_of_the_tables_is_a_concrete_biolink_category(
    toolkit: bmt.Toolkit,
) -> None:
    named = [c for table in (CATEGORIES, CONCEPT_CATEGORIES) for v in table.values() for c in v]
    assert named and [c for c in named if not _is_category(toolkit, c)] == []


def test_every_spine_class_of_the_ontology_has_a_category(graphs: dict[URIRef, Graph]) -> None:
    """Climbing rdfs:subClassOf reaches an entry of CATEGORIES from every class: no build fails."""
    ontology = graphs[ONTOLOGY_GRAPH]
    classes = {c for c in ontology.subjects(RDF.type, OWL.Class) if str(c).startswith(str(SPINE))}
    assert len(classes) > 40
    unmapped = {
        curie(str(c))
        for c in classes
        if not any(a in CATEGORIES for a in ontology.transitive_objects(c, RDFS.subClassOf))
    }
    assert unmapped == set()
    assert set(CATEGORIES) <= classes, "every entry names a class of the ontology"


def test_every_edge_predicate_is_a_biolink_predicate(
    edges: list[Row], toolkit: bmt.Toolkit
) -> None:
    used = {row["predicate"] for row in edges}
    assert len(used) > 10
    assert {p for p in used if not _is_predicate(toolkit, p)} == set()
    assert [p for p in PREDICATES.values() if not _is_predicate(toolkit, p)] == []


def test_every_mapped_property_is_one_of_the_ontology(graphs: dict[URIRef, Graph]) -> None:
    ontology = graphs[ONTOLOGY_GRAPH]
    properties = set(ontology.subjects(RDF.type, OWL.ObjectProperty)) | {SKOS.broader}
    assert set(PREDICATES) - properties == set()


def test_knowledge_level_and_agent_type_are_values_of_the_biolink_enums(
    edges: list[Row], toolkit: bmt.Toolkit
) -> None:
    levels = set(toolkit.view.get_enum("KnowledgeLevelEnum").permissible_values)
    agents = set(toolkit.view.get_enum("AgentTypeEnum").permissible_values)
    assert {"knowledge_assertion", "manual_agent", "text_mining_agent"} <= levels | agents
    for row in edges:
        assert row["knowledge_level"] in levels, row["id"]
        assert row["agent_type"] in agents, row["id"]
        assert toolkit.is_permissible_value_of_enum("AgentTypeEnum", row["agent_type"])
    assert {row["agent_type"] for row in edges} == {"manual_agent", "text_mining_agent"}


def test_edge_columns_are_biolink_slots_or_spinekg_extensions(toolkit: bmt.Toolkit) -> None:
    for column in (*NODE_COLUMNS, *EDGE_COLUMNS):
        assert column.startswith("spinekg_") or toolkit.get_element(column) is not None, column


def test_xrefs_and_publications_use_biolink_prefixes(nodes: list[Row], edges: list[Row]) -> None:
    prefix_map = json.loads(
        (BIOLINK / "prefixmaps" / "biolink_model_prefix_map.json").read_text(encoding="utf-8")
    )
    known = set(prefix_map) | NOT_IN_BIOLINK_PREFIX_MAP
    xrefs = {x for row in nodes for x in row["xref"].split("|") if x}
    assert {x.split(":", 1)[0] for x in xrefs} - known == set()
    assert {"UBERON", "HP", "PMID"} <= {x.split(":", 1)[0] for x in xrefs}
    cited = {p for row in edges for p in row["publications"].split("|") if p}
    assert {p.split(":", 1)[0] for p in cited} <= {"spine", "PMID", "doi"}
    assert all(expand(p) for p in cited if p.startswith("spine:"))


# --- the graph's content -----------------------------------------------------------------


def test_every_edge_joins_two_nodes(nodes: list[Row], edges: list[Row]) -> None:
    ids = {row["id"] for row in nodes}
    assert {row["subject"] for row in edges} | {row["object"] for row in edges} <= ids


def test_one_edge_per_claim_and_negated_claims_are_negated(
    graphs: dict[URIRef, Graph], edges: list[Row]
) -> None:
    claims = _claims(graphs)
    assert {row["id"] for row in edges} == set(claims)
    negated = str(mint("modality", "negated"))
    assert negated in claims.values()
    for row in edges:
        is_negated = claims[row["id"]] == negated
        assert row["negated"] == str(is_negated), row["id"]
        assert (row["spinekg_modality"] == "negated") == is_negated
        assert claims[row["id"]] == str(mint("modality", row["spinekg_modality"]))
        assert row["primary_knowledge_source"] == "infores:spinekg"


def test_nodes_are_the_labelled_individuals_without_the_modalities(
    graphs: dict[URIRef, Graph], node_by_id: dict[str, Row]
) -> None:
    individuals = {
        curie(str(i))
        for g in graphs.values()
        for i in g.subjects(RDF.type, OWL.NamedIndividual)
        if any(g2.value(i, RDFS.label) for g2 in graphs.values())
    }
    modalities = {curie(str(mint("modality", m))) for m in ("asserted", "possible", "negated")}
    assert modalities <= individuals
    assert set(node_by_id) == individuals - modalities


def test_a_root_innervating_a_muscle_is_a_curated_related_to_edge(edges: list[Row]) -> None:
    row = _edge(
        edges,
        "spine:root-L5",
        "spine:innervates",
        "spine:muscle-extensor-digitorum-longus",
        "asserted",
    )
    assert row["predicate"] == "biolink:related_to"
    assert row["agent_type"] == "manual_agent"
    assert row["knowledge_level"] == "knowledge_assertion"
    assert row["negated"] == "False"
    assert row["spinekg_principal"] == "True"
    assert row["publications"] == "spine:source-S18"
    assert row["spinekg_locator"].startswith("S18: ")
    assert row["supporting_text"] == ""


def test_a_claim_only_the_text_loader_read_is_text_mined(edges: list[Row]) -> None:
    row = _edge(
        edges,
        "spine:condition-lumbar-disc-herniation",
        "spine:causes",
        "spine:finding-muscle-weakness",
        "possible",
    )
    assert row["predicate"] == "biolink:causes"
    assert row["agent_type"] == "text_mining_agent"
    assert row["negated"] == "False"
    assert row["publications"] == "spine:article-lumbar-herniation-basics"
    assert "may cause numbness and muscle weakness" in row["supporting_text"]


def test_a_claim_from_a_table_and_an_article_is_curated_with_its_sentence(
    edges: list[Row],
) -> None:
    row = _edge(
        edges,
        "spine:condition-lumbar-disc-herniation",
        "spine:treatedBy",
        "spine:treatment-conservative-care",
        "asserted",
    )
    assert row["predicate"] == "biolink:treated_by"
    assert row["agent_type"] == "manual_agent"
    assert "spine:article-lumbar-herniation-basics" in row["publications"].split("|")
    assert row["supporting_text"].startswith("Conservative care is tried first")


def test_a_negated_treatment_claim_is_a_negated_treated_by_edge(edges: list[Row]) -> None:
    row = _edge(
        edges,
        "spine:condition-lumbar-disc-herniation",
        "spine:treatedBy",
        "spine:treatment-gabapentinoids",
        "negated",
    )
    assert (row["predicate"], row["negated"]) == ("biolink:treated_by", "True")


def test_a_pubmed_source_is_cited_by_its_pmid(edges: list[Row], node_by_id: dict[str, Row]) -> None:
    assert "PMID:24239490" in node_by_id["spine:source-S4"]["xref"].split("|")
    assert node_by_id["spine:source-S4"]["url"] == "https://pubmed.ncbi.nlm.nih.gov/24239490/"
    cited = [row for row in edges if "PMID:24239490" in row["publications"].split("|")]
    assert cited and all("spine:source-S4" not in row["publications"] for row in cited)


def test_nodes_carry_categories_labels_definitions_synonyms_and_xrefs(
    node_by_id: dict[str, Row],
) -> None:
    root = node_by_id["spine:root-L5"]
    assert root["category"] == "biolink:GrossAnatomicalStructure"
    assert root["name"] == "L5 nerve root"
    assert root["description"].startswith("The fifth lumbar spinal nerve root")
    assert "L5 root" in root["synonym"].split("|")
    assert root["xref"] == "UBERON:0009631"
    assert root["iri"] == "https://w3id.org/spinekg/root-L5"
    assert root["provided_by"] == "infores:spinekg"
    expected = {
        "spine:herniation-L4-L5-paracentral": "biolink:Disease",
        "spine:finding-foot-drop": "biolink:PhenotypicFeature",
        "spine:treatment-gabapentinoids": "biolink:Drug|biolink:Treatment",
        "spine:treatment-surgery": "biolink:Procedure|biolink:Treatment",
        "spine:treatment-conservative-care": "biolink:Treatment",
        "spine:mechanism-nerve-root-compression": "biolink:PathologicalProcess",
        "spine:treatment-epidural-steroid-injection": "biolink:Procedure|biolink:Treatment",
        "spine:test-crossed-straight-leg-raise": "biolink:Procedure",
        "spine:risk-factor-age": "biolink:ExposureEvent",
        "spine:movement-ankle-dorsiflexion": "biolink:PhysiologicalProcess",
        "spine:zone-central": "biolink:AnatomicalEntity",
        "spine:laterality-bilateral": "biolink:ClinicalAttribute",
        "spine:source-S4": "biolink:Publication",
    }
    assert {k: node_by_id[k]["category"] for k in expected} == expected


# --- failures that make a choice due -----------------------------------------------------


def _world(kind: URIRef, *, ontology_extra: Graph | None = None) -> dict[URIRef, Graph]:
    ontology = ontology_extra if ontology_extra is not None else Graph()
    ontology.add((kind, RDF.type, OWL.Class))
    tables = Graph()
    thing = mint("thing", "x")
    tables.add((thing, RDF.type, OWL.NamedIndividual))
    tables.add((thing, RDF.type, kind))
    tables.add((thing, RDFS.label, Literal("x")))
    return {ONTOLOGY_GRAPH: ontology, SPINE["graph/tables/x"]: tables}


def test_a_new_subclass_takes_the_category_of_its_superclass() -> None:
    ontology = Graph()
    ontology.add((SPINE.TinyMuscle, RDFS.subClassOf, SPINE.Muscle))
    nodes_text, _ = kgx_tables(_world(SPINE.TinyMuscle, ontology_extra=ontology))
    (row,) = _rows(nodes_text)
    assert row["category"] == "biolink:GrossAnatomicalStructure"


def test_a_class_without_a_category_stops_the_export() -> None:
    with pytest.raises(BuildError, match="spine:Gadget has individuals but no Biolink category"):
        kgx_tables(_world(SPINE.Gadget))


def test_a_property_without_a_predicate_stops_the_export() -> None:
    graphs = _world(SPINE.Muscle)
    claim = SPINE["claim/x"]
    thing = mint("thing", "x")
    for p, o in (
        (RDF.type, SPINE.Claim),
        (SPINE.claimSubject, thing),
        (SPINE.claimPredicate, SPINE.frobnicates),
        (SPINE.claimObject, thing),
        (SPINE.hasModality, mint("modality", "asserted")),
    ):
        graphs[SPINE["graph/tables/x"]].add((claim, p, o))
    with pytest.raises(BuildError, match="spine:frobnicates, which has no Biolink predicate"):
        kgx_tables(graphs)
