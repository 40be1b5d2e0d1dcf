"""``spinekg diff OLD NEW`` on two small release folders written by hand, and the release's
project files (CHANGELOG.md, LICENSE, CITATION.cff, [project.urls]).

The folders are a few quads in a few graphs, so each figure below can be counted by eye:

* ``graph/tables/roots``: L5's label changes, L4's definition changes, S1 gains its first label
  (an added triple, no changed label), a blank node and its label stay as they were;
* ``graph/tables/mappings``: L5 -> FMA exactMatch becomes closeMatch, L4 -> UBERON is removed,
  L4 -> MeSH is added;
* ``graph/articles/old-article`` is removed, ``graph/inferred`` is added.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from spinekg.cli import main

ROOT = Path(__file__).resolve().parent.parent

S = "https://w3id.org/spinekg/"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
DEFINITION = "<http://purl.obolibrary.org/obo/IAO_0000115>"
EXACT = "<http://www.w3.org/2004/02/skos/core#exactMatch>"
CLOSE = "<http://www.w3.org/2004/02/skos/core#closeMatch>"
ROOTS, MAPPINGS = f"<{S}graph/tables/roots>", f"<{S}graph/tables/mappings>"
ARTICLE, INFERRED = f"<{S}graph/articles/old-article>", f"<{S}graph/inferred>"
L4, L5, S1 = f"<{S}root-L4>", f"<{S}root-L5>", f"<{S}root-S1>"
FMA = "<http://purl.org/sig/ont/fma/5861>"
UBERON = "<http://purl.obolibrary.org/obo/UBERON_0001234>"
MESH = "<https://meshb.nlm.nih.gov/record/ui?ui=D000001>"

OLD = [
    (L5, LABEL, '"L5 root"', ROOTS),
    (L5, TYPE, f"<{S}NerveRoot>", ROOTS),
    (L5, f"<{S}hasSide>", "_:kside", ROOTS),
    ("_:kside", LABEL, '"left"', ROOTS),
    (L4, LABEL, '"L4 nerve root"', ROOTS),
    (L4, DEFINITION, '"The fourth lumbar root."', ROOTS),
    (L5, EXACT, FMA, MAPPINGS),
    (L4, EXACT, UBERON, MAPPINGS),
    (f"<{S}article-old>", LABEL, '"An old article"', ARTICLE),
]
NEW = [
    (L5, LABEL, '"L5 nerve root"', ROOTS),
    (L5, TYPE, f"<{S}NerveRoot>", ROOTS),
    (L5, f"<{S}hasSide>", "_:kside", ROOTS),
    ("_:kside", LABEL, '"left"', ROOTS),
    (L4, LABEL, '"L4 nerve root"', ROOTS),
    (L4, DEFINITION, '"The fourth lumbar nerve root."', ROOTS),
    (S1, LABEL, '"S1 nerve root"', ROOTS),
    (L5, CLOSE, FMA, MAPPINGS),
    (L4, EXACT, MESH, MAPPINGS),
    (L5, f"<{S}innervates>", f"<{S}muscle-gluteus-medius>", INFERRED),
    (L4, f"<{S}innervates>", f"<{S}muscle-tibialis-anterior>", INFERRED),
]


def write_release(
    folder: Path, quads: list[tuple[str, str, str, str]], version: str, date: str
) -> Path:
    folder.mkdir()
    lines = sorted(" ".join(quad) + " ." for quad in quads)
    (folder / "spinekg.nq").write_text("\n".join(lines) + "\n", encoding="utf-8")
    graphs: dict[str, int] = {}
    for *_, graph in quads:
        graphs[graph.strip("<>")] = graphs.get(graph.strip("<>"), 0) + 1
    manifest = {"name": "spinekg", "version": version, "date": date, "graphs": graphs}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


@pytest.fixture
def releases(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Two releases, ``old/`` and ``new/``, in the working folder (so paths show short)."""
    monkeypatch.chdir(tmp_path)
    return (
        write_release(tmp_path / "old", OLD, "0.1.0", "2026-11-25"),
        write_release(tmp_path / "new", NEW, "0.2.0", "2026-12-01"),
    )


def diff(*args: str) -> Result:
    return CliRunner().invoke(main, ["diff", *args])


