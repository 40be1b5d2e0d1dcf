"""The import graph points one way: kernel <- build side, kernel <- query side.

Read from the code itself (every ``import`` of every module, at any depth in the file), with
the folders placed inside the package as ``package-dir`` places them when installed.
"""

from __future__ import annotations

import ast
import doctest
import importlib
import pkgutil
from pathlib import Path
from types import ModuleType

import pytest

#: Every package of the distribution (pyproject.toml [tool.setuptools] packages).
PACKAGES = (
    "spinekg",
    "spinekg.kernel",
    "spinekg.pipeline",
    "spinekg.querying",
    "spinekg.site",
    "spinekg.ontology",
    "spinekg.loaders",
    "spinekg.loaders.text",
    "spinekg.queries",
)

#: The side each module belongs to, by the longest matching name.
SIDES = {
    "spinekg.kernel": "kernel",
    "spinekg.queries": "catalog",
    "spinekg.querying": "query side",
    "spinekg.site": "query side",
    "spinekg.pipeline": "build side",
    "spinekg.loaders": "build side",
    "spinekg.ontology": "build side",
    "spinekg.cli": "command line",
    "spinekg.__main__": "command line",
    "spinekg": "package",
}
#: Which sides a side may import (besides itself).
ALLOWED = {
    "kernel": set(),
    "catalog": {"kernel"},
    "query side": {"kernel", "catalog"},
    "build side": {"kernel", "catalog"},
    "package": {"kernel", "catalog", "query side", "build side"},
    "command line": {"kernel", "catalog", "query side", "build side", "package"},
}


def _modules() -> dict[str, ModuleType]:
    """Every module by name (``__main__`` is read, not imported: importing it runs the CLI)."""
    found = {}
    for name in PACKAGES:
        package = importlib.import_module(name)
        found[name] = package
        for info in pkgutil.iter_modules(package.__path__):
            if not info.ispkg and info.name != "__main__":
                found[f"{name}.{info.name}"] = importlib.import_module(f"{name}.{info.name}")
    return found


MODULES = _modules()
FILES = {name: Path(str(module.__file__)) for name, module in MODULES.items()}
FILES["spinekg.__main__"] = FILES["spinekg"].with_name("__main__.py")


def side(module: str) -> str:
    return SIDES[max((k for k in SIDES if module == k or module.startswith(k + ".")), key=len)]


def imports(name: str) -> set[str]:
    """The spinekg modules a module imports (``from spinekg import X`` counts as spinekg)."""
    tree = ast.parse(FILES[name].read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("spinekg")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("spinekg"):
                found.add(node.module)
    return found


def test_every_import_points_the_allowed_way() -> None:
    wrong = [
        f"{name} ({side(name)}) imports {target} ({side(target)})"
        for name in sorted(FILES)
        for target in sorted(imports(name))
        if side(target) != side(name) and side(target) not in ALLOWED[side(name)]
    ]
    assert wrong == []


def test_the_sides_are_what_the_readme_says() -> None:
    arrows = {
        (side(name), side(target))
        for name in FILES
        for target in imports(name)
        if side(target) != side(name)
    }
    assert ("kernel", "query side") not in arrows and ("kernel", "build side") not in arrows
    assert ("query side", "build side") not in arrows
    assert {("query side", "kernel"), ("build side", "kernel"), ("build side", "catalog")} <= arrows


@pytest.mark.parametrize("name", sorted(MODULES))
def test_docstring_examples_run(name: str) -> None:
    """Every ``>>>`` example in the code is run (docs that cannot drift from the code)."""
    failed, _ = doctest.testmod(MODULES[name], optionflags=doctest.ELLIPSIS)
    assert failed == 0
