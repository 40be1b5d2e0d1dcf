"""Malformed curated input: one located message per problem, and the last release untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinekg.kernel.errors import CuratedDataError
from spinekg.pipeline.build import build
from spinekg.pipeline.load import Inputs


def _edit(path: Path, old: str, new: str) -> int:
    """Replace the first line containing ``old`` and return its 1-based line number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for number, line in enumerate(lines, start=1):
        if old in line:
            lines[number - 1] = line.replace(old, new, 1)
            path.write_text("\n".join(lines), encoding="utf-8")
            return number
    raise AssertionError(f"{old!r} not in {path}")


def _problems(curated: Path, tmp_path: Path) -> list[str]:
    with pytest.raises(CuratedDataError) as info:
        build(tmp_path / "dist", Inputs.shipped(curated=curated), progress=False)
    return [str(p) for p in info.value.problems]


def test_unknown_root_names_file_line_column_and_closest(
    curated_copy: Path, tmp_path: Path
) -> None:
    table = curated_copy / "muscle_roots.tsv"
    line = _edit(table, "extensor-hallucis-longus\tL5\t", "extensor-hallucis-longus\tC9\t")
    assert _problems(curated_copy, tmp_path) == [
        f"{table}:{line}:2: unknown root 'C9'; expected an id from nerve_roots.tsv "
        "(closest: C8, C7, C6)"
    ]


def test_missing_column(curated_copy: Path, tmp_path: Path) -> None:
    table = curated_copy / "discs.tsv"
    lines = table.read_text().split("\n")
    table.write_text("\n".join("\t".join(x.split("\t")[:3] + x.split("\t")[4:]) for x in lines))
    problems = _problems(curated_copy, tmp_path)
    assert problems[0].startswith(f"{table}:1:")
    assert "missing column 'region'; expected columns: id, upper, lower, region" in problems[0]


def test_duplicated_id(curated_copy: Path, tmp_path: Path) -> None:
    table = curated_copy / "zones.tsv"
    text = table.read_text()
    first = next(line for line in text.split("\n") if line.startswith("foraminal\t"))
    table.write_text(text.rstrip("\n") + "\n" + first + "\n")
    last = len(table.read_text().rstrip("\n").split("\n"))
    original = text.split("\n").index(first) + 1
    assert _problems(curated_copy, tmp_path) == [
        f"{table}:{last}:1: duplicate id 'foraminal' (first on line {original})"
    ]


def test_typo_in_a_reference_to_another_table(curated_copy: Path, tmp_path: Path) -> None:
    table = curated_copy / "nerve_roots.tsv"
    line = _edit(table, "L5\tlumbar\tL5-S1\t", "L5\tlumbar\tL5-S2\t")
    assert _problems(curated_copy, tmp_path) == [
        f"{table}:{line}:3: unknown exit 'L5-S2'; expected an id from foramina.tsv "
        "(closest: L5-S1, L1-L2)"
    ]


def test_wrong_number_of_fields(curated_copy: Path, tmp_path: Path) -> None:
    table = curated_copy / "regions.tsv"
    line = _edit(table, "\t12\t12\t", "\t12\t")
    problems = _problems(curated_copy, tmp_path)
    assert problems == [
        f"{table}:{line}:8: expected 8 tab-separated fields (id, label, synonyms, definition, "
        "vertebrae, nerve_pairs, source, locator), found 7"
    ]


def test_bad_flag_and_bad_choice_are_both_reported(curated_copy: Path, tmp_path: Path) -> None:
    table = curated_copy / "discs.tsv"
    line = _edit(table, "L4-L5\tL4\tL5\tlumbar\t", "L4-L5\tL4\tL5\tlumbar\t")
    text = table.read_text().split("\n")
    text[line - 1] = text[line - 1].replace("\tyes\t", "\tmaybe\t")
    table.write_text("\n".join(text))
    zones = curated_copy / "zones.tsv"
    zline = _edit(zones, "\tunilateral\t", "\tone-sided\t")
    assert _problems(curated_copy, tmp_path) == [
        f"{table}:{line}:6: 'maybe' in column 'commonly_herniated'; expected yes or no",
        f"{zones}:{zline}:5: 'one-sided' in column 'laterality'; expected one of unilateral, "
        "bilateral",
    ]


