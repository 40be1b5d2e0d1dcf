"""spinekg: an open clinical knowledge graph of the spine.

Build the graph, open the embedded store and ask a catalog question::

    >>> import spinekg
    >>> spinekg.build()  # doctest: +SKIP
    >>> store = spinekg.open_store()  # doctest: +SKIP
    >>> rows = spinekg.run(store, "muscles_weakened_by_herniation",
    ...                    disc="L4-L5", zone="paracentral")  # doctest: +SKIP
"""

from spinekg.build import build
from spinekg.errors import (
    BuildError,
    CuratedDataError,
    QueryError,
    ReleaseNotFoundError,
    SpineKGError,
)
from spinekg.queries import get_query, load_catalog, run
from spinekg.store import open_store

__all__ = [
    "BuildError",
    "CuratedDataError",
    "QueryError",
    "ReleaseNotFoundError",
    "SpineKGError",
    "build",
    "get_query",
    "load_catalog",
    "open_store",
    "run",
]
