"""Routes of the map, the search box and the actor pages, HTML and JSON.

``/map`` draws ``/api/map`` (GeoJSON) on an offline world basemap; ``/search?q=`` groups
articles, claims, actors and places; ``/actors/{id}`` shows an actor's names, roles, counts,
claims as source and as target, and neighbours. All read the store (``store/explore.py``)
and the packaged registry; nothing is extracted on a request.
"""

# no `from __future__ import annotations`: FastAPI reads the filter dependency's type,
# handed in by create_app, from these signatures at run time
import threading
from dataclasses import asdict
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from cronaca.api import Cronaca
from cronaca.consolidate.network import QUADS
from cronaca.errors import UsageError
from cronaca.serve import geojson
from cronaca.serve.responses import FastJSONResponse
from cronaca.store import explore

SEARCH_GROUP = 10  # results per kind on the search page


def registry_facts(actor_id: str) -> dict[str, Any]:
    """What the packaged registry says of an actor: its country, sector and roles over time
    (a person's offices with their dates); empty for an actor it does not hold."""
    from cronaca.extract.entities import lookup

    record = lookup(actor_id) or {}

    def name(other: str) -> str:
        return (lookup(other) or {}).get("name", other) if other else ""

    roles = [
        {
            "role": str(r.get("role", "")).replace("-", " "),
            "of": r.get("of", ""),
            "of_name": name(r.get("of", "")),
            "start": str(r["start"]) if r.get("start") else None,
            "end": str(r["end"]) if r.get("end") else None,
        }
        for r in record.get("roles") or []
    ]
    roles.sort(key=lambda r: (r["start"] or "", r["role"]))
    country = record.get("country", "")
    return {
        "country": country,
        "country_name": name(country),
        "sector": record.get("sector", ""),
        "roles": roles,
    }


def actor_profile(kb: Cronaca, actor_id: str) -> dict[str, Any]:
    profile = explore.actor(kb.store, actor_id)
    profile.update(registry_facts(profile["id"]))
    return profile


def warm_registry() -> None:
    """Load the packaged registry (about 2 s) in the background when the app starts, so the
    first actor page does not wait for it."""
    from cronaca.extract.entities import lookup

    threading.Thread(target=lookup, args=("PRK",), name="cronaca-registry", daemon=True).start()


def install(app: FastAPI, kb: Cronaca, templates: Jinja2Templates, cache, filters_type) -> None:
    """Add the routes to ``app`` (``cache``: the app's ResponseCache; ``filters_type``: the
    timeline's filter dependency)."""
    warm_registry()

    def map_data(filters: Any, kind: str) -> dict[str, Any]:
        if kind not in ("claim", "event"):
            raise UsageError(f"kind must be claim or event, not {kind!r}")
        given = {k: (v or "").strip() or None for k, v in asdict(filters).items()}
        records, cut = explore.map_records(kb.store, kind=kind, **given)
        data, _ = geojson.collection(records)
        data["truncated"] = cut
        return data

    @app.get("/api/map", tags=["api"], response_model=dict[str, Any])
    def api_map(
        request: Request, filters: filters_type, kind: str = Query("claim", description="claim or event")
    ):
        """Claims (or events) with a place, as a GeoJSON FeatureCollection of points, with the
        timeline's filters; ``truncated`` says when more than the map's limit matched."""
        return cache.get(request, lambda: FastJSONResponse(map_data(filters, kind)))

    @app.get("/api/search", tags=["api"])
    def api_search(q: str = Query(..., min_length=1), limit: int = Query(SEARCH_GROUP, ge=1, le=100)):
        """Articles (full text), claims, actors and places matching q, grouped by kind."""
        return explore.search(kb.store, q, limit=limit)

    @app.get("/api/actors/{actor_id}", tags=["api"])
    def api_actor(actor_id: str) -> dict[str, Any]:
        """An actor: names per language, roles, counts, claims as source and target, neighbours."""
        return actor_profile(kb, actor_id)

    @app.get("/map", response_class=HTMLResponse, include_in_schema=False)
    def map_page(request: Request, filters: filters_type, kind: str = "claim") -> Response:
        given = {k: (v or "").strip() for k, v in asdict(filters).items()}
        query = {k: v for k, v in given.items() if v}
        context = {
            "filters": given,
            "kind": kind if kind in ("claim", "event") else "claim",
            "query": query,
            "quads": QUADS,
        }
        return templates.TemplateResponse(request, "map.html", context)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: str = "") -> Response:
        results = explore.search(kb.store, q, limit=SEARCH_GROUP) if q.strip() else None
        return templates.TemplateResponse(request, "search.html", {"q": q, "results": results})

    @app.get("/actors/{actor_id}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(request: Request, actor_id: str) -> Response:
        return cache.get(
            request,
            lambda: templates.TemplateResponse(request, "actor.html", {"actor": actor_profile(kb, actor_id)}),
        )
