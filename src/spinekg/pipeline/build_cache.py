"""The build cache: a rebuild from unchanged inputs takes the release built from them before.

A release is a function of its inputs (the ontology, shapes, tables and articles), of
spinekg's own files (code, queries, prefixes) and of the libraries that compute and write it
(rdflib, pyoxigraph, owlready2 and its HermiT, pyshacl, spaCy and its model): builds are
byte-for-byte reproducible. :func:`fingerprint` digests all three; a successful build keeps a
copy of its release under that digest (:func:`keep`), and the next build with the same digest
copies it (:func:`take`) instead of loading, reasoning and checking again. A kept release
whose files no longer match its manifest's sha256 is discarded and the build runs in full.

The cache lives in ``$SPINEKG_CACHE``, else ``$XDG_CACHE_HOME/spinekg`` or
``~/.cache/spinekg``, beside the text loader's lexicon; only the newest :data:`KEEP` releases
are kept. ``spinekg build --no-cache`` builds in full.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import tempfile
from importlib import metadata
from pathlib import Path

from spinekg.kernel.processes import remove_abandoned
from spinekg.kernel.release_files import FILES, MANIFEST, sha256
from spinekg.pipeline.load import Inputs, cache_folder

__all__ = ["KEEP", "fingerprint", "keep", "take"]

#: How many releases the cache keeps (the newest; a release is about 25 MB).
KEEP = 3
#: spinekg's packages, whose files are digested as code (the loaders, queries and ontology
#: packages live outside ``src/spinekg`` in a source checkout).
_PACKAGES = ("spinekg", "spinekg.loaders", "spinekg.queries", "spinekg.ontology")
#: A copy being written (``<prefix><pid>-...``): removed by the next build if its process died.
_PARTIAL = ".partial-"
#: Files of the package that cannot change a release.
_IGNORED_SUFFIXES = (".pyc", ".pyo")


def fingerprint(inputs: Inputs) -> str:
    """A digest of everything a release is computed from.

    Every file under the inputs and spinekg's package (by relative path and content) and the
    name and version of every installed distribution.
    """
    digest = hashlib.sha256()
    roots = [
        ("ontology", inputs.ontology),
        ("shapes", inputs.shapes),
        ("curated", inputs.curated),
        *(("articles", folder) for folder in inputs.articles),
        *(("claims", folder) for folder in inputs.claims),
        *((package, _folder(package)) for package in _PACKAGES),
    ]
    for kind, root in roots:
        for path in _files(root):
            name = path.relative_to(root) if root.is_dir() else Path(root.name)
            digest.update(f"{kind}\0{name}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    versions = sorted(
        f"{dist.metadata['Name']}=={dist.version}" for dist in metadata.distributions()
    )
    digest.update("\n".join(versions).encode())
    return digest.hexdigest()[:32]


def _folder(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    assert spec is not None and spec.origin is not None, package
    return Path(spec.origin).parent


def _files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    if not root.is_dir():
        return []
    return sorted(
        path
        for path in root.rglob("*")
        if path.is_file()
        and "__pycache__" not in path.parts
        and not path.name.endswith(_IGNORED_SUFFIXES)
    )


def take(key: str, staging: Path, *, cache: Path | None = None) -> dict[str, object] | None:
    """Copy the release kept under ``key`` into ``staging``; its manifest, or ``None``.

    ``None`` when there is none, or when a file of it does not match its manifest (the entry
    is then removed, and the build runs in full).
    """
    entry = (cache or cache_folder()) / "builds" / key
    try:
        manifest = json.loads((entry / MANIFEST).read_text(encoding="utf-8"))
        for name in FILES:
            if sha256(entry / name) != manifest["files"][name]["sha256"]:
                raise ValueError(f"{name} does not match the manifest")
        for name in (*FILES, MANIFEST):
            shutil.copyfile(entry / name, staging / name)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        shutil.rmtree(entry, ignore_errors=True)
        for name in (*FILES, MANIFEST):
            (staging / name).unlink(missing_ok=True)
        return None
    os.utime(entry)  # the newest use is kept longest
    assert isinstance(manifest, dict)
    return manifest


def keep(key: str, release: Path, *, cache: Path | None = None) -> None:
    """Keep a copy of the release in ``release`` under ``key``; drop all but the newest few.

    The copy is written beside the cache and renamed into place, so a reader sees a whole
    release or none; a cache that cannot be written is skipped (the next build runs in full).
    """
    builds = (cache or cache_folder()) / "builds"
    try:
        builds.mkdir(parents=True, exist_ok=True)
        remove_abandoned(builds, _PARTIAL)
        partial = Path(tempfile.mkdtemp(prefix=f"{_PARTIAL}{os.getpid()}-", dir=builds))
        for name in (*FILES, MANIFEST):
            shutil.copyfile(release / name, partial / name)
        target = builds / key
        shutil.rmtree(target, ignore_errors=True)
        partial.rename(target)
        entries = sorted(
            (p for p in builds.iterdir() if not p.name.startswith(".")),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for old in entries[KEEP:]:
            shutil.rmtree(old, ignore_errors=True)
    except OSError:
        pass
