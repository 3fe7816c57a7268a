"""Build (or check) the dashboard's outline of Morocco and Western Sahara.

    npm install world-atlas            # anywhere, e.g. in /tmp; never committed
    python scripts/build_outline.py --topojson /tmp/node_modules/world-atlas/countries-10m.json
    python scripts/build_outline.py --check     # validates the committed file, no npm needed

Reads the Natural Earth 1:10m countries of npm ``world-atlas`` (TopoJSON), decodes its
delta-encoded, quantized arcs, keeps Morocco (ISO 3166 numeric 504) and Western Sahara
(732), simplifies every arc on its own (Douglas-Peucker, the end points kept, so the two
outlines still meet exactly), rounds coordinates to 3 decimals and writes
``marsad/server/static/morocco.geojson``: a FeatureCollection of

- one ``area`` feature per territory (for the fill): ``MA`` north and ``EH`` south of the
  conventional Morocco / Western Sahara line, the parallel 27°40' N;
- one ``outline`` feature (MultiLineString): the outer boundary of the two together (the
  arcs not shared by the two world-atlas features);
- one ``border`` feature (MultiLineString): the 27°40' N line between them, drawn dashed.

Natural Earth's own split of the two features follows the berm (the line of control), not
this line; the berm is not drawn. Both territories are drawn the same way (neutral).
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "marsad" / "server" / "static" / "morocco.geojson"
TERRITORIES = {"504": ("MA", "Morocco"), "732": ("EH", "Western Sahara")}
# Expected extent (lon/lat) of the two territories together, with a small margin.
BBOX = {"lon": (-17.2, -1.0), "lat": (20.7, 35.95)}
MARGIN = 0.1
LINE = 27 + 40 / 60  # the Morocco / Western Sahara line, 27°40' N
TOLERANCE = 0.006  # degrees (~600 m): light simplification
MAX_BYTES = 100_000
SOURCE = "Natural Earth 1:10m via npm world-atlas (countries-10m.json)"


def candidates() -> list[Path]:
    paths = []
    if os.environ.get("WORLD_ATLAS"):
        paths.append(Path(os.environ["WORLD_ATLAS"]))
    for base in (Path.cwd(), ROOT, Path("/tmp"), Path("/tmp/wa")):
        paths.append(base / "node_modules" / "world-atlas" / "countries-10m.json")
    return paths


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat points of every arc (delta-decoded, transform applied)."""
    transform = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy in arc:
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(float(p[0]), float(p[1])) for p in arc]
        arcs.append(points)
    return arcs


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker with the end points kept (iterative)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy)
        best, index = -1.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if norm == 0:
                d = math.hypot(px - x1, py - y1)
            else:
                d = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / norm
            if d > best:
                best, index = d, i
        if index >= 0 and best > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep) if k]


def rounded(points: list[tuple[float, float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in points:
        p = [round(x, 3), round(y, 3)]
        if not out or out[-1] != p:
            out.append(p)
    return out


def arc_points(arcs: list[list[list[float]]], index: int) -> list[list[float]]:
    return arcs[index] if index >= 0 else arcs[~index][::-1]


def ring(arcs: list[list[list[float]]], indexes: list[int]) -> list[list[float]]:
    points: list[list[float]] = []
    for i in indexes:
        part = arc_points(arcs, i)
        points.extend(part[1:] if points else part)  # arcs share their end points
    if points and points[0] != points[-1]:
        points.append(points[0])
    return points


def ring_area(points: list[list[float]]) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:])) / 2


def polygons_of(geometry: dict) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def build(topo: dict) -> dict:
    geometries = [g for g in topo["objects"]["countries"]["geometries"] if str(g.get("id")) in TERRITORIES]
    found = {str(g["id"]) for g in geometries}
    missing = set(TERRITORIES) - found
    if missing:
        raise SystemExit(f"world-atlas: no feature with id {', '.join(sorted(missing))}")
    raw = decode_arcs(topo)
    used: dict[int, set[str]] = {}
    for g in geometries:
        for polygon in polygons_of(g):
            for r in polygon:
                for i in r:
                    used.setdefault(i if i >= 0 else ~i, set()).add(str(g["id"]))
    arcs: list[list[list[float]]] = [[] for _ in raw]
    for i in used:
        arcs[i] = rounded(simplify(raw[i], TOLERANCE))

    polygons: dict[str, list[list[list[list[float]]]]] = {}
    for g in geometries:
        out = []
        for polygon in polygons_of(g):
            rings = [ring(arcs, r) for r in polygon]
            rings = [r for r in rings if len(r) >= 4 and abs(ring_area(r)) > 0]
            if rings:
                out.append(rings)
        polygons[str(g["id"])] = out
    morocco, sahara = polygons["504"], polygons["732"]
    north = [p for p in (clip_polygon(poly, north=True) for poly in morocco) if p]
    south = [p for p in (clip_polygon(poly, north=False) for poly in morocco) if p] + sahara
    border = [seg for poly in morocco for seg in crossings(poly[0])]

    def geometry(polys):
        return ({"type": "Polygon", "coordinates": polys[0]} if len(polys) == 1
                else {"type": "MultiPolygon", "coordinates": polys})

    features = []
    for code, polys in (("504", north), ("732", south)):
        iso, name = TERRITORIES[code]
        features.append({"type": "Feature", "id": iso,
                         "properties": {"role": "area", "iso_n3": code, "name": name},
                         "geometry": geometry(polys)})
    single = sorted(i for i, owners in used.items() if len(owners) == 1)
    features.append({"type": "Feature", "id": "outline", "properties": {"role": "outline"},
                     "geometry": {"type": "MultiLineString", "coordinates": [arcs[i] for i in single]}})
    features.append({"type": "Feature", "id": "border",
                     "properties": {"role": "border", "name": "Morocco / Western Sahara, 27°40' N"},
                     "geometry": {"type": "MultiLineString", "coordinates": border}})
    return {"type": "FeatureCollection", "source": SOURCE, "features": features}


