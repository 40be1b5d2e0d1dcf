"""The files of a release, named once for the side that writes them and the side that reads.

>>> [name for name in FILES]  # doctest: +NORMALIZE_WHITESPACE
['spinekg.ttl', 'spinekg.owl', 'spinekg.jsonld', 'spinekg.nq', 'spinekg.sssom.tsv',
 'spinekg_nodes.tsv', 'spinekg_edges.tsv']
"""

from __future__ import annotations

import hashlib
from pathlib import Path

#: Where ``spinekg build`` writes a release, and where the query commands look for one.
DEFAULT_RELEASE = Path("dist")

TURTLE = "spinekg.ttl"
RDF_XML = "spinekg.owl"
JSON_LD = "spinekg.jsonld"
#: Every named graph of the release, one N-Quads line per quad: what the stores load.
NQUADS = "spinekg.nq"
#: The file that marks a folder as a static site of a release (`spinekg site`).
SITE_MARKER = "spinekg-site.json"
#: The verified mappings as an SSSOM mapping set.
SSSOM = "spinekg.sssom.tsv"
#: The graph in the Biolink model, as KGX TSV (``<name>_nodes.tsv``, ``<name>_edges.tsv``).
KGX_NODES = "spinekg_nodes.tsv"
KGX_EDGES = "spinekg_edges.tsv"
#: Release file names, in the order the manifest lists them.
FILES = (TURTLE, RDF_XML, JSON_LD, NQUADS, SSSOM, KGX_NODES, KGX_EDGES)
#: Version, date, triples per graph and the sha256 of each file.
MANIFEST = "manifest.json"


def sha256(path: Path) -> str:
    """The hex SHA-256 digest of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
