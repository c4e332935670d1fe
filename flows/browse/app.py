"""The browse application: its routes, the views behind them, and the safety every response carries.

Every route answers GET (and HEAD) only: there is no way to change the database through the page, and each
view reads through `storage.db.session(read_only=True)`, so even a bug here could not write. The connection is
closed before the template renders: a slow browser never holds the file's lock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any, ClassVar, Self, TypeVar
from urllib.parse import urlencode, urlsplit

import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from flows.browse.chart import step_chart
from storage.browse import article_ledes, quote_filter_choices, tariff_filter_choices
from storage.db import DatabaseError, session
from storage.export import csv_file_bytes
from storage.queries import event_detail, list_events, quotes_for_export
from storage.tracker.read import histories, list_measures

HERE = Path(__file__).resolve().parent
EVENTS_SHOWN = 200  # the most recent events on the list; a search narrows it
QUOTES_SHOWN = 500  # rows on the quotes page; the CSV download has them all
MEASURES_SHOWN = 100  # measures on the tracker page, most recently reported first; the filters narrow them
# No script from anywhere (the page has none), nothing loaded from another origin, no framing: a last line of
# defence should an article's text ever reach the page unescaped.
SECURITY_HEADERS = {
    "content-security-policy": "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                               "base-uri 'none'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",  # a source's site need not learn that it was opened from this page
}
T = TypeVar("T")


@dataclass(frozen=True)
class Page:
    """A page of the navigation bar."""

    label: str
    route: str  # the name of its route


# The navigation bar, in order; each is a route of `create_app`.
PAGES = (Page("Events", "events"), Page("Tariffs", "tariffs"), Page("Quotes", "quotes"))


def _day(value: Any) -> str:
    return value.strftime("%Y-%m-%d") if isinstance(value, date) else ""


def _source_href(url: str | None) -> str | None:
    """A stored URL as a link only when it is http(s): `javascript:` or `data:` URLs (a hand-made .jsonl can hold
    anything) are shown as text, since escaping does not make a dangerous link safe."""
    return url if url and urlsplit(url).scheme.lower() in ("http", "https") else None


@jinja2.pass_context
def _path_for(context: Any, name: str, /, **params: Any) -> str:
    return str(context["request"].app.url_path_for(name, **params))


def _templates() -> Jinja2Templates:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                                     undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    environment.filters.update(day=_day, source_href=_source_href)
    environment.globals.update(path_for=_path_for, pages=PAGES)
    return Jinja2Templates(env=environment)


@dataclass(frozen=True)
class Filters:
    """A page's filters, read from the query string; empty fields mean "any"; those named in `dates` are dates
    written YYYY-MM-DD."""

    dates: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def from_request(cls, request: Request) -> Self:
        values: dict[str, Any] = {f.name: (request.query_params.get(f.name) or "").strip() or None
                                  for f in fields(cls)}
        for name in cls.dates:
            if values[name] is not None:
                try:
                    values[name] = date.fromisoformat(values[name])
                except ValueError:
                    raise HTTPException(400, f"{name} must be a date written YYYY-MM-DD, not {values[name]!r}")
        return cls(**values)

    def as_query(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class QuoteFilters(Filters):
    """The quotes page's filters."""

    dates: ClassVar[tuple[str, ...]] = ("since", "until")

    speaker: str | None = None
    country: str | None = None
    event: str | None = None
    since: date | None = None
    until: date | None = None

    def query_string(self) -> str:
        """The filters as a query string, for the CSV link of the same selection."""
        return urlencode({f.name: _day(v) if isinstance(v, date) else v
                          for f in fields(self) if (v := getattr(self, f.name)) is not None})


@dataclass(frozen=True)
class TariffFilters(Filters):
    """The tariff tracker's filters: as `tradewire tariffs --imposer --target --product --in-effect-on`."""

    dates: ClassVar[tuple[str, ...]] = ("on",)

    imposer: str | None = None
    target: str | None = None
    product: str | None = None
    on: date | None = None  # the day the rates and statuses are read for; today when empty


