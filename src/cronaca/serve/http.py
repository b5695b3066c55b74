"""The HTTP API (FastAPI; OpenAPI at /openapi.json, docs at /docs) and the web UI routes.

Both read the store through :class:`cronaca.Cronaca`; nothing is extracted on a request.
Every response carries the security headers (``SECURITY_HEADERS``): no inline script, no
framing, no MIME sniffing, no referrer. ``/docs`` is Swagger UI served from the files the
``fastapi-offline`` package ships: nothing is loaded from a CDN.
"""

from __future__ import annotations

import gc
import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from cronaca import __version__
from cronaca.api import Cronaca
from cronaca.consolidate.network import QUADS
from cronaca.consolidate.stories import summary as story_summary
from cronaca.errors import NotFound, UsageError
from cronaca.serve import derived, explore, web
from cronaca.serve.responses import FastJSONResponse
from cronaca.store.queries import MAX_LIMIT, MAX_OFFSET

HERE = Path(__file__).resolve().parent / "web"
TIMELINE_PAGE = 25  # claims per page of the timeline
STORY_PAGE = 25  # claims per page of a story
TIMELINE_MENTIONS = 3  # sentences shown per claim there (the claim page has them all)
ARTICLES_PAGE = 100  # rows per page of the articles page

# Scripts and styles only from files this server serves; SVG and data: images (Swagger UI's
# icons); no plugins, no <base>, no framing, forms only to this server.
CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}


class ResponseCache:
    """Finished responses of the costly read-only pages, by URL, for as long as the store
    is unchanged (``Store.generation``): a timeline asked for 20 times renders once."""

    def __init__(self, kb: Cronaca, size: int = 128) -> None:
        self.kb, self.size = kb, size
        self.items: OrderedDict[tuple, Response] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, request: Request, produce: Callable[[], Response]) -> Response:
        generation = self.kb.store.generation()
        if generation is None:
            return produce()
        key = (request.url.path, tuple(sorted(request.query_params.multi_items())), generation)
        with self.lock:
            hit = self.items.get(key)
            if hit is not None:
                self.items.move_to_end(key)
                return Response(hit.body, hit.status_code, media_type=hit.media_type)
        response = produce()
        if response.status_code == 200:
            with self.lock:
                self.items[key] = response
                while len(self.items) > self.size:
                    self.items.popitem(last=False)
        return Response(response.body, response.status_code, media_type=response.media_type)


def _docs_assets() -> Path:
    """Swagger UI's files, as the fastapi-offline package ships them."""
    return Path(str(resources.files("fastapi_offline") / "static"))


@dataclass
class _Filters:
    """The filters every listing shares (the CLI's --actor/--type/--since/--until)."""

    actor: str | None = Query(None, description="An actor id (PRK) or a name in any language (Russia)")
    type: str | None = Query(None, description="An event type (AID, FIGHT, ...)")
    since: str | None = Query(None, description="YYYY, YYYY-MM or YYYY-MM-DD")
    until: str | None = Query(None, description="YYYY, YYYY-MM (month end) or YYYY-MM-DD")


Filters = Annotated[_Filters, Depends()]


MAX_SERVE_WORKERS = 8
TIMELINE_COUNTS = ("articles", "events", "claims")  # what the timeline page shows, and all it counts
ROUGH_FROM = 100_000  # PostgreSQL: a table of more rows is shown by its estimated size, not counted


def serve_workers(n: int) -> int:
    """Processes for ``cronaca serve``: ``n``, or for 0 one per CPU core (at most 8). The
    server only reads, so processes share nothing but the store; each answers requests with
    its own interpreter, which Python's one-core-per-process limit makes the way to use
    more than one core under concurrent clients."""
    return n if n > 0 else min(MAX_SERVE_WORKERS, os.cpu_count() or 1)


def app_from_settings() -> FastAPI:
    """The app of one ``cronaca serve --workers N`` process: its store and options come from
    the settings (``CRONACA_DB``, ``CRONACA_ENTITIES``, ``CRONACA_NER``), which the parent set."""
    from cronaca import config

    settings = config.load()
    entities = [p.strip() for p in settings["entities"].split(",") if p.strip()]
    app = create_app(Cronaca(settings["db"], entities=entities, ner=settings["ner"] or None))
    settle()
    return app


