"""Styles: the kinds of node a view draws (their labels, colours, shapes), the edges that are
not relations, the palette, and the size limits of tooltip text. The kinds of event and of
relation are not here: their labels and colours are the ontology's (kg.kinds).
"""

from __future__ import annotations


NODE_KINDS = ("country", "organization", "official", "event")
KIND_OF_CLASS = {
    "Country": "country",
    "Organization": "organization",
    "Official": "official",
    "Event": "event",
}
KIND_LABEL = {
    "country": "country",
    "organization": "organisation",
    "official": "official",
    "event": "event",
}
KIND_STYLE = {  # colour, vis shape, size, label font size
    "country": ("#d1495b", "dot", 24, 20),
    "organization": ("#4f9d69", "square", 16, 16),
    "official": ("#2e86ab", "dot", 11, 14),
    "event": ("#e9a23b", "diamond", 7, 11),
}
LINK_STYLE = {  # network-view edges that are not relations: colour, label
    "nationality": ("#9fbfd6", "nationality"),
    "participant": ("#d9c08c", "participant"),
    "country": ("#e3a6ad", "involves"),
}
# 20 distinguishable colours for the officials view (countries by number of officials)
PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#393b79",
    "#637939",
    "#8c6d31",
    "#843c39",
    "#7b4173",
    "#3182bd",
    "#e6550d",
    "#31a354",
    "#756bb1",
    "#636363",
    "#ad494a",
)
OTHER_COLOR = "#b0b0b0"
UNKNOWN_COLOR = "#e0e0e0"

LIMIT_LINE = 300  # characters of one tooltip line
LIMIT_LABEL = 48  # characters of a node label drawn on the canvas
LIMIT_LIST = 6  # items of a list in a tooltip (then "+N more")
LIMIT_EVIDENCE = 2  # evidence sentences in a tooltip
