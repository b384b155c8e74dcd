"""A quiet threaded HTTP server on 127.0.0.1 that hands every request to one function (the loopback
Channel.io and Slack servers of the tests, the demo and the benchmarks)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def start_loopback(handle: Callable[[BaseHTTPRequestHandler], None], methods: Sequence[str],
                   name: str) -> ThreadingHTTPServer:
    """Serve `methods` (e.g. ("POST", "GET")) on a free port, each request going to `handle`."""
    def dispatch(request: BaseHTTPRequestHandler) -> None:
        handle(request)

    def quiet(self: BaseHTTPRequestHandler, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        return  # keep test output clean

    handler = type("Handler", (BaseHTTPRequestHandler,),
                   {**{f"do_{m}": dispatch for m in methods}, "log_message": quiet})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name=name, daemon=True).start()
    return server


def stop_loopback(server: ThreadingHTTPServer | None) -> None:
    if server is not None:
        server.shutdown()
        server.server_close()
