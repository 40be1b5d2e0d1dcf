"""The kernel: what both sides of spinekg share, and nothing else of the project.

``errors`` (the exceptions a user sees), ``namespaces`` (IRIs, prefixes, CURIEs), ``claims``
(a relationship with its modality and evidence), ``graphs`` (graph union, superclasses, how a
term is shown), ``release_files`` (the names of a release's files) and ``suggest`` (the "did you
mean" of every message). The build side (:mod:`spinekg.pipeline`, the loaders, the ontology)
and the query side (:mod:`spinekg.querying`, the query catalog) import the kernel; the kernel
imports neither.
"""
