"""Write ``src/spinekg/kernel/prefixes.json``: spinekg's prefixes, as the Bioregistry has them.

Run after upgrading ``bioregistry`` (a test dependency):
``.venv/bin/python scripts/update_prefixes.py``.
The test ``tests/test_prefixes.py`` fails when the shipped file and the installed Bioregistry
disagree, so the file never drifts silently. At run time spinekg reads the file with ``curies``
(no Bioregistry import, no network): each record has the canonical prefix and IRI prefix, and the
synonyms other files use (``SNOMEDCT_US:``, ``SCTID:``, ``mesh:``, ``MESH:``, older IRI prefixes).
"""

from __future__ import annotations

import json
import sys
from importlib.metadata import version
from pathlib import Path

import bioregistry

#: spinekg's own namespaces (not in the Bioregistry).
OWN = {
    "spine": "https://w3id.org/spinekg/",
    "claim": "https://w3id.org/spinekg/claim/",
    "evidence": "https://w3id.org/spinekg/evidence/",
}
#: Bioregistry prefixes of the vocabularies the release uses, then those mappings point into.
VOCABULARIES = (
    "rdf rdfs owl xsd skos dcterms oboinowl obo iao sh schema void dcat prov eco semapv sssom "
    "foaf doi"
).split()
MAPPING_TARGETS = "uberon fma hp mondo doid ncit snomedct icd10cm mesh umls".split()

TARGET = Path(__file__).resolve().parent.parent / "src" / "spinekg" / "kernel" / "prefixes.json"


def records() -> dict[str, object]:
    """The prefix records, in the ``curies`` extended prefix map format, and the mapping targets."""
    converter = bioregistry.get_converter()
    out: list[dict[str, object]] = [
        {"prefix": prefix, "uri_prefix": uri} for prefix, uri in OWN.items()
    ]
    targets = []
    for key in [*VOCABULARIES, *MAPPING_TARGETS]:
        resource = bioregistry.get_resource(key)
        record = converter.get_record(key)
        if resource is None or record is None:
            raise SystemExit(f"the Bioregistry has no prefix {key!r}")
        preferred = resource.get_preferred_prefix() or record.prefix
        synonyms = sorted({record.prefix, *record.prefix_synonyms} - {preferred})
        out.append(
            {
                "prefix": preferred,
                "uri_prefix": record.uri_prefix,
                "prefix_synonyms": synonyms,
                "uri_prefix_synonyms": sorted(record.uri_prefix_synonyms),
                **({"pattern": pattern} if (pattern := resource.get_pattern()) else {}),
            }
        )
        if key in MAPPING_TARGETS:
            targets.append(preferred)
    return {
        "about": "Prefixes of spinekg, from the Bioregistry (scripts/update_prefixes.py)",
        "bioregistry": version("bioregistry"),
        "mapping_targets": targets,
        "records": out,
    }


def main() -> None:
    """Write the file, or with ``--check`` only say whether it is current."""
    text = json.dumps(records(), indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    if "--check" in sys.argv:
        sys.exit(0 if TARGET.read_text(encoding="utf-8") == text else 1)
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
