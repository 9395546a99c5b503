"""HTML network views of the graph: self-contained pages, laid out once, safe with any text.

A build calls :func:`write_views` after writing ``graph.ttl``. It writes, inside ``out`` only:

- ``network.html``   countries, officials, organisations and events;
- ``countries.html`` countries and organisations, one edge per bilateral relation (colour =
  kind, width = number of events involving both) and one dashed contact edge per pair that
  events involve;
- ``officials.html`` who met whom (``bkg:met``), officials coloured by country;
- ``country/{ISO}.html`` one country's neighbourhood;
- ``index.html``     links to every view, with counts.

How (networkx style: plain functions, one step each):

1. :func:`read_facts` reads what the views need from the RDF graph: the triples of the
   classes and predicates they use, scanned by predicate in rdflib's store;
2. :func:`network_graph`, :func:`countries_graph`, :func:`officials_graph`,
   :func:`country_graph` build one ``networkx.MultiGraph`` per view (node and edge
   attributes: label, plain-text tooltip, kind, years, colour…);
3. :func:`clustered_layout` computes positions once (see its docstring for why not
   ``spring_layout``/``forceatlas2_layout`` on the whole graph); a build keeps them in its
   folder's state (:class:`kg.views.layout_cache.LayoutCache`), and an update lays out again
   only the pages whose graph changed;
4. :func:`render_view` fills a pyvis ``Network`` (nodes/edges/options) and renders it with
   the project's own template (``kg/templates/view.html.j2``): vis-network is inlined from
   pyvis's package, physics is off, there is no external URL, and a Content-Security-Policy
   forbids any request and any script but the page's own.

Legibility: vis-network draws shapes and edges only; the page's script (``view.js``) draws
the names, most important first, leaving out any that would overlap another or be cut by
the canvas edge, and fits the drawing with a margin. Edge details live in tooltips.

Size: a page draws at most :data:`DRAW_LIMIT` nodes (countries and organisations always,
then the most connected); the names of the others travel in the page for Find, which
points to their country's page (:func:`pick_network_nodes`, :func:`pick_country_nodes`).

Safety: no text from the graph ever reaches the page as markup. Headings, menus and the
index go through Jinja's autoescaping; node/edge data travel as JSON inside a
``<script type="application/json">`` with ``<``, ``>``, ``&``, U+2028/U+2029 escaped; the
page's script builds the legend, search list and filters with ``textContent``; tooltips are
plain strings, which vis-network 9 shows with ``innerText``.

Determinism: the same graph gives byte-identical files (everything sorted, fixed seeds,
coordinates rounded, no timestamps).
"""

# networkx and the vocabulary, which the views' callers reach as kg.views.nx, kg.views.BKG
import networkx as nx  # noqa: F401

from kg.namespaces import BKG  # noqa: F401
from kg.views.facts import Facts
from kg.views.dates import year_of as year_of, french_dates as french_dates
from kg.views.read import read_facts, sparql_rows
from kg.views.graphs import (
    network_graph,
    countries_graph,
    officials_graph,
    country_graph,
    country_neighbourhood,
)
from kg.views.big import DRAW_LIMIT as DRAW_LIMIT, pick_network_nodes as pick_network_nodes
from kg.views.layout import clustered_layout
from kg.views.render import (
    render_view,
    render_index,
    json_for_html,
    VIEW_FILES,
    importance as importance,
    page_assets as page_assets,
    vis_assets as vis_assets,
)
from kg.views.write import write_views, country_filename

__all__ = [
    "write_views",
    "read_facts",
    "Facts",
    "network_graph",
    "countries_graph",
    "officials_graph",
    "country_graph",
    "country_neighbourhood",
    "clustered_layout",
    "render_view",
    "render_index",
    "json_for_html",
    "country_filename",
    "sparql_rows",
    "VIEW_FILES",
]
