"""The errors spinekg raises; each carries what a user needs to fix the problem."""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as a user should read it: relative below the working folder, else absolute."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive
        return str(path)
    return str(path) if relative.startswith("..") else relative


def first_line(exc: BaseException) -> str:
    """The first line of an exception's message (its type name when it has none).

    >>> first_line(ValueError("bad row")), first_line(KeyError())
    ('bad row', 'KeyError')
    """
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class SpineKGError(Exception):
    """Base class of every error spinekg raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One problem in a curated file, located to the cell."""

    path: Path
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        """Render as ``file:line:column: message`` (the compiler convention editors link)."""
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class CuratedDataError(SpineKGError, ValueError):
    """One or more problems in the curated sources; nothing was built."""

    def __init__(self, problems: list[Problem]) -> None:
        """Keep every problem so that the report names them all at once."""
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class BuildError(SpineKGError):
    """The build could not complete; the previous release is untouched."""


class ChecksFailedError(SpineKGError):
    """The graph failed checks with severity ERROR; nothing was built.

    :param errors: one line per ERROR, ``where: ERROR check: entity property value``.
    """

    def __init__(self, errors: list[str]) -> None:
        """Keep every error line so that the report names them all."""
        self.errors = errors
        super().__init__("\n".join(errors))


class QueryError(SpineKGError, ValueError):
    """A catalog query or one of its parameters is unusable."""


class QuerySyntaxError(QueryError):
    """The SPARQL text of a query does not parse."""


class ReleaseNotFoundError(SpineKGError, FileNotFoundError):
    """There is no built release where one was expected."""


class ReleaseDamagedError(SpineKGError):
    """A release's files cannot be read (cut short, overwritten, not UTF-8)."""


class MissingExtraError(SpineKGError, ImportError):
    """A feature's dependencies are not installed; the message names the extra that has them."""


def require_extra(extra: str, *modules: str) -> None:
    """Check that the modules a feature imports are installed, before it starts.

    >>> require_extra("build", "a_module_nobody_has")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    spinekg.kernel.errors.MissingExtraError: this needs the 'build' extra (a_module_nobody_has ...

    :raises MissingExtraError: naming the missing modules and the extra that installs them.
    """
    missing = [name for name in modules if importlib.util.find_spec(name) is None]
    if missing:
        raise MissingExtraError(
            f"this needs the {extra!r} extra ({', '.join(missing)} "
            f"{'is' if len(missing) == 1 else 'are'} not installed): "
            f"pip install 'spinekg[{extra}]', or `make install` in a checkout"
        )
