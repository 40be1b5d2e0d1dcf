"""The ``spinekg`` command line: each command calls one library function.

Errors that spinekg raises on purpose (bad curated data, unknown query or parameter, missing
release or extra) are printed as one clear message with exit status 1, never as a traceback
(``spinekg diff`` exits 2 instead, as diff(1) does, since 0 and 1 could be read as "same" and
"different").
Modules are imported inside the commands that need them, so ``spinekg query`` never loads the
build side (spaCy, owlready2, pyshacl).
"""

from __future__ import annotations

import functools
import io
import json
import math
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import click

from spinekg.kernel.errors import ChecksFailedError, CuratedDataError, SpineKGError
from spinekg.kernel.release_files import DEFAULT_RELEASE, SITE_MARKER

if TYPE_CHECKING:
    from spinekg.pipeline.load import Inputs
    from spinekg.querying.diagrams import Diagram
    from spinekg.querying.runner import Runner

P = ParamSpec("P")
R = TypeVar("R")

DIST_OPTION = click.option(
    "--dist",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_RELEASE,
    show_default=True,
    help="Release folder.",
)
CURATED_OPTION = click.option(
    "--curated",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Curated tables folder (default: the shipped one).",
)
ONTOLOGY_OPTION = click.option(
    "--ontology",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Ontology Turtle file (default: the shipped one).",
)
SHAPES_OPTION = click.option(
    "--shapes",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="SHACL shapes file (default: the shipped ontology/shapes.ttl).",
)
ARTICLES_OPTION = click.option(
    "--articles",
    multiple=True,
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="A folder of articles (Markdown with front matter), instead of the shipped one; "
    "repeat it for several (add loaders/articles to keep the shipped ones too).",
)
CLAIMS_OPTION = click.option(
    "--claims",
    multiple=True,
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="A folder of a corpus's claims (`spinekg extract ... --out DIR`), to add; repeatable.",
)
ANSWER_FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
PICTURE_FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "svg", "dot", "mermaid"]),
    default="text",
    show_default=True,
    help="text or json; or a diagram: svg (drawn by Graphviz), Graphviz dot, or Mermaid.",
)
ENDPOINT_OPTION = click.option(
    "--endpoint",
    help="Answer from this SPARQL 1.1 endpoint instead of the embedded release "
    "(no local release needed).",
)


class _Seconds(click.FloatRange):
    """A number of seconds: more than 0, at most a day, and a number (not ``nan``)."""

    name = "seconds"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        """The seconds, or a usage error."""
        seconds = float(super().convert(value, param, ctx))
        if math.isnan(seconds):
            self.fail(f"{value!r} is not a number of seconds", param, ctx)
        return seconds


SECONDS = _Seconds(0, 86_400, min_open=True)
TIMEOUT_OPTION = click.option(
    "--timeout",
    type=SECONDS,
    default=30.0,
    show_default=True,
    help="Seconds a query may take, on the embedded release or the --endpoint.",
)


def reports_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Print spinekg's own errors as messages (exit 1) instead of tracebacks."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except CuratedDataError as exc:
            for problem in exc.problems:
                click.echo(f"error: {problem}", err=True)
            if func.__name__ == "build_command":  # check and extract build nothing anyway
                click.echo(f"{len(exc.problems)} problem(s); nothing was built.", err=True)
        except ChecksFailedError as exc:
            click.echo(str(exc), err=True)
            click.echo(
                f"{len(exc.errors)} error(s); nothing was built "
                "(`spinekg check` shows the full report).",
                err=True,
            )
        except SpineKGError as exc:
            click.echo(f"error: {exc}", err=True)
        sys.exit(1)

    return wrapper


def _runner(dist: Path, endpoint: str | None, timeout: float = 30.0) -> Runner:
    """The embedded release in ``dist``, or the endpoint if one is given."""
    from spinekg.querying.runner import RemoteRunner
    from spinekg.querying.store import embedded

    return RemoteRunner(endpoint, timeout=timeout) if endpoint is not None else embedded(dist)