class BrowseApp:
    """The views over one database file."""

    def __init__(self, db: Path):
        self.db = db
        self.templates = _templates()

    def read(self, query: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """One read-only unit of work: connect (waiting while a writer holds the file), query, close."""
        with session(self.db, read_only=True) as con:
            return query(con, *args, **kwargs)

    def render(self, request: Request, template: str, status_code: int = 200, **context: Any) -> Response:
        return self.templates.TemplateResponse(request, template, context, status_code=status_code)

    def events(self, request: Request) -> Response:
        search = (request.query_params.get("q") or "").strip()
        found = self.read(list_events, limit=EVENTS_SHOWN + 1, search=search or None)
        return self.render(request, "events.html", events=found[:EVENTS_SHOWN], more=len(found) > EVENTS_SHOWN,
                           q=search)

    def event(self, request: Request) -> Response:
        event_id = request.path_params["event_id"]

        def detail_with_ledes(con):
            found = event_detail(con, event_id)
            if found is not None:
                found["ledes"] = article_ledes(con, [a["article_id"] for a in found["articles"]])
                found["article_titles"] = {a["url"]: a["title"] for a in found["articles"]}  # tariffs give URLs
            return found

        found = self.read(detail_with_ledes)
        if found is None:
            raise HTTPException(404, f"no event {event_id!r}: it may have been merged by a relink; "
                                     "find it again on the events page")
        return self.render(request, "event.html", event=found)

    def quotes(self, request: Request) -> Response:
        filters = QuoteFilters.from_request(request)

        def rows_and_choices(con):
            return (quotes_for_export(con, **filters.as_query(), limit=QUOTES_SHOWN + 1),
                    quote_filter_choices(con))

        (columns, rows), choices = self.read(rows_and_choices)
        quotes = [dict(zip(columns, row)) for row in rows]
        return self.render(request, "quotes.html", quotes=quotes[:QUOTES_SHOWN], more=len(quotes) > QUOTES_SHOWN,
                           filters=filters, choices=choices, csv_query=filters.query_string())

    def tariffs(self, request: Request) -> Response:
        """The tariff measures `tradewire tariffs` lists for the same filters, each with its step chart and its
        history, every step with the articles that report it."""
        filters = TariffFilters.from_request(request)
        on = filters.on or date.today()

        def measures_and_choices(con):
            found = list_measures(con, imposer=filters.imposer, target=filters.target, product=filters.product,
                                  on=on)[:MEASURES_SHOWN + 1]
            steps = histories(con, [m["measure_id"] for m in found[:MEASURES_SHOWN]])
            return found, steps, tariff_filter_choices(con)

        found, steps, choices = self.read(measures_and_choices)
        measures = [dict(m, history=steps[m["measure_id"]], chart=step_chart(steps[m["measure_id"]], on))
                    for m in found[:MEASURES_SHOWN]]
        return self.render(request, "tariffs.html", measures=measures, more=len(found) > MEASURES_SHOWN,
                           filters=filters, on=on, choices=choices)

    def quotes_csv(self, request: Request) -> Response:
        """The file `tradewire export quotes` writes for the same filters, byte for byte."""
        filters = QuoteFilters.from_request(request)
        columns, rows = self.read(quotes_for_export, **filters.as_query())
        return Response(csv_file_bytes(columns, rows), media_type="text/csv; charset=utf-8",
                        headers={"content-disposition": 'attachment; filename="quotes.csv"'})

    def error(self, request: Request, exc: Exception) -> Response:
        if isinstance(exc, DatabaseError):
            status, message = 503, str(exc)
        else:
            status, message = exc.status_code, exc.detail
        return self.render(request, "error.html", status_code=status, status=status, message=message)


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every response, pages, files and errors alike."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"],
                                      *((k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items())]
            await send(message)

        await self.app(scope, receive, send_with_headers if scope["type"] == "http" else send)


def create_app(db: Path) -> Starlette:
    views = BrowseApp(db)
    routes = [
        Route("/", views.events, name="events"),
        Route("/events/{event_id}", views.event, name="event"),
        Route("/tariffs", views.tariffs, name="tariffs"),
        Route("/quotes", views.quotes, name="quotes"),
        Route("/quotes.csv", views.quotes_csv, name="quotes_csv"),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    # Host names other than this machine's are refused: a web site that points its own name at 127.0.0.1
    # (DNS rebinding) cannot have a browser read the page on its behalf.
    middleware = [Middleware(SecurityHeaders),
                  Middleware(TrustedHostMiddleware, allowed_hosts=["127.0.0.1", "localhost"], www_redirect=False)]
    return Starlette(routes=routes, middleware=middleware,
                     exception_handlers={HTTPException: views.error, DatabaseError: views.error})
