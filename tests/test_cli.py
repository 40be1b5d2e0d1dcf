"""The command line: build, queries, query, and clear messages instead of tracebacks."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from spinekg.cli import main
from tests.conftest import TINY


def test_build_then_the_readme_question(tmp_path: Path) -> None:
    """The README's question on a release the CLI builds (from the tiny world, for speed)."""
    runner = CliRunner()
    out = tmp_path / "dist"
    where = ["--curated", str(TINY / "curated"), "--articles", str(TINY / "articles")]
    result = runner.invoke(main, ["build", "--out", str(out), *where])
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text())
    assert (
        f"{manifest['triples']:,} distinct triples, {manifest['quads']:,} quads in "
        f"{len(manifest['graphs'])} named graphs -> {out}/" in result.output
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
    assert result.output == (
        "error: unknown disc 'L4-L6'; closest: L4-L5, L3-L4, L2-L3, L1-L2, L4-L5 disc\n"
    )
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


def test_the_query_side_never_loads_the_build_side(release: Path) -> None:
    """`spinekg query` starts without spaCy, owlready2 or pyshacl (they take seconds to load)."""
    probe = (
        "import sys\n"
        "from spinekg.cli import main\n"
        "heavy = ('spacy', 'owlready2', 'pyshacl', 'negspacy', 'spinekg.pipeline')\n"
        "try:\n"
        "    main(sys.argv[1:])\n"
        "except SystemExit as done:\n"
        "    print(sorted(m for m in heavy if m in sys.modules), done.code, file=sys.stderr)\n"
    )
    args = ["query", "muscles_weakened_by_root", "-p", "root=L5", "--dist", str(release)]
    result = subprocess.run(
        [sys.executable, "-c", probe, *args], capture_output=True, text=True, check=True
    )
    assert "extensor hallucis longus" in result.stdout
    assert result.stderr == "[] 0\n"


def test_extract_loads_neither_spacy_nor_the_query_side(tmp_path: Path) -> None:
    """`spinekg extract` starts without spaCy, owlready2, the query side or the CURIE tools.

    The second run is probed: the first may build the vocabulary cache, which reads the tables.
    """
    page = tmp_path / "page.txt"
    page.write_text("A herniated disc may press on the L5 nerve root.\n", encoding="utf-8")
    probe = (
        "import sys\n"
        "from spinekg.cli import main\n"
        "heavy = ('spacy', 'owlready2', 'pyshacl', 'curies', 'spinekg.querying.runner')\n"
        "try:\n"
        "    main(sys.argv[1:])\n"
        "except SystemExit as done:\n"
        "    print(sorted(m for m in heavy if m in sys.modules), done.code, file=sys.stderr)\n"
    )
    for _ in range(2):
        result = subprocess.run(
            [sys.executable, "-c", probe, "extract", str(page)], capture_output=True, text=True
        )
    assert result.stderr == "[] 0\n"
    (claim,) = json.loads(result.stdout)["claims"]
    assert (claim["relation"], claim["object"]["label"]) == ("compresses", "L5 nerve root")


def test_csv_quotes_titles_with_commas(release: Path) -> None:
    result = CliRunner().invoke(
        main, ["query", "codes", "-p", "entity=sciatica", "--format", "csv", "--dist", str(release)]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["match", "code", "note", "sources"]
    assert {len(row) for row in rows} == {4}
    assert [
        "http://www.w3.org/2004/02/skos/core#exactMatch",
        "https://meshb.nlm.nih.gov/record/ui?ui=D012585",
        "",
        "Mondo disease ontology (monarch-initiative/mondo, commit fad2512b)",
    ] in rows


def test_a_users_query_file_sees_its_parameters(release: Path, tmp_path: Path) -> None:
    """A parameter is bound where it is used and also returned where it is projected."""
    mine = tmp_path / "mine.rq"
    mine.write_text(
        "#+ param: root | spine:SpinalNerveRoot | L5 | a root\n"
        "SELECT ?root ?muscleLabel WHERE {\n"
        "  ?root spine:principallyInnervates ?muscle . ?muscle rdfs:label ?muscleLabel\n"
        "} ORDER BY ?muscleLabel LIMIT 2\n"
    )
    result = CliRunner().invoke(
        main, ["query", str(mine), "-p", "root=S1", "--format", "csv", "--dist", str(release)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "root,muscleLabel",
        "https://w3id.org/spinekg/root-S1,abductor hallucis",
        "https://w3id.org/spinekg/root-S1,biceps femoris",
    ]


@pytest.mark.parametrize(
    ("sparql", "message"),
    [
        (
            "SELECT * WHERE " + "{" * 2_000 + "}" * 2_000,
            "error: the query nests brackets 2,000 deep; at most 64 are accepted (deeper "
            "nesting can crash the SPARQL engine)\n",
        ),
        (
            "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
            "error: the query calls SERVICE <http://127.0.0.1:9/sparql>: federated queries "
            "are off\n",
        ),
    ],
    ids=["deep", "service"],
)
def test_the_embedded_store_refuses_what_would_crash_it_or_call_out(
    release: Path, tmp_path: Path, sparql: str, message: str
) -> None:
    query = tmp_path / "hostile.rq"
    query.write_text(sparql)
    result = CliRunner().invoke(main, ["query", str(query), "--dist", str(release)])
    assert (result.exit_code, result.stderr) == (1, message)


def test_an_embedded_query_is_stopped_at_its_timeout(release: Path, tmp_path: Path) -> None:
    query = tmp_path / "runaway.rq"
    query.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    command = ["query", str(query), "--dist", str(release), "--timeout", "1"]
    result = subprocess.run(
        [sys.executable, "-m", "spinekg", *command], capture_output=True, text=True, timeout=60
    )
    assert (result.returncode, result.stderr) == (
        1,
        "error: the query ran longer than --timeout 1 s and was stopped\n",
    )


def test_a_service_is_called_only_when_its_endpoint_is_allowed() -> None:
    from spinekg.querying.guard import Limits, QueryRefusedError, inspect

    allowed = Limits(services=frozenset({"https://sparql.example.org/query"}))
    inspect("SELECT * { SERVICE <https://sparql.example.org/query> { ?s ?p ?o } }", allowed)
    with pytest.raises(QueryRefusedError) as refused:
        inspect("SELECT * { SERVICE SILENT <http://10.0.0.1/admin> { ?s ?p ?o } }", allowed)
    assert str(refused.value) == (
        "the query calls SERVICE <http://10.0.0.1/admin>: federated queries are off, except "
        "to https://sparql.example.org/query"
    )
    with pytest.raises(QueryRefusedError, match=r"calls SERVICE \?where: federated"):
        inspect("SELECT * { SERVICE ?where { ?s ?p ?o } }", allowed)
    inspect('SELECT * { ?s ?p "SERVICE <http://10.0.0.1/>" } # SERVICE <http://x/>')
