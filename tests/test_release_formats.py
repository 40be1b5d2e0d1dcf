"""The release as other systems take it, checked with the ecosystem's own readers.

- OWL 2 DL: the OWL API's profile checker (shipped inside owlready2's HermiT.jar; needs a Java
  that runs source files) finds no violation; without Java, py-horned-owl reads the file and
  a Java-free check covers what the OWL API reported before: every property and class the
  release uses is declared, no IRI is both a class and an individual or two kinds of property,
  and mapping provenance is an axiom annotation.
- SSSOM: the ``sssom`` package parses and validates ``spinekg.sssom.tsv``.
- VoID/DCAT: the description graph's counts are the manifest's.
- JSON-LD keeps the named graphs and has every prefix in its context.
- Prefixes are the Bioregistry's, synonyms included.
- Evidence records are typed with ECO and linked with PROV.
"""

from __future__ import annotations

import importlib.resources
import importlib.util
import json
import shutil
import subprocess
from pathlib import Path

import pyhornedowl
import pyoxigraph as ox
import pytest
from rdflib import OWL, RDF, RDFS, URIRef
from sssom.constants import SchemaValidationType
from sssom.parsers import parse_sssom_table
from sssom.validators import validate

from spinekg.kernel.claims import ECO_CURATED, ECO_TEXT_MINED
from spinekg.kernel.namespaces import (
    DATASET,
    DESCRIPTION_GRAPH,
    PREFIXES,
    converter,
    expand,
    standard_curie,
)
from tests.conftest import select

MAPPINGS = {
    URIRef(f"http://www.w3.org/2004/02/skos/core#{name}")
    for name in ("exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch")
}
BUILTIN = (str(RDF), str(RDFS), str(OWL), "http://www.w3.org/2001/XMLSchema#")
DECLARATIONS = {
    OWL.Class: "class",
    OWL.ObjectProperty: "object property",
    OWL.DatatypeProperty: "data property",
    OWL.AnnotationProperty: "annotation property",
    OWL.NamedIndividual: "individual",
}


@pytest.fixture(scope="module")
def owl_triples(release: Path) -> list[tuple[str, str, str]]:
    """The triples of ``spinekg.owl`` as strings (pyoxigraph): IRIs bare, blank nodes ``_:``."""
    return [
        (_text(t.subject), t.predicate.value, _text(t.object))
        for t in ox.parse(path=str(release / "spinekg.owl"), format=ox.RdfFormat.RDF_XML)
    ]


def _text(term: object) -> str:
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(getattr(term, "value", term))


# --------------------------------------------------------------------------- OWL 2 DL


BAD_OWL = (
    '<?xml version="1.0"?>\n'
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
    ' xmlns:owl="http://www.w3.org/2002/07/owl#" xmlns:ex="https://example.org/">\n'
    '  <owl:Ontology rdf:about="https://example.org/o"/>\n'
    '  <owl:NamedIndividual rdf:about="https://example.org/a"><ex:says>hi</ex:says>'
    "</owl:NamedIndividual>\n</rdf:RDF>\n"
)


