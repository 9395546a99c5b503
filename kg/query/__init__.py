"""SPARQL on a built graph: named queries, safe parameters, and the query engine.

Named queries are the ``ontology/queries/*.rq`` files. Each starts with a comment header:
its first line says what it answers, and one ``# param: NAME TYPE DESCRIPTION`` line
declares each parameter, used in the query as ``$NAME``. Values given on the command line
(``--param a=VN``) become RDF terms according to TYPE and are bound by the engine
(pyoxigraph's ``substitutions``, rdflib's ``initBindings``): query text is never pasted
together from strings. Types:

``country``    an ISO 3166-1 alpha-2 code (VN), an organisation code (EU, EAEU) or an IRI →
               ``bkgr:country/VN``, ``bkgr:organization/EU`` (EU and UN, which ISO 3166-1
               reserves and never assigns, are the organisations)
``code``       the same codes → the literal ``"VN"`` (upper case)
``official``   a name as written, a slug or an IRI → ``bkgr:official/{slug}``
``iri``        ``<IRI>``, an absolute IRI, or a prefixed name (``bkgr:country/VN``)
``date``       ``2026``, ``2026-02``, ``2026-02-05`` or ``--02-05`` → an xsd:gYear,
               xsd:gYearMonth, xsd:date or xsd:gMonthDay literal
``first-day``  ``2026``, ``2026-02`` or ``2026-02-05`` → an xsd:date, the period's first day
``last-day``   the same → an xsd:date, the period's last day
``string``     a plain literal;  ``integer``  an xsd:integer

Engines (SEP-0007 substitution in Oxigraph) need a bound variable in the projection, so a
named query's SELECT lists its parameters, and its GROUP BY too when it groups.

The engine is Oxigraph (pyoxigraph): rdflib builds the graph, Oxigraph answers the
queries, 15-2000x faster than rdflib's engine from 10^5 triples on (``make bench-query``).
:func:`run` also takes an rdflib graph, which the tests use to prove both engines give the
same rows.

>>> q = named_queries()["meetings-between"]
>>> [p.name for p in q.params], q.params[0].type
(['a', 'b'], 'country')
>>> bind_params(q, {"a": "vn", "b": "EU"})
{'a': rdflib.term.URIRef('https://w3id.org/bilateral-kg/resource/country/VN'), 'b': rdflib.term.URIRef('https://w3id.org/bilateral-kg/resource/organization/EU')}
"""

from kg.query.named import (
    QUERIES_DIR,
    Param,
    NamedQuery,
    named_queries,
    get_query,
    parse_query,
    list_queries as list_queries,
)
from kg.query.params import (
    bind_params,
    parse_param_args as parse_param_args,
    parse_value as parse_value,
    query_variables as query_variables,
)
from kg.query.load import load_store, load_rdflib
from kg.query.engine import (
    Result,
    run,
    run_named,
    format_term,
    check_query,
    from_oxigraph_term as from_oxigraph_term,
    to_oxigraph_term as to_oxigraph_term,
)
from kg.query.inline import inline_params

__all__ = [
    "QUERIES_DIR",
    "Param",
    "NamedQuery",
    "Result",
    "named_queries",
    "get_query",
    "parse_query",
    "bind_params",
    "load_store",
    "load_rdflib",
    "run",
    "run_named",
    "inline_params",
    "format_term",
    "check_query",
]
