"""Read and validate curated tab-separated tables.

A table is described by a :class:`TableSpec` (its columns and what each may hold). Reading a
folder of tables collects *every* problem, each located as ``file:line:column``, and raises one
:class:`~spinekg.kernel.errors.CuratedDataError` listing them all, so a curator fixes a file in
one go.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from spinekg.kernel.errors import CuratedDataError, Problem
from spinekg.kernel.suggest import closest

ColumnKind = Literal["text", "id", "ref", "flag", "int", "choice", "sources", "curie"]

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_LEVEL = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:-(?:C|T|L|S|Co)[0-9]+)?$")
LEVEL = re.compile(r"^(?:C[1-8]|T(?:[1-9]|1[0-2])|L[1-5]|S[1-5]|Co[1-4])$")
LEVEL_PAIR = re.compile(r"^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+$")
CURIE = re.compile(r"^[A-Za-z][A-Za-z0-9_.]*:[^\s]+$")


@dataclass(frozen=True)
class Column:
    """One column of a table: its name and what its cells may hold.

    :param kind: ``text`` (free), ``id`` (this row's id, matching ``pattern``), ``ref`` (id of a
        row of one of the ``refs`` tables), ``flag`` (yes/no), ``int``, ``choice`` (one of
        ``choices``), ``sources`` (keys of ``sources.tsv``), ``curie``.
    :param multi: the cell holds ``;``-separated values.
    """

    name: str
    kind: ColumnKind = "text"
    required: bool = True
    multi: bool = False
    refs: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    pattern: re.Pattern[str] | None = None
    expect: str = ""


@dataclass(frozen=True)
class TableSpec:
    """A curated table: its file stem, its columns and the columns that make a row unique."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ("id",)

    @property
    def filename(self) -> str:
        """The table's file name, ``<name>.tsv``."""
        return f"{self.name}.tsv"


@dataclass
class Row:
    """One data row, with its line number and the position of each column in the file."""

    table: str
    path: Path
    line: int
    cells: dict[str, str]
    positions: dict[str, int] = field(repr=False)
    #: Every column of the table's spec (an optional one may be absent from the file).
    columns: frozenset[str] = field(default=frozenset(), repr=False)
    invalid: set[str] = field(default_factory=set, repr=False)

    def get(self, name: str) -> str:
        """The stripped cell of column ``name`` ('' when empty, or absent from the file).

        :raises KeyError: for a name that is not a column of the table: a misspelt name in a
            loader fails instead of reading as empty.
        """
        if name not in self.columns:
            raise KeyError(f"{self.table}.tsv has no column {name!r}")
        return self.cells.get(name, "")

    def optional(self, name: str) -> str:
        """The cell of column ``name``, or '' for a table that has no such column.

        For code shared by several tables (every entity table may have ``synonyms``).
        """
        return self.get(name) if name in self.columns else ""

    def values(self, name: str) -> list[str]:
        """The ``;``-separated values of a multi-valued cell, without empties."""
        return [v.strip() for v in self.get(name).split(";") if v.strip()]

    def flag(self, name: str) -> bool:
        """The boolean value of a ``yes``/``no`` cell."""
        return self.get(name) == "yes"

    def key(self, spec: TableSpec) -> tuple[str, ...]:
        """The values of the spec's key columns."""
        return tuple(self.get(c) for c in spec.key)


Tables = Mapping[str, list[Row]]


def read_tables(folder: Path, specs: Sequence[TableSpec]) -> dict[str, list[Row]]:
    """Read and validate every table of ``specs`` found in ``folder``.

    :raises CuratedDataError: listing every problem found, each as ``file:line:column``.
    """
    problems: list[Problem] = []
    tables: dict[str, list[Row]] = {}
    incomplete: set[str] = set()
    for spec in specs:
        tables[spec.name], complete = _read_one(folder / spec.filename, spec, problems)
        if not complete:
            incomplete.add(spec.name)
    ids = {
        spec.name: {row.get(spec.key[0]) for row in tables[spec.name]}
        for spec in specs
        if len(spec.key) == 1
    }
    for spec in specs:
        for row in tables[spec.name]:
            _check_references(row, spec, ids, incomplete, problems)
    if problems:
        raise CuratedDataError(problems)
    return tables