def test_text_report_gives_counts_per_graph_and_every_changed_label_and_mapping(
    releases: tuple[Path, Path],
) -> None:
    result = diff("old", "new")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "old: spinekg 0.1.0 (2026-11-25)  old/\n"
        "new: spinekg 0.2.0 (2026-12-01)  new/\n"
        "quads: 9 -> 11 (+7 -5)\n"
        "\n"
        "graphs: 4 changed, 0 unchanged\n"
        "  +0     -1     spine:graph/articles/old-article  (graph removed)\n"
        "  +2     -0     spine:graph/inferred  (new graph)\n"
        "  +2     -2     spine:graph/tables/mappings  (2 -> 2)\n"
        "  +3     -2     spine:graph/tables/roots  (6 -> 7)\n"
        "\n"
        "changed labels (1):\n"
        '  spine:root-L5  rdfs:label  "L5 root" -> "L5 nerve root"\n'
        "\n"
        "changed definitions (1):\n"
        '  spine:root-L4  IAO:0000115  "The fourth lumbar root." -> '
        '"The fourth lumbar nerve root."\n'
        "\n"
        "changed mappings (1):\n"
        "  spine:root-L5  skos:exactMatch -> skos:closeMatch  FMA:5861\n"
        "\n"
        "added mappings (1):\n"
        "  spine:root-L4  skos:exactMatch  mesh:D000001\n"
        "\n"
        "removed mappings (1):\n"
        "  spine:root-L4  skos:exactMatch  UBERON:0001234\n"
    )


def test_json_report_has_every_graph_and_full_iris(releases: tuple[Path, Path]) -> None:
    result = diff("old", "new", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["old", "new", "same", "graphs", "labels", "definitions", "mappings"]
    assert data["old"] == {"path": "old", "version": "0.1.0", "date": "2026-11-25", "quads": 9}
    assert data["new"] == {"path": "new", "version": "0.2.0", "date": "2026-12-01", "quads": 11}
    assert data["same"] is False
    assert {
        g["graph"]: (g["status"], g["old"], g["new"], g["added"], g["removed"])
        for g in data["graphs"]
    } == {
        f"{S}graph/articles/old-article": ("removed", 1, None, 0, 1),
        f"{S}graph/inferred": ("added", None, 2, 2, 0),
        f"{S}graph/tables/mappings": ("changed", 2, 2, 2, 2),
        f"{S}graph/tables/roots": ("changed", 6, 7, 3, 2),
    }
    assert [g["graph"] for g in data["graphs"]] == sorted(g["graph"] for g in data["graphs"])
    assert "added_triples" not in data["graphs"][0]
    assert data["labels"] == [
        {
            "entity": f"{S}root-L5",
            "predicate": LABEL.strip("<>"),
            "old": ["L5 root"],
            "new": ["L5 nerve root"],
        }
    ]
    assert [(d["entity"], d["old"], d["new"]) for d in data["definitions"]] == [
        (f"{S}root-L4", ["The fourth lumbar root."], ["The fourth lumbar nerve root."])
    ]
    assert data["mappings"] == {
        "changed": [
            {
                "entity": f"{S}root-L5",
                "target": FMA.strip("<>"),
                "old": [EXACT.strip("<>")],
                "new": [CLOSE.strip("<>")],
            }
        ],
        "added": [
            {
                "entity": f"{S}root-L4",
                "target": MESH.strip("<>"),
                "old": [],
                "new": [EXACT.strip("<>")],
            }
        ],
        "removed": [
            {
                "entity": f"{S}root-L4",
                "target": UBERON.strip("<>"),
                "old": [EXACT.strip("<>")],
                "new": [],
            }
        ],
    }


def test_triples_lists_each_added_and_removed_triple(releases: tuple[Path, Path]) -> None:
    data = json.loads(diff("old", "new", "--format", "json", "--triples").stdout)
    mappings = next(g for g in data["graphs"] if g["graph"] == f"{S}graph/tables/mappings")
    assert mappings["added_triples"] == [f"{L4} {EXACT} {MESH} .", f"{L5} {CLOSE} {FMA} ."]
    assert mappings["removed_triples"] == [f"{L4} {EXACT} {UBERON} .", f"{L5} {EXACT} {FMA} ."]
    text = diff("old", "new", "--triples").stdout
    assert "      + spine:root-L5 skos:closeMatch FMA:5861\n" in text
    assert "      - spine:root-L5 skos:exactMatch FMA:5861\n" in text
    assert '      + spine:root-S1 rdfs:label "S1 nerve root"\n' in text
    roots = next(g for g in data["graphs"] if g["graph"] == f"{S}graph/tables/roots")
    # the blank node kept its label, so none of its triples is added or removed
    assert roots["added_triples"] == [
        f'{L4} {DEFINITION} "The fourth lumbar nerve root." .',
        f'{L5} {LABEL} "L5 nerve root" .',
        f'{S1} {LABEL} "S1 nerve root" .',
    ]


def test_same_release_twice_has_no_differences(releases: tuple[Path, Path]) -> None:
    result = diff("old", "old")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "old: spinekg 0.1.0 (2026-11-25)  old/\n"
        "new: spinekg 0.1.0 (2026-11-25)  old/\n"
        "no differences (9 quads)\n"
    )
    data = json.loads(diff("old", "old", "--format", "json").stdout)
    assert data["same"] is True
    assert {g["status"] for g in data["graphs"]} == {"unchanged"}
    assert data["labels"] == data["definitions"] == []
    assert data["mappings"] == {"changed": [], "added": [], "removed": []}


