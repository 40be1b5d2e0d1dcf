"""The command line: build, queries, query, and clear messages instead of tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from spinekg.cli import main


def test_build_then_the_readme_question(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "dist"
    result = runner.invoke(main, ["build", "--out", str(out)])
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text())
    assert (
        f"{manifest['triples']} triples in {len(manifest['graphs'])} graphs -> {out}/"
        in result.output
    )
    result = runner.invoke(
        main,
        [
            "query",
            "muscles_weakened_by_herniation",
            "--dist",
            str(out),
            "-p",
            "disc=L4-L5",
            "-p",
            "zone=paracentral",
        ],
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == [
        "root",
        "rootLabel",
        "muscle",
        "muscleLabel",
        "principal",
        "movements",
    ]
    ehl = next(line for line in lines if "extensor hallucis longus" in line)
    assert ehl.split()[:2] == ["spine:root-L5", "L5"]
    assert "true" in ehl and "great toe extension" in ehl
    assert all(" L5 nerve root " in line for line in lines[1:-1])


def test_query_json_is_sparql_results_json(release: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "query",
            "muscles_weakened_by_herniation",
            "--dist",
            str(release),
            "--format",
            "json",
            "-p",
            "disc=L4-L5",
            "-p",
            "zone=far-lateral",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["head"]["vars"][:2] == ["root", "rootLabel"]
    roots = {b["rootLabel"]["value"] for b in data["results"]["bindings"]}
    assert roots == {"L4 nerve root"}


def test_unknown_parameter_value_lists_closest_matches(release: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "query",
            "muscles_weakened_by_herniation",
            "--dist",
            str(release),
            "-p",
            "disc=L4-L6",
            "-p",
            "zone=paracentral",
        ],
    )
    assert result.exit_code == 1
    assert result.output.startswith("error: unknown disc 'L4-L6'; closest: l4 l5")
    assert "Traceback" not in result.output


def test_unknown_query_and_missing_release(tmp_path: Path, release: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["query", "muscles_weakend", "--dist", str(release)])
    assert result.exit_code == 1
    assert result.output.startswith("error: no catalog query 'muscles_weakend'; closest: ")
    assert "muscles_weakened_by_herniation" in result.output
    assert result.output.endswith("(see `spinekg queries`)\n")
    result = runner.invoke(
        main,
        [
            "query",
            "muscles_weakened_by_herniation",
            "--dist",
            str(tmp_path / "none"),
            "-p",
            "disc=L4-L5",
            "-p",
            "zone=central",
        ],
    )
    assert result.exit_code == 1
    assert "no release in" in result.output and "run `spinekg build` first" in result.output


def test_build_with_bad_table_prints_located_errors(curated_copy: Path, tmp_path: Path) -> None:
    table = curated_copy / "muscle_roots.tsv"
    table.write_text(table.read_text().replace("\tL5\t", "\tC9\t", 1))
    out = tmp_path / "dist"
    result = CliRunner().invoke(main, ["build", "--out", str(out), "--curated", str(curated_copy)])
    assert result.exit_code == 1
    assert f"error: {table}:" in result.output
    assert "unknown root 'C9'" in result.output
    assert result.output.rstrip().endswith("1 problem(s); nothing was built.")
    assert not out.exists()


def test_queries_lists_the_catalog() -> None:
    result = CliRunner().invoke(main, ["queries"])
    assert result.exit_code == 0
    assert (
        "muscles_weakened_by_herniation\tMuscles that may weaken from a disc herniation\t"
        "disc=<L4-L5> zone=<paracentral>" in result.output
    )