def _cut(p: list[float], q: list[float]) -> list[float]:
    """Where the segment p-q crosses the parallel LINE."""
    t = (LINE - p[1]) / (q[1] - p[1])
    return [round(p[0] + t * (q[0] - p[0]), 3), round(LINE, 3)]


def clip_ring(points: list[list[float]], north: bool) -> list[list[float]]:
    """The part of a closed ring north (or south) of LINE (Sutherland-Hodgman, one half-plane)."""
    inside = (lambda p: p[1] >= LINE) if north else (lambda p: p[1] < LINE)
    out: list[list[float]] = []
    for p, q in zip(points, points[1:]):
        if inside(p):
            out.append(p)
            if not inside(q):
                out.append(_cut(p, q))
        elif inside(q):
            out.append(_cut(p, q))
    out = [p for i, p in enumerate(out) if i == 0 or p != out[i - 1]]
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out if len(out) >= 4 and abs(ring_area(out)) > 0 else []


def clip_polygon(rings: list[list[list[float]]], north: bool) -> list[list[list[float]]]:
    outer = clip_ring(rings[0], north)
    if not outer:
        return []
    return [outer] + [r for r in (clip_ring(h, north) for h in rings[1:]) if r]


def crossings(points: list[list[float]]) -> list[list[list[float]]]:
    """The stretches of LINE inside a ring: between the 1st and 2nd crossing, 3rd and 4th …"""
    lons = sorted(_cut(p, q)[0] for p, q in zip(points, points[1:])
                  if (p[1] >= LINE) != (q[1] >= LINE))
    return [[[a, round(LINE, 3)], [b, round(LINE, 3)]] for a, b in zip(lons[::2], lons[1::2])]


def dump(collection: dict) -> str:
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n"


def _positions(coords, depth: int):
    if depth == 0:
        yield coords
    else:
        for c in coords:
            yield from _positions(c, depth - 1)


def check(text: str) -> list[str]:
    """Problems with a built outline file (empty when it is fine)."""
    problems = []
    if len(text.encode("utf-8")) > MAX_BYTES:
        problems.append(f"file is {len(text.encode('utf-8'))} bytes (> {MAX_BYTES})")
    try:
        data = json.loads(text)
    except ValueError as e:
        return problems + [f"not JSON: {e}"]
    if data.get("type") != "FeatureCollection" or not isinstance(data.get("features"), list):
        return problems + ["not a GeoJSON FeatureCollection"]
    roles: dict[str, int] = {}
    lons, lats = [], []
    for n, f in enumerate(data["features"]):
        geom = (f or {}).get("geometry") or {}
        role = ((f or {}).get("properties") or {}).get("role")
        roles[role] = roles.get(role, 0) + 1
        kind, coords = geom.get("type"), geom.get("coordinates")
        if f.get("type") != "Feature" or not isinstance(coords, list):
            problems.append(f"feature {n}: not a Feature with coordinates")
            continue
        depth = {"Polygon": 2, "MultiPolygon": 3, "MultiLineString": 2, "LineString": 1}.get(kind)
        if depth is None:
            problems.append(f"feature {n}: unexpected geometry {kind}")
            continue
        if role == "area" and kind not in ("Polygon", "MultiPolygon"):
            problems.append(f"feature {n}: an area must be a Polygon or MultiPolygon")
        polygons = [coords] if kind == "Polygon" else coords if kind == "MultiPolygon" else []
        for polygon in polygons:
            if not polygon:
                problems.append(f"feature {n}: empty polygon")
            for r in polygon:
                if len(r) < 4 or r[0] != r[-1]:
                    problems.append(f"feature {n}: a ring is not closed or has fewer than 4 positions")
        for p in _positions(coords, depth):
            if (not isinstance(p, list) or len(p) != 2
                    or not all(isinstance(v, (int, float)) and math.isfinite(v) for v in p)):
                problems.append(f"feature {n}: bad position {p!r}")
                break
            lons.append(p[0])
            lats.append(p[1])
    if roles.get("area") != 2:
        problems.append(f"expected 2 area features, found {roles.get('area', 0)}")
    if roles.get("border") != 1:
        problems.append("expected one border feature")
    if lons:
        for axis, values in (("lon", lons), ("lat", lats)):
            lo, hi = BBOX[axis]
            if not (lo - MARGIN <= min(values) <= lo + 1 and hi - 1 <= max(values) <= hi + MARGIN):
                problems.append(f"{axis} range {min(values)}..{max(values)} is not about {lo}..{hi}")
    else:
        problems.append("no coordinates")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--topojson", type=Path, help="world-atlas countries-10m.json")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="validate the written file only")
    args = parser.parse_args(argv)
    if args.check:
        problems = check(args.output.read_text(encoding="utf-8"))
        for p in problems:
            print(f"{args.output}: {p}", file=sys.stderr)
        if not problems:
            print(f"{args.output}: ok")
        return 1 if problems else 0
    source = args.topojson or next((p for p in candidates() if p.exists()), None)
    if source is None or not source.exists():
        print("world-atlas not found: npm install world-atlas (e.g. in /tmp), then pass --topojson "
              "PATH/node_modules/world-atlas/countries-10m.json", file=sys.stderr)
        return 2
    text = dump(build(json.loads(source.read_text(encoding="utf-8"))))
    problems = check(text)
    for p in problems:
        print(f"built outline: {p}", file=sys.stderr)
    if problems:
        return 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"{args.output}: {len(text.encode('utf-8'))} bytes from {source}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
