"""Build the graph: ontology + every loader -> a release in ``dist/``, atomically.

The release is written to a temporary sibling folder and swapped in only when every step has
succeeded, so a failed build leaves the previous release exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tqdm import tqdm

from spinekg.check import CheckError, inspect_sources, summary
from spinekg.errors import BuildError
from spinekg.loaders import LOADERS
from spinekg.reason import INFERRED_GRAPH, REASONER
from spinekg.release import canonical, write_release
from spinekg.sources import load_sources

DEFAULT_OUT = Path("dist")


def build(
    out_dir: str | os.PathLike[str] = DEFAULT_OUT,
    *,
    curated_dir: str | os.PathLike[str] | None = None,
    ontology_file: str | os.PathLike[str] | None = None,
    shapes_file: str | os.PathLike[str] | None = None,
    progress: bool | None = None,
) -> dict[str, object]:
    """Build the graph, reason over it, check it, and write a release into ``out_dir``.

    :param curated_dir: the curated tables (default: the ones shipped in the package).
    :param ontology_file: the ontology Turtle file (default: the shipped one).
    :param shapes_file: the SHACL shapes (default: the shipped ones).
    :param progress: show a progress bar; ``None`` shows one only on an interactive terminal
        outside CI.
    :returns: the release manifest.
    :raises CuratedDataError: when a curated source is malformed (``out_dir`` is untouched).
    :raises CheckError: when a check finds an ERROR (``out_dir`` is untouched).
    :raises BuildError: when the release cannot be written (``out_dir`` is untouched).
    """
    if progress is None:
        progress = os.isatty(2) and not os.environ.get("CI")
    steps = ("sources", "reasoning and checks", "release")
    with tqdm(steps, desc="spinekg build", unit="step", disable=not progress, leave=False) as bar:
        bar.set_postfix_str(steps[0])
        sources = load_sources(curated_dir, ontology_file, shapes_file)
        bar.update()
        bar.set_postfix_str(steps[1])
        inspection = inspect_sources(sources)
        if inspection.errors:
            raise CheckError(inspection.results)
        assert inspection.reasoning is not None
        graphs = {**sources.graphs, INFERRED_GRAPH: inspection.reasoning.inferred}
        bar.update()
        bar.set_postfix_str(steps[2])
        extra = {
            "loaders": list(LOADERS),
            "inferred": {
                "graph": str(INFERRED_GRAPH),
                "triples": len(inspection.reasoning.inferred),
                "reasoner": REASONER,
            },
            "checks": summary(inspection.results),
        }
        with _replacing(Path(out_dir)) as staging:
            manifest = write_release(canonical(graphs), staging, extra=extra)
        bar.update()
    return manifest


@contextmanager
def _replacing(out_dir: Path) -> Iterator[Path]:
    """Yield an empty staging folder that replaces ``out_dir`` only if the block succeeds."""
    out_dir = out_dir.resolve()
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    except OSError as exc:
        raise BuildError(f"cannot create a staging folder next to {out_dir}: {exc}") from exc
    try:
        yield staging
        old = None
        if out_dir.exists():
            old = out_dir.with_name(f".{out_dir.name}-previous")
            shutil.rmtree(old, ignore_errors=True)
            out_dir.rename(old)
        try:
            staging.rename(out_dir)
        except OSError:
            if old is not None:
                old.rename(out_dir)
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        raise BuildError(f"cannot write the release into {out_dir}: {exc}") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
