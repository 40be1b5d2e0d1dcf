"""Where a build writes: only into an empty folder or a release, swapped in one step."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from spinekg.cli import main
from spinekg.kernel.errors import BuildError
from spinekg.pipeline.build import _exchange, _replacing


def _release(folder: Path, content: str) -> Path:
    """A folder that looks like a spinekg release, its N-Quads saying ``content``."""
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text(json.dumps({"name": "spinekg", "version": "0.1.0"}))
    (folder / "spinekg.nq").write_text(content)
    return folder


def _write(content: str, out: Path) -> None:
    with _replacing(out) as staging:
        (staging / "manifest.json").write_text(json.dumps({"name": "spinekg"}))
        (staging / "spinekg.nq").write_text(content)


def test_a_folder_that_is_not_a_release_is_refused_and_kept(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "notes.md").write_text("my notes\n")
    (project / "data.tsv").write_text("a\tb\n")
    result = CliRunner().invoke(main, ["build", "--out", str(project)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: refusing to replace {project}/: it is not a spinekg release (no manifest.json "
        "naming spinekg) and holds data.tsv, notes.md; build into an empty or new folder "
        "(--out), or move those files away\n"
    )
    assert sorted(p.name for p in project.iterdir()) == ["data.tsv", "notes.md"]
    assert (project / "notes.md").read_text() == "my notes\n"


def test_a_release_with_other_files_in_it_is_refused(tmp_path: Path) -> None:
    out = _release(tmp_path / "dist", "old\n")
    (out / "keep-me.txt").write_text("mine\n")
    with pytest.raises(BuildError, match=r"it holds files that are not part of a spinekg "):
        _write("new\n", out)
    assert (out / "keep-me.txt").read_text() == "mine\n"
    assert (out / "spinekg.nq").read_text() == "old\n"


def test_a_file_as_out_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    out.write_text("a file\n")
    with pytest.raises(BuildError, match=r"dist is a file, not a release folder"):
        _write("new\n", out)
    assert out.read_text() == "a file\n"


def test_a_release_or_an_empty_folder_is_replaced_and_nothing_is_left_beside(
    tmp_path: Path,
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    _write("first\n", empty)
    assert (empty / "spinekg.nq").read_text() == "first\n"
    out = _release(tmp_path / "dist", "old\n")
    _write("new\n", out)
    assert (out / "spinekg.nq").read_text() == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist", "empty"]
    assert oct(out.stat().st_mode & 0o777) == oct(0o777 & ~_umask())


def test_a_build_killed_between_the_two_renames_is_repaired_by_the_next(tmp_path: Path) -> None:
    """Where the file system cannot exchange two folders, the swap is two renames."""
    _release(tmp_path / ".dist-previous", "old\n")  # the state a kill between them leaves
    out = tmp_path / "dist"
    with pytest.raises(BuildError):
        with _replacing(out):
            assert (out / "spinekg.nq").read_text() == "old\n", "put back before any work"
            raise BuildError("this build fails too")
    assert (out / "spinekg.nq").read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist"]


def test_staging_folders_of_killed_builds_are_removed(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        text=True,
        capture_output=True,
        check=True,
    )
    abandoned = tmp_path / f".dist-staging-{dead.stdout.strip()}-x1y2"
    abandoned.mkdir()
    (abandoned / "spinekg.ttl").write_text("half a release")
    running = tmp_path / f".dist-staging-{os.getpid()}-z3"  # a build still running: kept
    running.mkdir()
    _write("new\n", tmp_path / "dist")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["dist", running.name])


def test_the_swap_is_one_atomic_exchange_where_the_system_has_one(tmp_path: Path) -> None:
    new, old = _release(tmp_path / "new", "new\n"), _release(tmp_path / "old", "old\n")
    if not _exchange(new, old):
        pytest.skip("this file system cannot exchange two folders (renameat2)")
    assert (old / "spinekg.nq").read_text() == "new\n"
    assert (new / "spinekg.nq").read_text() == "old\n"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_no_room_or_no_folder_is_found_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from spinekg.pipeline import build as building

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the build started loading")

    monkeypatch.setattr(building, "load", never)
    full = shutil.disk_usage(tmp_path)._replace(free=5_000_000)
    monkeypatch.setattr(shutil, "disk_usage", lambda path: full)
    with pytest.raises(BuildError, match=r"only 5 MB free beside .*dist; a build needs 100 MB"):
        building.build(tmp_path / "dist", progress=False)
    monkeypatch.undo()
    monkeypatch.setattr(building, "load", never)
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(BuildError, match=r"cannot prepare a release in .*a-file/dist: "):
        building.build(tmp_path / "a-file" / "dist", progress=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]
