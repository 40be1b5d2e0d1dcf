"""spinekg: an open clinical knowledge graph of the spine.

Build the graph, open the embedded release and ask a catalog question::

    >>> import spinekg
    >>> spinekg.build()  # doctest: +SKIP
    >>> runner = spinekg.embedded()  # doctest: +SKIP
    >>> rows = spinekg.rows(runner, "muscles_weakened_by_herniation",
    ...                     disc="L4-L5", zone="paracentral")  # doctest: +SKIP

Querying needs only the light dependencies; :func:`build` and :func:`check` need the
``build`` extra and are imported when first called. The query side is imported when one of
its names is first used, so that a command that needs none of it (``spinekg extract``)
starts without it.
"""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING, Any

from spinekg.kernel.errors import (
    BuildError,
    CuratedDataError,
    MissingExtraError,
    QueryError,
    ReleaseNotFoundError,
    SpineKGError,
)
from spinekg.kernel.release_files import DEFAULT_RELEASE

if TYPE_CHECKING:
    from spinekg.pipeline.build import Checked
    from spinekg.pipeline.load import Inputs
    from spinekg.queries import get_query, load_catalog
    from spinekg.querying.catalog import rows, run
    from spinekg.querying.runner import EmbeddedRunner, RemoteRunner
    from spinekg.querying.store import embedded, open_store

#: The query side's public names and the modules that hold them, imported on first use.
_LAZY = {
    "get_query": "spinekg.queries",
    "load_catalog": "spinekg.queries",
    "rows": "spinekg.querying.catalog",
    "run": "spinekg.querying.catalog",
    "EmbeddedRunner": "spinekg.querying.runner",
    "RemoteRunner": "spinekg.querying.runner",
    "embedded": "spinekg.querying.store",
    "open_store": "spinekg.querying.store",
}


def __getattr__(name: str) -> Any:
    """The query side's names, imported when first asked for (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'spinekg' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "BuildError",
    "CuratedDataError",
    "EmbeddedRunner",
    "MissingExtraError",
    "QueryError",
    "ReleaseNotFoundError",
    "RemoteRunner",
    "SpineKGError",
    "build",
    "check",
    "embedded",
    "get_query",
    "load_catalog",
    "open_store",
    "rows",
    "run",
]

#: The modules the build side imports beyond the query side's.
BUILD_MODULES = ("owlready2", "pyshacl", "negspacy", "yaml", "tqdm")


def build(
    out_dir: str | os.PathLike[str] = DEFAULT_RELEASE,
    inputs: Inputs | None = None,
    *,
    progress: bool | None = None,
) -> dict[str, object]:
    """Build a release into ``out_dir``: see :func:`spinekg.pipeline.build.build`."""
    from spinekg.kernel.errors import require_extra

    require_extra("build", *BUILD_MODULES)
    from spinekg.pipeline.build import build as run_build

    return run_build(out_dir, inputs, progress=progress)


def check(inputs: Inputs | None = None) -> Checked:
    """Load, reason and check without writing: see :func:`spinekg.pipeline.build.check_inputs`."""
    from spinekg.kernel.errors import require_extra

    require_extra("build", *BUILD_MODULES)
    from spinekg.pipeline.build import check_inputs
    from spinekg.pipeline.load import Inputs

    return check_inputs(inputs or Inputs.shipped())
