"""The FastAPI application: recommendations, opportunities with passages, the chat, saved clients
and their digests. Errors are 4xx with one line (``{"error": "..."}``), never a traceback."""

from __future__ import annotations

import dataclasses
import logging
import secrets
from datetime import date
from typing import Any, Literal

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fundmatch import __version__
from fundmatch.app.api.schemas import MAX_K, ChatIn, FiltersIn, ProfileIn, RecommendIn
from fundmatch.app.api.services import ApiServices
from fundmatch.app.run_json import run_payload
from fundmatch.clients.digest_render import client_calendar, digest_markdown, digest_payload
from fundmatch.clients.store import SavedProfile, UnknownClientError
from fundmatch.core.codec import to_jsonable
from fundmatch.core.errors import FundmatchError, IndexNotFoundError
from fundmatch.core.models import Profile

MAX_BODY_BYTES = 64_000
OPEN_PATHS = {"/health", "/docs", "/openapi.json", "/docs/oauth2-redirect"}
log = logging.getLogger("fundmatch.api")


class BodyLimit:
    """Refuses a request body over ``limit`` bytes with 413, declared or streamed."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await _too_large(self.limit)(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise _BodyTooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except _BodyTooLarge:
            await _too_large(self.limit)(scope, receive, send)


class _BodyTooLarge(Exception):
    pass


def _too_large(limit: int) -> JSONResponse:
    return JSONResponse({"error": f"request body over {limit} bytes"}, status_code=413)


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": " ".join(message.split())}, status_code=status)


def _validation_message(exc: RequestValidationError) -> str:
    first = exc.errors()[0] if exc.errors() else {}
    where = ".".join(str(part) for part in first.get("loc", ()) if part not in ("body", "query", "path"))
    more = f" (and {len(exc.errors()) - 1} more)" if len(exc.errors()) > 1 else ""
    return f"{where or 'request'}: {first.get('msg', 'invalid')}{more}"


def create_app(services: ApiServices) -> FastAPI:
    """The API over ``services``; every route but /health and /docs needs ``api_key`` when one is set."""
    api_key = services.settings.api_key

    def authorised(request: Request) -> None:
        if not api_key or request.url.path in OPEN_PATHS:
            return
        given = request.headers.get("x-api-key") or ""
        bearer = request.headers.get("authorization") or ""
        if bearer.lower().startswith("bearer "):
            given = given or bearer[7:].strip()
        if not secrets.compare_digest(given.encode(), api_key.encode()):
            raise HTTPException(401, "missing or wrong API key (send Authorization: Bearer KEY)")

    app = FastAPI(
        title="fundmatch",
        version=__version__,
        description="EU funding that fits a project: recommendations with evidence, the chat, saved clients "
        "and their digests.",
        dependencies=[Depends(authorised)],
    )
    app.add_middleware(BodyLimit, limit=MAX_BODY_BYTES)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(422, _validation_message(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(FundmatchError)
    async def domain_error(request: Request, exc: FundmatchError) -> JSONResponse:
        if isinstance(exc, IndexNotFoundError):
            return _error(503, str(exc))
        if isinstance(exc, UnknownClientError):
            return _error(404, str(exc))
        return _error(400, str(exc))

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> JSONResponse:
        log.exception("internal error on %s", request.url.path)
        return _error(500, f"internal error ({type(exc).__name__}); the server log has the details")

    _routes(app, services)
    return app


def _known_programmes(services: ApiServices, filters: FiltersIn | None) -> FiltersIn | None:
    from fundmatch.app.commands.recommend import known_programmes

    if filters is None or not filters.programmes:
        return filters
    indexed = services.ranking.recommender.programmes()
    return filters.model_copy(
        update={"programmes": list(known_programmes(tuple(filters.programmes), indexed))}
    )


def _saved_profile(services: ApiServices, body: ProfileIn) -> SavedProfile:
    from fundmatch.retrieval.profile import extract_profile, merge_profile

    base = extract_profile(body.description) if body.description.strip() else Profile()
    profile = merge_profile(base, body.profile)
    language = body.language or profile.language
    filters = _known_programmes(services, body.filters)
    return SavedProfile(
        name=body.name,
        description=body.description.strip(),
        profile=dataclasses.replace(profile, language=language),
        filters=filters.to_filters() if filters else FiltersIn().to_filters(),
        language=language,
    )


def _routes(app: FastAPI, services: ApiServices) -> None:
    from fundmatch.app.wiring import profile_fields

    @app.get("/health")
    def health() -> dict[str, Any]:
        """Liveness, the index generation and a fingerprint of the settings answers depend on."""
        return services.health()

    @app.post("/recommend")
    def recommend(body: RecommendIn) -> dict[str, Any]:
        """The same records as `fundmatch recommend --json --language LANGUAGE`; ``profile_name`` ranks
        for a saved client (its description, fields, filters and language unless the request gives
        them, and its documents)."""
        saved = services.store.get(body.profile_name) if body.profile_name else None
        text = body.text or (saved.description if saved else "")
        overrides = {**(profile_fields(saved.profile) if saved else {}), **(body.profile or {})}
        filters_in = _known_programmes(services, body.filters)
        filters = filters_in.to_filters() if filters_in else (saved.filters if saved else None)
        with services.lock:
            run = services.ranking.run(text, overrides or None, filters, body.k, body.profile_name)
        return run_payload(run, body.language or (saved.language if saved else "en"))

    @app.get("/opportunities/{opportunity_id}")
    def opportunity(
        opportunity_id: str, profile_name: str | None = Query(default=None, max_length=120)
    ) -> dict[str, Any]:
        """One opportunity (by topic or call id) with every passage it has, in document order."""
        from fundmatch.chat.index_engine import IndexEngine

        with services.lock:
            engine = IndexEngine(services.ranking.recommender_for(profile_name))
            found = engine.opportunity(opportunity_id)
            if found is None:
                raise HTTPException(404, f"no opportunity {opportunity_id!r} in the index")
            passages = engine.passages_for(found.id)
        return {"opportunity": to_jsonable(found), "passages": [to_jsonable(p) for p in passages]}

    @app.post("/chat")
    def chat(body: ChatIn) -> dict[str, Any]:
        """One chat turn; send the returned ``conversation_id`` with the next message to follow up."""
        with services.lock:
            conversation_id, session = services.session(body.conversation_id, body.profile_name)
            reply = services.assistant(session).respond(
                session.conversation, body.message, body.language, services.today()
            )
        return {
            "conversation_id": conversation_id,
            "text": reply.text,
            "language": reply.language,
            "intent": reply.intent.kind,
            "recommendations": [to_jsonable(r) for r in reply.recommendations],
            "comparison": reply.comparison,
            "citations": [
                {"number": c.number, "source": c.label(), "url": c.url, "text": c.evidence.text}
                for c in reply.citations
            ],
        }

    @app.get("/profiles")
    def list_profiles() -> list[dict[str, Any]]:
        """Every saved client profile."""
        return [to_jsonable(p) for p in services.store.all()]

    @app.get("/profiles/{name}")
    def show_profile(name: str) -> dict[str, Any]:
        """One saved client profile."""
        return to_jsonable(services.store.get(name))

    @app.post("/profiles", status_code=201)
    def save_profile(body: ProfileIn) -> dict[str, Any]:
        """Save (or replace) a client; profile fields not given are read from the description."""
        return to_jsonable(services.store.save(_saved_profile(services, body)))

    @app.delete("/profiles/{name}", status_code=204)
    def delete_profile(name: str) -> Response:
        """Delete a client with its digest history and documents."""
        services.store.delete(name)
        return Response(status_code=204)

    @app.get("/digest", response_model=None)
    def digest(
        profile: str | None = Query(default=None, max_length=120),
        since: date | None = None,
        format: Literal["md", "json", "ics"] = "json",
        k: int = Query(default=10, ge=1, le=MAX_K),
    ) -> Response | dict[str, Any]:
        """What is new or changed for one client (``profile``) or all since their last digest, as
        JSON, Markdown, or (one client) an iCalendar file; the digest is recorded as by the CLI."""
        chosen = [services.store.get(profile)] if profile else services.store.all()
        if format == "ics":
            if len(chosen) != 1:
                raise HTTPException(400, "an ICS calendar is per client; give ?profile=NAME")
            with services.lock:
                ranked = services.ranking.ranker(k)(chosen[0])
            calendar = client_calendar(chosen[0].name, ranked, chosen[0].language)
            return PlainTextResponse(calendar, media_type="text/calendar")
        with services.lock:
            ranker = services.ranking.ranker(k)
            digests = [services.book.run(p, ranker, services.today(), since) for p in chosen]
        if format == "md":
            return PlainTextResponse(digest_markdown(digests), media_type="text/markdown")
        return digest_payload(digests)
