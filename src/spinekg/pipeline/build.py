"""The build, the one orchestrator: load -> reason -> check -> release, atomically.

``spinekg check`` runs the first three steps (:func:`check_inputs`); ``spinekg build`` all four
(:func:`build`). The release is written to a temporary sibling folder and swapped in only when
every step has succeeded, so a failed build leaves the previous release exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from spinekg.kernel.errors import BuildError, CuratedDataError
from spinekg.kernel.release_files import DEFAULT_RELEASE
from spinekg.loaders import LOADERS
from spinekg.pipeline.check import (
    CheckError,
    CheckResult,
    check,
    ordered,
    reasoner_results,
    summary,
    syntax_results,
)
from spinekg.pipeline.load import Inputs, Loaded, load
from spinekg.pipeline.reason import INFERRED_GRAPH, REASONER, ReasonerError, Reasoning, reason
from spinekg.pipeline.release import CATALOG_GRAPH, canonical, catalog_graph, write_release
from spinekg.queries import load_catalog

__all__ = ["Checked", "build", "check_inputs"]


@dataclass
class Checked:
    """What loading, reasoning and checking found: the results, and what got that far."""

    results: list[CheckResult]
    loaded: Loaded | None = None
    reasoning: Reasoning | None = None
    errors: list[CheckResult] = field(init=False)

    def __post_init__(self) -> None:
        """Keep the results of severity ERROR apart."""
        self.errors = [r for r in self.results if r.severity == "ERROR"]


def check_inputs(inputs: Inputs) -> Checked:
    """Load the inputs, reason over them and run every check; never raises for bad input.

    A malformed input gives its syntax results; a reasoner that fails gives its own.
    """
    try:
        loaded = load(inputs)
    except CuratedDataError as error:
        return Checked(syntax_results(error))
    return _reason_and_check(loaded)


def _reason_and_check(loaded: Loaded) -> Checked:
    found: list[CheckResult] = []
    reasoning = None
    try:
        reasoning = reason(loaded.graphs, merged=loaded.merged)
    except ReasonerError as error:
        found = reasoner_results(error, loaded.locations)
    found += check(
        loaded.graphs,
        reasoning,
        loaded.shapes,
        locations=loaded.locations,
        merged=loaded.merged,
    )
    found += [
        CheckResult("INFO", "text-unrecognised", "", "", f'"{mention}" {why}', where)
        for where, mention, why in loaded.unrecognised
    ]
    return Checked(ordered(found), loaded, reasoning)


def build(
    out_dir: str | os.PathLike[str] = DEFAULT_RELEASE,
    inputs: Inputs | None = None,
    *,
    progress: bool | None = None,
) -> dict[str, object]:
    """Build the graph, reason over it, check it, and write a release into ``out_dir``.

    :param inputs: the files to build from (default: the ones shipped in the package).
    :param progress: show a progress bar; ``None`` shows one only on an interactive terminal
        outside CI.
    :returns: the release manifest.
    :raises CuratedDataError: when an input is malformed (``out_dir`` is untouched).
    :raises CheckError: when a check finds an ERROR (``out_dir`` is untouched).
    :raises BuildError: when the release cannot be written (``out_dir`` is untouched).
    """
    inputs = inputs or Inputs.shipped()
    if progress is None:
        progress = os.isatty(2) and not os.environ.get("CI")
    steps = ("load, reason, check", "release")
    with tqdm(steps, desc="spinekg build", unit="step", disable=not progress, leave=False) as bar:
        bar.set_postfix_str(steps[0])
        checked = _reason_and_check(load(inputs))  # a malformed input raises CuratedDataError
        if checked.errors or checked.loaded is None or checked.reasoning is None:
            raise CheckError(checked.results)
        bar.update()
        bar.set_postfix_str(steps[1])
        inferred = checked.reasoning.inferred
        graphs = {
            **checked.loaded.graphs,
            INFERRED_GRAPH: inferred,
            CATALOG_GRAPH: catalog_graph(load_catalog()),
        }
        extra = {
            "loaders": list(LOADERS),
            "inferred": {
                "graph": str(INFERRED_GRAPH),
                "triples": len(inferred),
                "reasoner": REASONER,
            },
            "checks": summary(checked.results),
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
