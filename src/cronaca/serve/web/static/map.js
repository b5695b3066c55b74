// The /map page: claims or event mentions as points on an offline world map.
// Country shapes: Natural Earth 1:110m from the world-atlas package, vendored; projection,
// zoom and scales from d3 (vendored); no tiles, no CDN. Data: /api/map (GeoJSON), whose
// text comes from articles and is treated as hostile: it only ever reaches textContent.
// A point's size is its number of mentions, its colour the CAMEO quad class of its type;
// click (or Enter) opens its claim. Two sliders narrow the points to a time range.
(function () {
  "use strict";
  const figure = document.getElementById("map");
  if (!figure || !window.d3 || !window.topojson) return;
  const d3 = window.d3;
  const svg = d3.select(figure).select("svg");
  const tip = figure.querySelector(".tip");
  const status = document.getElementById("map-status");
  const width = 960, height = 500;
  svg.attr("viewBox", `0 0 ${width} ${height}`);
  const projection = d3.geoNaturalEarth1().fitExtent([[4, 4], [width - 4, height - 4]], { type: "Sphere" });
  const path = d3.geoPath(projection);
  const world = svg.append("g").attr("class", "world");
  const points = svg.append("g").attr("class", "points");

  function when(p) {
    return p.time_start || p.time_end || p.first_reported || p.published || "";
  }

  function target(f) {
    const p = f.properties;
    if (p.kind === "claim") return `/claims/${encodeURIComponent(p.id)}`;
    if (p.claim_id) return `/claims/${encodeURIComponent(p.claim_id)}#ev-${encodeURIComponent(p.id)}`;
    return `/articles/${encodeURIComponent(p.article_id)}#ev-${encodeURIComponent(p.id)}`;
  }

  function showTip(event, f) {
    const p = f.properties;
    tip.replaceChildren();
    const head = document.createElement("strong");
    head.textContent = p.kind === "claim" ? p.summary : `${p.type}: ${p.source || "–"} → ${p.target || "–"}`;
    const where = document.createElement("div");
    where.textContent = `${p.place} · ${p.quad_label} · ${p.mentions} mention${p.mentions === 1 ? "" : "s"}`;
    const time = document.createElement("div");
    time.className = "muted";
    time.textContent = (when(p) || "undated") + (p.kind === "event" ? ` · ${p.text}` : "");
    tip.append(head, where, time);
    const box = figure.getBoundingClientRect();
    tip.style.left = `${Math.min(event.clientX - box.left + 12, box.width - 280)}px`;
    tip.style.top = `${event.clientY - box.top + 12}px`;
    tip.hidden = false;
  }

  function draw(topo, data) {
    world.append("path").attr("class", "sphere").attr("d", path({ type: "Sphere" }));
    world.append("path").attr("class", "graticule").attr("d", path(d3.geoGraticule10()));
    const countries = topojson.feature(topo, topo.objects.countries);
    world.selectAll("path.country").data(countries.features).join("path")
      .attr("class", "country").attr("d", path)
      .append("title").text((d) => d.properties.name);
    world.append("path").attr("class", "border")
      .attr("d", path(topojson.mesh(topo, topo.objects.countries, (a, b) => a !== b)));

    const features = data.features.slice().sort((a, b) => b.properties.mentions - a.properties.mentions);
    const most = d3.max(features, (f) => f.properties.mentions) || 1;
    // the area grows with the mentions; a store of few mentions keeps small points
    const radius = d3.scaleSqrt().domain([0, Math.max(most, 25)]).range([0, 20]).clamp(true);
    const size = (m) => Math.max(3.5, radius(m));
    // points at the same place (a town's several claims) are set around it, each clickable
    const same = d3.group(features, (f) => f.geometry.coordinates.join(","));
    // (the offset is in screen pixels: zooming in brings them no farther from their place)
    const offset = (f) => {
      const group = same.get(f.geometry.coordinates.join(","));
      if (group.length < 2) return [0, 0];
      const angle = (2 * Math.PI * group.indexOf(f)) / group.length;
      const away = 3 + 1.5 * group.length;
      return [away * Math.cos(angle), away * Math.sin(angle)];
    };
    const at = (f, k = 1) => {
      const xy = projection(f.geometry.coordinates), d = offset(f);
      return [xy[0] + d[0] / k, xy[1] + d[1] / k];
    };
    const dots = points.selectAll("circle").data(features).join("circle")
      .attr("class", (f) => `point quad-${f.properties.quad}`)
      .attr("data-id", (f) => f.properties.id)
      .attr("data-date", (f) => when(f.properties))
      .attr("tabindex", 0)
      .attr("role", "link")
      .attr("aria-label", (f) => `${f.properties.kind === "claim" ? f.properties.summary : f.properties.type} at ${f.properties.place}`)
      .each(function (f) {
        const xy = at(f);
        d3.select(this).attr("cx", xy[0]).attr("cy", xy[1]).attr("r", size(f.properties.mentions));
      })
      .on("mouseenter", (event, f) => showTip(event, f))
      .on("mousemove", (event, f) => showTip(event, f))
      .on("mouseleave", () => { tip.hidden = true; })
      .on("click", (event, f) => { window.location.href = target(f); })
      .on("keydown", (event, f) => { if (event.key === "Enter") window.location.href = target(f); });

    const zoom = d3.zoom().scaleExtent([1, 12]).on("zoom", (event) => {
      world.attr("transform", event.transform);
      points.attr("transform", event.transform);
      const k = event.transform.k;
      dots.attr("r", (f) => size(f.properties.mentions) / Math.sqrt(k))
        .attr("cx", (f) => at(f, k)[0]).attr("cy", (f) => at(f, k)[1]);
    });
    svg.call(zoom);
    // start framed on the points (all of Italy's towns, say), not on the whole world
    if (features.length) {
      const xy = features.map((f) => projection(f.geometry.coordinates));
      const [x0, x1] = d3.extent(xy, (p) => p[0]), [y0, y1] = d3.extent(xy, (p) => p[1]);
      // at most 5x: one town alone keeps its country and neighbours in view
      const k = Math.max(1, Math.min(5, 0.8 / Math.max((x1 - x0) / width, (y1 - y0) / height, 1 / 5)));
      const tx = width / 2 - k * (x0 + x1) / 2, ty = height / 2 - k * (y0 + y1) / 2;
      svg.call(zoom.transform, d3.zoomIdentity.translate(tx, ty).scale(k));
    }

    const noun = features.length && features[0].properties.kind === "event" ? "event mention" : "claim";
    const dates = Array.from(new Set(features.map((f) => when(f.properties)).filter(Boolean))).sort();
    const say = (shown) => {
      status.textContent = `${features.length} ${noun}${features.length === 1 ? "" : "s"} with a place` +
        (shown < features.length ? ` · ${shown} in the time range` : "") +
        (data.truncated ? ` · only the first ${features.length}: narrow the filters for the rest` : "");
    };
    say(features.length);
    if (dates.length < 2) return;
    const range = document.getElementById("range");
    const from = document.getElementById("range-from");
    const to = document.getElementById("range-to");
    const text = document.getElementById("range-text");
    from.max = to.max = String(dates.length - 1);
    to.value = String(dates.length - 1);
    range.hidden = false;
    const update = () => {
      let lo = Number(from.value), hi = Number(to.value);
      if (lo > hi) [lo, hi] = [hi, lo];
      const a = dates[lo], b = dates[hi];
      text.textContent = `${a} → ${b}`;
      let shown = 0;
      dots.attr("hidden", null).style("display", (f) => {
        const d = when(f.properties);
        const inside = !d || (d >= a && d <= b);
        if (inside) shown += 1;
        return inside ? null : "none";
      });
      say(shown);
    };
    from.addEventListener("input", update);
    to.addEventListener("input", update);
    update();
  }

  Promise.all([
    fetch("/static/vendor/world-atlas-2.0.2-countries-110m.json").then((r) => r.json()),
    fetch(figure.dataset.src).then((r) => {
      if (!r.ok) throw new Error(`the map's data: HTTP ${r.status}`);
      return r.json();
    }),
  ]).then(([topo, data]) => draw(topo, data)).catch((e) => { status.textContent = String(e.message || e); });
})();
