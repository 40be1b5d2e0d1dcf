"""The read-only SPARQL 1.1 Protocol endpoint: an ASGI application in front of the worker pool.

``/query`` takes a query by GET (``?query=``), by POST form or by POST ``application/sparql-query``,
with ``default-graph-uri`` and ``named-graph-uri``, and answers in the media type the client
accepts. Before a query reaches a worker, :func:`spinekg.querying.guard.inspect` refuses what
would crash the engine or call another server; the pool enforces the time and size limits.
``/update`` and ``/store`` refuse every request: the endpoint is read-only. Answers are kept and
given again to the same request (:mod:`spinekg.querying.answer_cache`). When the release's
N-Quads file changes (a new ``spinekg build``), the workers are replaced, the kept answers
dropped, and the endpoint serves the new release; every answer names the release it came
from (``X-Spinekg-Release``).
"""

from __future__ import annotations

import html
import json
import os
import urllib.parse
from collections.abc import Callable
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request as HttpRequest
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from spinekg.kernel.namespaces import DESCRIPTION_GRAPH
from spinekg.kernel.release_files import MANIFEST, NQUADS
from spinekg.querying.answer_cache import AnswerCache
from spinekg.querying.guard import Limits, QueryRefusedError, inspect
from spinekg.querying.workers import Pool, Reply, Request

__all__ = ["application"]

_FORM = "application/x-www-form-urlencoded"


class _BadRequestError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.reply = Reply.text(status, message)


def application(
    pool: Pool,
    release: Path,
    limits: Limits,
    log: Callable[[str], None],
    answers: AnswerCache | None = None,
    site: Path | None = None,
) -> Starlette:
    """The endpoint over ``pool``, which serves the release in ``release``.

    :param answers: where answers are kept and given again (none: every query is run).
    :param site: a static site of the release (``spinekg site``), served at ``/site/``.
    """
    nquads = release / NQUADS
    served = {"file": _file_key(nquads), "name": _release_name(release)}
    max_body = 8 * limits.max_chars + 4096  # room for a form's percent-encoding
    cache = answers if answers is not None else AnswerCache(0)

    def current_release() -> str:
        """The release being served, reloading the workers first if its file changed."""
        key = _file_key(nquads)
        if key is not None and key != served["file"]:
            served.update(file=key, name=_release_name(release))
            pool.reload()
            cache.clear()
            log(f"the release changed: now serving {served['name']}")
        return str(served["name"])

    async def query(http: HttpRequest) -> Response:
        name = current_release()
        try:
            request = await _read(http, max_body)
            inspect(request.sparql, limits)
        except _BadRequestError as bad:
            reply = bad.reply
        except QueryRefusedError as refused:
            reply = Reply.text(400, f"query refused: {refused}")
        else:
            reply = cache.get(request) or await pool.run(request)
            cache.put(request, reply)
        return Response(
            reply.body,
            status_code=reply.status,
            media_type=reply.media_type,
            headers={"X-Spinekg-Release": name},
        )

    async def read_only(http: HttpRequest) -> Response:
        return Response(
            "this endpoint is read-only: updates and graph writes are refused\n",
            status_code=403,
            media_type="text/plain",
        )

    async def home(http: HttpRequest) -> Response:
        name = html.escape(current_release())
        url = html.escape(str(http.url_for("query")))
        void_url = html.escape(str(http.url_for("void")))
        return HTMLResponse(
            "<!doctype html><html lang='en'><meta charset='utf-8'><title>spinekg SPARQL</title>"
            "<link rel='icon' href='data:,'>"
            f"<h1>spinekg SPARQL endpoint</h1><p>Release: {name}. Read-only.</p>"
            f"<p>Send SPARQL 1.1 queries to <code>{url}</code> (GET <code>?query=</code> or "
            "POST), for example with <code>spinekg query NAME --endpoint URL</code>. "
            f"The dataset's VoID and DCAT description: <a href='{void_url}'>{void_url}</a>.</p>"
            + (
                "<p>Browse the graph: <a href='/site/index.html'>its pages</a> (a page per "
                "herniation, root and entity, with diagrams and sources).</p>"
                if site is not None
                else ""
            )
            + "<h2>Ask SPARQL</h2>"
            f"<form action='{url}'><textarea name='query' rows='8' cols='80'>"
            "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10</textarea><br>"
            "<button>Run</button></form></html>"
        )

    async def void(http: HttpRequest) -> Response:
        """The release's VoID/DCAT description (its ``graph/dataset``), as VoID advises."""
        name = current_release()
        sparql = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{DESCRIPTION_GRAPH}> {{ ?s ?p ?o }} }}"
        accept = _accepted(http.headers.get("accept", "text/turtle"))
        reply = await pool.run(Request(sparql=sparql, accept=accept))
        return Response(
            reply.body,
            status_code=reply.status,
            media_type=reply.media_type,
            headers={"X-Spinekg-Release": name},
        )

    methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"]
    return Starlette(
        routes=[
            Route("/", home, methods=["GET"]),
            Route("/query", query, methods=["GET", "POST"], name="query"),
            Route("/.well-known/void", void, methods=["GET"], name="void"),
            Route("/update", read_only, methods=methods),
            Route("/store", read_only, methods=methods),
            *([Mount("/site", StaticFiles(directory=site, html=True))] if site else []),
        ]
    )


