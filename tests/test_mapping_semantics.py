"""The SKOS predicates of ``mappings.tsv`` say what the target is to the entity.

Decisions an importer asked for (see the ``mappings.tsv`` predicates section of
``loaders/curated/README.md``): a cross-reference is not an equivalence, a part is not a narrower
concept, a herniation scenario is only related to a "disc disorder with radiculopathy" code, and
codes of one concept agree. Reads the tables directly (no build), so it runs in a second.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from spinekg.loaders import curated_path

#: The curated tables folder (a test of the tests points it at a broken copy).
CURATED = curated_path()

PREDICATES = {"exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch"}
#: An exact SNOMED row must cite Mondo (S26) and say that Mondo's exactMatch set states it.
MONDO_EXACT_SET = "MONDO's exactMatch mapping set"
#: ICD-10-CM "disc disorder with myelopathy" (M50.0-, M51.0-) and "with radiculopathy" codes.
WITH_MYELOPATHY = re.compile(r"^icd10cm:M5[01]\.0")
WITH_RADICULOPATHY = re.compile(r"^icd10cm:M5[01]\.1")
#: A nerve root id of ``nerve_roots.tsv`` (anything else a herniation compresses is neural).
ROOT = re.compile(r"^(?:C[1-8]|T(?:[1-9]|1[0-2])|L[1-5]|S[1-5]|Co1)$")
#: What is left of a herniation scenario's CURIE once this is removed is its disc.
SCENARIO = re.compile(r"^spine:herniation-|-(?:paracentral|foraminal|far-lateral|central)$")
#: Parts of a mapped entity in UBERON (REFERENCE 10.2 and 12): never a narrower concept.
PARTS = {
    ("spine:muscle-iliopsoas", "UBERON:0001298"),  # psoas major
    ("spine:muscle-iliopsoas", "UBERON:0001369"),  # iliacus
    ("spine:muscle-quadriceps-femoris", "UBERON:0001378"),  # rectus femoris
}


def _rows(table: str) -> list[dict[str, str]]:
    """The data rows of a curated table (comment and blank lines skipped), cells stripped."""
    with Path(CURATED, f"{table}.tsv").open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{k: (v or "").strip() for k, v in row.items()} for row in reader]


def _mappings() -> list[dict[str, str]]:
    rows = _rows("mappings")
    assert rows, "mappings.tsv has no rows"
    return rows


def _show(row: dict[str, str]) -> str:
    return f"{row['entity']} {row['predicate']} {row['target']}"


def _sources(row: dict[str, str]) -> set[str]:
    return {s.strip() for s in row["source"].split(";") if s.strip()}


def test_every_predicate_is_a_skos_mapping_relation() -> None:
    assert {_show(r) for r in _mappings() if r["predicate"] not in PREDICATES} == set()


def test_the_dental_umls_code_is_not_mapped() -> None:
    """umls:C0034543 is a dental concept (HPO gives it to Periapical bone loss)."""
    assert [_show(r) for r in _mappings() if r["target"] == "umls:C0034543"] == []


def test_snomed_is_close_unless_mondo_states_the_equivalence() -> None:
    """UBERON's SNOMED xrefs are approximate and an hp.obo xref states no equivalence."""
    wrong = []
    for row in _mappings():
        if not row["target"].startswith("snomedct:"):
            continue
        if row["predicate"] == "closeMatch":
            if not row["note"]:
                wrong.append(f"{_show(row)}: no note says why it is not exact")
        elif row["predicate"] != "exactMatch":
            wrong.append(f"{_show(row)}: a SNOMED row is closeMatch or a stated exactMatch")
        elif "S26" not in _sources(row) or MONDO_EXACT_SET not in row["note"]:
            wrong.append(f"{_show(row)}: exact, but no source states the equivalence")
        if "S25" in _sources(row) and row["predicate"] != "closeMatch":
            wrong.append(f"{_show(row)}: UBERON's SNOMED bridge never makes a match exact")
    assert wrong == []


def test_myelopathy_codes_agree() -> None:
    """MONDO:0002545 maps exactly to SNOMED 48522003, UMLS C0037928 and MeSH D013118."""
    rows = [r for r in _mappings() if r["entity"] == "spine:condition-myelopathy"]
    predicates = {r["target"]: r["predicate"] for r in rows if r["status"] == "VERIFIED"}
    same = ("HP:0002196", "MONDO:0002545", "snomedct:48522003", "umls:C0037928", "mesh:D013118")
    assert {code: predicates.get(code) for code in same} == dict.fromkeys(same, "exactMatch")


