"""The TBox: header, labels and definitions, the classes and properties the issue asks for."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from rdflib import DCTERMS, OWL, RDF, RDFS, Graph, URIRef

from spinekg.kernel.namespaces import DEFINITION, ONTOLOGY_IRI, SPINE
from spinekg.ontology import ontology_path, parse_turtle
from spinekg.queries import load_catalog

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def tbox() -> Graph:
    return parse_turtle(ontology_path())


def test_the_wheel_ships_the_data_files(tmp_path: Path) -> None:
    """A wheel built from the sources holds the ontology, tables, articles and queries."""
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "src", "loaders", "queries", "ontology"):
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy
        copy(ROOT / name, source / name)
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    subprocess.run(
        [*pip_wheel, "-q", "-w", str(tmp_path / "wheel"), str(source)],
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "wheel").glob("spinekg-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {
        "spinekg/py.typed",
        "spinekg/ontology/spinekg.ttl",
        "spinekg/ontology/shapes.ttl",
        "spinekg/loaders/curated/muscle_roots.tsv",
        "spinekg/loaders/articles/foot-drop.md",
        "spinekg/loaders/text/relations.py",
        "spinekg/kernel/errors.py",
        "spinekg/pipeline/build.py",
        "spinekg/querying/runner.py",
        *(f"spinekg/queries/{name}.rq" for name in load_catalog()),
    }
    assert shipped <= names


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
        {
            t
            for k in kinds
            for t in tbox.subjects(RDF.type, k)
            if isinstance(t, URIRef) and t.startswith(str(SPINE))
        }
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
        ("occursIn", "ClinicalFinding", "AnatomicalEntity"),
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