def test_not_utf8(curated_copy: Path, tmp_path: Path) -> None:
    table = curated_copy / "regions.tsv"
    table.write_bytes(table.read_bytes() + b"coccyx\t\xff\n")
    lines = table.read_bytes().count(b"\n")
    assert _problems(curated_copy, tmp_path) == [
        f"{table}:{lines}:1: not valid UTF-8 text; save the file as UTF-8"
    ]


def test_turtle_typo_in_the_ontology(tmp_path: Path) -> None:
    from spinekg.ontology import ONTOLOGY_FILE

    bad = tmp_path / "spinekg.ttl"
    lines = ONTOLOGY_FILE.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines, 1) if line.startswith("spine:Vertebra a"))
    lines[number - 1] = lines[number - 1].rstrip(" ;")  # the forgotten ";"
    bad.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(CuratedDataError) as info:
        build(tmp_path / "dist", Inputs.shipped(ontology=bad), progress=False)
    (problem,) = info.value.problems
    assert (problem.path, problem.line) == (bad, number + 1)
    assert problem.message.startswith("Turtle syntax error")


def test_failed_build_leaves_the_previous_release_untouched(
    curated_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "dist"
    out.mkdir()
    (out / "spinekg.nq").write_text("previous release\n")
    (out / "manifest.json").write_text('{"name": "spinekg"}\n')
    _edit(curated_copy / "muscle_roots.tsv", "\tL5\t", "\tC9\t")
    with pytest.raises(CuratedDataError):
        build(out, Inputs.shipped(curated=curated_copy), progress=False)
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "spinekg.nq"]
    assert (out / "spinekg.nq").read_text() == "previous release\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".dist")] == []


def test_optional_last_fields_may_be_left_out(curated_copy: Path) -> None:
    """An editor that trims trailing whitespace drops the tabs of empty last fields."""
    from spinekg.loaders.schema import SPECS
    from spinekg.loaders.tables import read_tables

    table = curated_copy / "clinical_facts.tsv"
    lines = table.read_text(encoding="utf-8").split("\n")
    trimmed = sum(line != line.rstrip("\t") for line in lines)
    table.write_text("\n".join(line.rstrip("\t") for line in lines), encoding="utf-8")
    assert trimmed > 100
    rows = read_tables(curated_copy, SPECS)["clinical_facts"]
    assert len(rows) == sum(1 for line in lines[1:] if line.strip() and not line.startswith("#"))
    row = next(r for r in rows if r.get("relation") == "tried_before")
    assert (row.get("object"), row.values("source"), row.get("note")) == (
        "epidural-steroid-injection",
        ["S3", "S21"],
        "",
    )
    # a required field left out is still an error
    line = _edit(table, "epidural-steroid-injection\tasserted\tS3;S21\tS3: ", "x\tasserted\tS3: ")
    _edit(table, "x\tasserted\tS3: ", "x\tasserted")
    with pytest.raises(CuratedDataError) as info:
        read_tables(curated_copy, SPECS)
    assert [str(p) for p in info.value.problems] == [
        f"{table}:{line}:5: expected 7 tab-separated fields (subject, relation, object, "
        "modality, source, locator, note), found 4"
    ]


def test_every_cited_source_has_a_locator_and_every_locator_a_cited_source(
    curated_copy: Path, tmp_path: Path
) -> None:
    table = curated_copy / "reflex_roots.tsv"
    cited = "S17;S9\tS17: Physiohub lumbar DTR page, section Execution;S9: Symptoms"
    line = _edit(table, cited, "S17;S9\tS8: Table 48-1;S9: Symptoms")
    assert _problems(curated_copy, tmp_path) == [
        f"{table}:{line}:6: locator 'S8' names a source the row does not cite; "
        "its sources are S17;S9",
        f"{table}:{line}:6: no locator for source S17: say where in it the fact is, such as "
        "'S17: Table 2' or 'S17: section Treatment'",
    ]


def test_a_locator_without_its_source_key_is_refused(curated_copy: Path, tmp_path: Path) -> None:
    table = curated_copy / "reflex_roots.tsv"
    line = _edit(table, "achilles\tS2\tno\tno\tS17\tS17: ", "achilles\tS2\tno\tno\tS17\t")
    assert _problems(curated_copy, tmp_path) == [
        f"{table}:{line}:6: 'Physiohub lumbar DTR page, section Execution' in column 'locator'; "
        "expected where in each cited source the fact is: its key, a colon and a table, "
        "section or page, such as 'S8: Table 48-1', separated by ';'"
    ]
