"""`tradewire browse`: a local, read-only web page over the database (events, an event, tariff measures, quotes).

`app` builds the Starlette application: one view per page, each opening a read-only connection for the time of
its queries (DuckDB lets no other process open a file while an ingest writes it; with a connection per request
and the lock retry of `storage.db`, a running ingest and the page only ever wait for each other). `server`
binds 127.0.0.1 and runs it under uvicorn; `chart` lays out a tariff measure's step chart, which the tracker's
template draws as inline SVG. Templates are Jinja2 with autoescaping, so whatever an article holds
is shown as text; the page runs no JavaScript at all.

A new page is one read in `storage` (`storage.browse` when the CLI has none to share), one view and its entry in
`app.PAGES` (or `app.ROUTES` for a page outside the navigation bar), and one template extending `base.html`.
"""
