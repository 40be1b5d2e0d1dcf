"""Clinicians' words and other systems' codes reach the right graph entities."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from spinekg.kernel.errors import QueryError
from spinekg.kernel.namespaces import SPINE, curie
from spinekg.querying.resolve import resolve
from spinekg.querying.runner import EmbeddedRunner
from tests.conftest import select


@pytest.mark.parametrize(
    ("words", "kind", "entity"),
    [
        ("pins and needles", "spine:ClinicalFinding", "finding-paresthesia"),
        ("Pins-and-needles", "spine:ClinicalFinding", "finding-paresthesia"),
        ("ankle jerk", "spine:DeepTendonReflex", "reflex-achilles"),
        ("knee jerk", "spine:DeepTendonReflex", "reflex-patellar"),
        ("foot drop", "spine:ClinicalFinding", "finding-foot-drop"),
        ("sciatica", "spine:ClinicalFinding", "finding-sciatica"),
        ("slipped disc", "spine:Condition", "condition-disc-herniation"),
        ("pinched nerve", "spine:Condition", "condition-pinched-nerve"),
        ("L4/L5", "spine:IntervertebralDisc", "disc-L4-L5"),
        ("posterolateral", "spine:HerniationZone", "zone-paracentral"),
    ],
)
def test_clinical_words_resolve(runner: EmbeddedRunner, words: str, kind: str, entity: str) -> None:
    assert resolve(runner, words, kind) == ox.NamedNode(str(SPINE[entity]))


def test_unknown_words_name_the_closest(runner: EmbeddedRunner) -> None:
    with pytest.raises(QueryError, match=r"unknown value 'ankle jurk'; closest: ankle jerk"):
        resolve(runner, "ankle jurk", "spine:DeepTendonReflex")


MAPPINGS = """SELECT ?target WHERE {
  ?entity skos:exactMatch|skos:closeMatch|skos:broadMatch|skos:relatedMatch ?target }"""


def _codes(store: ox.Store, entity: str) -> set[str]:
    return {curie(r["target"]) for r in select(store, MAPPINGS, entity=str(SPINE[entity]))}


def test_codes_of_sciatica_and_cauda_equina_syndrome(store: ox.Store) -> None:
    assert {"MONDO:0024333", "icd10cm:M54.3", "HP:0011868", "snomedct:23056005"} <= _codes(
        store, "finding-sciatica"
    )
    assert {"MONDO:0005693", "icd10cm:G83.4", "DOID:11577"} <= _codes(
        store, "condition-cauda-equina-syndrome"
    )


def test_a_lumbar_disc_herniation_with_radiculopathy_is_m51_16_not_m54_16(store: ox.Store) -> None:
    codes = _codes(store, "herniation-L4-L5-paracentral")
    assert "icd10cm:M51.16" in codes
    assert "icd10cm:M54.16" not in codes
    assert "icd10cm:M50.122" in _codes(store, "herniation-C5-C6-paracentral")


def test_every_mapping_names_its_source(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?s ?o WHERE {
             VALUES ?p { skos:exactMatch skos:closeMatch skos:broadMatch skos:narrowMatch
                         skos:relatedMatch }
             ?s ?p ?o
             FILTER NOT EXISTS { ?a owl:annotatedSource ?s ; owl:annotatedProperty ?p ;
                                    owl:annotatedTarget ?o ; dcterms:source ?src } }""",
    )
    assert rows == []