def _inputs(
    curated: Path | None,
    ontology: Path | None,
    shapes: Path | None,
    articles: tuple[Path, ...] = (),
    claims: tuple[Path, ...] = (),
    *,
    with_articles: bool = True,
) -> Inputs:
    from spinekg import BUILD_MODULES
    from spinekg.kernel.errors import require_extra

    require_extra("build", *BUILD_MODULES)
    from spinekg.pipeline.load import Inputs

    return Inputs.shipped(
        curated=curated,
        ontology=ontology,
        shapes=shapes,
        articles=articles,
        with_articles=with_articles,
        claims=claims,
    )


@click.group()
@click.version_option(package_name="spinekg")
def main() -> None:
    """spinekg: an open clinical knowledge graph of the spine."""


@main.command("build")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_RELEASE,
    show_default=True,
    help="Release folder to (re)write.",
)
@CURATED_OPTION
@ONTOLOGY_OPTION
@SHAPES_OPTION
@ARTICLES_OPTION
@CLAIMS_OPTION
@click.option(
    "--no-cache",
    is_flag=True,
    help="Load, reason and check even if the build cache holds the release of these inputs.",
)
@click.option(
    "--site",
    type=click.Path(file_okay=False, path_type=Path),
    help="Also write the release's static site to this folder (as `spinekg site` does).",
)
@reports_errors
def build_command(
    out: Path,
    curated: Path | None,
    ontology: Path | None,
    shapes: Path | None,
    articles: tuple[Path, ...],
    claims: tuple[Path, ...],
    no_cache: bool,
    site: Path | None,
) -> None:
    """Build, reason, check, and write a release (Turtle, RDF/XML, JSON-LD, N-Quads).

    A rebuild from unchanged inputs, code and libraries copies the release built before from
    the build cache ($SPINEKG_CACHE, else ~/.cache/spinekg): the same bytes, in a second.
    """
    inputs = _inputs(curated, ontology, shapes, articles, claims)
    from spinekg.pipeline.build import build

    manifest = build(out, inputs, cache=not no_cache)
    graphs = manifest["graphs"]
    assert isinstance(graphs, dict)
    click.echo(
        f"built spinekg {manifest['version']}: {manifest['triples']:,} distinct triples, "
        f"{manifest['quads']:,} quads in {len(graphs)} named graphs -> {out}/"
    )
    if site is not None:
        _write_site(_runner(out, None), site, None)


@main.command("site")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("site"),
    show_default=True,
    help="Folder to (re)write the site to; the previous one stays if writing fails.",
)
@click.option(
    "--sparql-page",
    help="Address of a page to ask SPARQL on, linked from every page "
    "(`spinekg serve` shows one at its root).",
)
@ENDPOINT_OPTION
@TIMEOUT_OPTION
@DIST_OPTION
@reports_errors
def site_command(
    out: Path, sparql_page: str | None, endpoint: str | None, timeout: float, dist: Path
) -> None:
    """Write a static site of the release; open OUT/index.html.

    A page per herniation (with its diagram), root and entity, the ontology, the query catalog
    and a search that works offline.
    """
    _write_site(_runner(dist, endpoint, timeout), out, sparql_page)


def _write_site(runner: Runner, out: Path, sparql_page: str | None) -> None:
    from spinekg.site import write_site

    def say(message: str) -> None:
        if sys.stderr.isatty():
            click.echo(f"site: {message}", err=True)

    summary = write_site(runner, out, sparql_page=sparql_page, progress=say)
    click.echo(f"wrote {summary.pages:,} pages and {summary.diagrams} diagrams -> {out}/index.html")
    if summary.without_diagrams:
        click.echo(f"note: no diagrams: {summary.without_diagrams}", err=True)


@main.command("check")
@CURATED_OPTION
@ONTOLOGY_OPTION
@SHAPES_OPTION
@ARTICLES_OPTION
@CLAIMS_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "tsv"]),
    default="text",
    show_default=True,
    help="text: `where: SEVERITY check: entity property value`; tsv: one column each.",
)
@reports_errors
def check_command(
    curated: Path | None,
    ontology: Path | None,
    shapes: Path | None,
    articles: tuple[Path, ...],
    claims: tuple[Path, ...],
    fmt: str,
) -> None:
    """Run every check (syntax, ROBOT-style report, SHACL, references, reasoner) and report.

    Exit status 1 if any result is an ERROR.
    """
    inputs = _inputs(curated, ontology, shapes, articles, claims)
    from spinekg.pipeline.build import check_inputs
    from spinekg.pipeline.check import format_results, summary

    checked = check_inputs(inputs)
    if checked.results or fmt == "tsv":
        click.echo(format_results(checked.results, fmt))
    click.echo(summary(checked.results), err=True)
    if checked.errors:
        sys.exit(1)