def test_a_code_mondo_calls_exact_is_exact_and_so_is_the_mondo_row() -> None:
    """A row that cites Mondo's exactMatch set for MONDO:X agrees with the entity's MONDO:X row."""
    rows = _mappings()
    predicate = {(r["entity"], r["target"]): r["predicate"] for r in rows}
    wrong = []
    for row in rows:
        for mondo in re.findall(rf"{re.escape(MONDO_EXACT_SET)} \((MONDO:\d{{7}})\)", row["note"]):
            if row["predicate"] != "exactMatch":
                wrong.append(f"{_show(row)}: {mondo} states an equivalence")
            if predicate.get((row["entity"], mondo), "exactMatch") != "exactMatch":
                wrong.append(f"{row['entity']} {predicate[(row['entity'], mondo)]} {mondo}")
    assert wrong == []


def test_icd_residual_radiculopathy_and_sciatica_codes_are_not_exact() -> None:
    """M54.1- and M54.3 exclude radiculopathy and sciatica due to a disc disorder."""
    wrong = [
        _show(r)
        for r in _mappings()
        if re.match(r"^icd10cm:M54\.[13]", r["target"]) and r["predicate"] == "exactMatch"
    ]
    assert wrong == []


def test_no_herniation_scenario_is_broad_matched_to_a_with_radiculopathy_code() -> None:
    """A herniation need not cause the radiculopathy or myelopathy the code needs: related."""
    wrong = []
    for row in _mappings():
        target = row["target"]
        if not row["entity"].startswith("spine:herniation-"):
            continue
        if WITH_RADICULOPATHY.match(target) or WITH_MYELOPATHY.match(target):
            if row["predicate"] != "relatedMatch" or "related, not broader" not in row["note"]:
                wrong.append(_show(row))
    assert wrong == []


def _region_code(disc: str) -> str:
    """The ICD-10-CM disc-disorder code stem of a disc level, with myelopathy as ``0``."""
    cervical = {
        "C2-C3": "M50.01",
        "C3-C4": "M50.01",
        "C4-C5": "M50.021",
        "C5-C6": "M50.022",
        "C6-C7": "M50.023",
        "C7-T1": "M50.03",
    }
    if disc in cervical:
        return cervical[disc]
    if disc == "T12-L1":
        return "M51.05"
    if disc == "L5-S1":
        return "M51.07"
    return {"T": "M51.04", "L": "M51.06"}[disc[0]]


def test_a_herniation_code_follows_its_principal_compression_and_region() -> None:
    """Root compressed: "with radiculopathy"; cord or conus: "with myelopathy"; at its region.

    So T12-L1 paracentral (principally the traversing L1 root) is M51.15, while T1-T11
    paracentral (principally the cord) are M51.04.
    """
    principal: dict[str, set[str]] = {}
    for row in _rows("herniations"):
        if row["role"] == "principal":
            entity = f"spine:herniation-{row['disc']}-{row['zone']}"
            principal.setdefault(entity, set()).add(row["compresses"])
    wrong = []
    checked = 0
    for row in _mappings():
        entity, target = row["entity"], row["target"]
        if not (WITH_RADICULOPATHY.match(target) or WITH_MYELOPATHY.match(target)):
            continue
        if not entity.startswith("spine:herniation-"):
            continue
        compressed = principal.get(entity, set())
        disc = SCENARIO.sub("", entity)
        stem = _region_code(disc)
        if compressed and all(ROOT.match(c) for c in compressed):
            expected = stem[:4] + "1" + stem[5:]
        elif compressed and not any(ROOT.match(c) for c in compressed):
            expected = stem
        else:
            wrong.append(f"{_show(row)}: principal compression {sorted(compressed)} is mixed")
            continue
        checked += 1
        if target.removeprefix("icd10cm:") != expected:
            wrong.append(f"{_show(row)}: {sorted(compressed)} at {disc} is {expected}")
    assert checked >= 80
    assert wrong == []


def test_central_lumbar_herniations_have_no_disc_disorder_code() -> None:
    """They compress the cauda equina: coded as G83.4 and M51.26/M51.27 on their own."""
    lumbar_central = re.compile(r"^spine:herniation-L[1-5]-[LS][1-5]-central$")
    wrong = [
        _show(r)
        for r in _mappings()
        if lumbar_central.match(r["entity"])
        and (WITH_RADICULOPATHY.match(r["target"]) or WITH_MYELOPATHY.match(r["target"]))
    ]
    assert wrong == []


def test_no_part_is_mapped_as_a_narrower_or_broader_concept() -> None:
    """SKOS has no part-whole mapping: a part is not mapped, or only as related with a note."""
    wrong = []
    for row in _mappings():
        pair = (row["entity"], row["target"])
        predicate, note = row["predicate"], row["note"].lower()
        if pair in PARTS and not (predicate == "relatedMatch" and "part of" in note):
            wrong.append(f"{_show(row)}: the target is a part of the entity")
        if predicate in {"narrowMatch", "broadMatch"} and re.search(r"\bpart\b", note):
            wrong.append(f"{_show(row)}: a part is not a narrower or broader concept")
    assert wrong == []


def test_every_related_or_close_match_says_why() -> None:
    wrong = [
        _show(r)
        for r in _mappings()
        if r["predicate"] in {"relatedMatch", "closeMatch"} and not r["note"]
    ]
    assert wrong == []
