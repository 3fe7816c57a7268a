"""The dashboard's map outline (marsad/server/static/morocco.geojson) and its builder.

The committed file is checked without npm; the TopoJSON decoding is tested on a tiny
hand-made topology (the real one comes from npm world-atlas, never committed).
"""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "build_outline.py"
OUTLINE = ROOT / "marsad" / "server" / "static" / "morocco.geojson"


def _module():
    spec = importlib.util.spec_from_file_location("build_outline", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_outline_passes_the_check():
    done = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert _module().check(OUTLINE.read_text(encoding="utf-8")) == []


def test_committed_outline_shape():
    data = json.loads(OUTLINE.read_text(encoding="utf-8"))
    assert OUTLINE.stat().st_size < 100_000
    areas = {f["id"]: f for f in data["features"] if f["properties"]["role"] == "area"}
    assert set(areas) == {"MA", "EH"}
    assert {f["properties"]["iso_n3"] for f in areas.values()} == {"504", "732"}
    border = next(f for f in data["features"] if f["properties"]["role"] == "border")
    # the dashed line is the boundary between the two, 27°40' N, from the coast to Algeria
    (a, b), = border["geometry"]["coordinates"]
    assert a[1] == b[1] == 27.667
    assert -13.5 < min(a[0], b[0]) < -12.8 and -8.8 < max(a[0], b[0]) < -8.5
    # 3 decimals at most
    for f in data["features"]:
        text = json.dumps(f["geometry"]["coordinates"])
        assert not any(len(n.split(".")[1]) > 3 for n in text.replace("[", " ").replace("]", " ")
                       .replace(",", " ").split() if "." in n)


def test_check_reports_broken_files():
    m = _module()
    good = json.loads(OUTLINE.read_text(encoding="utf-8"))
    assert m.check("not json")
    assert m.check(json.dumps({"type": "Feature"}))
    shifted = json.loads(json.dumps(good))
    for f in shifted["features"]:
        if f["geometry"]["type"] == "Polygon":
            for ring in f["geometry"]["coordinates"]:
                for p in ring:
                    p[0] += 20
    assert any("lon range" in p for p in m.check(json.dumps(shifted)))
    opened = json.loads(json.dumps(good))
    area = next(f for f in opened["features"] if f["geometry"]["type"] == "Polygon")
    area["geometry"]["coordinates"][0].pop()
    assert any("not closed" in p for p in m.check(json.dumps(opened)))


def test_build_decodes_a_topology_and_splits_at_27_40_north():
    """Two squares sharing an edge, as world-atlas has them: Morocco (504) reaching south of
    27°40' N, and Western Sahara (732) beside it; quantized, delta-encoded arcs."""
    m = _module()
    # quantized grid x 0..2, y 0..10; transform: lon = -10 + x, lat = 27 + 0.1 y
    arcs = [
        [[1, 0], [0, 6]],                           # 0: shared edge (1,0)->(1,6)
        [[1, 6], [0, 4], [-1, 0], [0, -10], [1, 0]],  # 1: rest of 504: (1,6)->(1,10)->(0,10)->(0,0)->(1,0)
        [[1, 0], [1, 0], [0, 6], [-1, 0]],          # 2: rest of 732: (1,0)->(2,0)->(2,6)->(1,6)
    ]
    topo = {
        "type": "Topology",
        "transform": {"scale": [1, 0.1], "translate": [-10, 27]},
        "arcs": arcs,
        "objects": {"countries": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "id": "504", "arcs": [[0, 1]]},
            {"type": "Polygon", "id": "732", "arcs": [[2, -1]]},
            {"type": "Polygon", "id": "012", "arcs": [[2]]},
        ]}},
    }
    out = m.build(topo)
    areas = {f["id"]: f["geometry"] for f in out["features"] if f["properties"]["role"] == "area"}
    north = areas["MA"]["coordinates"][0]
    assert north[0] == north[-1]
    assert sorted(set(map(tuple, north))) == [(-10, 27.667), (-10, 28), (-9, 27.667), (-9, 28)]
    assert areas["EH"]["type"] == "MultiPolygon"
    south = sorted(sorted(set(map(tuple, p[0]))) for p in areas["EH"]["coordinates"])
    assert south == [[(-10, 27), (-10, 27.667), (-9, 27), (-9, 27.6), (-9, 27.667)],
                     [(-9, 27), (-9, 27.6), (-8, 27), (-8, 27.6)]]
    border = next(f for f in out["features"] if f["properties"]["role"] == "border")
    assert border["geometry"]["coordinates"] == [[[-10, 27.667], [-9, 27.667]]]
    outline = next(f for f in out["features"] if f["properties"]["role"] == "outline")
    assert len(outline["geometry"]["coordinates"]) == 2  # the shared edge is not on it


def test_simplify_keeps_ends_and_drops_small_wiggles():
    m = _module()
    line = [(0, 0), (1, 0.001), (2, -0.001), (3, 0), (4, 1)]
    out = m.simplify(line, 0.01)
    assert out[0] == (0, 0) and out[-1] == (4, 1)
    assert (1, 0.001) not in out and (3, 0) in out
