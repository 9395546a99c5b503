// bilateral-kg network view: draws the precomputed layout, legend, search and filters.
// Every text from the graph is set with textContent / value / vis-network's plain-text
// tooltips; nothing from the data is ever parsed as HTML.
// Globals kept as in pyvis's template: network, nodes, edges, allNodes, allEdges.
var network, nodes, edges, allNodes, allEdges, data, options;
var kgTiming = { start: performance.now() };
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("kg-data").textContent);
  kgTiming.parsed = performance.now();
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function swatch(color, shape) {
    var s = el("span", null, "swatch " + (shape || ""));
    if (shape === "line") s.style.borderTopColor = color; else s.style.background = color;
    return s;
  }

  // ---- legend -------------------------------------------------------------------------
  var legend = document.getElementById("kg-legend");
  function legendList(title, items, line) {
    if (!items.length) return;
    legend.appendChild(el("h2", title));
    var ul = el("ul");
    items.forEach(function (it) {
      var li = el("li");
      var s = swatch(it.color, line ? "line" : it.shape);
      if (line && it.width) s.style.borderTopWidth = Math.min(6, it.width) + "px";
      li.appendChild(s);
      li.appendChild(document.createTextNode(it.label));
      ul.appendChild(li);
    });
    legend.appendChild(ul);
  }
  legendList("Nodes", D.legend.nodes, false);
  legendList("Edges", D.legend.edges, true);
  D.legend.notes.forEach(function (t) { legend.appendChild(el("p", t)); });

  // ---- filters: node kinds and years ------------------------------------------------
  var typeBoxes = {};
  var types = document.getElementById("kg-types");
  D.kinds.forEach(function (k) {
    var label = el("label");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = k.kind;
    box.id = "kg-type-" + k.kind;
    typeBoxes[k.kind] = box;
    label.appendChild(box);
    label.appendChild(swatch(k.color, k.shape));
    label.appendChild(document.createTextNode(k.label));
    types.appendChild(label);
    box.addEventListener("change", applyFilters);
  });

  var yFrom = document.getElementById("kg-year-from");
  var yTo = document.getElementById("kg-year-to");
  var yUnknown = document.getElementById("kg-year-unknown");
  var yearsBox = document.getElementById("kg-years");
  if (D.years) {
    yFrom.min = yTo.min = D.years[0];
    yFrom.max = yTo.max = D.years[1];
    yFrom.value = D.years[0];
    yTo.value = D.years[1];
  } else {
    yFrom.disabled = yTo.disabled = true;
    yFrom.placeholder = yTo.placeholder = "none";
  }
  if (!D.years && !D.undated) yearsBox.hidden = true;
  var typing = null;   // while a year is being typed, filter once the keys pause
  [yFrom, yTo, yUnknown].forEach(function (i) {
    i.addEventListener("change", function () { clearTimeout(typing); applyFilters(); });
    i.addEventListener("input", function () {
      clearTimeout(typing);
      typing = setTimeout(applyFilters, 250);
    });
  });

  function yearOk(item, lo, hi, unknown) {
    if (!item.ym) return true;                  // not a dated thing (officials, countries…)
    var ys = item.yrs || [];
    if (!ys.length) return unknown;             // dated thing, year unknown (e.g. --02-17)
    if (item.ym === "since") return ys[0] <= hi; // a relation exists from its year on
    for (var i = 0; i < ys.length; i++) if (ys[i] >= lo && ys[i] <= hi) return true;
    return false;
  }
  var hiddenNode = {}, hiddenEdge = {};
  var shown = document.getElementById("kg-shown");
  function applyFilters() {
    var lo = parseInt(yFrom.value, 10), hi = parseInt(yTo.value, 10);
    if (isNaN(lo)) lo = -Infinity;
    if (isNaN(hi)) hi = Infinity;
    var unknown = yUnknown.checked;
    var nUpd = [], eUpd = [], nShown = 0, eShown = 0;
    D.nodes.forEach(function (n) {
      var box = typeBoxes[n.kind];
      var h = !!(box && !box.checked) || !yearOk(n, lo, hi, unknown);
      if (!!hiddenNode[n.id] !== h) { hiddenNode[n.id] = h; nUpd.push({ id: n.id, hidden: h }); }
      if (!h) nShown++;
    });
    D.edges.forEach(function (e) {
      var h = !!hiddenNode[e.from] || !!hiddenNode[e.to] || !yearOk(e, lo, hi, unknown);
      if (!!hiddenEdge[e.id] !== h) { hiddenEdge[e.id] = h; eUpd.push({ id: e.id, hidden: h }); }
      if (!h) eShown++;
    });
    if (nUpd.length) nodes.update(nUpd);
    if (eUpd.length) edges.update(eUpd);
    shown.textContent = "showing " + nShown + " of " + D.nodes.length + " nodes, " +
      eShown + " of " + D.edges.length + " edges";
  }

  // ---- the network (after the panels, so the canvas does not resize after drawing) -----
  var container = document.getElementById("mynetwork");
  nodes = new vis.DataSet(D.nodes);
  edges = new vis.DataSet(D.edges);
  allNodes = nodes.get({ returnType: "Object" });
  allEdges = edges.get({ returnType: "Object" });
  data = { nodes: nodes, edges: edges };
  options = D.options;
  network = new vis.Network(container, {}, options);
  network.once("afterDrawing", function () {
    kgTiming.firstPaint = performance.now();
    document.body.setAttribute("data-ready", "1");
  });
  network.setData(data);
  kgTiming.built = performance.now();
  applyFilters();

  // ---- search: focus a node by name -------------------------------------------------
  function fold(s) {
    return String(s).replace(/[đĐ]/g, "d").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }
  var names = [];
  var seen = {};
  D.nodes.forEach(function (n) {
    [n.name].concat(n.alt || []).forEach(function (s) {
      names.push({ key: fold(s), id: n.id });
      if (!seen[s]) { seen[s] = 1; }
    });
  });
  var list = document.getElementById("kg-names");
  var input = document.getElementById("kg-search");
  function fillNames() {  // on first use: thousands of <option>s need not slow the load
    if (list.firstChild) return;
    var frag = document.createDocumentFragment();
    Object.keys(seen).sort().forEach(function (s) {
      var o = document.createElement("option");
      o.value = s;
      frag.appendChild(o);
    });
    list.appendChild(frag);
  }
  input.addEventListener("focus", fillNames);
  var status = document.getElementById("kg-search-status");
  function find(q) {
    var k = fold(q);
    if (!k) return null;
    var tests = [
      function (x) { return x === k; },
      function (x) { return x.indexOf(k) === 0; },
      function (x) { return x.indexOf(k) >= 0; }
    ];
    for (var t = 0; t < tests.length; t++) {
      var hit = null;
      for (var i = 0; i < names.length; i++) {
        if (tests[t](names[i].key)) {
          if (!hiddenNode[names[i].id]) return names[i].id;
          if (hit === null) hit = names[i].id;
        }
      }
      if (hit !== null) return hit;
    }
    return null;
  }
  function search() {
    var q = input.value;
    status.className = "";
    if (!fold(q)) { status.textContent = ""; return; }
    var id = find(q);
    if (id === null) {
      status.textContent = "no node named “" + q + "”";
      status.className = "miss";
      return;
    }
    var n = allNodes[id];
    if (hiddenNode[id]) {
      status.textContent = n.name + " is hidden by the filters";
      status.className = "miss";
      return;
    }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2),
                        animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    status.textContent = "found: " + n.name;
  }
  input.addEventListener("change", search);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { ev.preventDefault(); search(); }
  });
  document.getElementById("kg-tools").addEventListener("submit", function (ev) {
    ev.preventDefault();
  });
})();