@pytest.fixture(scope="module")
def owlapi_violations(release: Path, tmp_path_factory: pytest.TempPathFactory) -> list[list[str]]:
    """The OWL API's OWL 2 DL profile violations of the release and of a bad file (one JVM).

    Skipped when no Java can run the check (it needs Java 11 or later with its compiler, to run
    the checker from source).
    """
    java = shutil.which("java")
    if java is None:
        pytest.skip("no `java` on the PATH: the OWL API profile check needs Java 11 or later")
    bad = tmp_path_factory.mktemp("owlapi") / "bad.owl"
    bad.write_text(BAD_OWL, encoding="utf-8")
    jar = importlib.resources.files("owlready2") / "hermit" / "HermiT.jar"
    source = Path(__file__).parent / "owlapi" / "DlProfile.java"
    quick = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]  # a short run: less JIT, one GC
    done = subprocess.run(
        [java, *quick, "-cp", str(jar), str(source), str(release / "spinekg.owl"), str(bad)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode != 0 and "violations:" not in done.stdout:
        pytest.skip(f"this Java cannot run the OWL API check from source: {done.stderr[-300:]}")
    reports: list[list[str]] = [[]]
    for line in done.stdout.splitlines():
        if line.startswith("violations: "):
            assert int(line.split()[1]) == len(reports[-1])
            reports.append([])
        else:
            reports[-1].append(line)
    assert len(reports) == 3, done.stdout[-500:]
    return reports[:2]


def test_the_owl_release_is_owl2_dl_for_the_owl_api(owlapi_violations: list[list[str]]) -> None:
    assert owlapi_violations[0] == []


def test_the_owl_api_check_reports_an_undeclared_property(
    owlapi_violations: list[list[str]],
) -> None:
    bad = owlapi_violations[1]
    assert len(bad) == 1
    assert "https://example.org/says" in bad[0]


def _declared(triples: list[tuple[str, str, str]]) -> dict[str, set[str]]:
    kinds: dict[str, set[str]] = {}
    for s, p, o in triples:
        if p == str(RDF.type) and URIRef(o) in DECLARATIONS and not s.startswith("_:"):
            kinds.setdefault(s, set()).add(DECLARATIONS[URIRef(o)])
    return kinds


def test_every_property_and_class_the_release_uses_is_declared(
    owl_triples: list[tuple[str, str, str]],
) -> None:
    """The Java-free check: declarations (OWL 2 DL's typing constraints) and punning.

    Covered: every predicate is a declared object, data or annotation property; every class of
    a class assertion is a declared class; no IRI is declared as two kinds of property, or as
    a class and an individual (which the ontology README rules out). Not covered (the OWL API
    test does them where Java runs): the global restrictions on property chains and
    transitive properties in cardinality restrictions, and datatype-map checks.
    """
    kinds = _declared(owl_triples)
    property_kinds = {"object property", "data property", "annotation property"}
    undeclared: set[tuple[str, str]] = set()
    for _, p, o in owl_triples:
        if not p.startswith(BUILTIN) and not kinds.get(p, set()) & property_kinds:
            undeclared.add(("property", p))
        if p == str(RDF.type) and not o.startswith(BUILTIN) and "class" not in kinds.get(o, set()):
            undeclared.add(("class", o))
    assert undeclared == set()
    assert [t for t, k in kinds.items() if len(k & property_kinds) > 1] == []
    assert [t for t, k in kinds.items() if {"class", "individual"} <= k] == []


def test_py_horned_owl_reads_the_release_with_its_declarations(
    release: Path, owl_triples: list[tuple[str, str, str]]
) -> None:
    ontology = pyhornedowl.open_ontology(str(release / "spinekg.owl"), "rdf")
    kinds = _declared(owl_triples)
    classes = {t for t, k in kinds.items() if "class" in k}
    annotation_properties = {t for t, k in kinds.items() if "annotation property" in k}
    assert {str(c) for c in classes} <= {str(c).strip("<>") for c in ontology.get_classes()}
    assert {str(p) for p in annotation_properties} <= {
        str(p).strip("<>") for p in ontology.get_annotation_properties()
    }
    assert "https://w3id.org/spinekg/root-L5" in {
        str(i).strip("<>") for i in ontology.get_named_individuals()
    }


def test_mapping_sources_are_axiom_annotations_that_owl_tools_show(release: Path) -> None:
    ontology = pyhornedowl.open_ontology(str(release / "spinekg.owl"), "rdf")
    annotated, bare = 0, []
    for axiom in ontology.get_axioms():
        component = axiom.component
        if type(component).__name__ != "AnnotationAssertion":
            continue
        if URIRef(str(component.ann.ap).strip("<>")) not in MAPPINGS:
            continue
        sources = [a for a in axiom.ann if str(a.ap) == "<http://purl.org/dc/terms/source>"]
        if sources:
            annotated += 1
        else:
            bare.append(str(component))
    assert bare == []
    assert annotated > 400


# --------------------------------------------------------------------------- SSSOM


def test_the_sssom_file_validates_and_says_what_the_graph_says(
    release: Path, store: ox.Store
) -> None:
    mapping_set = parse_sssom_table(release / "spinekg.sssom.tsv")
    reports = validate(
        mapping_set,
        [
            SchemaValidationType.JsonSchema,
            SchemaValidationType.PrefixMapCompleteness,
            SchemaValidationType.StrictCurieFormat,
        ],
        fail_on_error=False,
    )
    assert {kind: report.results for kind, report in reports.items()} == {
        kind: [] for kind in reports
    }
    table = mapping_set.df
    rows = {
        (expand(s), expand(p), expand(o))
        for s, p, o in zip(table.subject_id, table.predicate_id, table.object_id, strict=True)
    }
    graph = {
        (r["s"], r["p"], r["o"])
        for r in select(
            store,
            "SELECT DISTINCT ?s ?p ?o WHERE { VALUES ?p { skos:exactMatch skos:closeMatch "
            "skos:broadMatch skos:narrowMatch skos:relatedMatch } ?s ?p ?o }",
        )
    }
    assert rows == graph
    assert set(table.mapping_justification) == {"semapv:ManualMappingCuration"}
    sciatica = table[table.subject_label == "sciatica"]
    assert "MONDO:0024333" in set(sciatica.object_id)
    assert set(sciatica.mapping_source) <= {f"spine:source-S{n}" for n in range(1, 60)}
    assert mapping_set.metadata["license"] == "https://creativecommons.org/licenses/by/4.0/"


# --------------------------------------------------------------------------- VoID / DCAT


def test_the_dataset_describes_itself_with_the_manifest_counts(
    release: Path, store: ox.Store
) -> None:
    manifest = json.loads((release / "manifest.json").read_text())
    subsets = {
        r["graph"]: int(r["n"])
        for r in select(
            store,
            "SELECT DISTINCT ?graph ?n WHERE { GRAPH ?g { ?d void:subset ?graph . "
            "?graph void:triples ?n } }",
        )
    }
    assert subsets == manifest["graphs"]
    assert str(DESCRIPTION_GRAPH) in subsets
    totals = select(
        store,
        "SELECT ?t ?q ?title ?version ?license WHERE { ?d void:triples ?t ; spine:quads ?q ; "
        "dcterms:title ?title ; dcat:version ?version ; dcterms:license ?license }",
        d=str(DATASET),
    )
    assert len(totals) == 1
    assert int(totals[0]["t"]) == manifest["triples"]
    assert int(totals[0]["q"]) == manifest["quads"] == sum(manifest["graphs"].values())
    assert totals[0]["version"] == manifest["version"]
    assert totals[0]["license"] == manifest["license"]
    lines = (release / "spinekg.nq").read_text().count("\n")
    assert lines == manifest["quads"]
    turtle = ox.parse(path=str(release / "spinekg.ttl"), format=ox.RdfFormat.TURTLE)
    assert sum(1 for _ in turtle) == manifest["triples"]
    downloads = {
        r["url"].rsplit("/", 1)[1]
        for r in select(store, "SELECT ?url WHERE { ?d dcat:distribution/dcat:downloadURL ?url }")
    }
    assert downloads == set(manifest["files"])


# --------------------------------------------------------------------------- JSON-LD


def test_json_ld_keeps_named_graphs_and_every_prefix(release: Path) -> None:
    data = json.loads((release / "spinekg.jsonld").read_text())
    assert set(PREFIXES) <= set(data["@context"])
    assert {"UBERON", "HP", "MONDO", "snomedct"} <= set(data["@context"])
    quads = {
        (q.subject, q.predicate, q.object, q.graph_name)
        for q in ox.parse(path=str(release / "spinekg.jsonld"), format=ox.RdfFormat.JSON_LD)
    }
    manifest = json.loads((release / "manifest.json").read_text())
    assert len(quads) == manifest["quads"]
    assert {str(g).strip("<>") for *_, g in quads} == set(manifest["graphs"])


# --------------------------------------------------------------------------- prefixes


def test_prefixes_are_the_bioregistrys_and_read_others_synonyms() -> None:
    assert expand("SNOMEDCT_US:23056005") == (
        "http://purl.bioontology.org/ontology/SNOMEDCT/23056005"
    )
    assert standard_curie("SCTID:23056005") == "snomedct:23056005"
    assert standard_curie("MESH:D012585") == standard_curie("mesh:D012585") == "mesh:D012585"
    assert converter().compress("http://snomed.info/id/23056005") == "snomedct:23056005"
    assert converter().compress("http://purl.org/sig/ont/fma/fma9914") == "FMA:9914"


def test_the_shipped_prefix_file_is_what_the_installed_bioregistry_says() -> None:
    """``scripts/update_prefixes.py`` rewrites the file; this is its ``--check``, in-process."""
    script = Path(__file__).parent.parent / "scripts" / "update_prefixes.py"
    spec = importlib.util.spec_from_file_location("update_prefixes", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shipped = json.loads(module.TARGET.read_text(encoding="utf-8"))
    assert shipped == module.records(), "run scripts/update_prefixes.py and commit prefixes.json"


# --------------------------------------------------------------------------- evidence


def test_evidence_records_are_typed_with_eco_and_derive_from_their_source(
    store: ox.Store,
) -> None:
    kinds = select(
        store,
        "SELECT ?kind (COUNT(DISTINCT ?e) AS ?n) WHERE { "
        "?e a spine:Evidence , ?kind ; prov:wasDerivedFrom ?doc ; spine:fromSource ?doc . "
        "FILTER(STRSTARTS(STR(?kind), STR(obo:ECO_))) } GROUP BY ?kind",
    )
    by_kind = {r["kind"]: r for r in kinds}
    assert set(by_kind) == {str(ECO_CURATED), str(ECO_TEXT_MINED)}
    assert int(by_kind[str(ECO_CURATED)]["n"]) > 1000
    assert int(by_kind[str(ECO_TEXT_MINED)]["n"]) > 100
    untyped = select(
        store,
        "SELECT ?e WHERE { ?e a spine:Evidence FILTER NOT EXISTS { ?e a ?k "
        "FILTER(STRSTARTS(STR(?k), STR(obo:ECO_))) } } LIMIT 3",
    )
    assert untyped == []
