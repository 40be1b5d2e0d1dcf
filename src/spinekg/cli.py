"""The ``spinekg`` command line: each command calls one library function.

Errors that spinekg raises on purpose (bad curated data, unknown query or parameter, missing
release) are printed as one clear message with exit status 1, never as a traceback.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

import click
import pyoxigraph as ox

from spinekg.build import DEFAULT_OUT, build
from spinekg.check import CheckError, format_results, inspect, summary
from spinekg.errors import CuratedDataError, SpineKGError
from spinekg.loaders.text.extract import Extraction
from spinekg.loaders.text.lexicon import Entity
from spinekg.namespaces import PREFIXES, curie
from spinekg.queries import get_query, load_catalog, run
from spinekg.sources import load_sources
from spinekg.store import open_store

P = ParamSpec("P")
R = TypeVar("R")

FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
DIST_OPTION = click.option(
    "--dist",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_OUT,
    show_default=True,
    help="Release folder.",
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
            click.echo(f"{len(exc.problems)} problem(s); nothing was built.", err=True)
            sys.exit(1)
        except CheckError as exc:
            errors = [r for r in exc.results if r.severity == "ERROR"]
            click.echo(format_results(errors), err=True)
            click.echo(
                f"{len(errors)} error(s); nothing was built (`spinekg check` shows the full "
                "report).",
                err=True,
            )
            sys.exit(1)
        except SpineKGError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)

    return wrapper


@click.group()
@click.version_option(package_name="spinekg")
def main() -> None:
    """spinekg: an open clinical knowledge graph of the spine."""


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


ANSWER_FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
ANSWER_ENDPOINT = click.option(
    "--endpoint", help="Answer from this SPARQL 1.1 endpoint's catalog queries."
)


@main.command("build")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_OUT,
    show_default=True,
    help="Release folder to (re)write.",
)
@CURATED_OPTION
@ONTOLOGY_OPTION
@SHAPES_OPTION
@reports_errors
def build_command(
    out: Path, curated: Path | None, ontology: Path | None, shapes: Path | None
) -> None:
    """Build, reason, check, and write a release (Turtle, RDF/XML, JSON-LD, N-Quads)."""
    manifest = build(out, curated_dir=curated, ontology_file=ontology, shapes_file=shapes)
    graphs = manifest["graphs"]
    assert isinstance(graphs, dict)
    click.echo(
        f"built spinekg {manifest['version']}: {manifest['triples']} triples in "
        f"{len(graphs)} graphs -> {out}/"
    )


@main.command("check")
@CURATED_OPTION
@ONTOLOGY_OPTION
@SHAPES_OPTION
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
    curated: Path | None, ontology: Path | None, shapes: Path | None, fmt: str
) -> None:
    """Run every check (syntax, ROBOT-style report, SHACL, references, reasoner) and report.

    Exit status 1 if any result is an ERROR.
    """
    inspection = inspect(curated, ontology, shapes)
    if inspection.results or fmt == "tsv":
        click.echo(format_results(inspection.results, fmt))
    click.echo(summary(inspection.results), err=True)
    if inspection.errors:
        sys.exit(1)


@main.command("extract")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "ttl"]),
    default="json",
    show_default=True,
    help="json: claims and the curator report; ttl: the claims as graph triples.",
)
@CURATED_OPTION
@ONTOLOGY_OPTION
def extract_command(file: Path, fmt: str, curated: Path | None, ontology: Path | None) -> None:
    """Preview the claims the text loader finds in FILE (Markdown or plain text)."""
    from spinekg.loaders.text import claims_graph, pipeline_for, read_article
    from spinekg.loaders.text.extract import extract

    try:
        article = read_article(file, curated=False)
        sources = load_sources(curated, ontology, articles_dir=Path("/nonexistent"))
    except CuratedDataError as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        sys.exit(1)
    extraction = extract(article, pipeline_for(sources.graphs.values()))
    if fmt == "ttl":
        graph = claims_graph([extraction])
        for prefix, iri in PREFIXES.items():
            graph.bind(prefix, iri)
        click.echo(graph.serialize(format="turtle"), nl=False)
        return
    click.echo(json.dumps(_extraction_json(extraction), indent=2, ensure_ascii=False))


def _extraction_json(extraction: Extraction) -> dict[str, object]:
    def entity(e: Entity) -> dict[str, str]:
        return {"iri": str(e.iri), "label": e.label}

    return {
        "document": {
            "id": extraction.article.id,
            "title": extraction.article.title,
            "path": str(extraction.article.path),
        },
        "claims": [
            {
                "subject": entity(c.subject),
                "relation": c.relation,
                "object": entity(c.object),
                "modality": c.modality,
                "evidence": {"sentence": c.sentence, "start": c.start, "end": c.end},
                "confidence": c.confidence,
                "context": c.context,
            }
            for c in extraction.claims
        ],
        "unrecognised": [
            {
                "text": u.text,
                "start": u.start,
                "end": u.end,
                "sentence": u.sentence,
                "reason": u.reason,
                "closest": list(u.closest),
            }
            for u in extraction.unrecognised
        ],
    }


@main.command("explain")
@click.option("--disc", required=True, help="Disc level: L4-L5, C5-C6 ...")
@click.option(
    "--zone", required=True, help="central, paracentral (posterolateral), foraminal, far-lateral"
)
@click.option("--side", help="left or right")
@ANSWER_FORMAT
@ANSWER_ENDPOINT
@DIST_OPTION
@reports_errors
def explain_command(
    disc: str, zone: str, side: str | None, fmt: str, endpoint: str | None, dist: Path
) -> None:
    """Forward: what a herniation compresses and what may follow, with the causal chain."""
    from spinekg.explain import explain, format_explanation

    answer = explain(open_store(dist), disc, zone, side, endpoint=endpoint)
    _show_answer(answer, fmt, format_explanation)


@main.command("localize")
@click.argument("findings", nargs=-1, required=True)
@ANSWER_FORMAT
@ANSWER_ENDPOINT
@DIST_OPTION
@reports_errors
def localize_command(findings: tuple[str, ...], fmt: str, endpoint: str | None, dist: Path) -> None:
    """Backward: roots and herniations that explain FINDINGS ("absent ankle jerk" ...)."""
    from spinekg.localize import format_localization, localize

    answer = localize(open_store(dist), list(findings), endpoint=endpoint)
    _show_answer(answer, fmt, format_localization)


def _show_answer(
    answer: dict[str, object], fmt: str, as_text: Callable[[dict[str, object]], str]
) -> None:
    if fmt == "json":
        click.echo(json.dumps(answer, indent=2, ensure_ascii=False))
    else:
        click.echo(as_text(answer))


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind.")
@click.option("--port", type=int, default=7878, show_default=True)
@click.option("--timeout", type=int, default=30, show_default=True, help="Query timeout (s).")
@DIST_OPTION
@reports_errors
def serve_command(host: str, port: int, timeout: int, dist: Path) -> None:
    """Serve the release read-only over the SPARQL 1.1 Protocol (Oxigraph server)."""
    import subprocess

    from spinekg.serve import prepare_store, server_command

    location = prepare_store(dist)
    click.echo(f"serving {dist}/ at http://{host}:{port}/query (read-only; Ctrl-C stops)", err=True)
    try:
        subprocess.run(server_command(location, host, port, timeout), check=False)
    except KeyboardInterrupt:
        pass


@main.command("publish")
@click.option("--endpoint", required=True, help="SPARQL query URL of the store (to verify).")
@click.option(
    "--graph-store",
    help="Graph Store Protocol URL (default: the endpoint with /query replaced by /store, "
    "as on Oxigraph).",
)
@click.option("--user", help="User name (basic auth); or set SPINEKG_TOKEN for a bearer token.")
@click.option("--password", help="Password (basic auth).")
@DIST_OPTION
@reports_errors
def publish_command(
    endpoint: str, graph_store: str | None, user: str | None, password: str | None, dist: Path
) -> None:
    """Replace the release's named graphs in a triple store and verify the upload."""
    from spinekg.publish import publish

    store_url = graph_store or endpoint.rsplit("/query", 1)[0] + "/store"
    done = publish(dist, graph_store=store_url, endpoint=endpoint, user=user, password=password)
    click.echo(
        f"published {sum(done.graphs.values())} triples in {len(done.graphs)} graphs to "
        f"{store_url} (counts verified at {endpoint})"
    )


