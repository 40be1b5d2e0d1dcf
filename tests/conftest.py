"""Shared fixtures: one real build of the shipped sources per test session, and a tiny one."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset

from spinekg.kernel.namespaces import PREFIXES
from spinekg.loaders import curated_path
from spinekg.loaders.text import Pipeline, pipeline_for
from spinekg.pipeline.build import build
from spinekg.pipeline.load import Inputs, load
from spinekg.querying.runner import EmbeddedRunner, bind
from spinekg.querying.store import open_store

#: A small curated world (three lumbar discs, their roots, a few muscles, skin areas and
#: reflexes, one article) for tests of mechanisms: checks, validation, reasoning, releases.
TINY = Path(__file__).parent / "fixtures" / "tiny"

# The suite starts the reasoner about fifteen times on small inputs, where the JVM's optimising
# compiler and parallel collector cost more CPU than they save (a third of each run's CPU).
os.environ.setdefault(
    "JAVA_TOOL_OPTIONS", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1"
)


@pytest.fixture(scope="session", autouse=True)
def build_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build cache of the session's own (never the user's), shared by its builds."""
    folder = tmp_path_factory.mktemp("cache")
    os.environ["SPINEKG_CACHE"] = str(folder)
    return folder


@pytest.fixture(scope="session")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A release built from the shipped ontology, tables and articles: the real answers."""
    out = tmp_path_factory.mktemp("release") / "dist"
    build(out, progress=False)
    return out


@pytest.fixture(scope="session")
def store(release: Path) -> ox.Store:
    """The embedded store loaded from the release."""
    return open_store(release)


@pytest.fixture(scope="session")
def runner(store: ox.Store) -> EmbeddedRunner:
    """Catalog queries on the release."""
    return EmbeddedRunner(store)


@pytest.fixture(scope="session")
def dataset(release: Path) -> Dataset:
    """The release's N-Quads parsed by rdflib."""
    ds = Dataset()
    ds.parse(release / "spinekg.nq", format="nquads")
    return ds


@pytest.fixture
def curated_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped curated tables, for feeding the build bad input."""
    target = tmp_path / "curated"
    shutil.copytree(curated_path(), target, ignore=shutil.ignore_patterns("*.md"))
    return target


@pytest.fixture
def tiny(tmp_path: Path) -> Inputs:
    """A writable copy of the tiny curated world (tables and articles) with the real ontology."""
    target = tmp_path / "tiny"
    shutil.copytree(TINY, target)
    return Inputs.shipped(curated=target / "curated", articles=target / "articles")


@pytest.fixture(scope="session")
def tiny_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A release built from the tiny curated world."""
    out = tmp_path_factory.mktemp("tiny") / "dist"
    build(out, Inputs.shipped(curated=TINY / "curated", articles=TINY / "articles"), progress=False)
    return out


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The text loader's pipeline with the vocabulary of the shipped tables and ontology."""
    return pipeline_for(load(Inputs.shipped(with_articles=False)).graphs.values())


def select(store: ox.Store, query: str, **bindings: str) -> list[dict[str, str]]:
    """Run a SELECT with bindings (IRIs for http values, else literals); rows of strings."""
    terms = {
        k: ox.NamedNode(v) if v.startswith("http") else ox.Literal(v) for k, v in bindings.items()
    }
    results = store.query(bind(query, terms), prefixes=PREFIXES)
    assert isinstance(results, ox.QuerySolutions)
    names = [v.value for v in results.variables]
    return [{n: term.value for n in names if (term := s[n]) is not None} for s in results]
