"""The build side: curated inputs -> a checked, reasoned release.

``load`` (the ontology, shapes, tables and articles, each entity located to ``file:line``) ->
``reason`` (HermiT, the inferred graph) -> ``check`` (the curator's report) -> ``release`` (the
files and the manifest); ``build`` runs them in that order and is the only module that does.
It imports the kernel, the loaders, the ontology and the query catalog (which it publishes),
never the query side.
"""