async def _read(http: HttpRequest, max_body: int) -> Request:
    """The query, the accepted media types and the dataset of a SPARQL Protocol request."""
    fields = _fields(http.url.query)
    if http.method == "POST":
        body = bytearray()
        async for chunk in http.stream():
            body += chunk
            if len(body) > max_body:
                raise _BadRequestError(413, f"the request body is over {max_body:,} bytes")
        media_type = http.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type == _FORM:
            form = _fields(bytes(body))
            if "update" in form:
                raise _BadRequestError(403, "this endpoint is read-only: updates are refused")
            fields = {**fields, **form}
        elif media_type == "application/sparql-query":
            fields["query"] = [_text(bytes(body), "the query")]
        elif media_type == "application/sparql-update":
            raise _BadRequestError(403, "this endpoint is read-only: updates are refused")
        else:
            raise _BadRequestError(
                415,
                f"a POST query is sent as {_FORM} or application/sparql-query, "
                f"not {media_type or 'a body without Content-Type'}",
            )
    texts = fields.get("query", [])
    if len(texts) != 1:
        raise _BadRequestError(
            400, "a query request has exactly one 'query' parameter" + f" (it had {len(texts)})"
        )
    return Request(
        sparql=texts[0],
        accept=_accepted(http.headers.get("accept", "*/*")),
        default_graphs=tuple(fields.get("default-graph-uri", [])),
        named_graphs=tuple(fields.get("named-graph-uri", [])),
    )


def _fields(encoded: str | bytes) -> dict[str, list[str]]:
    """Form or query-string fields, refusing what is not UTF-8."""
    text = encoded if isinstance(encoded, str) else _text(encoded, "the form")
    try:
        return urllib.parse.parse_qs(text, errors="strict", max_num_fields=64)
    except (UnicodeDecodeError, ValueError) as exc:
        raise _BadRequestError(400, f"unreadable request parameters: {exc}") from None


def _text(body: bytes, what: str) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise _BadRequestError(400, f"{what} is not UTF-8 text") from None


def _accepted(header: str) -> tuple[str, ...]:
    """The media types of an Accept header, best first (ties keep their order)."""
    ranked: list[tuple[float, int, str]] = []
    for index, item in enumerate(header.split(",")):
        media_type, *params = (part.strip() for part in item.split(";"))
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media_type and quality > 0:
            ranked.append((-quality, index, media_type.lower()))
    return tuple(media_type for _, _, media_type in sorted(ranked)) or ("*/*",)


def _file_key(path: Path) -> tuple[int, int, int] | None:
    """What changes when a file is replaced: inode, modification time and size."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


def _release_name(release: Path) -> str:
    """``spinekg <version> (<date>, sha256 <first 12 digits of the N-Quads digest>)``."""
    try:
        manifest = json.loads((release / MANIFEST).read_text(encoding="utf-8"))
        digest = manifest["files"][NQUADS]["sha256"][:12]
        return f"spinekg {manifest['version']} ({manifest['date']}, sha256 {digest})"
    except (OSError, ValueError, KeyError, TypeError):
        return f"spinekg release in {release}"
