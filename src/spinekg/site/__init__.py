"""A static site of a release, for people: ``spinekg site`` (and ``spinekg build --site``).

A page per herniation scenario (the ``explain`` answer, its diagram, the evidence sentences and
sources), per nerve root (muscles, skin areas, reflexes, the lesions that compress it), per
entity (definition, synonyms, codes with links, what the graph states with modality and
sources, sources that differ side by side), the ontology's classes and properties, the query
catalog with an example answer of each query, an index and a search that works offline.
Pages are written from Jinja2 templates that escape everything they print; links are relative,
so the site works from ``file://`` and from any static host.
"""

from spinekg.site.writer import SiteSummary, write_site

__all__ = ["SiteSummary", "write_site"]
