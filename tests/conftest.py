"""Shared fixtures: one real build of the shipped sources per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset

from spinekg.build import build
from spinekg.loaders import curated_path
from spinekg.store import open_store


@pytest.fixture(scope="session")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A release built from the shipped ontology and curated tables."""
    out = tmp_path_factory.mktemp("release") / "dist"
    build(out, progress=False)
    return out


@pytest.fixture(scope="session")
def store(release: Path) -> ox.Store:
    """The embedded store loaded from the release."""
    return open_store(release)


@pytest.fixture(scope="session")
def dataset(release: Path) -> Dataset:
    """The release's N-Quads parsed by rdflib."""
    ds = Dataset()
    ds.parse(release / "spinekg.nq", format="nquads")
    return ds


@pytest.fixture
def curated_copy(tmp_path: Path) -> Path:
    """A writable copy of the curated tables, for feeding the build bad input."""
    target = tmp_path / "curated"
    shutil.copytree(curated_path(), target, ignore=shutil.ignore_patterns("*.md"))
    return target


def select(store: ox.Store, query: str, **bindings: str) -> list[dict[str, str]]:
    """Run a SELECT with bindings (IRIs for http values, else literals); rows of strings."""
    from spinekg.namespaces import PREFIXES
    from spinekg.queries import bind

    terms = {
        k: ox.NamedNode(v) if v.startswith("http") else ox.Literal(v) for k, v in bindings.items()
    }
    results = store.query(bind(query, terms), prefixes=PREFIXES, use_default_graph_as_union=True)
    assert isinstance(results, ox.QuerySolutions)
    names = [v.value for v in results.variables]
    return [
        {n: s[n].value for n in names if s[n] is not None}
        for s in results  # type: ignore[union-attr]
    ]
