"""Serving the browse application on 127.0.0.1 with uvicorn, on a free port unless one is asked for."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

from flows.browse.app import create_app
from storage.db import session

HOST = "127.0.0.1"  # this machine only: the page has no login


class BrowseError(RuntimeError):
    """The page cannot be served; the message says why."""


def listen(port: int) -> socket.socket:
    """A listening socket on HOST (port 0: a free one, chosen by the system). Bound here rather than by
    uvicorn so that the address is known, and printed, before the server starts."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
    except OSError as exc:
        sock.close()
        raise BrowseError(f"cannot listen on {HOST}:{port}: {exc.strerror} (choose another --port, "
                          "or leave it out for a free one)") from exc
    sock.listen(128)
    return sock


def serve_browse(db: Path, port: int, announce: Callable[[str], None]) -> None:
    """Serve until interrupted; `announce` gets the page's address once it accepts connections."""
    import uvicorn

    # A missing or unreadable database fails now, with the CLI's message, rather than on the first page.
    with session(db, read_only=True):
        pass
    sock = listen(port)
    config = uvicorn.Config(create_app(db), log_level="warning", access_log=False, server_header=False,
                            lifespan="off")
    announce(f"http://{HOST}:{sock.getsockname()[1]}/")
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
