/* litmap report: client-side routing, search, network maps, paper/work pages.
 * Every string from the data is inserted as a DOM text node (never innerHTML),
 * and no event handler is built from data. */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("litmap-data").textContent);
  var DETAIL = null; // reference lists and citing sentences, parsed on first use
  function detail() {
    if (!DETAIL) { DETAIL = JSON.parse(document.getElementById("litmap-detail").textContent); }
    return DETAIL;
  }
  var PAPERS = {}; D.papers.forEach(function (p) { PAPERS[p.id] = p; });
  var WORKS = D.works;
  var TOPICS = {}; ((D.topics && D.topics.topics) || []).forEach(function (t) { TOPICS[t.id] = t; });
  var CONCEPTS = {}; ((D.concepts && D.concepts.concepts) || []).forEach(function (c) { CONCEPTS[c.id] = c; });

  function h(tag, attrs) {
    var el = document.createElement(tag);
    if (attrs) { Object.keys(attrs).forEach(function (k) { el.setAttribute(k, attrs[k]); }); }
    for (var i = 2; i < arguments.length; i++) { add(el, arguments[i]); }
    return el;
  }
  function add(el, c) {
    if (c === null || c === undefined || c === false) { return; }
    if (Array.isArray(c)) { c.forEach(function (x) { add(el, x); }); return; }
    el.appendChild(typeof c === "object" ? c : document.createTextNode(String(c)));
  }
  function link(route, text) { return h("a", { href: "#/" + route }, text); }
  function paperLink(pid) {
    var p = PAPERS[pid];
    if (!p) { return "paper " + pid; }
    return [link("paper/" + pid, p.label), p.title ? [", ", h("cite", null, p.title)] : null];
  }
  function workLink(wid) {
    var w = WORKS[wid];
    if (!w) { return String(wid); }
    return [link("work/" + encodeURIComponent(wid), w.label), w.title ? [", ", h("cite", null, w.title)] : null];
  }
  function doiLink(doi) {
    if (!doi || !/^10\.\d{4,9}\/\S+$/.test(doi)) { return doi || null; }
    return h("a", { href: "https://doi.org/" + encodeURI(doi), rel: "noopener noreferrer" }, doi);
  }
  function quote(c, withPaper) {
    return h("blockquote", null, h("p", null, c.sentence || c.text),
      h("footer", null, "— ", withPaper ? paperLink(c.paper) : null, c.page ? ", p. " + c.page : null,
        c.section ? " (" + c.section + ")" : null, c["function"] ? [" ", h("span", { "class": "fn" }, c["function"])] : null));
  }

  // ---- routing -------------------------------------------------------------
  var SECTIONS = ["overview", "topics", "networks", "debates", "papers", "changes"];
  function show(id) {
    document.querySelectorAll(".view").forEach(function (v) { v.classList.toggle("active", v.id === id); });
    document.querySelectorAll("header nav a").forEach(function (a) {
      if (a.getAttribute("href") === "#/" + id) { a.setAttribute("aria-current", "page"); } else { a.removeAttribute("aria-current"); }
    });
  }
  function route() {
    var parts = (location.hash || "#/overview").replace(/^#\/?/, "").split("/");
    var kind = parts[0] || "overview", arg = decodeURIComponent(parts.slice(1).join("/"));
    closeSearch();
    if (SECTIONS.indexOf(kind) >= 0) {
      show(kind);
      if (kind === "networks") { openNetwork(arg || currentNet || firstNet()); drawScience(); }
      if (kind === "debates") { openDebate(arg); }
      return;
    }
    var el = document.getElementById("detail");
    el.textContent = "";
    var body = kind === "paper" ? paperPage(+arg) : kind === "work" ? workPage(arg)
      : kind === "topic" ? topicPage(+arg) : kind === "concept" ? conceptPage(arg) : null;
    add(el, body || [h("h2", { id: "detail-heading" }, "Not found"), h("p", null, "Nothing in this report matches that link.")]);
    show("detail");
    var hd = el.querySelector("h2"); if (hd) { hd.setAttribute("tabindex", "-1"); hd.focus(); }
    window.scrollTo(0, 0);
  }
  // #/debates/ID: the debate's sub-section, its heading focused so keyboard and screen-reader users land on it.
  function openDebate(id) {
    var art = id ? document.getElementById("debate-" + id) : null;
    var hd = art ? art.querySelector("h3") : null;
    if (hd) { hd.focus(); hd.scrollIntoView(); } else { window.scrollTo(0, 0); }
  }
  window.addEventListener("hashchange", route);
  window.addEventListener("resize", function () { if (cy && !document.getElementById("cy").hidden) { cy.resize(); } });

  // ---- pages ---------------------------------------------------------------
  function dl(rows) {
    var out = h("dl", { "class": "meta" });
    rows.forEach(function (r) { if (r[1] !== null && r[1] !== undefined && r[1] !== "") { add(out, [h("dt", null, r[0]), h("dd", null, r[1])]); } });
    return out;
  }
  function paperPage(pid) {
    var p = PAPERS[pid]; if (!p) { return null; }
    var det = detail().papers[String(pid)] || { refs: [], abstract: "", warnings: [] };
    var topics = (p.topics || []).filter(function (t) { return TOPICS[t[0]]; });
    var concepts = (D.concepts && D.concepts.by_paper && D.concepts.by_paper[String(pid)]) || [];
    return [
      h("h2", { id: "detail-heading" }, p.title || p.label),
      dl([["Authors", p.authors.join("; ")], ["Year", p.year], ["Journal", [p.journal || "", p.volume ? " " + p.volume : "", p.issue ? "(" + p.issue + ")" : "", p.pages ? ": " + p.pages : ""].join("")],
        ["DOI", doiLink(p.doi)], ["File", p.file + " (" + p.n_pages + " pages" + (p.ocr ? ", OCR" : "") + ")"],
        ["In-text citations", p.n_citations]]),
      det.abstract ? [h("h3", null, "Abstract"), h("p", null, det.abstract)] : null,
      det.warnings.length ? [h("h3", null, "Extraction warnings"), h("ul", null, det.warnings.map(function (w) { return h("li", null, w); }))] : null,
      h("h3", null, "Topics"),
      topics.length ? h("ul", null, topics.map(function (t) { return h("li", null, link("topic/" + t[0], TOPICS[t[0]].label), " — " + Math.round(t[1] * 100) + "% of its passages"); }))
        : h("p", { "class": "muted" }, D.topics.missing ? "Topics have not been fitted." : "No topic assignment."),
      concepts.length ? [h("h3", null, "Concepts mentioned"), h("p", null, concepts.slice(0, 15).map(function (c, i) {
        return [i ? ", " : "", CONCEPTS[c[0]] ? link("concept/" + c[0], CONCEPTS[c[0]].label) : c[0], " (" + c[1] + ")"]; }))] : null,
      h("h3", null, "Cited in this corpus by"),
      p.cited_in_corpus.length ? h("ul", null, p.cited_in_corpus.map(function (q) { return h("li", null, paperLink(q)); }))
        : h("p", { "class": "muted" }, "No other corpus paper cites it."),
      p.work ? h("p", null, link("work/" + encodeURIComponent(p.work), "How the corpus cites it, sentence by sentence")) : null,
      h("h3", null, "References (" + det.refs.length + ")"),
      det.refs.length ? h("ol", { "class": "refs" }, det.refs.map(function (r) {
        var w = r.work && WORKS[r.work];
        return h("li", null, r.raw, w ? [" ", link("work/" + encodeURIComponent(r.work), "→ " + w.label + " (cited by " + w.cited_by.length + ")")] : null);
      })) : h("p", { "class": "muted" }, "No reference list was found in this file.")
    ];
  }
  function workPage(wid) {
    var w = WORKS[wid]; if (!w) { return null; }
    var ctx = detail().works[wid] || [];
    var fns = Object.keys(w.functions || {}).sort().map(function (k) { return k + " " + w.functions[k]; }).join(", ");
    return [
      h("h2", { id: "detail-heading" }, w.label + (w.title ? ": " + w.title : "")),
      dl([["First author", w.author], ["Year", w.year], ["Title", w.title], ["DOI", doiLink(w.doi)],
        ["In this corpus", w.paper !== null && PAPERS[w.paper] ? paperLink(w.paper) : null],
        ["Citing papers", w.cited_by.length], ["Citing sentences", w.n_contexts], ["Citation function (shown)", fns]]),
      h("h3", null, "Cited by"),
      w.cited_by.length ? h("ul", null, w.cited_by.map(function (q) { return h("li", null, paperLink(q)); })) : h("p", { "class": "muted" }, "Not cited in the corpus."),
      h("h3", null, "In their words"),
      ctx.length ? ctx.map(function (c) { return quote(c, true); }) : h("p", { "class": "muted" }, "No in-text citation was linked to this work."),
      w.n_contexts > ctx.length ? h("p", { "class": "muted" }, (w.n_contexts - ctx.length) + " more sentences are in data/contexts.csv.") : null
    ];
  }
  function topicPage(tid) {
    var t = TOPICS[tid]; if (!t) { return null; }
    return [
      h("h2", { id: "detail-heading" }, t.label),
      h("p", null, t.size + " passages in " + t.n_papers + " papers. Keywords: " + t.keywords.join(", ") + "."),
      h("h3", null, "Representative passages"), t.passages.map(function (r) { return quote({ text: r.text, paper: r.paper, page: r.page }, true); }),
      h("h3", null, "Papers"), h("ul", null, t.papers.map(function (x) { return h("li", null, paperLink(x[0]), " — " + Math.round(x[1] * 100) + "%"); }))
    ];
  }
  function debateLinks(cid) {
    var maps = (D.debates || []).filter(function (m) { return m.concepts.indexOf(cid) >= 0; });
    return maps.length ? h("p", null, "Debate maps: ", maps.map(function (m, i) { return [i ? ", " : "", link("debates/" + encodeURIComponent(m.id), m.label)]; })) : null;
  }
  // Concept timeline read per paper: the share of each year's papers mentioning the concept, with a bar,
  // and years with fewer than 3 corpus papers marked (one paper there is 100 %, not a trend).
  function conceptTimeline(years) {
    var per = D.concepts.papers_per_year || {};
    var head = h("tr", null, h("th", { scope: "col" }, "Year"), h("th", { scope: "col", "class": "num" }, "Mentions"),
      h("th", { scope: "col", "class": "num" }, "Papers of the year mentioning it"), h("th", { scope: "col" }, "Share"));
    var thin = 0;
    var body = years.map(function (r) {
      var n = per[String(r[0])] || 0, k = r[3] === undefined ? null : r[3], share = n && k !== null ? k / n : null;
      var few = n < 3; if (few) { thin++; }
      var bar = share === null ? "" : h("span", { "class": "share-bar" + (few ? " thin" : "") });
      if (bar) { bar.style.width = Math.round(share * 100) + "px"; } // CSSOM: the CSP blocks style attributes
      return h("tr", few ? { "class": "thin-year", title: "fewer than 3 corpus papers this year" } : null,
        h("td", null, String(r[0]) + (few ? " *" : "")), h("td", { "class": "num" }, r[2]),
        h("td", { "class": "num" }, k === null ? "" : k + " of " + n),
        h("td", null, bar, share === null ? "" : " " + Math.round(share * 100) + "%"));
    });
    return [h("table", { "class": "concept-timeline" }, h("thead", null, head), h("tbody", null, body)),
      thin ? h("p", { "class": "muted" }, "* fewer than 3 corpus papers that year: its share rests on one or two papers.") : null];
  }
  function conceptPage(cid) {
    var c = CONCEPTS[cid]; if (!c) { return null; }
    var years = (D.concepts.by_year || []).filter(function (r) { return r[1] === cid; });
    var papers = Object.keys(D.concepts.by_paper || {}).map(function (pid) {
      var hit = D.concepts.by_paper[pid].filter(function (x) { return x[0] === cid; })[0];
      return hit ? [+pid, hit[1]] : null;
    }).filter(Boolean).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    return [
      h("h2", { id: "detail-heading" }, c.label),
      h("p", null, c.gloss),
      h("p", null, c.mentions + " mentions in " + c.papers + " papers. Debates: " + (c.debates.join(", ") || "none") + "."),
      debateLinks(cid),
      h("h3", null, "Mentions by publication year"),
      conceptTimeline(years),
      h("h3", null, "Papers"), h("ul", null, papers.map(function (x) { return h("li", null, paperLink(x[0]), " — " + x[1]); }))
    ];
  }

  // ---- search ----------------------------------------------------------------
  var INDEX = [];
  D.papers.forEach(function (p) { INDEX.push({ text: [p.title, p.authors.join(" "), p.year, p.journal].join(" ").toLowerCase(), route: "paper/" + p.id, label: (p.label + ": " + (p.title || p.label)), kind: "paper" }); });
  Object.keys(WORKS).forEach(function (k) { var w = WORKS[k]; if (w.paper === null || !PAPERS[w.paper]) { INDEX.push({ text: [w.label, w.title, w.author, w.year].join(" ").toLowerCase(), route: "work/" + encodeURIComponent(k), label: w.label + (w.title ? ": " + w.title : ""), kind: "cited work", weight: w.cited_by.length }); } });
  var results = document.getElementById("search-results"), input = document.getElementById("search");
  function closeSearch() { results.textContent = ""; }
  function search(q) {
    closeSearch();
    var terms = q.toLowerCase().split(/\s+/).filter(Boolean);
    if (!terms.length) { return; }
    var hits = INDEX.filter(function (e) { return terms.every(function (t) { return e.text.indexOf(t) >= 0; }); });
    hits.sort(function (a, b) { return (a.kind === "paper" ? 0 : 1) - (b.kind === "paper" ? 0 : 1) || (b.weight || 0) - (a.weight || 0); });
    hits.slice(0, 30).forEach(function (e) { add(results, h("li", null, h("a", { href: "#/" + e.route }, e.label, " ", h("span", { "class": "muted" }, "(" + e.kind + ")")))); });
    if (!hits.length) { add(results, h("li", null, h("span", { "class": "muted" }, "No match."))); }
  }
  input.addEventListener("input", function () { search(input.value); });
  document.getElementById("search-form").addEventListener("submit", function (ev) {
    ev.preventDefault(); var a = results.querySelector("a"); if (a) { location.hash = a.getAttribute("href"); }
  });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown") { var a = results.querySelector("a"); if (a) { ev.preventDefault(); a.focus(); } }
    if (ev.key === "Escape") { closeSearch(); }
  });
  results.addEventListener("keydown", function (ev) {
    var cur = document.activeElement.closest("li"); if (!cur) { return; }
    var next = ev.key === "ArrowDown" ? cur.nextElementSibling : ev.key === "ArrowUp" ? cur.previousElementSibling : null;
    if (next && next.querySelector("a")) { ev.preventDefault(); next.querySelector("a").focus(); }
    if (ev.key === "Escape") { closeSearch(); input.focus(); }
  });

  // paper list filter
  var pf = document.getElementById("paper-filter"), rows = document.querySelectorAll("#paper-table tbody tr");
  function countPapers() { var n = 0; rows.forEach(function (r) { if (!r.hidden) { n++; } }); document.getElementById("paper-count").textContent = n + " of " + rows.length + " papers"; }
  pf.addEventListener("input", function () {
    var q = pf.value.toLowerCase();
    rows.forEach(function (r) { r.hidden = q !== "" && r.textContent.toLowerCase().indexOf(q) < 0; });
    countPapers();
  });
  countPapers();

  // ---- networks ---------------------------------------------------------------
  var cy = null, currentNet = null;  // cy: the LitmapMap of the open network (netmap.js)
  function firstNet() { var names = Object.keys(D.networks); return names.filter(function (n) { return !D.networks[n].missing; })[0] || names[0]; }
  function colour(cl) { return cl > 0 ? D.palette[(cl - 1) % D.palette.length] : "#9a9a9a"; }  // clusters from 1; 0: none
  document.querySelectorAll(".tabs button").forEach(function (b) {
    b.addEventListener("click", function () { location.hash = "#/networks/" + b.getAttribute("data-net"); });
  });
  function openNetwork(name) {
    var v = D.networks[name]; if (!v) { return; }
    currentNet = name;
    document.querySelectorAll(".tabs button").forEach(function (b) { b.setAttribute("aria-selected", String(b.getAttribute("data-net") === name)); });
    var cap = document.getElementById("net-caption"), legend = document.getElementById("net-legend");
    var sel = document.getElementById("net-cluster"), nodeSel = document.getElementById("net-node");
    legend.textContent = ""; sel.length = 1; nodeSel.length = 1;
    var debSel = document.getElementById("net-debate"), debates = {};
    debSel.length = 1;
    (v.nodes || []).forEach(function (n) { if (n.concept !== undefined && CONCEPTS[n.concept]) { CONCEPTS[n.concept].debates.forEach(function (d) { debates[d] = true; }); } });
    Object.keys(debates).sort().forEach(function (d) { debSel.appendChild(h("option", { value: d }, d)); });
    document.getElementById("net-debate-wrap").hidden = debSel.length < 2;
    var infoBox = document.getElementById("node-info"); infoBox.textContent = "";
    add(infoBox, h("p", { "class": "muted" }, "Click a node (or choose one in the Node list) to see its details and citing passages."));
    cy = null;
    if (v.missing) { cap.textContent = v.title + ": not available — " + v.missing + "."; return; }
    cap.textContent = v.caption + " Showing the " + v.nodes.length + " largest of " + v.total_nodes + " nodes (" + v.total_edges + " links in full; all in data/network_" + name + "_nodes.csv)." + (v.modularity !== null ? " Modularity " + v.modularity + "." : "");
    v.clusters.forEach(function (c) {
      if (!c.shown) { return; }
      sel.appendChild(h("option", { value: String(c.id) }, c.id + ": " + c.label + " (" + c.size + ")"));
      var b = h("button", { type: "button", "data-cluster": String(c.id) }, h("span", { "class": "swatch", "data-colour": colour(c.id) }), c.id + ": " + c.label + " (" + c.size + ")");
      legend.appendChild(h("li", null, b));
    });
    legend.querySelectorAll(".swatch").forEach(function (s) { s.style.backgroundColor = s.getAttribute("data-colour"); });
    v.nodes.slice().sort(function (a, b) { return a.label.localeCompare(b.label); }).forEach(function (n) { nodeSel.appendChild(h("option", { value: n.id }, n.label + (n.year ? "" : ""))); });
    var smax = Math.max.apply(null, v.nodes.map(function (n) { return n.size; }).concat([1]));
    var wmax = Math.max.apply(null, v.edges.map(function (e) { return e[2]; }).concat([1]));
    var yr = yearRange(v), at = {};
    v.nodes.forEach(function (n, i) { at[n.id] = i; });
    // rank: the order labels are tried in, the two largest of each cluster first, then by size
    var ranked = v.nodes.map(function (n, i) { return i; }).sort(function (a, b) { return v.nodes[b].size - v.nodes[a].size || (v.nodes[a].id < v.nodes[b].id ? -1 : 1); });
    var per = {}, lead = [], rest = [];
    ranked.forEach(function (i) { var c = v.nodes[i].cluster; per[c] = (per[c] || 0) + 1; (per[c] <= 2 && c > 0 ? lead : rest).push(i); });
    var rank = {}; lead.concat(rest).forEach(function (i, r) { rank[i] = r; });
    var spec = {
      directed: !!v.directed,
      nodes: v.nodes.map(function (n, i) {
        return { id: n.id, label: n.label, x: n.x, y: n.y, d: 8 + 34 * Math.sqrt(n.size / smax), rank: rank[i],
          colour: colour(n.cluster), ycol: yearColour(nodeYear(n), yr) };
      }),
      edges: v.edges.filter(function (e) { return at[e[0]] !== undefined && at[e[1]] !== undefined; })
        .map(function (e) { return [at[e[0]], at[e[1]], e[2] / wmax]; })
    };
    var box = document.getElementById("cy");
    cy = new window.LitmapMap(box, spec, {
      onTap: function (i) { select(cy.nodes[i].id); },
      onBackground: function () { cy.clearFocus(); },
      onDraw: drawDensity
    });
    box._map = cy;
    var minIn = document.getElementById("net-min");
    minIn.min = String(v.min_count || 1); minIn.value = String(v.min_count || 1);
    document.getElementById("net-min-unit").textContent = UNITS[name] || "occurrences";
    document.getElementById("net-ramp-lo").textContent = yr ? String(Math.round(yr[0])) : "";
    document.getElementById("net-ramp-hi").textContent = yr ? String(Math.round(yr[1])) : "";
    applyFilters();
  }
  function select(id) {
    if (!cy || !currentNet) { return; }
    var v = D.networks[currentNet], n = v.nodes.filter(function (x) { return x.id === id; })[0];
    if (!n) { return; }
    var idx = cy.index[id];
    cy.focusOn(idx);
    document.getElementById("net-node").value = id;
    var info = document.getElementById("node-info"); info.textContent = "";
    var cl = v.clusters.filter(function (c) { return c.id === n.cluster; })[0];
    var seen = {}, neighbours = [];
    cy.adj[idx].forEach(function (k) { var e = cy.edges[k], j = e[0] === idx ? e[1] : e[0]; if (!seen[j]) { seen[j] = true; neighbours.push(cy.nodes[j]); } });
    var degree = cy.adj[idx].length;
    neighbours = neighbours.sort(function (a, b) { return b.d - a.d || (a.id < b.id ? -1 : 1); }).slice(0, 8);
    add(info, [h("h3", null, n.label),
      dl([["Year", n.year], ["Cluster", cl ? cl.id + ": " + cl.label : "none"], ["Size", n.size], ["Links shown", degree]]),
      neighbours.length ? [h("p", null, "Strongest neighbours:"), h("ul", null, neighbours.map(function (m) {
        var b = h("button", { type: "button", "class": "linklike", "data-node": m.id }, m.label); return h("li", null, b); }))] : null]);
    if (n.paper !== undefined && PAPERS[n.paper]) {
      var p = PAPERS[n.paper];
      add(info, [h("p", null, h("cite", null, p.title || p.label)), h("p", { "class": "muted" }, p.authors.join("; ")),
        h("p", null, link("paper/" + n.paper, "Open the paper's page"))]);
    } else if (n.work !== undefined && WORKS[n.work]) {
      var w = WORKS[n.work], ctx = (detail().works[n.work] || []).slice(0, 4);
      add(info, [w.title ? h("p", null, h("cite", null, w.title)) : null, h("p", null, "Cited by " + w.cited_by.length + " corpus papers."),
        ctx.length ? [h("p", null, "Citing passages:"), ctx.map(function (c) { return quote(c, true); })] : null,
        h("p", null, link("work/" + encodeURIComponent(n.work), "All citing sentences"))]);
    } else if (n.concept !== undefined && CONCEPTS[n.concept]) {
      add(info, [h("p", null, CONCEPTS[n.concept].gloss), h("p", null, link("concept/" + n.concept, "Open the concept's page"))]);
    }
    info.querySelectorAll("button[data-node]").forEach(function (b) { b.addEventListener("click", function () { select(b.getAttribute("data-node")); }); });
  }
  function applyFilters() {
    if (!cy) { return; }
    var v = D.networks[currentNet];
    var deb = document.getElementById("net-debate").value;
    var cl = document.getElementById("net-cluster").value, y0 = +document.getElementById("net-year-min").value || -Infinity,
      y1 = +document.getElementById("net-year-max").value || Infinity, q = document.getElementById("net-search").value.toLowerCase().trim();
    var byId = {}; v.nodes.forEach(function (n) { byId[n.id] = n; });
    var minSize = +document.getElementById("net-min").value || 0;
    var matches = [];
    cy.nodes.forEach(function (node, i) {
      var n = byId[node.id];
      var keep = (n.size >= minSize) && (cl === "" || String(n.cluster) === cl) &&
        (deb === "" || (n.concept !== undefined && CONCEPTS[n.concept] && CONCEPTS[n.concept].debates.indexOf(deb) >= 0)) && (n.year === null || n.year === undefined ? (y0 === -Infinity && y1 === Infinity) : (n.year >= y0 && n.year <= y1));
      node.hidden = !keep;
      node.match = keep && q !== "" && n.label.toLowerCase().indexOf(q) >= 0;
      if (node.match) { matches.push(i); }
    });
    if (matches.length) { cy.fit(matches, 80); } else { cy.fit(null, 20); }
    setMode(document.getElementById("net-mode").value);
  }

  // ---- map views: density, overlay by year, timeline (the map and its labels: netmap.js) -------------
  var UNITS = { cocitation: "citing papers", coupling: "shared references", citation: "citations in the corpus", concepts: "paragraphs" };
  var VIRIDIS = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
  var HEAT = [[255, 255, 255], [70, 110, 200], [60, 180, 120], [240, 220, 60], [220, 60, 40]];
  function ramp(stops, t) {
    t = Math.max(0, Math.min(1, t)); var i = Math.min(stops.length - 2, Math.floor(t * (stops.length - 1)));
    var f = t * (stops.length - 1) - i, a = stops[i], b = stops[i + 1];
    return [0, 1, 2].map(function (k) { return Math.round(a[k] + (b[k] - a[k]) * f); });
  }
  function nodeYear(n) { return n.avg_year !== undefined && n.avg_year !== null ? n.avg_year : n.year; }
  function yearRange(v) {
    var ys = v.nodes.map(nodeYear).filter(function (y) { return y !== null && y !== undefined; });
    return ys.length ? [Math.min.apply(null, ys), Math.max.apply(null, ys)] : null;
  }
  function yearColour(y, yr) {
    if (y === null || y === undefined || !yr) { return "#9a9a9a"; }
    var c = ramp(VIRIDIS, yr[1] > yr[0] ? (y - yr[0]) / (yr[1] - yr[0]) : 0.5);
    return "rgb(" + c.join(",") + ")";
  }
  function drawDensity() {
    var cv = document.getElementById("net-density"), box = document.getElementById("cy");
    if (!cy || cv.hidden) { return; }
    var W = box.clientWidth, H = box.clientHeight; cv.width = W; cv.height = H;
    var ctx = cv.getContext("2d"), z = cy.zrel(), sigma = Math.max(6, 28 * z);
    ctx.clearRect(0, 0, W, H); ctx.globalCompositeOperation = "lighter";
    var smax = 1; cy.nodes.forEach(function (n) { smax = Math.max(smax, n.d); });
    cy.nodes.forEach(function (n) {
      if (n.hidden) { return; }
      var p = { x: n.sx, y: n.sy }, a = 0.35 * n.d / smax;
      var g = ctx.createRadialGradient(p.x, p.y, 0, p.x, p.y, sigma * 2.5);
      g.addColorStop(0, "rgba(0,0,0," + a + ")"); g.addColorStop(1, "rgba(0,0,0,0)");
      ctx.fillStyle = g; ctx.fillRect(p.x - sigma * 2.5, p.y - sigma * 2.5, sigma * 5, sigma * 5);
    });
    var img = ctx.getImageData(0, 0, W, H), d = img.data, top = 1;
    for (var i = 3; i < d.length; i += 4) { if (d[i] > top) { top = d[i]; } }
    for (var j = 0; j < d.length; j += 4) {
      var c = ramp(HEAT, d[j + 3] / top); d[j] = c[0]; d[j + 1] = c[1]; d[j + 2] = c[2]; d[j + 3] = 255;
    }
    ctx.globalCompositeOperation = "source-over"; ctx.putImageData(img, 0, 0);
  }
  function setMode(mode) {
    if (!cy) { return; }
    var v = D.networks[currentNet], tl = document.getElementById("net-timeline"), box = document.getElementById("cy");
    var timeline = mode === "timeline";
    tl.hidden = !timeline; box.hidden = timeline;
    document.getElementById("net-density").hidden = mode !== "density";
    box.classList.toggle("dens-on", mode === "density");
    document.getElementById("net-ramp").hidden = mode !== "overlay";
    cy.mode = mode;
    if (timeline) { drawTimeline(v); } else { cy.resize(); }
  }
  // CiteSpace's timeline view: clusters as rows, works placed by publication year, co-citation links as arcs.
  function drawTimeline(v) {
    var tl = document.getElementById("net-timeline"); tl.textContent = "";
    var hidden = {}; cy.nodes.forEach(function (n) { if (n.hidden) { hidden[n.id] = true; } });
    var nodes = v.nodes.filter(function (n) { return n.year && !hidden[n.id]; });
    var rows = v.clusters.filter(function (c) { return nodes.some(function (n) { return n.cluster === c.id; }); }).slice(0, 15);
    if (!nodes.length || !rows.length) { add(tl, h("p", { "class": "muted" }, "No node with a publication year to place on a timeline.")); return; }
    var ys = nodes.map(function (n) { return n.year; }), y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    var NS = "http://www.w3.org/2000/svg", W = Math.max(tl.clientWidth - 20, 700), left = 50, right = 260, rowH = 70;
    var Hh = 30 + rows.length * rowH, span = Math.max(1, y1 - y0);
    function sv(tag, attrs, text) { var e = document.createElementNS(NS, tag); Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); }); if (text !== undefined) { e.appendChild(document.createTextNode(text)); } return e; }
    var svg = sv("svg", { width: W, height: Hh, role: "img", "aria-label": "Timeline of the co-citation clusters: one row per cluster, works by publication year" });
    function X(y) { return left + (W - left - right) * (y - y0) / span; }
    var rowOf = {}; rows.forEach(function (c, i) { rowOf[c.id] = i; });
    var step = Math.max(1, Math.ceil(span / ((W - left - right) / 45)));
    for (var y = y0; y <= y1; y += step) { svg.appendChild(sv("text", { x: X(y), y: 14, "text-anchor": "middle" }, String(y))); svg.appendChild(sv("line", { x1: X(y), x2: X(y), y1: 18, y2: Hh, stroke: "#eee" })); }
    var pos = {}, smax = Math.max.apply(null, nodes.map(function (n) { return n.size; }).concat([1]));
    nodes.forEach(function (n) { if (rowOf[n.cluster] !== undefined) { pos[n.id] = [X(n.year), 30 + rowOf[n.cluster] * rowH + rowH / 2]; } });
    v.edges.forEach(function (e) {
      var a = pos[e[0]], b = pos[e[1]]; if (!a || !b) { return; }
      var mx = (a[0] + b[0]) / 2, my = Math.min(a[1], b[1]) - 12 - Math.abs(a[0] - b[0]) / 8;
      svg.appendChild(sv("path", { "class": "arc", d: "M" + a[0] + "," + a[1] + " Q" + mx + "," + my + " " + b[0] + "," + b[1] }));
    });
    rows.forEach(function (c, i) {
      var yy = 30 + i * rowH + rowH / 2;
      svg.appendChild(sv("line", { x1: left, x2: W - right + 10, y1: yy, y2: yy, stroke: colour(c.id), "stroke-opacity": 0.5 }));
      svg.appendChild(sv("text", { x: W - right + 16, y: yy + 4, "class": "row-label", fill: colour(c.id) }, "#" + c.id + " " + c.label));
      var members = nodes.filter(function (n) { return n.cluster === c.id; }).sort(function (a, b) { return b.size - a.size; });
      var placed = [];
      members.forEach(function (n, k) {
        var p = pos[n.id], r = 3 + 9 * Math.sqrt(n.size / smax);
        var circle = sv("circle", { cx: p[0], cy: p[1], r: r, fill: colour(c.id), stroke: "#fff", "data-node": n.id });
        circle.appendChild(sv("title", {}, n.label + " (" + n.size + ")")); svg.appendChild(circle);
        if (k < 6) {
          var w = n.label.length * 6.3, up = p[1] - r - 4, down = p[1] + r + 12, spot = null;
          [up, down].some(function (ty) {
            var b = [p[0] - w / 2, ty - 11, p[0] + w / 2, ty];
            if (placed.some(function (o) { return b[0] < o[2] && b[2] > o[0] && b[1] < o[3] && b[3] > o[1]; })) { return false; }
            placed.push(b); spot = ty; return true;
          });
          if (spot !== null) { svg.appendChild(sv("text", { x: p[0], y: spot, "text-anchor": "middle", "class": "tl-label" }, n.label)); }
        }
      });
    });
    svg.addEventListener("click", function (ev) { var t = ev.target.getAttribute && ev.target.getAttribute("data-node"); if (t) { select(t); } });
    tl.appendChild(svg);
  }
  ["net-cluster", "net-debate", "net-year-min", "net-year-max", "net-search", "net-min", "net-mode"].forEach(function (id) {
    document.getElementById(id).addEventListener(id === "net-cluster" || id === "net-debate" || id === "net-mode" ? "change" : "input", applyFilters);
  });
  document.getElementById("net-search").addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && cy) { var m = cy.nodes.filter(function (n) { return n.match; }); if (m.length) { select(m[0].id); } }
  });
  document.getElementById("net-node").addEventListener("change", function (ev) { if (ev.target.value) { select(ev.target.value); } });
  document.getElementById("net-fit").addEventListener("click", function () {
    document.getElementById("net-cluster").value = ""; document.getElementById("net-search").value = "";
    document.getElementById("net-debate").value = "";
    document.getElementById("net-year-min").value = ""; document.getElementById("net-year-max").value = "";
    if (cy) { cy.clearFocus(); } applyFilters();
  });
  document.getElementById("net-legend").addEventListener("click", function (ev) {
    var b = ev.target.closest("button[data-cluster]"); if (!b) { return; }
    document.getElementById("net-cluster").value = b.getAttribute("data-cluster"); applyFilters();
  });

  // ---- bibliometrix's views, interactive: thematic map and three-field plot (SVG, drawn here) ---------
  var SVGNS = "http://www.w3.org/2000/svg", scienceDrawn = false;
  function sv(tag, attrs, text) {
    var e = document.createElementNS(SVGNS, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.appendChild(document.createTextNode(text)); }
    return e;
  }
  function textWidth(text, px) { return String(text).length * px * 0.56 + 4; }
  function overlapsAny(b, placed) { return placed.some(function (o) { return b[0] < o[2] && b[2] > o[0] && b[1] < o[3] && b[3] > o[1]; }); }
  function drawScience() {
    if (scienceDrawn) { return; } scienceDrawn = true;
    var S = D.science || {};
    var tv = document.getElementById("thematic-view"), fv = document.getElementById("threefield-view");
    if (tv && S.thematic) { drawThematic(tv, S.thematic); } else if (tv) { tv.hidden = true; }
    if (fv && S.three_field) { drawThreeField(fv, S.three_field); } else if (fv) { fv.hidden = true; }
  }
  function showInfo(view, parts) { var a = view.querySelector(".sci-info"); a.textContent = ""; add(a, parts); }
  // Callon centrality (x) by density (y), placed by rank (1 = lowest) and split at the mean rank, as bibliometrix's
  // thematicMap: a handful of themes spread evenly instead of sitting on a median line.
  function drawThematic(view, T) {
    var W = 760, H = 520, L = 56, R = 20, TOP = 20, B = 50, themes = T.themes;
    var QC = { motor: "#0072B2", niche: "#009E73", emerging: "#D55E00", basic: "#CC79A7" };
    var cs = themes.map(function (t) { return t.rank_centrality; }), ds = themes.map(function (t) { return t.rank_density; });
    function span(v, split) { var lo = Math.min.apply(null, v.concat([split])), hi = Math.max.apply(null, v.concat([split])), pad = 0.45 + 0.12 * (hi - lo) || 1; return [lo - pad, hi + pad]; }
    var cx = span(cs, T.splits.centrality), dy = span(ds, T.splits.density);
    function X(c) { return L + (W - L - R) * (c - cx[0]) / (cx[1] - cx[0]); }
    function Y(d) { return H - B - (H - TOP - B) * (d - dy[0]) / (dy[1] - dy[0]); }
    var omax = Math.max.apply(null, themes.map(function (t) { return t.occurrences; }).concat([1]));
    var svg = sv("svg", { viewBox: "0 0 " + W + " " + H, role: "group", "aria-label": "Thematic map: " + themes.length + " themes by centrality and density" });
    svg.appendChild(sv("rect", { x: L, y: TOP, width: W - L - R, height: H - TOP - B, fill: "#fff", stroke: "#d5d9df" }));
    var sx = X(T.splits.centrality), sy = Y(T.splits.density);
    svg.appendChild(sv("line", { x1: sx, x2: sx, y1: TOP, y2: H - B, "class": "split" }));
    svg.appendChild(sv("line", { x1: L, x2: W - R, y1: sy, y2: sy, "class": "split" }));
    var names = T.quadrant_names || {};
    [["niche", L + 8, TOP + 18, "start"], ["motor", W - R - 8, TOP + 18, "end"],
      ["emerging", L + 8, H - B - 10, "start"], ["basic", W - R - 8, H - B - 10, "end"]].forEach(function (q) {
      svg.appendChild(sv("text", { x: q[1], y: q[2], "text-anchor": q[3], "class": "q-label", fill: QC[q[0]] }, names[q[0]] || q[0]));
    });
    svg.appendChild(sv("text", { x: (L + W - R) / 2, y: H - 14, "text-anchor": "middle", "class": "axis-label" }, "Centrality rank (links to other themes) →"));
    svg.appendChild(sv("text", { x: 16, y: (TOP + H - B) / 2, "text-anchor": "middle", "class": "axis-label", transform: "rotate(-90 16 " + (TOP + H - B) / 2 + ")" }, "Density rank (links within the theme) →"));
    // quadrant names sit in the corners: labels keep clear of them
    var placed = [[L, TOP, L + 230, TOP + 26], [W - R - 230, TOP, W - R, TOP + 26], [L, H - B - 26, L + 260, H - B], [W - R - 230, H - B - 26, W - R, H - B]];
    var order = themes.map(function (t, i) { return i; }).sort(function (a, b) { return themes[b].occurrences - themes[a].occurrences; });
    var geo = themes.map(function (t) { return { x: X(t.rank_centrality), y: Y(t.rank_density), r: 8 + 26 * Math.sqrt(t.occurrences / omax) }; });
    geo.forEach(function (g) { placed.push([g.x - g.r * 0.7, g.y - g.r * 0.7, g.x + g.r * 0.7, g.y + g.r * 0.7]); });
    var groups = [];
    order.forEach(function (i) {
      var t = themes[i], g = geo[i];
      var grp = sv("g", { "class": "theme", tabindex: "0", role: "button", "data-theme": String(t.id),
        "aria-label": t.label + ": " + (names[t.quadrant] || t.quadrant) + ", " + t.size + " papers" });
      grp.appendChild(sv("circle", { cx: g.x, cy: g.y, r: g.r, fill: QC[t.quadrant] || "#888", "fill-opacity": 0.55, stroke: QC[t.quadrant] || "#888" }));
      groups.push([grp, i]);
      svg.appendChild(grp);
    });
    // labels: below, above, right or left of the bubble, wherever no other label or quadrant name is
    order.forEach(function (i) {
      var t = themes[i], g = geo[i], w = textWidth(t.label, 12), hh = 15;
      var spots = [[g.x - w / 2, g.y + g.r + 2, "middle"], [g.x - w / 2, g.y - g.r - hh - 2, "middle"], [g.x + g.r + 4, g.y - hh / 2, "start"], [g.x - g.r - 4 - w, g.y - hh / 2, "end"]];
      var best = null;
      spots.forEach(function (s) {
        if (best) { return; }
        var b = [s[0], s[1], s[0] + w, s[1] + hh];
        if (b[0] < L + 2 || b[2] > W - R - 2 || b[1] < TOP + 2 || b[3] > H - B - 2) { return; }
        if (!overlapsAny(b, placed)) { best = [s, b]; }
      });
      if (!best) {  // crowded: the first spot inside the frame, or under the bubble
        var s0 = spots[0], bx = Math.max(L + 2, Math.min(W - R - 2 - w, s0[0]));
        best = [[bx, s0[1], "middle"], [bx, s0[1], bx + w, s0[1] + hh]];
      }
      placed.push(best[1]);
      var tx = best[0][2] === "middle" ? best[1][0] + w / 2 : best[0][2] === "start" ? best[1][0] : best[1][2];
      var grp = groups.filter(function (x) { return x[1] === i; })[0][0];
      grp.appendChild(sv("text", { x: tx, y: best[1][1] + 11.5, "text-anchor": best[0][2], "class": "theme-label" }, t.label));
    });
    function side(v, mean, digits) { return mean === undefined ? "" : (v > mean ? " (above" : v < mean ? " (below" : " (at") + " the mean " + mean.toFixed(digits) + ")"; }
    function info(t) {
      showInfo(view, [h("h4", null, t.label), dl([["Quadrant", names[t.quadrant] || t.quadrant], ["Centrality", t.centrality.toFixed(2) + side(t.centrality, T.splits.mean_centrality, 2)],
        ["Density", t.density.toFixed(1) + side(t.density, T.splits.mean_density, 1)], ["Papers", t.size], ["Occurrences", t.occurrences]]),
        h("p", null, "Concepts: ", t.terms.join(", ")),
        t.papers.length ? [h("p", null, "Papers holding most of its concepts:"), h("ul", null, t.papers.map(function (x) { return h("li", null, paperLink(x[0]), " (" + x[1] + ")"); }))] : null]);
    }
    svg.addEventListener("mouseover", function (ev) { var g = ev.target.closest && ev.target.closest("g.theme"); if (g) { pick(g); } });
    svg.addEventListener("focusin", function (ev) { var g = ev.target.closest && ev.target.closest("g.theme"); if (g) { pick(g); } });
    svg.addEventListener("click", function (ev) { var g = ev.target.closest && ev.target.closest("g.theme"); if (g) { pick(g); } });
    function pick(g) {
      svg.querySelectorAll("g.theme").forEach(function (x) { x.classList.toggle("on", x === g); });
      var t = themes.filter(function (x) { return String(x.id) === g.getAttribute("data-theme"); })[0]; if (t) { info(t); }
    }
    view.querySelector(".sci-canvas").appendChild(svg);
  }
  // Three fields (authors → cited works → concepts) as a Sankey diagram: bar height = papers, a flow = papers behind it.
  function drawThreeField(view, F) {
    var W = 760, LM = 170, RM = 170, TOP = 28, GAP = 6, barW = 12, fin = [{}, {}, {}], fout = [{}, {}, {}];
    F.links.forEach(function (l) { fout[l[0]][l[1]] = (fout[l[0]][l[1]] || 0) + l[3]; fin[l[0] + 1][l[2]] = (fin[l[0] + 1][l[2]] || 0) + l[3]; });
    // a bar is as high as the larger of its flows in and out (a middle item's value counts both)
    var cols = F.nodes.map(function (c, k) { return c.map(function (n) {
      return { id: n.id, label: n.label, value: Math.max(fin[k][n.id] || 0, fout[k][n.id] || 0), "in": fin[k][n.id] || 0, out: fout[k][n.id] || 0 }; }); });
    var most = Math.max.apply(null, cols.map(function (c) { return c.length; }));
    var H = Math.max(360, TOP + most * 30 + 20);
    var xs = [LM, (LM + W - RM) / 2 - barW / 2, W - RM - barW];
    var scale = Math.min.apply(null, cols.map(function (c) {
      var tot = c.reduce(function (a, n) { return a + n.value; }, 0); return (H - TOP - 12 - GAP * (c.length - 1)) / Math.max(1, tot); }));
    // each item takes at least a label's line, so the labels of thin bars stay beside their bars without overlapping
    function slot(n) { return Math.max(14, Math.max(2, n.value * scale)); }
    var tots = cols.map(function (c) { return c.reduce(function (a, n) { return a + slot(n); }, 0) + GAP * (c.length - 1); });
    H = Math.max(H, TOP + Math.max.apply(null, tots) + 12);
    var pos = cols.map(function (c, k) {
      var y = TOP + (H - TOP - 12 - tots[k]) / 2, out = {};
      c.forEach(function (n) {
        var hh = Math.max(2, n.value * scale), s = slot(n);
        out[n.id] = { x: xs[k], y: y + (s - hh) / 2, h: hh, n: n, outY: y + (s - hh) / 2, inY: y + (s - hh) / 2 }; y += s + GAP; });
      return out;
    });
    var svg = sv("svg", { viewBox: "0 0 " + W + " " + H, role: "group", "aria-label": "Three-field plot: " + F.fields.join(" → ") });
    F.fields.forEach(function (f, k) { svg.appendChild(sv("text", { x: xs[k] + barW / 2, y: 14, "text-anchor": "middle", "class": "field-label" }, f)); });
    var flowG = sv("g", { "class": "flows" }); svg.appendChild(flowG);
    F.links.forEach(function (l) {
      var a = pos[l[0]][l[1]], b = pos[l[0] + 1][l[2]]; if (!a || !b) { return; }
      var w = Math.max(1, l[3] * scale), y0 = a.outY + w / 2, y1 = b.inY + w / 2; a.outY += w; b.inY += w;
      var x0 = a.x + barW, x1 = b.x, m = (x0 + x1) / 2;
      var p = sv("path", { d: "M" + x0 + "," + y0 + " C" + m + "," + y0 + " " + m + "," + y1 + " " + x1 + "," + y1, "stroke-width": w,
        stroke: D.palette[l[0] === 0 ? 0 : 2], "data-a": l[0] + ":" + l[1], "data-b": (l[0] + 1) + ":" + l[2] });
      p.appendChild(sv("title", {}, a.n.label + " → " + b.n.label + ": " + l[3] + " paper" + (l[3] === 1 ? "" : "s")));
      flowG.appendChild(p);
    });
    pos.forEach(function (col, k) {
      Object.keys(col).forEach(function (id) {
        var q = col[id], key = k + ":" + id;
        var grp = sv("g", { "class": "tf-node", tabindex: "0", role: "button", "data-key": key, "aria-label": F.fields[k] + ": " + q.n.label });
        grp.appendChild(sv("rect", { x: q.x, y: q.y, width: barW, height: q.h, fill: D.palette[[0, 1, 2][k]] }));
        var right = k > 0, lx = right ? q.x + barW + 4 : q.x - 4;
        grp.appendChild(sv("text", { x: lx, y: q.y + q.h / 2 + 4, "text-anchor": right ? "start" : "end", "class": "tf-label" }, q.n.label));
        svg.appendChild(grp);
      });
    });
    function pick(g) {
      var key = g.getAttribute("data-key"), k = +key.split(":")[0], id = key.slice(key.indexOf(":") + 1), q = pos[k][id];
      var ins = [], outs = [];
      flowG.querySelectorAll("path").forEach(function (p) {
        var on = p.getAttribute("data-a") === key || p.getAttribute("data-b") === key;
        p.classList.toggle("on", on); p.classList.toggle("dim", !on);
      });
      F.links.forEach(function (l) {
        if (l[0] === k && l[1] === id) { outs.push([pos[k + 1][l[2]], l[3]]); }
        if (l[0] + 1 === k && l[2] === id) { ins.push([pos[k - 1][l[1]], l[3]]); }
      });
      svg.querySelectorAll("g.tf-node").forEach(function (x) { x.classList.toggle("on", x === g); });
      function lst(title, xs) { return xs.length ? [h("p", null, title), h("ul", null, xs.filter(function (x) { return x[0]; }).map(function (x) { return h("li", null, x[0].n.label + " (" + x[1] + ")"); }))] : null; }
      showInfo(view, [h("h4", null, q.n.label), h("p", null, F.fields[k].replace(/s$/, "") + ". Flows " + (k > 0 ? "in: " + q.n["in"] + (k < 2 ? ", " : "") : "") + (k < 2 ? "out: " + q.n.out : "") + " (each flow counts the corpus papers behind it)."),
        k === 1 && WORKS[id] ? h("p", null, link("work/" + encodeURIComponent(id), "How the corpus cites it")) : null,
        lst("From " + (F.fields[k - 1] || "").toLowerCase() + ":", ins), lst("To " + (F.fields[k + 1] || "").toLowerCase() + ":", outs)]);
    }
    ["mouseover", "focusin", "click"].forEach(function (evn) {
      svg.addEventListener(evn, function (ev) { var g = ev.target.closest && ev.target.closest("g.tf-node"); if (g) { pick(g); } });
    });
    view.querySelector(".sci-canvas").appendChild(svg);
  }

  route();
  document.documentElement.setAttribute("data-ready", "1");
})();
