"""The TBox: header, labels and definitions, the classes and properties the issue asks for."""

from __future__ import annotations

from importlib.resources import files

import pytest
from rdflib import DCTERMS, OWL, RDF, RDFS, Graph, URIRef

from spinekg.namespaces import DEFINITION, ONTOLOGY_IRI, SPINE
from spinekg.ontology import ONTOLOGY_FILE, load_tbox


@pytest.fixture(scope="module")
def tbox() -> Graph:
    return load_tbox()


def test_ontology_file_ships_as_package_data() -> None:
    resource = files("spinekg.ontology") / "spinekg.ttl"
    assert resource.is_file()
    assert resource == ONTOLOGY_FILE
    assert "owl:Ontology" in resource.read_text(encoding="utf-8")


def test_header(tbox: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in tbox
    assert str(tbox.value(ONTOLOGY_IRI, OWL.versionIRI)).startswith("https://w3id.org/spinekg/")
    assert tbox.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert tbox.value(ONTOLOGY_IRI, DCTERMS.title) is not None
    assert tbox.value(ONTOLOGY_IRI, DCTERMS.description) is not None
    assert tbox.value(ONTOLOGY_IRI, DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    assert tbox.value(ONTOLOGY_IRI, DCTERMS.creator) is not None


def _terms(tbox: Graph) -> list[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    return sorted(
        {t for k in kinds for t in tbox.subjects(RDF.type, k) if str(t).startswith(str(SPINE))}
    )


def test_every_term_has_one_label_and_a_definition(tbox: Graph) -> None:
    terms = _terms(tbox)
    assert len(terms) > 80
    for term in terms:
        assert len(list(tbox.objects(term, RDFS.label))) == 1, term
        assert tbox.value(term, DEFINITION) is not None, term


@pytest.mark.parametrize(
    "name",
    [
        "SpinalRegion",
        "Vertebra",
        "IntervertebralDisc",
        "SpinalNerveRoot",
        "SpinalCord",
        "SpinalCordSegment",
        "CaudaEquina",
        "Muscle",
        "Movement",
        "SkinArea",
        "KeySensoryPoint",
        "DeepTendonReflex",
        "BodyPart",
        "ClinicalFinding",
        "Symptom",
        "Sign",
        "Condition",
        "DiscHerniation",
        "Radiculopathy",
        "Myelopathy",
        "CaudaEquinaSyndrome",
        "Mechanism",
        "Treatment",
        "ConservativeTreatment",
        "InterventionalTreatment",
        "SurgicalTreatment",
        "HerniationZone",
        "Side",
        "SourceDocument",
        "Evidence",
        "Claim",
    ],
)
def test_required_class(tbox: Graph, name: str) -> None:
    assert (SPINE[name], RDF.type, OWL.Class) in tbox


@pytest.mark.parametrize(
    ("name", "domain", "range_"),
    [
        ("partOf", "AnatomicalEntity", "AnatomicalEntity"),
        ("locatedInRegion", "AnatomicalEntity", "SpinalRegion"),
        ("liesBetween", "AnatomicalEntity", "Vertebra"),
        ("exitsAt", "SpinalNerveRoot", "ExitForamen"),
        ("compresses", "Condition", "NeuralStructure"),
        ("innervates", "SpinalNerveRoot", "Muscle"),
        ("supplies", "SpinalNerveRoot", "SkinArea"),
        ("mediates", "SpinalNerveRoot", "DeepTendonReflex"),
        ("performs", "Muscle", "Movement"),
        ("hasSymptom", "Condition", "ClinicalFinding"),
        ("occursIn", "ClinicalFinding", "BodyPart"),
        ("actsOn", "Treatment", "Mechanism"),
        ("triedBefore", "Treatment", "Treatment"),
    ],
)
def test_required_property(tbox: Graph, name: str, domain: str, range_: str) -> None:
    prop = SPINE[name]
    assert (prop, RDF.type, OWL.ObjectProperty) in tbox
    assert tbox.value(prop, RDFS.domain) == SPINE[domain]
    assert tbox.value(prop, RDFS.range) == SPINE[range_]


def test_characteristics_and_inverses(tbox: Graph) -> None:
    assert (SPINE.partOf, RDF.type, OWL.TransitiveProperty) in tbox
    assert (SPINE.triedBefore, RDF.type, OWL.TransitiveProperty) in tbox
    for prop, inverse in [
        ("partOf", "hasPart"),
        ("innervates", "innervatedBy"),
        ("supplies", "suppliedBy"),
        ("mediates", "mediatedBy"),
        ("performs", "performedBy"),
        ("compresses", "compressedBy"),
        ("causes", "causedBy"),
        ("hasSymptom", "symptomOf"),
        ("treatedBy", "treats"),
    ]:
        assert tbox.value(SPINE[prop], OWL.inverseOf) == SPINE[inverse], prop


@pytest.mark.parametrize(
    ("chain_property", "chain"),
    [
        ("mayWeaken", ["compresses", "innervates"]),
        ("mayCauseNumbnessOf", ["compresses", "supplies"]),
        ("mayDiminish", ["compresses", "mediates"]),
        ("mayImpair", ["mayWeaken", "performs"]),
    ],
)
def test_property_chains(tbox: Graph, chain_property: str, chain: list[str]) -> None:
    from rdflib.collection import Collection

    head = tbox.value(SPINE[chain_property], OWL.propertyChainAxiom)
    assert head is not None
    assert list(Collection(tbox, head)) == [SPINE[c] for c in chain]
