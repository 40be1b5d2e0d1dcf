"""The query side: open a release, resolve names, run catalog queries, answer clinicians.

``runner`` (SPARQL on the embedded store or an endpoint, one binder), ``resolve`` (a user's
words -> entities), ``catalog`` (run a catalog query), ``results`` (output formats), ``store``
(the embedded release), ``explain`` and ``localize`` (causal answers), ``serve`` (the Oxigraph
server), ``publish`` (Graph Store Protocol), ``loadtest``. It imports the kernel and the query
catalog, never the build side: querying a release needs none of the build's dependencies.
"""