@main.command("queries")
def queries_command() -> None:
    """List the catalog queries: id, title and parameters."""
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
    type=click.Choice(["table", *FORMATS]),
    default="table",
    show_default=True,
    help="table, or a SPARQL 1.1 results format.",
)
@click.option("--endpoint", help="Run on this SPARQL 1.1 endpoint instead of the embedded store.")
@click.option("--timeout", type=float, default=30.0, show_default=True, help="Seconds (remote).")
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
    """Run catalog query NAME (or a .rq file) on the embedded store or an --endpoint."""
    values: dict[str, str] = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--param")
        values[key.strip()] = value.strip()
    query = get_query(name)
    if endpoint:
        from spinekg.remote import remote_select

        result = remote_select(endpoint, query, values, store=open_store(dist), timeout=timeout)
        if fmt == "json":
            click.echo(json.dumps(result, indent=2, ensure_ascii=False))
            return
        names = result["head"]["vars"]
        table = [[_remote_cell(b.get(n)) for n in names] for b in result["results"]["bindings"]]
        if fmt in ("csv", "tsv"):
            sep = "," if fmt == "csv" else "\t"
            click.echo("\n".join(sep.join(row) for row in [names, *table]))
        else:
            click.echo(_align([names, *table]) + f"\n({len(table)} rows)")
        return
    results = run(open_store(dist), query, **values)
    if isinstance(results, ox.QuerySolutions):
        if fmt == "table":
            click.echo(_table(results))
        else:
            click.echo(results.serialize(format=FORMATS[fmt]).decode("utf-8"), nl=False)
    elif isinstance(results, ox.QueryBoolean):
        click.echo("true" if bool(results) else "false")
    else:
        for triple in results:
            click.echo(f"{triple} .")


def _remote_cell(cell: dict[str, str] | None) -> str:
    if cell is None:
        return ""
    return curie(cell["value"]) if cell.get("type") == "uri" else cell["value"]


def _align(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))] if rows else []
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows
    )


def _table(results: ox.QuerySolutions) -> str:
    names = [v.value for v in results.variables]
    rows = [[_show(solution[name]) for name in names] for solution in results]
    widths = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip()]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def _show(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return curie(term.value)
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)