@main.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "ttl"]),
    default="json",
    show_default=True,
    help="json: claims and the curator report (one indented object for one file; JSON Lines, "
    "one document a line, for several); ttl: the claims as graph triples.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Worker processes (0: one per core).",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=2_000_000,
    show_default=True,
    help="The largest article read; a larger file is reported and skipped.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write the claims as N-Quads shards into this folder, resumably (run the same command "
    "again after a failure: done shards are kept), for `build --claims` and `publish --claims`.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="With --out: local worker processes (--jobs), or a Dask cluster (--scheduler, else a "
    "local cluster of --jobs worker processes).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="With --out: the Dask scheduler to use (tcp://host:8786); implies --engine dask.",
)
@click.option(
    "--shard-size",
    type=click.IntRange(min=1),
    default=1000,
    show_default=True,
    help="With --out: documents per shard (the unit of work, of output and of resumption).",
)
@click.option(
    "--corpus",
    "corpus_name",
    metavar="NAME",
    help="With --out: the corpus name in document ids and graph IRIs (default: the folder's).",
)
@CURATED_OPTION
@ONTOLOGY_OPTION
@reports_errors
def extract_command(
    paths: tuple[Path, ...],
    fmt: str,
    jobs: int,
    max_bytes: int,
    out: Path | None,
    engine: str,
    scheduler: str | None,
    shard_size: int,
    corpus_name: str | None,
    curated: Path | None,
    ontology: Path | None,
) -> None:
    """Preview the claims the text loader finds in PATHS (Markdown or text files, folders).

    A malformed article is reported (file:line) and the others go on; exit status 1 if any was.
    With --out, the claims of a corpus of any size go to N-Quads shards instead.
    """
    inputs = _inputs(curated, ontology, None, with_articles=False)
    if out is not None:
        _extract_corpus(
            paths,
            out,
            inputs,
            "dask" if scheduler else engine,
            scheduler,
            jobs,
            shard_size,
            corpus_name,
            max_bytes,
        )
        return
    from spinekg.loaders.text import claims_turtle, extract, read_article
    from spinekg.loaders.text.batch import article_files, extract_all
    from spinekg.loaders.text.pipeline import Pipeline
    from spinekg.pipeline.load import lexicon_of

    files = article_files(paths)
    if len(files) == 1 and not paths[0].is_dir():
        article = read_article(files[0], curated=False, max_bytes=max_bytes)  # before loading
        extraction = extract(article, Pipeline(lexicon_of(inputs)))
        if fmt == "ttl":
            click.echo(claims_turtle([extraction]), nl=False)
        else:
            click.echo(json.dumps(extraction.json(), indent=2, ensure_ascii=False))
        return
    failed = 0
    extractions = []
    progress = sys.stderr.isatty() and len(files) > 1
    with click.progressbar(
        extract_all(files, lexicon_of(inputs), jobs=jobs, max_bytes=max_bytes),
        length=len(files),
        label="extracting",
        file=sys.stderr if progress else io.StringIO(),
    ) as outcomes:
        for outcome in outcomes:
            if outcome.extraction is None:
                failed += 1
                for problem in outcome.problems:
                    click.echo(f"error: {problem}", err=True)
            elif fmt == "ttl":
                extractions.append(outcome.extraction)
            else:
                click.echo(json.dumps(outcome.extraction.json(), ensure_ascii=False))
    if fmt == "ttl":
        click.echo(claims_turtle(extractions), nl=False)
    if failed:
        click.echo(f"{failed} of {len(files)} article(s) could not be read.", err=True)
        sys.exit(1)


def _extract_corpus(
    paths: tuple[Path, ...],
    out: Path,
    inputs: Inputs,
    engine: str,
    scheduler: str | None,
    jobs: int,
    shard_size: int,
    corpus_name: str | None,
    max_bytes: int,
) -> None:
    """``extract --out``: the corpus into shards, with a progress bar on a terminal."""
    from spinekg.pipeline.corpus import MANIFEST, Vocabulary, extract_corpus
    from spinekg.pipeline.engines import DaskEngine, Engine, LocalEngine

    vocabulary = Vocabulary.of(inputs)
    workers: Engine = DaskEngine(scheduler, workers=jobs) if engine == "dask" else LocalEngine(jobs)
    try:
        with click.progressbar(
            length=1,
            label=f"extracting ({engine}, {workers.workers} workers)",
            file=sys.stderr if sys.stderr.isatty() else io.StringIO(),
        ) as bar:

            def advance(documents: int, total: int) -> None:
                bar.length = total
                bar.update(documents)

            run = extract_corpus(
                list(paths),
                out,
                vocabulary,
                workers,
                corpus=corpus_name,
                shard_size=shard_size,
                max_bytes=max_bytes,
                progress=advance,
            )
    finally:
        if isinstance(workers, DaskEngine):
            workers.close()
    for problem in run.problems:
        click.echo(f"error: {problem}", err=True)
    for failure in run.failed:
        click.echo(f"error: shard {failure}", err=True)
    click.echo(
        f"{run.documents:,} documents in {run.shards:,} shards ({run.extracted:,} extracted now, "
        f"{run.kept:,} kept from an earlier run): {run.claims:,} claims -> {out}/{MANIFEST}"
    )
    if run.failed:
        click.echo(
            f"{len(run.failed)} shard(s) failed; run the same command again to extract them "
            "(the others are kept).",
            err=True,
        )
    if run.problems:
        click.echo(f"{len(run.problems)} document(s) could not be read.", err=True)
    if run.failed or run.problems:
        sys.exit(1)


@main.command("explain")
@click.option("--disc", required=True, help="Disc level: L4-L5, C5-C6 ...")
@click.option(
    "--zone", required=True, help="central, paracentral (posterolateral), foraminal, far-lateral"
)
@click.option("--side", help="left or right")
@PICTURE_FORMAT
@ENDPOINT_OPTION
@TIMEOUT_OPTION
@DIST_OPTION
@reports_errors
def explain_command(
    disc: str,
    zone: str,
    side: str | None,
    fmt: str,
    endpoint: str | None,
    timeout: float,
    dist: Path,
) -> None:
    """Forward: what a herniation compresses and what may follow, with the causal chain."""
    from spinekg.querying.explain import explain, format_explanation

    answer = explain(_runner(dist, endpoint, timeout), disc, zone, side)
    if fmt == "json":
        click.echo(json.dumps(answer.json(), indent=2, ensure_ascii=False))
    elif fmt == "text":
        click.echo(format_explanation(answer))
    else:
        from spinekg.querying.diagrams import explanation_diagram

        _draw(explanation_diagram(answer), fmt)


@main.command("localize")
@click.argument("findings", nargs=-1, required=True)
@PICTURE_FORMAT
@click.option(
    "--top",
    type=click.IntRange(1, 50),
    default=5,
    show_default=True,
    help="Candidates a diagram draws (svg, dot, mermaid).",
)
@ENDPOINT_OPTION
@TIMEOUT_OPTION
@DIST_OPTION
@reports_errors
def localize_command(
    findings: tuple[str, ...], fmt: str, top: int, endpoint: str | None, timeout: float, dist: Path
) -> None:
    """Backward: roots and herniations that explain FINDINGS ("absent ankle jerk" ...)."""
    from spinekg.querying.localize import format_localization, localize

    answer = localize(_runner(dist, endpoint, timeout), list(findings))
    if fmt == "json":
        click.echo(json.dumps(answer.json(), indent=2, ensure_ascii=False))
    elif fmt == "text":
        click.echo(format_localization(answer))
    else:
        from spinekg.querying.diagrams import localization_diagram

        _draw(localization_diagram(answer, top), fmt)


def _draw(diagram: Diagram, fmt: str) -> None:
    """Print a diagram as SVG, Graphviz DOT or Mermaid."""
    from spinekg.querying.diagrams import to_dot, to_mermaid, to_svg

    drawn = {"svg": to_svg, "dot": to_dot, "mermaid": to_mermaid}[fmt](diagram)
    click.echo(drawn, nl=not drawn.endswith("\n"))


@main.command("findings")
@click.argument("phrases", nargs=-1, required=True)
@ANSWER_FORMAT
@ENDPOINT_OPTION
@TIMEOUT_OPTION
@DIST_OPTION
@reports_errors
def findings_command(
    phrases: tuple[str, ...], fmt: str, endpoint: str | None, timeout: float, dist: Path
) -> None:
    """How each finding PHRASE is read: its kind, its targets in the graph, grade and side."""
    from spinekg.querying.findings import format_readings, read_findings, readings_json

    readings, ignored = read_findings(_runner(dist, endpoint, timeout), list(phrases))
    if fmt == "json":
        click.echo(json.dumps(readings_json(readings, ignored), indent=2, ensure_ascii=False))
    else:
        click.echo(format_readings(readings, ignored))


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind.")
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True)
@click.option(
    "--timeout",
    type=SECONDS,
    default=30.0,
    show_default=True,
    help="Seconds a query may run; then it is stopped.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 256),
    default=max(2, os.cpu_count() or 2),
    show_default="the number of cores, at least 2",
    help="Queries answered at once; more wait their turn.",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(1),
    default=50_000_000,
    show_default=True,
    help="The largest answer sent; a larger one is refused with a message.",
)
@click.option(
    "--cache-mb",
    type=click.IntRange(0),
    default=64,
    show_default=True,
    help="Megabytes of answers kept to give again to the same query (0: run every query).",
)
@click.option(
    "--allow-service",
    multiple=True,
    metavar="URL",
    help="An endpoint that queries may call with SERVICE (none by default).",
)
@click.option(
    "--site",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Also serve this static site of the release (`spinekg site`) at /site/; its pages "
    "then link to the page for asking SPARQL.",
)
@DIST_OPTION
@reports_errors
def serve_command(
    host: str,
    port: int,
    timeout: float,
    workers: int,
    max_bytes: int,
    cache_mb: int,
    allow_service: tuple[str, ...],
    site: Path | None,
    dist: Path,
) -> None:
    """Serve the release read-only over the SPARQL 1.1 Protocol."""
    from spinekg.querying.guard import Limits
    from spinekg.querying.serve import ServeOptions, serve

    if site is not None and not (site / SITE_MARKER).is_file():
        raise SpineKGError(
            f"{site} is not a spinekg site (it has no {SITE_MARKER}); `spinekg site --out "
            f"{site}` writes one"
        )

    options = ServeOptions(
        workers=workers,
        timeout=timeout,
        max_bytes=max_bytes,
        limits=Limits(services=frozenset(allow_service)),
        cache_bytes=cache_mb * 1_000_000,
        site=site,
    )
    serve(dist, host, port, options)


