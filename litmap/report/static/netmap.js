/* litmap report: the network map, drawn on one canvas with no library.
 *
 * Why not Cytoscape.js (used before): on a 1,000-node, 4,000-link co-citation map its
 * constructor took ~1 s and every class change (filters, fading a selection) restyled
 * all 5,000 elements, so drawing the map took ~3 s and each zoom/pan/tap ~2.9 s.  Here a
 * draw is one pass: links as one path per width bucket, nodes by size, then labels placed
 * greedily without overlaps using a grid of occupied cells (O(n), not O(n^2)).
 *
 * window.LitmapMap(container, spec, hooks)
 *   spec.nodes: [{id, label, x, y, d (diameter in px at the fitted zoom), colour, ycol, rank}]
 *   spec.edges: [[source index, target index, width 0..1]]; spec.directed
 *   hooks: onTap(index), onBackground(), onDraw()
 * Node flags the page sets: hidden, match.  After each draw: node.big (1 when its label is
 * drawn), node.sx/sy (screen position) and map.labels ([{i, id, label, x1, y1, x2, y2}]).
 */
(function () {
  "use strict";
  var FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", FS = 11, MAX_LABELS = 150, CELL = 48;

  function LitmapMap(container, spec, hooks) {
    var self = this;
    this.box = container; this.hooks = hooks || {};
    container.textContent = "";
    this.cv = document.createElement("canvas"); container.appendChild(this.cv);
    this.ctx = this.cv.getContext("2d");
    this.nodes = spec.nodes; this.edges = spec.edges; this.directed = !!spec.directed;
    this.index = {}; this.adj = this.nodes.map(function () { return []; });
    this.nodes.forEach(function (n, i) { self.index[n.id] = i; n.hidden = false; n.match = false; n.big = 0; n.sx = 0; n.sy = 0; });
    this.edges.forEach(function (e, k) { self.adj[e[0]].push(k); self.adj[e[1]].push(k); });
    // nodes drawn small to large (large on top); hit-testing goes the other way
    this.order = this.nodes.map(function (n, i) { return i; }).sort(function (a, b) { return self.nodes[a].d - self.nodes[b].d || a - b; });
    this.k = 1; this.kfit = 1; this.tx = 0; this.ty = 0; this.mode = "network";
    this.focus = null; this.selected = -1; this.labels = []; this.pending = false;
    this.measure = document.createElement("canvas").getContext("2d");
    this.resize();
    this.bind();
  }
  var P = LitmapMap.prototype;

  P.resize = function () {
    var W = this.box.clientWidth || 800, H = this.box.clientHeight || 600, r = window.devicePixelRatio || 1;
    var oldW = this.W, oldH = this.H, changed = oldW !== undefined && (W !== oldW || H !== oldH);
    this.W = W; this.H = H; this.dpr = r;
    this.cv.width = Math.round(W * r); this.cv.height = Math.round(H * r);
    this.cv.style.width = W + "px"; this.cv.style.height = H + "px";
    if (changed && this.lastFit && !this.moved) { this.fit(this.lastFit[0], this.lastFit[1]); return; }
    if (changed && oldW > 0 && oldH > 0) {
      // the user zoomed or panned: keep that view, scaled with the window around its centre
      var s = Math.min(W / oldW, H / oldH), cx = (oldW / 2 - this.tx) / this.k, cy = (oldH / 2 - this.ty) / this.k;
      this.k *= s; this.kfit *= s;
      this.tx = W / 2 - cx * this.k; this.ty = H / 2 - cy * this.k;
    }
    this.redraw();
  };
  P.zrel = function () { return this.k / this.kfit; };
  P.textWidth = function (text, px) {
    this.measure.font = px + "px " + FONT;
    return this.measure.measureText(text).width;
  };
  // Fit the given nodes (default: all shown) in the canvas with `pad` px to spare, counting the
  // labels of the larger nodes (the ones likely to be labelled) so none is cut off at an edge.
  P.fit = function (which, pad) {
    this.lastFit = [which, pad]; this.moved = false;
    var self = this, ns = (which || this.nodes.map(function (n, i) { return i; })).filter(function (i) { return !self.nodes[i].hidden; });
    if (!ns.length) { this.redraw(); return; }
    pad = pad === undefined ? 20 : pad;
    var ranked = ns.slice().sort(function (a, b) { return self.nodes[a].rank - self.nodes[b].rank; });
    var wide = {}; ranked.slice(0, MAX_LABELS).forEach(function (i) { wide[i] = true; });
    var ext = ns.map(function (i) {  // half-width and height above the node at the fitted zoom, in px
      var n = self.nodes[i], r = n.d / 2;
      return wide[i] ? [Math.max(r, self.textWidth(n.label, FS) / 2 + 3), r + FS * 1.4 + 4, r] : [r, r, r];
    });
    var xs = ns.map(function (i) { return self.nodes[i].x; }), ys = ns.map(function (i) { return self.nodes[i].y; });
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs), y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    var availW = Math.max(40, this.W - 2 * pad), availH = Math.max(40, this.H - 2 * pad);
    var k = Math.min(x1 > x0 ? availW / (x1 - x0) : 1, y1 > y0 ? availH / (y1 - y0) : 1);
    var L, R, T, B;
    for (var it = 0; it < 4; it++) {  // shrink until the labelled extents fit
      L = Infinity; R = -Infinity; T = Infinity; B = -Infinity;
      for (var j = 0; j < ns.length; j++) {
        var sx = xs[j] * k, sy = ys[j] * k;
        L = Math.min(L, sx - ext[j][0]); R = Math.max(R, sx + ext[j][0]); T = Math.min(T, sy - ext[j][1]); B = Math.max(B, sy + ext[j][2]);
      }
      var fx = (R - L) > availW && x1 > x0 ? (availW - (R - L - (x1 - x0) * k)) / ((x1 - x0) * k) : 1;
      var fy = (B - T) > availH && y1 > y0 ? (availH - (B - T - (y1 - y0) * k)) / ((y1 - y0) * k) : 1;
      var f = Math.min(fx, fy);
      if (f >= 0.999) { break; }
      k *= Math.max(0.2, f);
    }
    if (!isFinite(k) || k <= 0) { k = 1; }
    this.k = k; this.kfit = k;
    this.tx = (this.W - (R - L)) / 2 - L; this.ty = (this.H - (B - T)) / 2 - T;
    this.redraw();
  };
  P.zoomAt = function (factor, x, y) {
    var k = Math.max(this.kfit * 0.1, Math.min(this.kfit * 40, this.k * factor)), f = k / this.k;
    this.tx = x - (x - this.tx) * f; this.ty = y - (y - this.ty) * f; this.k = k; this.moved = true; this.redraw();
  };
  P.panBy = function (dx, dy) { this.tx += dx; this.ty += dy; this.moved = true; this.redraw(); };
  P.focusOn = function (i) {
    var self = this, f = {}; f[i] = true;
    this.adj[i].forEach(function (k) { var e = self.edges[k]; f[e[0]] = true; f[e[1]] = true; });
    this.focus = f; this.selected = i; this.redraw();
  };
  P.clearFocus = function () { this.focus = null; this.selected = -1; this.redraw(); };
  P.setMode = function (mode) { this.mode = mode; this.redraw(); };
  P.redraw = function () {
    var self = this; if (this.pending) { return; } this.pending = true;
    window.requestAnimationFrame(function () { self.pending = false; self.draw(); });
  };
  P.nodeAt = function (x, y) {
    var z = this.zrel();
    for (var j = this.order.length - 1; j >= 0; j--) {
      var n = this.nodes[this.order[j]]; if (n.hidden) { continue; }
      var r = Math.max(3, n.d * z / 2) + 2, dx = x - n.sx, dy = y - n.sy;
      if (dx * dx + dy * dy <= r * r) { return this.order[j]; }
    }
    return -1;
  };
  P.tap = function (x, y) {
    var i = this.nodeAt(x, y);
    if (i >= 0) { if (this.hooks.onTap) { this.hooks.onTap(i); } } else if (this.hooks.onBackground) { this.hooks.onBackground(); }
  };
  P.bind = function () {
    var self = this, cv = this.cv, drag = null;
    function at(ev) { var b = cv.getBoundingClientRect(); return [ev.clientX - b.left, ev.clientY - b.top]; }
    cv.addEventListener("wheel", function (ev) {
      ev.preventDefault(); var p = at(ev);
      self.zoomAt(Math.exp(-ev.deltaY * (ev.deltaMode === 1 ? 0.05 : 0.002)), p[0], p[1]);
    }, { passive: false });
    cv.addEventListener("pointerdown", function (ev) {
      var p = at(ev); drag = { x: p[0], y: p[1], moved: false };
      if (cv.setPointerCapture) { try { cv.setPointerCapture(ev.pointerId); } catch (e) { /* synthetic events */ } }
    });
    cv.addEventListener("pointermove", function (ev) {
      if (!drag) { return; }
      var p = at(ev), dx = p[0] - drag.x, dy = p[1] - drag.y;
      if (!drag.moved && dx * dx + dy * dy < 16) { return; }
      drag.moved = true; drag.x = p[0]; drag.y = p[1]; self.panBy(dx, dy);
    });
    cv.addEventListener("pointerup", function (ev) {
      if (drag && !drag.moved) { var p = at(ev); self.tap(p[0], p[1]); }
      drag = null;
    });
    cv.addEventListener("pointercancel", function () { drag = null; });
    cv.addEventListener("dblclick", function (ev) { var p = at(ev); self.zoomAt(1.6, p[0], p[1]); });
  };
  // Greedy labels: cluster leaders and the largest first (by rank), a label drawn only where it
  // overlaps no other label and stays inside the canvas; occupied space kept in a grid of cells.
  P.placeLabels = function (px) {
    var self = this, grid = {}, out = [], W = this.W, H = this.H, z = this.zrel();
    function cells(b, fn) {
      for (var cx = Math.floor(b[0] / CELL); cx <= Math.floor(b[2] / CELL); cx++) {
        for (var cy = Math.floor(b[1] / CELL); cy <= Math.floor(b[3] / CELL); cy++) { if (fn(cx + "," + cy) === false) { return false; } }
      }
      return true;
    }
    function free(b) {
      return cells(b, function (key) {
        var l = grid[key]; if (!l) { return true; }
        for (var q = 0; q < l.length; q++) { var o = l[q]; if (b[0] < o[2] && b[2] > o[0] && b[1] < o[3] && b[3] > o[1]) { return false; } }
        return true;
      });
    }
    function take(b) { cells(b, function (key) { (grid[key] = grid[key] || []).push(b); }); }
    var cand = [];
    this.nodes.forEach(function (n, i) {
      n.big = 0;
      if (n.hidden || n.sx < -50 || n.sx > W + 50 || n.sy < -50 || n.sy > H + 50) { return; }
      var forced = i === self.selected || n.match;
      if (forced || px >= 7) { cand.push(i); }
    });
    cand.sort(function (a, b) {
      var A = self.nodes[a], B = self.nodes[b], fa = a === self.selected || A.match ? 0 : 1, fb = b === self.selected || B.match ? 0 : 1;
      return fa - fb || A.rank - B.rank;
    });
    for (var c = 0; c < cand.length && out.length < MAX_LABELS + 10; c++) {
      var i = cand[c], n = this.nodes[i], forced = i === this.selected || n.match, size = forced ? Math.max(px, 11) : px;
      if (!forced && out.length >= MAX_LABELS) { continue; }
      if (this.focus && !this.focus[i] && !forced) { continue; }
      var w = this.textWidth(n.label, size) + 4, hgt = size * 1.35, r = n.d * z / 2;
      var spots = [n.sy - r - hgt - 3, n.sy + r + 3], placed = null;
      for (var s = 0; s < spots.length && !placed; s++) {
        var b = [n.sx - w / 2, spots[s], n.sx + w / 2, spots[s] + hgt];
        if (b[0] < 1 || b[2] > W - 1 || b[1] < 1 || b[3] > H - 1) { continue; }
        if (free(b)) { placed = b; }
      }
      if (!placed) { continue; }
      take(placed); n.big = 1;
      out.push({ i: i, id: n.id, label: n.label, size: size, x1: placed[0], y1: placed[1], x2: placed[2], y2: placed[3] });
    }
    return out;
  };
  P.fillOf = function (n) { return this.mode === "overlay" ? n.ycol : n.colour; };
  P.draw = function () {
    var self = this, ctx = this.ctx, z = this.zrel(), k = this.k, W = this.W, H = this.H, focus = this.focus;
    var t0 = window.performance ? performance.now() : 0;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.clearRect(0, 0, W, H);
    this.nodes.forEach(function (n) { n.sx = n.x * k + self.tx; n.sy = n.y * k + self.ty; });
    var dens = this.mode === "density";
    function inView(n, m) { return n.sx > -m && n.sx < W + m && n.sy > -m && n.sy < H + m; }
    if (!dens) {  // links: one path per width bucket (and per faded/focused pass)
      var passes = focus ? [[false, 0.08], [true, 0.7]] : [[null, 0.6]];
      passes.forEach(function (pass) {
        var buckets = [[], [], [], []];
        self.edges.forEach(function (e) {
          var a = self.nodes[e[0]], b = self.nodes[e[1]];
          if (a.hidden || b.hidden) { return; }
          if (pass[0] !== null && (!!(focus[e[0]] && focus[e[1]]) !== pass[0])) { return; }
          if (!inView(a, 0) && !inView(b, 0) && ((a.sx < 0 && b.sx < 0) || (a.sx > W && b.sx > W) || (a.sy < 0 && b.sy < 0) || (a.sy > H && b.sy > H))) { return; }
          buckets[Math.min(3, Math.floor(e[2] * 4))].push(e);
        });
        ctx.globalAlpha = pass[1]; ctx.strokeStyle = "#aab2bd"; ctx.fillStyle = "#aab2bd";
        buckets.forEach(function (list, q) {
          if (!list.length) { return; }
          ctx.lineWidth = Math.max(0.4, (0.5 + 4 * (q + 0.5) / 4) * z * 0.5);
          ctx.beginPath();
          list.forEach(function (e) { var a = self.nodes[e[0]], b = self.nodes[e[1]]; ctx.moveTo(a.sx, a.sy); ctx.lineTo(b.sx, b.sy); });
          ctx.stroke();
          if (self.directed) {  // arrowheads at the cited end
            ctx.beginPath();
            list.forEach(function (e) {
              var a = self.nodes[e[0]], b = self.nodes[e[1]], dx = b.sx - a.sx, dy = b.sy - a.sy, L = Math.sqrt(dx * dx + dy * dy) || 1;
              var ux = dx / L, uy = dy / L, r = b.d * z / 2 + 1, s = Math.max(4, 6 * Math.sqrt(z));
              var tx = b.sx - ux * r, ty = b.sy - uy * r;
              ctx.moveTo(tx, ty); ctx.lineTo(tx - ux * s - uy * s / 2, ty - uy * s + ux * s / 2); ctx.lineTo(tx - ux * s + uy * s / 2, ty - uy * s - ux * s / 2); ctx.closePath();
            });
            ctx.fill();
          }
        });
      });
      ctx.globalAlpha = 1;
      // nodes, small to large, faded ones first
      [false, true].forEach(function (front) {
        if (!focus && !front) { return; }
        ctx.globalAlpha = front ? 1 : 0.15;
        ctx.lineWidth = 1; ctx.strokeStyle = "#fff";
        self.order.forEach(function (i) {
          var n = self.nodes[i]; if (n.hidden || (focus && !!focus[i] !== front)) { return; }
          var r = Math.max(1.5, n.d * z / 2); if (!inView(n, r)) { return; }
          ctx.beginPath(); ctx.arc(n.sx, n.sy, r, 0, 2 * Math.PI); ctx.fillStyle = self.fillOf(n); ctx.fill(); ctx.stroke();
        });
      });
      ctx.globalAlpha = 1;
    }
    // rings: the selected node and search matches
    this.nodes.forEach(function (n, i) {
      if (n.hidden || !(n.match || i === self.selected)) { return; }
      ctx.beginPath(); ctx.arc(n.sx, n.sy, Math.max(3, n.d * z / 2) + 1.5, 0, 2 * Math.PI);
      ctx.lineWidth = 3; ctx.strokeStyle = i === self.selected ? "#111" : "#f0a000"; ctx.stroke();
    });
    var px = Math.min(FS * z, 18);  // labels grow as one zooms in, up to 18 px
    this.labels = this.placeLabels(px);
    ctx.textAlign = "center"; ctx.textBaseline = "middle";
    this.labels.forEach(function (l) {
      ctx.globalAlpha = 0.78; ctx.fillStyle = "#fff"; ctx.fillRect(l.x1, l.y1, l.x2 - l.x1, l.y2 - l.y1);
      ctx.globalAlpha = 1; ctx.fillStyle = "#222"; ctx.font = l.size + "px " + FONT;
      ctx.fillText(l.label, (l.x1 + l.x2) / 2, (l.y1 + l.y2) / 2 + 0.5);
    });
    this.lastDrawMs = window.performance ? performance.now() - t0 : 0;
    if (this.hooks.onDraw) { this.hooks.onDraw(); }
  };
  window.LitmapMap = LitmapMap;
})();