def settle() -> None:
    """Once the server's modules and app are loaded, keep the cycle collector off them.

    Their ~90,000 objects live as long as the process, yet every full collection walks them
    all: 23 ms, once every three to five timeline requests of 600 events, which made the
    slowest requests twice as slow as the rest. ``gc.freeze`` (what the Python documentation
    advises for a server's startup objects) moves them out of the collector's generations;
    later garbage is collected as before."""
    gc.collect()
    gc.freeze()


def create_app(kb: Cronaca) -> FastAPI:
    app = FastAPI(
        title="cronaca",
        version=__version__,
        description="A sourced, time-resolved knowledge base of news events and claims. "
        "Every record links to its article and character span.",
        docs_url=None,  # our own /docs below: local assets, no inline script
        redoc_url=None,
    )

    @app.middleware("http")
    async def security_headers(request: Request, call_next) -> Response:
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    templates = Jinja2Templates(directory=str(HERE / "templates"))
    web.install_filters(templates.env)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.mount("/docs-assets", StaticFiles(directory=str(_docs_assets())), name="docs-assets")

    def error(request: Request, exc: Exception, status: int) -> Response:
        # The store words its errors for the CLI ("--since ..."); over HTTP it is a parameter.
        detail = str(exc).removeprefix("--")
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": detail}, status_code=status)
        return templates.TemplateResponse(
            request, "error.html", {"status": status, "detail": detail}, status_code=status
        )

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return error(request, exc, 404)

    @app.exception_handler(UsageError)
    async def bad_request(request: Request, exc: UsageError) -> Response:
        return error(request, exc, 400)

    cache = ResponseCache(kb)

    def page(limit: int, offset: int) -> dict[str, int]:
        return {"limit": limit, "offset": offset}

    Limit = Query(50, ge=1, le=MAX_LIMIT, description="Page size")
    Offset = Query(0, ge=0, le=MAX_OFFSET, description="Rows to skip")

    # -- JSON API ----------------------------------------------------------------------

    @app.get("/api/stats", tags=["api"])
    def stats() -> dict[str, int]:
        return kb.stats()

    @app.get("/api/articles", tags=["api"])
    def list_articles(
        q: str | None = None, language: str | None = None, limit: int = Limit, offset: int = Offset
    ) -> list[dict[str, Any]]:
        return kb.articles(q=q, language=language, **page(limit, offset))

    @app.get("/api/articles/{article_id}", tags=["api"])
    def get_article(article_id: str) -> dict[str, Any]:
        return kb.article(article_id)

    @app.get("/api/events", tags=["api"])
    def list_events(
        filters: Filters, article_id: str | None = None, limit: int = Limit, offset: int = Offset
    ) -> list[dict[str, Any]]:
        return kb.events(**asdict(filters), article_id=article_id, **page(limit, offset))

    @app.get("/api/events/{event_id}", tags=["api"])
    def get_event(event_id: str) -> dict[str, Any]:
        return kb.event(event_id)

    @app.get("/api/claims", tags=["api"])
    def list_claims(filters: Filters, limit: int = Limit, offset: int = Offset) -> list[dict[str, Any]]:
        return kb.claims(**asdict(filters), **page(limit, offset))

    @app.get("/api/claims/{claim_id}", tags=["api"])
    def get_claim(claim_id: str) -> dict[str, Any]:
        return kb.claim(claim_id)

    @app.get("/api/timeline", tags=["api"], response_model=list[dict[str, Any]])
    def get_timeline(
        request: Request, filters: Filters, limit: int = Limit, offset: int = Offset
    ) -> Response:
        """Claims in time order, each with every event (source sentence) behind it."""
        return cache.get(
            request, lambda: FastJSONResponse(kb.timeline(**asdict(filters), **page(limit, offset)))
        )

    @app.get("/api/entities", tags=["api"])
    def list_entities(
        q: str | None = None, type: str | None = None, limit: int = Limit, offset: int = Offset
    ) -> list[dict[str, Any]]:
        return kb.entities(q=q, type=type, **page(limit, offset))

    # Stories and the network are built from every claim that passes the filters (seconds at
    # a million articles): each answer is kept for as long as the store is unchanged.

    @app.get("/api/stories", tags=["api"], response_model=list[dict[str, Any]])
    def list_stories(
        request: Request, filters: Filters, limit: int = Limit, offset: int = Offset
    ) -> Response:
        """Stories (claims between the same two actors in one domain), most reported first."""

        def produce() -> Response:
            rows = derived.stories(kb, **asdict(filters))
            return FastJSONResponse([story_summary(s) for s in rows[offset : offset + limit]])

        return cache.get(request, produce)

    @app.get("/api/stories/{story_id}", tags=["api"], response_model=dict[str, Any])
    def get_story(request: Request, story_id: str, limit: int = Limit, offset: int = Offset) -> Response:
        """One story with a page of its claims in time order, each with its events (source
        sentences); ``claim_ids`` lists them all."""
        return cache.get(
            request, lambda: FastJSONResponse(derived.story(kb, story_id, limit=limit, offset=offset))
        )

    @app.get("/api/network", tags=["api"], response_model=dict[str, Any])
    def get_network(request: Request, filters: Filters) -> Response:
        """The actor network: nodes (actors) and edges typed by CAMEO quad class, weighted by claims."""
        return cache.get(request, lambda: FastJSONResponse(derived.network(kb, **asdict(filters))))

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        return templates.TemplateResponse(request, "docs.html", {})

    # -- web UI ------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, form: Filters, offset: int = Offset) -> Response:
        return cache.get(request, lambda: timeline_page(request, form, offset))

    def timeline_page(request: Request, form: Filters, offset: int) -> Response:
        # The filter form sends every field, the empty ones as "": those mean "no filter".
        given = {k: (v or "").strip() or None for k, v in asdict(form).items()}
        filters = {k: v or "" for k, v in given.items()}
        try:
            claims = kb.timeline(
                **given, limit=TIMELINE_PAGE + 1, offset=offset, events_per_claim=TIMELINE_MENTIONS
            )
            problem = ""
        except UsageError as e:  # a bad date in the form: show the form again with the message
            claims, problem = [], str(e).removeprefix("--")
        rough = kb.store.estimated_counts(TIMELINE_COUNTS, above=ROUGH_FROM)
        context = {
            "claims": claims[:TIMELINE_PAGE],
            "filters": filters,
            "query": {k: v for k, v in filters.items() if v},
            "stats": {**kb.stats(only=[n for n in TIMELINE_COUNTS if n not in rough]), **rough},
            "rough": set(rough),
            "problem": problem,
            "offset": offset,
            "page": TIMELINE_PAGE,
            "more": len(claims) > TIMELINE_PAGE,
        }
        status = 400 if problem else 200
        return templates.TemplateResponse(request, "timeline.html", context, status_code=status)

    @app.get("/claims/{claim_id}", response_class=HTMLResponse, include_in_schema=False)
    def claim_page(request: Request, claim_id: str) -> HTMLResponse:
        return templates.TemplateResponse(request, "claim.html", {"claim": kb.claim(claim_id)})

    @app.get("/articles", response_class=HTMLResponse, include_in_schema=False)
    def articles_page(request: Request, q: str | None = None, offset: int = Offset) -> HTMLResponse:
        rows = kb.articles(q=q, limit=ARTICLES_PAGE, offset=offset)
        context = {"articles": rows, "q": q or "", "offset": offset, "page": ARTICLES_PAGE}
        return templates.TemplateResponse(request, "articles.html", context)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str) -> HTMLResponse:
        article = kb.article(article_id)
        return templates.TemplateResponse(
            request, "article.html", {"article": article, "segments": web.segments(article)}
        )

    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(request: Request) -> Response:
        def produce() -> Response:
            rows = [story_summary(s) for s in derived.stories(kb)]
            return templates.TemplateResponse(request, "stories.html", {"stories": rows})

        return cache.get(request, produce)

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: str, offset: int = Offset) -> Response:
        def produce() -> Response:
            story = derived.story(kb, story_id, limit=STORY_PAGE, offset=offset)
            return templates.TemplateResponse(request, "story.html", {"story": story, "page": STORY_PAGE})

        return cache.get(request, produce)

    explore.install(app, kb, templates, cache, Filters)

    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    def network_page(request: Request) -> Response:
        def produce() -> Response:
            graph = derived.network(kb)
            return templates.TemplateResponse(request, "network.html", {"graph": graph, "quads": QUADS})

        return cache.get(request, produce)

    return app
