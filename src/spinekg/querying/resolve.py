"""Entity resolution: a user's words ("L4-L5", "ankle jerk", a CURIE) -> an RDF term.

A value is looked up among the labels, exact synonyms and notations of the instances of the
parameter's class, compared as :func:`~spinekg.kernel.names.normalise` folds them (case,
dashes, slashes, spaces). A release holds every entity's names already folded
(``spine:nameKey``, in ``graph/names``), so the lookup is one query whose name pattern the
store answers from its index, on the embedded store or an endpoint alike, whatever the graph's
size; a store without them (a graph of one's own) is searched by folding every name in the
query instead. Only when nothing matches are the class's names fetched, to suggest the closest.
"""

from __future__ import annotations

from collections.abc import Mapping

import pyoxigraph as ox
from rdflib import OWL

from spinekg.kernel.errors import QueryError
from spinekg.kernel.names import NAME_KEY, normalise
from spinekg.kernel.namespaces import BASE, curie, expand
from spinekg.kernel.suggest import closest
from spinekg.queries import Query
from spinekg.querying.runner import Runner, Term, bind, kept, solutions

__all__ = [
    "Value",
    "label_of",
    "lookup",
    "names_of",
    "nearest",
    "resolve",
    "resolve_params",
]

#: A parameter value: a user's text, or a term already resolved (used as it is).
Value = str | Term

#: The same folding as :func:`normalise`, for SPARQL ``REPLACE`` (the dashes written out;
#: labels hold no tabs).
_SPARQL_FOLD = "[-\u2010-\u2015/_ ]+"


#: An instance of ?class, or of a subclass. The class is compared as text: Virtuoso 7 answers
#: ``?type rdfs:subClassOf* <class>`` with no rows when ``?type`` comes from another pattern
#: (a transitive path bound at both ends), where every engine answers this form alike.
_CLASS_PATTERN = (
    "?entity a ?type . ?type rdfs:subClassOf* ?super . FILTER(STR(?super) = STR(?class))"
)
#: The entities of a class, or of any class for owl:Thing, one of whose names folds to ?wanted.
_KEYED_LOOKUP = f"""
SELECT DISTINCT ?entity WHERE {{
  ?entity <{NAME_KEY}> ?wanted .
  {_CLASS_PATTERN}
}} ORDER BY ?entity"""
#: The same, in a store without name keys: every name folded by the query.
_LOOKUP = rf"""
SELECT DISTINCT ?entity WHERE {{
  {{ ?entity rdfs:label ?name }} UNION {{ ?entity oboInOwl:hasExactSynonym ?name }}
  UNION {{ ?entity skos:notation ?name }}
  FILTER(REPLACE(LCASE(STR(?name)), "{_SPARQL_FOLD}", " ") = ?wanted)
  {_CLASS_PATTERN}
  FILTER(STRSTARTS(STR(?entity), "{BASE}"))
}} ORDER BY ?entity"""
_NAMES = f"""
SELECT DISTINCT ?name WHERE {{
  {_CLASS_PATTERN}
  {{ ?entity rdfs:label ?name }} UNION {{ ?entity oboInOwl:hasExactSynonym ?name }}
  UNION {{ ?entity skos:notation ?name }}
  FILTER(STRSTARTS(STR(?entity), "{BASE}"))
}}"""
_HAS_KEYS = f"ASK {{ ?entity <{NAME_KEY}> ?name }}"
_IS_A = f"ASK {{ {_CLASS_PATTERN} }}"
_INDIVIDUAL = "ASK { ?entity a owl:NamedIndividual }"
_LABEL = "SELECT ?label WHERE { ?entity rdfs:label ?label } ORDER BY ?label LIMIT 1"


def resolve(runner: Runner, value: str, type_: str, *, name: str = "value") -> Term:
    """Turn a user's value into an RDF term of the parameter's type.

    ``literal`` parameters become plain literals. For a class-typed parameter the value may be an
    IRI, a CURIE, or a label, synonym or notation of an instance of that class (any case).

    :raises QueryError: listing the closest names when nothing matches.
    """
    _readable(value, name)
    if type_ == "literal":
        return ox.Literal(value)
    entities = lookup(runner, value, type_, name=name)
    if len(entities) == 1:
        return entities[0]
    if len(entities) > 1:
        options = ", ".join(sorted(curie(e.value) for e in entities))
        raise QueryError(f"{name} {value!r} is ambiguous: {options}")
    names = names_of(runner, type_)
    if not names:
        raise QueryError(f"unknown {name} {value!r} (no {type_} in {runner.where})")
    near = nearest(value, names)
    raise QueryError(f"unknown {name} {value!r}{'; closest: ' + ', '.join(near) if near else ''}")