@main.command("publish")
@click.option("--endpoint", required=True, help="SPARQL query URL of the store (to verify).")
@click.option(
    "--graph-store",
    help="Graph Store Protocol URL (default: the endpoint with /query replaced by /store, "
    "as on Oxigraph; /sparql-graph-crud-auth for an endpoint at /sparql, as on Virtuoso).",
)
@click.option(
    "--user",
    help="User name (HTTP digest or basic authentication, as the store asks); or set "
    "SPINEKG_TOKEN for a bearer token.",
)
@click.option("--password", help="Password of --user.")
@click.option(
    "--timeout",
    type=SECONDS,
    default=120.0,
    show_default=True,
    help="Seconds to wait for each request to the store.",
)
@click.option(
    "--claims",
    multiple=True,
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="A folder of a corpus's claims (`spinekg extract ... --out DIR`) to publish beside "
    "the release, a graph per shard; repeatable.",
)
@DIST_OPTION
@reports_errors
def publish_command(
    endpoint: str,
    graph_store: str | None,
    user: str | None,
    password: str | None,
    timeout: float,
    claims: tuple[Path, ...],
    dist: Path,
) -> None:
    """Replace the release's named graphs in a triple store and verify the upload."""
    import urllib.parse

    from spinekg.querying.publish import publish
    from spinekg.querying.runner import checked_url

    checked_url(endpoint)  # before its path is read: "http://[::1" is no URL
    if graph_store is not None:
        store_url = graph_store
    elif urllib.parse.urlsplit(endpoint).path.rstrip("/") == "/sparql":  # Virtuoso's paths
        store_url = endpoint.rstrip("/") + "-graph-crud-auth"
    else:  # Oxigraph's
        store_url = endpoint.rsplit("/query", 1)[0] + "/store"
    done = publish(
        dist,
        graph_store=store_url,
        endpoint=endpoint,
        user=user,
        password=password,
        timeout=timeout,
        claims=claims,
    )
    click.echo(
        f"published {sum(done.graphs.values()):,} quads in {len(done.graphs)} named graphs to "
        f"{store_url} (counts verified at {endpoint})"
    )
    if done.removed:
        click.echo(f"removed {len(done.removed)} graph(s) no longer in the release: ", nl=False)
        click.echo(", ".join(done.removed))


