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
      if (line && it.dashed) s.style.borderTopStyle = "dashed";
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
  } else {  // nothing here has a known year: say so rather than "from none to none"
    yFrom.disabled = yTo.disabled = true;
    yFrom.parentNode.hidden = yTo.parentNode.hidden = true;
    yearsBox.insertBefore(el("span", "no known year", "kg-noyear"), yUnknown.parentNode);
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
  fitWithMargins();

  // ---- the whole drawing in view, with a margin (names are never cut: see below) ------
  function fitWithMargins() {
    var m = 28, lo = [Infinity, Infinity], hi = [-Infinity, -Infinity];
    D.nodes.forEach(function (n) {
      if (hiddenNode[n.id]) return;
      var p = network.body.nodes[n.id], r = n.sz || 10;
      lo[0] = Math.min(lo[0], p.x - r); lo[1] = Math.min(lo[1], p.y - r);
      hi[0] = Math.max(hi[0], p.x + r); hi[1] = Math.max(hi[1], p.y + r);
    });
    if (lo[0] === Infinity) return;
    var W = container.clientWidth, H = container.clientHeight;
    var w = Math.max(hi[0] - lo[0], 1), h = Math.max(hi[1] - lo[1], 1);
    var scale = Math.min((W - 2 * m) / w, (H - 2 * m - 18) / h, 1.6);
    network.moveTo({ position: { x: (lo[0] + hi[0]) / 2, y: (lo[1] + hi[1]) / 2 + 9 / scale },
                     scale: scale, animation: false });
  }
  window.kgFit = fitWithMargins;

  // ---- names on the canvas ----------------------------------------------------------
  // vis-network draws no label; this draws the names itself, most important first (the page's
  // country, countries and organisations, then by degree; the node hovered, selected or
  // found before all), and skips a name whose box would overlap one already drawn or would
  // be cut by the canvas edge. Small nodes' names show once zoomed in enough to be legible
  // (MIN_PX); the important ones are always drawn at MIN_PX at least.
  var MIN_PX = 11, ALWAYS = 12, CELL = 80;
  var byRank = D.nodes.slice().sort(function (a, b) { return a.r - b.r; });
  ALWAYS = D.always || ALWAYS;   // countries and organisations + 12, or one per cluster
  var widths = {};          // width of each name at 100 px
  var hovered = null;
  network.on("hoverNode", function (p) { hovered = p.node; network.redraw(); });
  network.on("blurNode", function () { hovered = null; network.redraw(); });
  var labelFont = "px system-ui, -apple-system, 'Segoe UI', sans-serif";
  window.kgLabels = [];
  network.on("afterDrawing", function (ctx) {
    var view = network.body.view, sc = view.scale, tr = view.translation;
    var W = container.clientWidth, H = container.clientHeight;
    var grid = {}, placed = [];
    var first = network.getSelectedNodes();
    if (hovered !== null) first = [hovered].concat(first);
    var order = first.map(function (id) { return allNodes[id]; }).concat(byRank);
    var done = {};
    // the discs of countries and organisations are obstacles too: no name is drawn over them
    byRank.forEach(function (n) {
      if ((n.kind !== "country" && n.kind !== "organization") || hiddenNode[n.id]) return;
      var q = network.body.nodes[n.id], r = (n.sz || 10) * sc;
      var x = q.x * sc + tr.x, y = q.y * sc + tr.y;
      var b = [x - r, y - r, x + r, y + r];
      b.owner = n.id;
      for (var gx = Math.floor(b[0] / CELL); gx <= Math.floor(b[2] / CELL); gx++) {
        for (var gy = Math.floor(b[1] / CELL); gy <= Math.floor(b[3] / CELL); gy++) {
          (grid[gx + "," + gy] = grid[gx + "," + gy] || []).push(b);
        }
      }
    });
    ctx.save();
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    for (var i = 0; i < order.length; i++) {
      var n = order[i];
      if (!n || done[n.id] || hiddenNode[n.id] || !n.text) continue;
      done[n.id] = 1;
      var must = i < first.length || n.r < ALWAYS;
      var px = n.fs * sc;
      if (px < MIN_PX) { if (!must) continue; px = MIN_PX; }
      px = Math.min(px, 2 * n.fs);
      if (widths[n.id] === undefined) {
        ctx.font = "100" + labelFont;
        widths[n.id] = ctx.measureText(n.text).width;
      }
      var p = network.body.nodes[n.id];
      var w = widths[n.id] * px / 100, h = px * 1.2;
      var cx = p.x * sc + tr.x, top = (p.y + (n.sz || 10)) * sc + tr.y + 2;
      var box = [cx - w / 2 - 3, top, cx + w / 2 + 3, top + h];   // 6 px apart at least
      if (box[0] < 0 || box[1] < 0 || box[2] > W || box[3] > H) continue;
      var gx0 = Math.floor(box[0] / CELL), gx1 = Math.floor(box[2] / CELL);
      var gy0 = Math.floor(box[1] / CELL), gy1 = Math.floor(box[3] / CELL);
      var clash = false;
      for (var gx = gx0; gx <= gx1 && !clash; gx++) {
        for (var gy = gy0; gy <= gy1 && !clash; gy++) {
          var cell = grid[gx + "," + gy];
          if (!cell) continue;
          for (var k = 0; k < cell.length; k++) {
            var o = cell[k];
            if (o.owner === n.id) continue;
            if (box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3]) {
              clash = true;
              break;
            }
          }
        }
      }
      if (clash) continue;
      for (gx = gx0; gx <= gx1; gx++) {
        for (gy = gy0; gy <= gy1; gy++) {
          (grid[gx + "," + gy] = grid[gx + "," + gy] || []).push(box);
        }
      }
      placed.push({ id: n.id, x: box[0], y: box[1], w: box[2] - box[0], h: box[3] - box[1] });
      ctx.font = (px / sc) + labelFont;
      ctx.lineWidth = 3 / sc;
      ctx.strokeStyle = "rgba(255,255,255,0.92)";
      ctx.fillStyle = i < first.length ? "#000" : "#222";
      var ty = p.y + (n.sz || 10) + 2 / sc;
      ctx.strokeText(n.text, p.x, ty);
      ctx.fillText(n.text, p.x, ty);
    }
    ctx.restore();
    window.kgLabels = placed;
  });

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
    if (id === null && findMore(q)) return;
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
  // names of the graph not drawn on this page (a big graph shows its most connected nodes):
  // D.more rows are [name, other names, what it is, page where it is drawn or ""]
  var more = null;
  function findMore(q) {
    if (!D.more || !D.more.length) return false;
    if (more === null) {
      more = [];
      D.more.forEach(function (row, i) {
        [row[0]].concat(row[1] || []).forEach(function (s) { more.push({ key: fold(s), i: i }); });
      });
    }
    var k = fold(q), hit = null;
    for (var t = 0; t < 3 && hit === null; t++) {
      for (var i = 0; i < more.length; i++) {
        var x = more[i].key;
        if (t === 0 ? x === k : t === 1 ? x.indexOf(k) === 0 : x.indexOf(k) >= 0) {
          hit = D.more[more[i].i];
          break;
        }
      }
    }
    if (hit === null) return false;
    status.textContent = "";
    status.className = "miss";
    status.appendChild(document.createTextNode(hit[0] + " (" + hit[2] + ") is not drawn here" +
                                               (hit[3] ? ": see " : ".")));
    if (hit[3]) {
      var a = el("a", (hit[4] || "its") + " page");
      a.href = hit[3];
      status.appendChild(a);
    }
    return true;
  }
  window.kgFind = function (q) { input.value = q; search(); return status.textContent; };
  input.addEventListener("change", search);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { ev.preventDefault(); search(); }
  });
  document.getElementById("kg-tools").addEventListener("submit", function (ev) {
    ev.preventDefault();
  });
})();
