// Morocco and Western Sahara drawn as SVG from static/morocco.geojson (no tiles, no library):
// an equirectangular projection scaled by cos(lat0), towns as circles sized by arrested (sqrt).

import { outline } from "./api.js";
import { s } from "./dom.js";
import { num, placeName, t } from "./i18n.js";

const VIEW_W = 600;
const PAD = 12;

function areaBounds(geo) {
  let lonMin = Infinity, lonMax = -Infinity, latMin = Infinity, latMax = -Infinity;
  const visit = (c) => {
    if (typeof c[0] === "number") {
      lonMin = Math.min(lonMin, c[0]);
      lonMax = Math.max(lonMax, c[0]);
      latMin = Math.min(latMin, c[1]);
      latMax = Math.max(latMax, c[1]);
    } else c.forEach(visit);
  };
  for (const f of geo.features) if (f.properties && f.properties.role === "area") visit(f.geometry.coordinates);
  return { lonMin, lonMax, latMin, latMax };
}

export function projection(geo) {
  const b = areaBounds(geo);
  const lat0 = ((b.latMin + b.latMax) / 2) * (Math.PI / 180);
  const kx = Math.cos(lat0);
  const k = (VIEW_W - 2 * PAD) / ((b.lonMax - b.lonMin) * kx);
  const height = Math.ceil((b.latMax - b.latMin) * k + 2 * PAD);
  const project = (lon, lat) => [PAD + (lon - b.lonMin) * kx * k, PAD + (b.latMax - lat) * k];
  const inside = (lon, lat) => lon >= b.lonMin - 0.3 && lon <= b.lonMax + 0.3 && lat >= b.latMin - 0.3 && lat <= b.latMax + 0.3;
  return { project, inside, width: VIEW_W, height, bounds: b };
}

function pathOf(lines, project, close) {
  let d = "";
  for (const line of lines) {
    line.forEach(([lon, lat], i) => {
      const [x, y] = project(lon, lat);
      d += `${i ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`;
    });
    if (close) d += "Z";
  }
  return d;
}

function rings(geometry) {
  if (geometry.type === "Polygon") return geometry.coordinates;
  if (geometry.type === "MultiPolygon") return geometry.coordinates.flat();
  if (geometry.type === "MultiLineString") return geometry.coordinates;
  if (geometry.type === "LineString") return [geometry.coordinates];
  return [];
}

function overlaps(a, b) {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}

/**
 * towns: [{place, name_ar, name_en, lat, lon, events, arrested}].
 * Options: hrefFor(town) -> link, labels (how many towns to name), fixedRadius (for one event),
 * caption (aria label). Resolves to {svg, outside: towns whose coordinates fall outside the map,
 * unplaced: towns without coordinates}.
 */
export async function moroccoMap(towns, { hrefFor, labels = 6, fixedRadius = null, caption = t("map.caption") } = {}) {
  const geo = await outline();
  const { project, inside, width, height } = projection(geo);
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, class: "map", role: "img", "aria-label": caption, preserveAspectRatio: "xMidYMid meet" });
  const land = s("g", { class: "land" });
  for (const f of geo.features) {
    const role = f.properties && f.properties.role;
    if (role === "area") {
      land.appendChild(s("path", { d: pathOf(rings(f.geometry), project, true), class: "area", "data-territory": f.id || "" }));
    }
  }
  for (const f of geo.features) {
    const role = f.properties && f.properties.role;
    if (role === "outline" || role === "border") {
      land.appendChild(s("path", { d: pathOf(rings(f.geometry), project, false), class: role }));
    }
  }
  svg.appendChild(land);

  const onMap = [];
  const outside = [];
  const unplaced = [];
  for (const town of towns || []) {
    if (!Number.isFinite(town.lat) || !Number.isFinite(town.lon)) unplaced.push(town);
    else (inside(town.lon, town.lat) ? onMap : outside).push(town);
  }
  const maxArrested = Math.max(1, ...onMap.map((d) => d.arrested || 0));
  const radius = (d) => (fixedRadius !== null ? fixedRadius : 3 + 15 * Math.sqrt((d.arrested || 0) / maxArrested));
  const placed = onMap
    .map((d) => {
      const [x, y] = project(d.lon, d.lat);
      return { d, x, y, r: radius(d) };
    })
    .sort((a, b) => b.r - a.r);

  const markers = s("g", { class: "towns" });
  for (const { d, x, y, r } of placed) {
    const name = placeName(d);
    const tip = fixedRadius !== null ? name : `${name} — ${t("map.tip", { events: num(d.events || 0), arrested: num(d.arrested || 0) })}`;
    const a = s("a", { href: hrefFor ? hrefFor(d) : null, class: "town", "data-place": d.place || d.id, "aria-label": tip });
    a.appendChild(s("title", null, tip));
    a.appendChild(s("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: r.toFixed(1) }));
    markers.appendChild(a);
  }
  svg.appendChild(markers);

  // Names of the biggest towns, on whichever side of the marker overlaps no other marker or name.
  const names = s("g", { class: "town-labels", "aria-hidden": "true" });
  const circles = placed.map((p) => ({ p, x1: p.x - p.r, x2: p.x + p.r, y1: p.y - p.r, y2: p.y + p.r }));
  const boxes = [];
  const byWeight = [...placed].sort((a, b) => (b.d.arrested || 0) - (a.d.arrested || 0) || (b.d.events || 0) - (a.d.events || 0));
  const fontH = fixedRadius !== null ? 24 : 15;
  const charW = fontH * 0.55;
  for (const p of byWeight.slice(0, labels)) {
    const name = placeName(p.d);
    const w = name.length * charW + 4;
    const sides = [
      { anchor: "start", x: p.x + p.r + 3, box: { x1: p.x + p.r + 2, x2: p.x + p.r + 3 + w } },
      { anchor: "end", x: p.x - p.r - 3, box: { x1: p.x - p.r - 3 - w, x2: p.x - p.r - 2 } },
    ];
    for (const side of sides) {
      const box = { ...side.box, y1: p.y - fontH / 2, y2: p.y + fontH / 2 };
      if (box.x1 < 0 || box.x2 > width) continue;
      if (boxes.some((b) => overlaps(b, box))) continue;
      if (circles.some((c) => c.p !== p && c.p.r >= 6 && overlaps(c, box))) continue;
      boxes.push(box);
      names.appendChild(s("text", { x: side.x.toFixed(1), y: (p.y + fontH * 0.35).toFixed(1), "text-anchor": side.anchor }, name));
      break;
    }
  }
  svg.appendChild(names);
  return { svg, outside, unplaced };
}