def refused(result: Result) -> str:
    """The one line of a refused diff: exit 2, no traceback, nothing on stdout."""
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    return result.stderr


def test_a_folder_that_is_not_a_release_is_refused_with_its_path(
    releases: tuple[Path, Path],
) -> None:
    Path("notes").mkdir()
    (Path("notes") / "todo.txt").write_text("nothing here\n", encoding="utf-8")
    assert refused(diff("old", "notes")) == (
        "error: notes/ is not a spinekg release (it has no manifest.json); give a folder that "
        "`spinekg build` wrote\n"
    )
    assert refused(diff("nowhere", "new")) == (
        "error: no release in nowhere: there is no such folder\n"
    )
    (Path("notes") / "manifest.json").write_text('{"name": "other"}', encoding="utf-8")
    assert refused(diff("notes", "new")) == (
        "error: notes/ is not a spinekg release (its manifest.json does not name spinekg)\n"
    )


def test_a_damaged_or_missing_nquads_file_is_refused(releases: tuple[Path, Path]) -> None:
    old, new = releases
    (new / "spinekg.nq").write_text("this is not N-Quads\n", encoding="utf-8")
    message = refused(diff("old", "new"))
    assert message.startswith("error: the release in new/ is damaged (new/spinekg.nq: ")
    assert message.endswith("); rebuild it\n")
    (new / "spinekg.nq").unlink()
    assert refused(diff("old", "new")) == (
        "error: the release in new/ is damaged (it has no spinekg.nq); rebuild it\n"
    )
    (old / "manifest.json").write_text("{", encoding="utf-8")
    assert refused(diff("old", "old")).startswith("error: old/manifest.json cannot be read (")


def test_an_nquads_file_cut_short_is_refused_by_its_digest(releases: tuple[Path, Path]) -> None:
    """A file cut at a line end still parses: the manifest's sha256 is what tells."""
    old, _ = releases
    manifest = json.loads((old / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"] = {"spinekg.nq": {"sha256": "0" * 64}}
    (old / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert refused(diff("old", "new")) == (
        "error: the release in old/ is damaged (old/spinekg.nq is not the file its "
        "manifest.json lists: cut short or changed after the build); rebuild it\n"
    )


def test_project_urls_and_citation_agree_with_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    urls = project["urls"]
    assert set(urls) == {"Homepage", "Repository", "Changelog", "Documentation"}
    assert urls["Homepage"] == "https://w3id.org/spinekg/"
    assert urls["Repository"] == "https://github.com/spinekg/spinekg"
    assert all(
        url.startswith(urls["Repository"] + "/")
        for k, url in urls.items()
        if k in ("Changelog", "Documentation")
    )
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert {"cff-version", "message", "title", "authors"} <= set(citation)
    assert citation["cff-version"] == "1.2.0"
    assert citation["version"] == project["version"]
    assert citation["license"] == project["license"]
    assert citation["authors"] == [{"name": project["authors"][0]["name"]}]
    assert citation["repository-code"] == urls["Repository"]
    assert citation["url"] == urls["Homepage"]


def test_license_is_the_apache_license_and_the_changelog_has_unreleased() -> None:
    license_text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert license_text.split()[:4] == ["Apache", "License", "Version", "2.0,"]
    assert "END OF TERMS AND CONDITIONS" in license_text
    assert len(license_text.split()) > 1500  # the full text, not a notice
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]" in changelog
    assert "spinekg diff" in changelog


def test_a_mapping_whose_iri_changes_spelling_shows_the_old_iri_in_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An older FMA IRI compresses to the same CURIE as today's: the report must tell them apart."""
    monkeypatch.chdir(tmp_path)
    older = "<http://purl.org/sig/ont/fma/fma5861>"
    write_release(tmp_path / "old", [(L5, EXACT, older, MAPPINGS)], "0.1.0", "2026-11-25")
    write_release(tmp_path / "new", [(L5, EXACT, FMA, MAPPINGS)], "0.1.0", "2026-12-01")
    result = diff("old", "new")
    assert result.exit_code == 0, result.output
    assert "added mappings (1):\n  spine:root-L5  skos:exactMatch  FMA:5861\n" in result.stdout
    assert (
        "removed mappings (1):\n"
        "  spine:root-L5  skos:exactMatch  <http://purl.org/sig/ont/fma/fma5861>\n"
    ) in result.stdout
