/* Lab explorers (docs/explorers/): look up the grid point labelsim computed at build time
   (tools/explorers.py) for the chosen settings, and draw it as SVG. No simulation here. */
(function () {
  "use strict";
  const NS = "http://www.w3.org/2000/svg";
  const COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7"];
  const W = 640, H = 360, M = { left: 62, right: 16, top: 16, bottom: 70 };

  function el(name, attrs, text) {
    const node = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function ticks(lo, hi, n) {
    const step = (hi - lo) / n;
    return Array.from({ length: n + 1 }, (_, i) => lo + i * step);
  }

  function draw(svg, grid, point) {
    svg.replaceChildren();
    const all = point.series.flatMap((s) => s.points);
    const xs = all.map((p) => p[0]), ys = all.map((p) => p[1]);
    if (point.reference) ys.push(point.reference.y);
    const xr = grid.x_range || [Math.min(...xs), Math.max(...xs)];
    let yr = grid.y_range ? grid.y_range.slice() : [Math.min(...ys), Math.max(...ys)];
    if (yr[0] === null) yr[0] = Math.min(...ys);
    if (yr[1] === null) yr[1] = Math.max(...ys) * 1.05;
    if (!grid.y_range) yr = [yr[0] - 0.02, Math.min(1, yr[1] + 0.02)];
    const X = (x) => M.left + (x - xr[0]) / (xr[1] - xr[0] || 1) * (W - M.left - M.right);
    const Y = (y) => H - M.bottom - (y - yr[0]) / (yr[1] - yr[0] || 1) * (H - M.top - M.bottom);
    svg.appendChild(el("rect", { x: 0, y: 0, width: W, height: H, fill: "#ffffff" }));
    const axes = el("g", { stroke: "#444444", "font-size": 12, fill: "#222222" });
    axes.appendChild(el("line", { x1: M.left, y1: H - M.bottom, x2: W - M.right, y2: H - M.bottom }));
    axes.appendChild(el("line", { x1: M.left, y1: M.top, x2: M.left, y2: H - M.bottom }));
    for (const t of ticks(yr[0], yr[1], 5)) {
      axes.appendChild(el("text", { x: M.left - 6, y: Y(t) + 4, "text-anchor": "end", stroke: "none" },
        Math.abs(yr[1]) <= 1.5 ? t.toFixed(2) : t.toFixed(1)));
    }
    for (const t of ticks(xr[0], xr[1], 5)) {
      axes.appendChild(el("text", { x: X(t), y: H - M.bottom + 16, "text-anchor": "middle", stroke: "none" },
        Math.abs(xr[1]) <= 1.5 ? t.toFixed(1) : Math.round(t)));
    }
    axes.appendChild(el("text", { x: (M.left + W - M.right) / 2, y: H - M.bottom + 34, "text-anchor": "middle", stroke: "none" }, grid.x));
    axes.appendChild(el("text", { x: 14, y: (M.top + H - M.bottom) / 2, "text-anchor": "middle", stroke: "none",
                                  transform: "rotate(-90 14 " + (M.top + H - M.bottom) / 2 + ")" }, grid.y));
    svg.appendChild(axes);
    if (point.reference) {
      svg.appendChild(el("line", { x1: M.left, x2: W - M.right, y1: Y(point.reference.y), y2: Y(point.reference.y),
                                   stroke: "#222222", "stroke-dasharray": "2 3" }));
      svg.appendChild(el("text", { x: W - M.right - 4, y: Y(point.reference.y) - 4, "text-anchor": "end",
                                   "font-size": 12, fill: "#222222" }, point.reference.name));
    }
    point.series.forEach((s, i) => {
      const colour = COLOURS[i % COLOURS.length];
      svg.appendChild(el("polyline", { points: s.points.map((p) => X(p[0]) + "," + Y(p[1])).join(" "),
        fill: "none", stroke: colour, "stroke-width": 2, "stroke-dasharray": s.dash ? "6 4" : "none" }));
      for (const p of s.points) svg.appendChild(el("circle", { cx: X(p[0]), cy: Y(p[1]), r: 2.5, fill: colour }));
      const lx = M.left + 8 + (i % 2) * 280, ly = H - 14 - Math.floor(i / 2) * 0;
      svg.appendChild(el("line", { x1: lx, x2: lx + 22, y1: ly - 4 - 14 * Math.floor(i / 2), y2: ly - 4 - 14 * Math.floor(i / 2),
        stroke: colour, "stroke-width": 2, "stroke-dasharray": s.dash ? "6 4" : "none" }));
      svg.appendChild(el("text", { x: lx + 28, y: ly - 14 * Math.floor(i / 2), "font-size": 12, fill: "#222222" }, s.name));
    });
    if (point.marker) {
      svg.appendChild(el("circle", { cx: X(point.marker[0]), cy: Y(point.marker[1]), r: 7, fill: "none",
                                     stroke: "#222222", "stroke-width": 2.5, "data-marker": point.marker.join(",") }));
    }
    svg.setAttribute("aria-label", point.alt);
  }

  async function start(root) {
    const response = await fetch(root.dataset.explorer);
    if (!response.ok) return;
    const grid = await response.json();
    const controls = root.querySelector(".explorer__controls");
    const svg = el("svg", { viewBox: "0 0 " + W + " " + H, role: "img", class: "explorer__figure" });
    root.querySelector(".explorer__plot").appendChild(svg);
    const totals = root.querySelector(".explorer__totals tbody");
    const inputs = grid.controls.map((control) => {
      const id = "explore-" + grid.id + "-" + control.name;
      const wrap = document.createElement("div");
      const label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = control.label;
      const input = document.createElement("input");
      Object.assign(input, { type: "range", id: id, min: 0, max: control.values.length - 1, step: 1,
                             value: control.default });
      const output = document.createElement("output");
      output.htmlFor = id;
      wrap.append(label, input, " ", output);
      controls.appendChild(wrap);
      input.addEventListener("input", update);
      return { control, input, output };
    });
    function update() {
      const parts = inputs.map(({ control, input, output }) => {
        const value = control.values[Number(input.value)];
        output.textContent = String(value);
        input.setAttribute("aria-valuetext", String(value));
        return control.keys[Number(input.value)];
      });
      const point = grid.points[parts.join("|")];
      root.dataset.point = parts.join("|");
      draw(svg, grid, point);
      totals.replaceChildren(...Object.entries(point.totals).map(([name, value]) => {
        const row = document.createElement("tr");
        const th = document.createElement("th");
        th.scope = "row";
        th.textContent = name;
        const td = document.createElement("td");
        td.textContent = value;
        row.append(th, td);
        return row;
      }));
    }
    update();
  }

  document.querySelectorAll("[data-explorer]").forEach(start);
})();
