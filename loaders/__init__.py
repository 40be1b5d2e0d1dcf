"""Loaders: each turns one kind of curated source into named graphs.

``LOADERS`` is the explicit registry the build runs, in order. A loader is a function
``load(folder, *, ontology_terms) -> {graph IRI: Graph}`` that raises
:class:`~spinekg.kernel.errors.CuratedDataError` with every problem it finds.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

from rdflib import Graph, URIRef

from spinekg.loaders import reference

__all__ = ["ARTICLES_DIR", "CURATED_DIR", "LOADERS", "Loader", "articles_path", "curated_path"]

#: The curated tables shipped with the package.
CURATED_DIR = files(__name__) / "curated"
#: The curated articles shipped with the package (read by :mod:`spinekg.loaders.text`).
ARTICLES_DIR = files(__name__) / "articles"

Loader = Callable[..., dict[URIRef, Graph]]

#: Loader name -> loader, run in this order by ``spinekg build``.
LOADERS: dict[str, Loader] = {
    "reference-tables": reference.load,
}


def curated_path() -> Path:
    """The curated tables folder as a file-system path."""
    return Path(str(CURATED_DIR))


def articles_path() -> Path:
    """The curated articles folder as a file-system path."""
    return Path(str(ARTICLES_DIR))
