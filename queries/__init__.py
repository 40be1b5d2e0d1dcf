"""The query catalog: one SPARQL file per question, with a metadata header.

A catalog file ``<id>.rq`` starts with comment lines of the form ``#+ key: value``::

    #+ title: Muscles that may weaken from a herniation
    #+ question: Which muscles may weaken when ...?
    #+ competency: CQ04
    #+ param: disc | spine:IntervertebralDisc | L4-L5 | the herniated disc level
    #+ example: L5 nerve root: extensor hallucis longus (great toe extension), ...

A parameter is ``name | type | example | description``: ``?name`` in the query, bound to a
graph entity of class ``type`` (a CURIE) or, for ``literal``, to a plain literal. This module
only reads the catalog; :mod:`spinekg.querying` resolves parameters and runs the queries.

>>> catalog = load_catalog()
>>> catalog["muscles_weakened_by_root"].params[0].name
'root'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from spinekg.kernel.errors import QueryError
from spinekg.kernel.suggest import hint

__all__ = ["Param", "Query", "get_query", "load_catalog", "parse_query"]

HEADER = re.compile(r"^#\+\s*(?P<key>[a-z_]+)\s*:\s*(?P<value>.*?)\s*$")


@dataclass(frozen=True)
class Param:
    """A query parameter: bound to ``?name``; ``type`` is a class CURIE or ``literal``."""

    name: str
    type: str
    example: str
    description: str


@dataclass(frozen=True)
class Query:
    """A catalog query: its id (the file stem), metadata and SPARQL text."""

    id: str
    path: Path
    title: str
    question: str
    competency: tuple[str, ...]
    params: tuple[Param, ...]
    example: str
    text: str


def parse_query(path: Path, *, catalog: bool = True) -> Query:
    """Read a ``.rq`` file and its ``#+`` header.

    :param catalog: require the title and question a catalog query must have (a user's own
        file needs no header; its title is its file name).
    :raises QueryError: if the file cannot be read, a catalog header lacks a title or
        question, or a param line is malformed.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"cannot read the query file {path}: {exc}") from None
    meta: dict[str, list[tuple[int, str]]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = HEADER.match(line)
        if match:
            meta.setdefault(match["key"], []).append((number, match["value"]))
    params = []
    for where, raw in meta.get("param", []):
        parts = [p.strip() for p in raw.split("|")]
        if len(parts) != 4 or not all(parts[:2]):
            raise QueryError(
                f"{path}:{where}: a param line must be 'name | type | example | description', "
                f"got {raw!r}"
            )
        params.append(Param(*parts))
    for key in ("title", "question"):
        if catalog and not meta.get(key):
            raise QueryError(f"{path}:1: the header has no '#+ {key}:' line")
    return Query(
        id=path.stem,
        path=path,
        title=_first(meta, "title", path.stem),
        question=_first(meta, "question", path.stem),
        competency=tuple(c.strip() for _, v in meta.get("competency", []) for c in v.split(",")),
        params=tuple(params),
        example=" ".join(v for _, v in meta.get("example", [])),
        text=text,
    )


def _first(meta: dict[str, list[tuple[int, str]]], key: str, default: str) -> str:
    return meta[key][0][1] if meta.get(key) else default


@cache
def load_catalog() -> dict[str, Query]:
    """Every query of the catalog shipped with the package, by id (read once per process)."""
    folder = files(__name__)
    paths = sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".rq"))
    return {path.stem: parse_query(path) for path in paths}


def get_query(name: str) -> Query:
    """A catalog query by id, or any ``.rq`` file by path.

    >>> get_query("muscles_weakend_by_root")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    spinekg.kernel.errors.QueryError: no catalog query ...; closest: muscles_weakened_by_root, ...

    :raises QueryError: naming the closest catalog ids when there is no such query.
    """
    if name.endswith(".rq"):
        path = Path(name)
        if not path.is_file():
            raise QueryError(f"no query file {name}")
        return parse_query(path, catalog=False)
    catalog = load_catalog()
    if name not in catalog:
        raise QueryError(f"no catalog query {name!r}{hint(name, catalog)} (see `spinekg queries`)")
    return catalog[name]
