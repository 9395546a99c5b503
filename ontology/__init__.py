"""The ontology (OWL/SKOS/SHACL Turtle), its JSON-LD context, the named queries and the French
lexicons the extractor reads — shipped inside the package as ``kg.ontology``.

Contributors edit the files here; the code reaches them only through
:func:`kg.resources.resource` (``importlib.resources``), so an installed wheel reads the same
files as a checkout.
"""