def _read_one(path: Path, spec: TableSpec, problems: list[Problem]) -> tuple[list[Row], bool]:
    """The rows of one table, and whether every row could be read.

    References into a table that could not be read whole are not checked, so that one broken
    line gives one message rather than one per reference to it.
    """
    if not path.is_file():
        problems.append(Problem(path, 0, 0, f"missing table {spec.filename}"))
        return [], False
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        problems.append(Problem(path, line, 1, "not valid UTF-8 text; save the file as UTF-8"))
        return [], False
    lines = list(_data_lines(text))
    if not lines:
        problems.append(Problem(path, 1, 1, "empty table; expected a header line"))
        return [], False
    header_line, header = lines[0]
    positions = _check_header(path, header_line, header, spec, problems)
    if positions is None:
        return [], False
    rows: list[Row] = []
    complete = True
    seen: dict[tuple[str, ...], int] = {}
    required = {c.name for c in spec.columns if c.required}
    for number, fields in lines[1:]:
        if len(fields) < len(header) and not required & set(header[len(fields) :]):
            # optional last fields left out: an editor that trims trailing tabs on save
            fields = [*fields, *[""] * (len(header) - len(fields))]
        if len(fields) != len(header):
            problems.append(
                Problem(
                    path,
                    number,
                    min(len(fields), len(header)) + 1,
                    f"expected {len(header)} tab-separated fields "
                    f"({', '.join(header)}), found {len(fields)}",
                )
            )
            complete = False
            continue
        cells = {name: fields[i] for name, i in positions.items()}
        row = Row(
            spec.name,
            path,
            number,
            {k: v.strip() for k, v in cells.items()},
            positions,
            frozenset(c.name for c in spec.columns),
        )
        row_ok = True
        for column in spec.columns:
            if column.name in positions and not _check_cell(
                row, column, cells[column.name], problems
            ):
                row.invalid.add(column.name)
                row_ok = False
        key = row.key(spec)
        if row_ok and all(key):
            if key in seen:
                what = "id" if spec.key == ("id",) else "row for " + ", ".join(spec.key)
                problems.append(
                    Problem(
                        path,
                        number,
                        positions[spec.key[0]] + 1,
                        f"duplicate {what} {' / '.join(key)!r} (first on line {seen[key]})",
                    )
                )
            else:
                seen[key] = number
        rows.append(row)
    return rows, complete


def _data_lines(text: str) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, fields) for the non-blank, non-comment lines of a TSV text."""
    reader = csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    for number, fields in enumerate(reader, start=1):
        if not fields or not "".join(fields).strip() or fields[0].startswith("#"):
            continue
        yield number, fields


def _check_header(
    path: Path, line: int, header: list[str], spec: TableSpec, problems: list[Problem]
) -> dict[str, int] | None:
    known = [c.name for c in spec.columns]
    positions: dict[str, int] = {}
    ok = True
    for i, name in enumerate(header):
        name = name.strip()
        if name not in known:
            hint = closest(name, known, n=1)
            did_you_mean = f"; did you mean {hint[0]!r}?" if hint else ""
            problems.append(Problem(path, line, i + 1, f"unknown column {name!r}{did_you_mean}"))
            ok = False
        elif name in positions:
            problems.append(Problem(path, line, i + 1, f"column {name!r} appears twice"))
            ok = False
        else:
            positions[name] = i
    for column in spec.columns:
        if column.required and column.name not in positions:
            problems.append(
                Problem(
                    path,
                    line,
                    len(header) + 1,
                    f"missing column {column.name!r}; expected columns: {', '.join(known)}",
                )
            )
            ok = False
    return positions if ok else None


def _check_cell(row: Row, column: Column, raw: str, problems: list[Problem]) -> bool:
    """Check one cell's form (not its references); report and return False if it is bad."""
    col = row.positions[column.name] + 1

    def bad(message: str) -> bool:
        problems.append(Problem(row.path, row.line, col, message))
        return False

    if raw != raw.strip():
        return bad(f"leading or trailing spaces in column {column.name!r}: {raw!r}")
    if not raw:
        if column.required:
            return bad(f"column {column.name!r} is empty; expected {_expected(column)}")
        return True
    values = [v.strip() for v in raw.split(";")] if column.multi else [raw]
    if any(not v for v in values):
        return bad(f"empty value in the ';'-separated list of column {column.name!r}")
    for value in values:
        if column.kind == "flag" and value not in ("yes", "no"):
            return bad(f"{value!r} in column {column.name!r}; expected yes or no")
        if column.kind == "int" and not value.isdigit():
            return bad(f"{value!r} in column {column.name!r}; expected a whole number")
        if column.kind == "choice" and value not in column.choices:
            return bad(
                f"{value!r} in column {column.name!r}; expected one of {', '.join(column.choices)}"
            )
        if column.kind == "curie" and not CURIE.match(value):
            return bad(f"{value!r} in column {column.name!r}; expected a CURIE like UBERON:0001066")
        if column.pattern is not None and not column.pattern.match(value):
            return bad(f"{value!r} in column {column.name!r}; expected {_expected(column)}")
    return True


def _check_references(
    row: Row,
    spec: TableSpec,
    ids: Mapping[str, set[str]],
    incomplete: set[str],
    problems: list[Problem],
) -> None:
    for column in spec.columns:
        if column.kind not in ("ref", "sources") or column.name in row.invalid:
            continue
        if not row.get(column.name):
            continue
        targets = ("sources",) if column.kind == "sources" else column.refs
        if incomplete.intersection(targets):
            continue
        known: set[str] = set().union(*(ids.get(t, set()) for t in targets))
        values = row.values(column.name) if column.multi else [row.get(column.name)]
        for value in values:
            if value in known:
                continue
            what = " or ".join(f"{t}.tsv" for t in targets)
            close = closest(value, known)
            hint = f" (closest: {', '.join(close)})" if close else ""
            problems.append(
                Problem(
                    row.path,
                    row.line,
                    row.positions[column.name] + 1,
                    f"unknown {column.name} {value!r}; expected an id from {what}{hint}",
                )
            )


def _expected(column: Column) -> str:
    if column.expect:
        return column.expect
    if column.kind == "ref":
        return "an id from " + " or ".join(f"{t}.tsv" for t in column.refs)
    if column.kind == "choice":
        return "one of " + ", ".join(column.choices)
    if column.kind == "flag":
        return "yes or no"
    if column.kind == "sources":
        return "source keys from sources.tsv, separated by ';'"
    return "a value"
