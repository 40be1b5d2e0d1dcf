"""Releases: every file opens in rdflib, pyoxigraph and owlready2; rebuilds are identical.

Mechanisms, so the tiny world's release (the shipped release's content is tested elsewhere).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, Dataset, Graph, URIRef

from spinekg.kernel.errors import CuratedDataError
from spinekg.kernel.namespaces import DESCRIPTION_GRAPH, ONTOLOGY_GRAPH, SPINE
from spinekg.kernel.release_files import FILES, sha256
from spinekg.loaders.reference import graph_name
from spinekg.loaders.schema import SPECS
from spinekg.pipeline.build import build
from spinekg.pipeline.load import Inputs, load
from spinekg.pipeline.name_keys import NAMES_GRAPH
from spinekg.pipeline.reason import INFERRED_GRAPH
from spinekg.pipeline.release import CATALOG_GRAPH
from spinekg.queries import load_catalog
from tests.conftest import TINY

RDFLIB_FORMATS = {"spinekg.ttl": "turtle", "spinekg.owl": "xml", "spinekg.jsonld": "json-ld"}
OX_FORMATS = {
    "spinekg.ttl": ox.RdfFormat.TURTLE,
    "spinekg.owl": ox.RdfFormat.RDF_XML,
    "spinekg.jsonld": ox.RdfFormat.JSON_LD,
}


def test_manifest_lists_every_file_with_its_checksum(tiny_release: Path) -> None:
    manifest = json.loads((tiny_release / "manifest.json").read_text())
    assert set(manifest["files"]) == set(FILES)
    for name, entry in manifest["files"].items():
        assert entry["sha256"] == sha256(tiny_release / name)
        assert entry["bytes"] == (tiny_release / name).stat().st_size
    assert manifest["version"] == "0.1.0"
    assert manifest["license"] == "https://creativecommons.org/licenses/by/4.0/"
    expected = {
        str(ONTOLOGY_GRAPH),
        str(INFERRED_GRAPH),
        "https://w3id.org/spinekg/graph/articles/lumbar-herniation-basics",
        str(CATALOG_GRAPH),
        str(DESCRIPTION_GRAPH),
        str(NAMES_GRAPH),
        *(str(graph_name(spec.name)) for spec in SPECS),
    }
    assert set(manifest["graphs"]) == expected
    assert manifest["graphs"][str(CATALOG_GRAPH)] >= 7 * len(load_catalog())
    assert manifest["triples"] > 10_000
    assert manifest["quads"] == sum(manifest["graphs"].values()) >= manifest["triples"]


@pytest.mark.parametrize("name", sorted(RDFLIB_FORMATS))
def test_release_files_open_in_rdflib_and_pyoxigraph_with_the_manifest_count(
    tiny_release: Path, name: str
) -> None:
    """Turtle and RDF/XML hold the distinct triples; JSON-LD keeps the named graphs (quads)."""
    manifest = json.loads((tiny_release / "manifest.json").read_text())
    store = ox.Store()
    store.load(path=str(tiny_release / name), format=OX_FORMATS[name])
    if name == "spinekg.jsonld":
        dataset = Dataset()
        dataset.parse(tiny_release / name, format="json-ld")
        assert len(dataset.default_graph) == 0  # nothing outside the named graphs
        named = [g for g in dataset.graphs() if g.identifier != dataset.default_graph.identifier]
        assert sum(len(g) for g in named) == manifest["quads"]
        assert len(store) == manifest["quads"]
        return
    graph = Graph().parse(tiny_release / name, format=RDFLIB_FORMATS[name])
    assert len(graph) == manifest["triples"]
    assert len(store) == manifest["triples"]


def test_nquads_keeps_one_named_graph_per_source(tiny_release: Path) -> None:
    manifest = json.loads((tiny_release / "manifest.json").read_text())
    dataset = Dataset()
    dataset.parse(tiny_release / "spinekg.nq", format="nquads")
    counts = {str(g.identifier): len(g) for g in dataset.graphs() if len(g)}
    assert counts == manifest["graphs"]
    store = ox.Store()
    store.load(path=str(tiny_release / "spinekg.nq"), format=ox.RdfFormat.N_QUADS)
    assert len(store) == sum(manifest["graphs"].values())


def test_owl_file_opens_in_owlready2(tiny_release: Path) -> None:
    owlready2 = pytest.importorskip("owlready2")
    world = owlready2.World()
    onto = world.get_ontology(f"file://{tiny_release / 'spinekg.owl'}").load()
    labels = {str(c.label.first()) for c in onto.classes() if c.label}
    assert {"spinal nerve root", "intervertebral disc", "muscle"} <= labels
    root = world.search_one(iri="https://w3id.org/spinekg/root-L5")
    assert root is not None
    muscles = {str(m.label.first()) for m in root.innervates}
    assert "extensor hallucis longus" in muscles
    manifest = json.loads((tiny_release / "manifest.json").read_text())
    assert len(list(world.as_rdflib_graph())) >= manifest["triples"] * 0.95


def test_rebuild_is_byte_identical(tiny_release: Path, tmp_path: Path) -> None:
    """A second build in another process (another hash seed) writes the same bytes."""
    out = tmp_path / "again"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    code = (
        "from spinekg.pipeline.build import build; from spinekg.pipeline.load import Inputs; "
        f"build({str(out)!r}, Inputs.shipped(curated={str(TINY / 'curated')!r}, "
        f"articles={str(TINY / 'articles')!r}), progress=False, cache=False)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    for name in [*FILES, "manifest.json"]:
        assert (out / name).read_bytes() == (tiny_release / name).read_bytes(), name


def test_articles_of_several_folders_each_get_a_named_graph(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "my-note.md").write_text(
        "---\nid: my-note\ntitle: My note\nsource: https://example.org/note\n"
        "author: a curator\nreviewed: 2026-11-30\nlicense: CC-BY-4.0\n---\n\n"
        "A herniated disc may press on a nerve root.\n",
        encoding="utf-8",
    )
    inputs = Inputs.shipped(curated=TINY / "curated", articles=[TINY / "articles", mine])
    graphs = load(inputs).graphs
    article = URIRef("https://w3id.org/spinekg/graph/articles/my-note")
    assert {
        article,
        URIRef("https://w3id.org/spinekg/graph/articles/lumbar-herniation-basics"),
    } <= set(graphs)
    claim = next(graphs[article].subjects(RDF.type, SPINE.Claim))
    evidence = graphs[article].value(claim, SPINE.hasEvidence)
    assert graphs[article].value(claim, SPINE.claimObject) == SPINE["spinal-nerve-root-unspecified"]
    assert str(graphs[article].value(evidence, SPINE.curatedIn)) == str(mine / "my-note.md")


def test_two_articles_with_one_id_are_both_named(tmp_path: Path) -> None:
    twin = tmp_path / "twin"
    twin.mkdir()
    original = TINY / "articles" / "lumbar-herniation-basics.md"
    (twin / "lumbar-herniation-basics.md").write_text(original.read_text(), encoding="utf-8")
    inputs = Inputs.shipped(curated=TINY / "curated", articles=[TINY / "articles", twin])
    with pytest.raises(CuratedDataError) as info:
        build(tmp_path / "dist", inputs, progress=False)
    assert [str(p) for p in info.value.problems] == [
        f"{twin / 'lumbar-herniation-basics.md'}:2:1: id 'lumbar-herniation-basics' is also "
        f"the id of {original}"
    ]
    assert not (tmp_path / "dist").exists()