@main.command("diff")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@ANSWER_FORMAT
@click.option("--triples", is_flag=True, help="Also list every triple added or removed.")
def diff_command(old: Path, new: Path, fmt: str, triples: bool) -> None:
    """Compare release folders OLD and NEW: triples per graph, labels, definitions, mappings.

    Exit status 0 whether or not they differ; 2, with a message, if either is not a readable
    release (as diff(1) reports trouble).
    """
    from spinekg.querying.release_diff import diff_json, diff_releases, format_diff, read_release

    try:
        diff = diff_releases(read_release(old), read_release(new))
    except SpineKGError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    if fmt == "json":
        click.echo(json.dumps(diff_json(diff, triples=triples), indent=2, ensure_ascii=False))
    else:
        click.echo(format_diff(diff, triples=triples), nl=False)


@main.command("queries")
def queries_command() -> None:
    """List the catalog queries: id, title and parameters."""
    from spinekg.queries import load_catalog

    for query in load_catalog().values():
        params = " ".join(f"{p.name}=<{p.example}>" for p in query.params)
        click.echo(f"{query.id}\t{query.title}\t{params}")


@main.command("query")
@click.argument("name")
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A parameter value: a label, synonym, CURIE or IRI.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv", "tsv", "xml"]),
    default="table",
    show_default=True,
    help="table, or a SPARQL 1.1 results format.",
)
@ENDPOINT_OPTION
@TIMEOUT_OPTION
@DIST_OPTION
@reports_errors
def query_command(
    name: str,
    params: tuple[str, ...],
    fmt: str,
    endpoint: str | None,
    timeout: float,
    dist: Path,
) -> None:
    """Run catalog query NAME (or a .rq file) on the embedded release or an --endpoint."""
    from spinekg.queries import get_query
    from spinekg.querying.catalog import run
    from spinekg.querying.results import render

    values: dict[str, str] = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--param")
        if key.strip() in values:
            raise click.BadParameter(
                f"{key.strip()!r} is given twice ({values[key.strip()]!r} and {value.strip()!r}); "
                "give each parameter once",
                param_hint="--param",
            )
        values[key.strip()] = value.strip()
    query = get_query(name)
    runner = _runner(dist, endpoint, timeout)
    text = _within(timeout, lambda: render(run(runner, query, **values), fmt))  # type: ignore[arg-type]
    click.echo(text, nl=False)


def _within(seconds: float, work: Callable[[], str]) -> str:
    """The text ``work`` makes, or a message and exit 1 if it takes more than ``seconds``.

    A running pyoxigraph query cannot be interrupted, but it releases the interpreter: the
    work runs in a thread, and on time-out the process ends (nothing is being written).
    """
    texts: list[str] = []
    errors: list[BaseException] = []

    def target() -> None:
        try:
            texts.append(work())
        except BaseException as exc:  # re-raised in the caller's thread
            # without its frames: pyoxigraph results must be dropped by the thread that made them
            errors.append(exc.with_traceback(None))
            exc.__context__ = None

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        click.echo(
            f"error: the query ran longer than --timeout {seconds:g} s and was stopped", err=True
        )
        sys.stderr.flush()
        os._exit(1)
    if errors:
        raise errors[0]
    return texts[0]
