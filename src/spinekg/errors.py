"""The errors spinekg raises; each carries what a user needs to fix the problem."""

from __future__ import annotations

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


class QueryError(SpineKGError, ValueError):
    """A catalog query or one of its parameters is unusable."""


class ReleaseNotFoundError(SpineKGError, FileNotFoundError):
    """There is no built release where one was expected."""
