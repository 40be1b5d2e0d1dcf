"""The build cache: unchanged inputs take the release built before, and only they do."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from spinekg.cli import main
from spinekg.kernel.release_files import FILES, MANIFEST
from spinekg.pipeline import build as building
from spinekg.pipeline.build_cache import fingerprint, keep
from spinekg.pipeline.load import Inputs
from tests.conftest import TINY


def _never(*args: object, **kwargs: object) -> None:
    raise AssertionError("the build loaded its inputs")


def _same_release(a: Path, b: Path) -> None:
    for name in (*FILES, MANIFEST):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_unchanged_inputs_take_the_release_from_the_cache(
    tiny_release: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tiny release was built in this session, so the same inputs build without loading."""
    monkeypatch.setattr(building, "load", _never)
    inputs = Inputs.shipped(curated=TINY / "curated", articles=TINY / "articles")
    manifest = building.build(tmp_path / "dist", inputs, progress=False)
    _same_release(tmp_path / "dist", tiny_release)
    assert manifest == json.loads((tiny_release / MANIFEST).read_text())


def test_a_changed_input_or_no_cache_builds_in_full(
    tiny: Inputs, tiny_release: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(building, "load", _never)
    with pytest.raises(AssertionError, match="loaded its inputs"):
        building.build(tmp_path / "a", tiny, progress=False, cache=False)
    with (tiny.curated / "muscles.tsv").open("a", encoding="utf-8") as table:
        table.write("\n")  # one more byte in one table
    with pytest.raises(AssertionError, match="loaded its inputs"):
        building.build(tmp_path / "b", tiny, progress=False)
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_the_key_covers_inputs_code_and_libraries(tiny: Inputs, tmp_path: Path) -> None:
    before = fingerprint(tiny)
    assert fingerprint(tiny) == before
    article = next(tiny.articles[0].glob("*.md"))
    article.write_text(article.read_text(encoding="utf-8") + " ", encoding="utf-8")
    assert fingerprint(tiny) != before
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(tiny.curated.parent, elsewhere)
    moved = Inputs.shipped(curated=elsewhere / "curated", articles=elsewhere / "articles")
    assert fingerprint(moved) == fingerprint(tiny)  # names inside the folders, not their place


def test_a_damaged_cache_entry_is_dropped_and_the_build_runs(
    tiny_release: Path, build_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = Inputs.shipped(curated=TINY / "curated", articles=TINY / "articles")
    entry = build_cache / "builds" / fingerprint(inputs)
    (entry / "spinekg.ttl").write_text("# not the release\n", encoding="utf-8")
    monkeypatch.setattr(building, "load", _never)
    with pytest.raises(AssertionError, match="loaded its inputs"):
        building.build(tmp_path / "dist", inputs, progress=False)
    assert not entry.exists()
    assert not (tmp_path / "dist").exists()
    keep(fingerprint(inputs), tiny_release)  # as a full build would again, for the other tests
    _same_release(entry, tiny_release)


def test_the_cli_builds_in_full_with_no_cache(
    tiny_release: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(building, "load", _never)
    where = ["--curated", str(TINY / "curated"), "--articles", str(TINY / "articles")]
    cached = CliRunner().invoke(main, ["build", "--out", str(tmp_path / "a"), *where])
    assert cached.exit_code == 0, cached.output
    assert cached.output.startswith("built spinekg 0.1.0: ")
    full = CliRunner().invoke(main, ["build", "--no-cache", "--out", str(tmp_path / "b"), *where])
    assert isinstance(full.exception, AssertionError)
    assert not (tmp_path / "b").exists()
