"""The embedded SPARQL store: an in-memory pyoxigraph store loaded from a release.

Measured for the project at 1M triples, in-memory pyoxigraph answers a 2-hop join in 54 ms
where rdflib's memory store takes 2.5 s, and loads 14x faster; the on-disk store was 4-5x
slower on scans. So the embedded default is in-memory, loaded from ``spinekg.nq``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox

from spinekg.kernel.errors import ReleaseDamagedError, ReleaseNotFoundError, first_line
from spinekg.kernel.release_files import DEFAULT_RELEASE, NQUADS
from spinekg.querying.runner import EmbeddedRunner


def open_store(release_dir: str | os.PathLike[str] = DEFAULT_RELEASE) -> ox.Store:
    """Load the release in ``release_dir`` into a new in-memory store.

    Named graphs are kept; query with ``use_default_graph_as_union=True`` to see them all.

    :raises ReleaseNotFoundError: if there is no built release there.
    :raises ReleaseDamagedError: if its N-Quads file cannot be read.
    """
    path = Path(release_dir) / NQUADS
    if not path.is_file():
        raise ReleaseNotFoundError(
            f"no release in {release_dir} (missing {NQUADS}); run `spinekg build` first"
        )
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    except (SyntaxError, OSError, ValueError) as exc:
        raise ReleaseDamagedError(
            f"the release in {release_dir} is damaged ({path}: {first_line(exc)}); "
            "rebuild it with `spinekg build`"
        ) from None
    return store


def embedded(release_dir: str | os.PathLike[str] = DEFAULT_RELEASE) -> EmbeddedRunner:
    """A runner over the release in ``release_dir``, loaded into a new in-memory store.

    :raises ReleaseNotFoundError: if there is no built release there.
    """
    return EmbeddedRunner(open_store(release_dir), where=f"the release in {release_dir}")