def nearest(value: str, names: set[str], n: int = 5) -> list[str]:
    """The ``n`` names most like ``value`` once both are folded (shown as written)."""
    by_form: dict[str, str] = {}
    for name in sorted(names):
        by_form.setdefault(normalise(name), name)
    return [by_form[form] for form in closest(normalise(value), by_form, n)]


def lookup(runner: Runner, value: str, type_: str, *, name: str = "value") -> list[ox.NamedNode]:
    """The entities of class ``type_`` that ``value`` names (an IRI or CURIE must be one).

    :raises QueryError: for an unknown class, or an IRI or CURIE that is not of the class.
    """
    _readable(value, name)
    cls = _class(type_, name)
    iri = value if value.startswith(("http://", "https://")) else None
    if iri is None and ":" in value:
        iri = expand(value)
    if iri is not None:
        try:
            entity = ox.NamedNode(iri)
        except ValueError as exc:
            raise QueryError(f"{name} {value!r} is not a valid IRI: {exc}") from None
        if _is_a(runner, entity, cls):
            return [entity]
        raise QueryError(f"{value!r} is not a {curie(cls.value)} in the graph")
    template = _KEYED_LOOKUP if _has_name_keys(runner) else _LOOKUP
    query = _of_class(template, cls, wanted=ox.Literal(normalise(value)))
    found = [e for s in solutions(runner, query) if isinstance(e := s["entity"], ox.NamedNode)]
    # "cauda equina syndrome" names the condition and the ontology class of such conditions;
    # a value is about the condition (claims, codes and answers are about individuals)
    individuals = [e for e in found if _is_individual(runner, e)] if len(found) > 1 else []
    return individuals or found


def _has_name_keys(runner: Runner) -> bool:
    """Whether the store holds folded names (a release does), asked once per runner."""
    cache = kept(runner)
    if "name keys" not in cache:
        cache["name keys"] = bool(runner.execute(_HAS_KEYS))
    return bool(cache["name keys"])


def _is_individual(runner: Runner, entity: ox.NamedNode) -> bool:
    return bool(runner.execute(bind(_INDIVIDUAL, {"entity": entity})))


def names_of(runner: Runner, type_: str) -> set[str]:
    """Every name (label, synonym, notation) of the instances of ``type_``."""
    query = _of_class(_NAMES, _class(type_, "value"))
    return {str(name.value) for s in solutions(runner, query) if (name := s["name"]) is not None}


def _class(type_: str, name: str) -> ox.NamedNode:
    iri = expand(type_)
    try:
        if iri is not None:
            return ox.NamedNode(iri)
    except ValueError:
        pass
    raise QueryError(f"parameter {name!r} has unknown type {type_!r}")


def _readable(value: str, name: str) -> None:
    """Refuse a value holding bytes that were not UTF-8 (the shell passes them through).

    :raises QueryError: naming the parameter.
    """
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise QueryError(
            f"{name} {value!r} is not readable text: it holds bytes that are not UTF-8"
        ) from None


def resolve_params(runner: Runner, query: Query, params: Mapping[str, Value]) -> dict[str, Term]:
    """Check a query's parameters and resolve each value into an RDF term of its type.

    A value that is already a term is used as it is (it was resolved before).

    :raises QueryError: for a missing, unexpected or unresolvable parameter.
    """
    declared = {p.name: p for p in query.params}
    unexpected = sorted(set(params) - set(declared))
    if unexpected:
        raise QueryError(
            f"query {query.id!r} has no parameter {', '.join(unexpected)}; it takes: "
            f"{', '.join(declared) or 'none'}"
        )
    missing = [name for name in declared if name not in params]
    if missing:
        raise QueryError(
            f"query {query.id!r} needs parameter {', '.join(missing)} "
            f"(e.g. --param {missing[0]}={declared[missing[0]].example})"
        )
    return {
        name: value
        if isinstance(value, ox.NamedNode | ox.Literal)
        else resolve(runner, value, declared[name].type, name=name)
        for name, value in params.items()
    }


def label_of(runner: Runner, entity: ox.NamedNode) -> str:
    """The ``rdfs:label`` of an entity (its CURIE if it has none)."""
    for solution in solutions(runner, bind(_LABEL, {"entity": entity})):
        label = solution["label"]
        if label is not None:
            return str(label.value)
    return curie(entity.value)


def _is_a(runner: Runner, entity: ox.NamedNode, cls: ox.NamedNode) -> bool:
    if cls.value == str(OWL.Thing):
        return bool(runner.execute(bind("ASK { ?entity ?p ?o }", {"entity": entity})))
    return bool(runner.execute(bind(_IS_A, {"entity": entity, "class": cls})))


def _of_class(query: str, cls: ox.NamedNode, **terms: Term) -> str:
    """Bind ``?class`` and ``terms``; for owl:Thing drop the class (any spinekg entity)."""
    if cls.value == str(OWL.Thing):
        return bind(query.replace(_CLASS_PATTERN, ""), terms)
    return bind(query, {**terms, "class": cls})
