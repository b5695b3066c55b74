// The actor network page: an SVG drawn from the JSON embedded in the page
// (#network-data, the same object /api/network returns); no fetch. Layout: actors start
// on a circle and settle under d3-force (the vendored d3: repulsion, springs along edges,
// a pull to the centre, no overlaps), computed once, deterministically. Drag an actor to
// move it; hover shows the figures; a click (without a drag) opens the actor's page.
(function () {
  "use strict";
  const SVG = "http://www.w3.org/2000/svg";
  const QUAD_COLOURS = { 1: "#2b7bb9", 2: "#2b9b6f", 3: "#d08a1f", 4: "#a0301f", 0: "#888888" };

  const figure = document.getElementById("network");
  const data = JSON.parse(document.getElementById("network-data").textContent);
  const svg = figure.querySelector("svg");
  const tip = figure.querySelector(".tip");
  const width = Math.max(320, figure.clientWidth);
  const height = Math.max(360, Math.min(640, Math.round(width * 0.62)));
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("width", width);
  svg.setAttribute("height", height);

  function el(name, attrs, parent) {
    const node = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (parent) parent.appendChild(node);
    return node;
  }

  // -- layout ---------------------------------------------------------------------
  // start on a circle in breadth-first order from the busiest actor, so that linked
  // actors start side by side; a seeded jitter breaks symmetric deadlocks
  const known = new Set(data.nodes.map((n) => n.id));
  const edges = data.edges.filter((e) => known.has(e.source) && known.has(e.target));
  const neighbours = new Map(data.nodes.map((n) => [n.id, []]));
  for (const e of edges) {
    neighbours.get(e.source).push(e.target);
    neighbours.get(e.target).push(e.source);
  }
  const order = [];
  const seen = new Set();
  for (const start of data.nodes) {
    const queue = [start.id];
    while (queue.length) {
      const id = queue.shift();
      if (seen.has(id)) continue;
      seen.add(id);
      order.push(id);
      queue.push(...neighbours.get(id));
    }
  }
  let seed = 42;
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const position = new Map(order.map((id, i) => [id, i]));
  const nodes = data.nodes.map((n) => {
    const angle = (2 * Math.PI * position.get(n.id)) / data.nodes.length - Math.PI / 2;
    const r = Math.min(width, height) * 0.35;
    return {
      ...n,
      x: width / 2 + r * Math.cos(angle) + (random() - 0.5) * 10,
      y: height / 2 + r * Math.sin(angle) + (random() - 0.5) * 10,
      radius: 7 + 3.5 * Math.sqrt(n.n_claims),
    };
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));

  (function settle() {
    if (nodes.length < 2) {
      if (nodes.length) Object.assign(nodes[0], { x: width / 2, y: height / 2 });
      return;
    }
    // d3-force (vendored d3): repulsion between actors, one spring per pair of actors (longer
    // where several edges must fan out between them), a pull to the centre, no overlaps;
    // run to rest before drawing, so the layout is the same on every load
    const ideal = Math.min(220, Math.sqrt((width * height) / nodes.length) * 0.75);
    const perPair = new Map();
    for (const e of edges) {
      const key = [e.source, e.target].sort().join("|");
      const count = (perPair.get(key)?.count || 0) + 1;
      perPair.set(key, { source: e.source, target: e.target, count });
    }
    const d3 = window.d3;
    const simulation = d3.forceSimulation(nodes)
      .randomSource(random)
      .force("charge", d3.forceManyBody().strength(-ideal * 2.2))
      .force("link", d3.forceLink([...perPair.values()]).id((n) => n.id)
        .distance((l) => ideal * (1 + 0.35 * (l.count - 1))).strength(0.6))
      .force("x", d3.forceX(width / 2).strength(0.06))
      .force("y", d3.forceY(height / 2).strength(0.06))
      .force("collide", d3.forceCollide((n) => n.radius + 18))
      .stop();
    simulation.tick(Math.ceil(Math.log(simulation.alphaMin()) / Math.log(1 - simulation.alphaDecay())));
    // fit the drawing into the box, leaving room for the labels
    const pad = 60;
    const xs = nodes.map((n) => n.x), ys = nodes.map((n) => n.y);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const sx = (width - 2 * pad) / Math.max(1, x1 - x0), sy = (height - 2 * pad) / Math.max(1, y1 - y0);
    const s = Math.min(sx, sy, 1.5);
    const ox = (width - s * (x1 - x0)) / 2, oy = (height - s * (y1 - y0)) / 2;
    for (const n of nodes) { n.x = ox + s * (n.x - x0); n.y = oy + s * (n.y - y0); }
  })();

  // -- drawing --------------------------------------------------------------------
  const defs = el("defs", {}, svg);
  for (const [quad, colour] of Object.entries(QUAD_COLOURS)) {
    const marker = el("marker", {
      id: `arrow-${quad}`, viewBox: "0 0 10 10", refX: 9, refY: 5,
      markerWidth: 5, markerHeight: 5, orient: "auto-start-reverse",
    }, defs);
    el("path", { d: "M0,0 L10,5 L0,10 z", fill: colour }, marker);
  }
  const edgeLayer = el("g", { class: "edges" }, svg);
  const nodeLayer = el("g", { class: "nodes" }, svg);

  // edges between the same two actors fan out as curves, so none hides another
  const pairs = new Map();
  for (const e of edges) {
    const key = [e.source, e.target].sort().join("|");
    if (!pairs.has(key)) pairs.set(key, []);
    pairs.get(key).push(e);
  }
  for (const group of pairs.values()) {
    group.forEach((e, i) => { e.bend = (i - (group.length - 1) / 2) * 34; });
  }

  function path(e) {
    const a = byId.get(e.source), b = byId.get(e.target);
    // the bend is measured from the pair's first actor (by id), the same for both directions
    const [p, q] = a.id < b.id ? [a, b] : [b, a];
    const dx = q.x - p.x, dy = q.y - p.y;
    const d = Math.max(1, Math.hypot(dx, dy));
    const mx = (a.x + b.x) / 2 + (-dy / d) * e.bend, my = (a.y + b.y) / 2 + (dx / d) * e.bend;
    // end on the rims of the circles, not their centres
    const trim = (from, to, r) => {
      const tx = to.x - from.x, ty = to.y - from.y;
      const t = Math.max(1, Math.hypot(tx, ty));
      return [from.x + (tx / t) * r, from.y + (ty / t) * r];
    };
    const [sx, sy] = trim(a, { x: mx, y: my }, a.radius + 2);
    const [tx, ty] = trim(b, { x: mx, y: my }, b.radius + 4);
    return `M${sx},${sy} Q${mx},${my} ${tx},${ty}`;
  }

  function names(e) {
    return `${byId.get(e.source).name} → ${byId.get(e.target).name}`;
  }

  function plural(n, word) {
    return `${n} ${word}${n === 1 ? "" : "s"}`;
  }

  function showTip(html, event) {
    tip.innerHTML = html;
    tip.hidden = false;
    const box = figure.getBoundingClientRect();
    const x = Math.min(event.clientX - box.left + 14, box.width - tip.offsetWidth - 4);
    tip.style.left = `${Math.max(0, x)}px`;
    tip.style.top = `${event.clientY - box.top + 14}px`;
  }

  function hideTip() { tip.hidden = true; }

  function escape(text) {
    const span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  }

  for (const e of edges) {
    const g = el("g", { class: `edge quad-${e.quad}`, "data-edge": e.id }, edgeLayer);
    const colour = QUAD_COLOURS[e.quad] || QUAD_COLOURS[0];
    e.line = el("path", {
      class: "line", fill: "none", stroke: colour, "stroke-opacity": 0.85,
      "stroke-width": 1.5 + 2 * Math.sqrt(e.weight), "marker-end": `url(#arrow-${e.quad in QUAD_COLOURS ? e.quad : 0})`,
    }, g);
    e.hit = el("path", { class: "hit", fill: "none", stroke: "transparent", "stroke-width": 14 }, g);
    const describe = () =>
      `<strong>${escape(names(e))}</strong><br>${escape(e.label)} · ${plural(e.weight, "claim")} in ` +
      `${plural(e.n_articles, "article")}<br><span class="muted">${escape(Object.keys(e.types).join(" "))}</span>`;
    g.addEventListener("pointerenter", (ev) => { g.classList.add("hover"); showTip(describe(), ev); });
    g.addEventListener("pointermove", (ev) => showTip(describe(), ev));
    g.addEventListener("pointerleave", () => { g.classList.remove("hover"); hideTip(); });
  }

  function redraw() {
    for (const e of edges) {
      const d = path(e);
      e.line.setAttribute("d", d);
      e.hit.setAttribute("d", d);
    }
    for (const n of nodes) n.g.setAttribute("transform", `translate(${n.x},${n.y})`);
  }

  for (const n of nodes) {
    n.g = el("g", {
      class: `node type-${n.type}`, "data-node": n.id, tabindex: 0, role: "link",
      "aria-label": `${n.name}: ${plural(n.n_claims, "claim")}; open its page`,
    }, nodeLayer);
    el("circle", { r: n.radius }, n.g);
    const label = el("text", { y: n.radius + 14, "text-anchor": "middle" }, n.g);
    label.textContent = n.name;
    const describe = () => {
      const out = edges.filter((e) => e.source === n.id).reduce((s, e) => s + e.weight, 0);
      const inn = edges.filter((e) => e.target === n.id).reduce((s, e) => s + e.weight, 0);
      return `<strong>${escape(n.name)}</strong> <span class="muted">${escape(n.id)}</span><br>` +
        `${plural(n.n_claims, "claim")} in ${plural(n.n_articles, "article")}<br>` +
        `as source ${out} · as target ${inn}<br><span class="muted">click: its page</span>`;
    };
    const open = () => { window.location.href = `/actors/${encodeURIComponent(n.id)}`; };
    let drag = null;
    n.g.addEventListener("pointerdown", (ev) => {
      drag = { x: ev.clientX, y: ev.clientY, nx: n.x, ny: n.y, moved: false };
      n.g.setPointerCapture(ev.pointerId);
      ev.preventDefault();
    });
    n.g.addEventListener("pointermove", (ev) => {
      if (!drag) { showTip(describe(), ev); return; }
      const scale = width / svg.getBoundingClientRect().width;
      const dx = (ev.clientX - drag.x) * scale, dy = (ev.clientY - drag.y) * scale;
      if (Math.hypot(dx, dy) > 3) drag.moved = true;
      n.x = Math.min(width - n.radius, Math.max(n.radius, drag.nx + dx));
      n.y = Math.min(height - n.radius, Math.max(n.radius, drag.ny + dy));
      redraw();
      hideTip();
    });
    n.g.addEventListener("pointerup", () => {
      const clicked = drag && !drag.moved;
      drag = null;
      if (clicked) open();
    });
    n.g.addEventListener("pointerenter", (ev) => {
      n.g.classList.add("hover");
      for (const e of edges) {
        if (e.source === n.id || e.target === n.id) e.line.parentNode.classList.add("near");
      }
      showTip(describe(), ev);
    });
    n.g.addEventListener("pointerleave", () => {
      n.g.classList.remove("hover");
      for (const e of edges) e.line.parentNode.classList.remove("near");
      hideTip();
    });
    n.g.addEventListener("keydown", (ev) => { if (ev.key === "Enter") open(); });
  }
  redraw();
  figure.classList.add("ready");
})();
