"""A local HTTP server for the URL tests (imported as ``webserver``): routes map a path
to (status, headers, body); it serves on 127.0.0.1 only."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self

Route = tuple[int, dict[str, str], bytes | list[bytes]]  # a list: chunks sent 0.2 s apart


class Site:
    """Serve ``routes`` on a free loopback port while in a ``with`` block."""

    def __init__(self, routes: dict[str, Route]):
        self.routes = routes
        self.requests: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.requests.append(self.path)
                status, headers, body = site.routes.get(self.path, (404, {}, b"not found"))
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value.replace("{base}", site.url))
                chunks = body if isinstance(body, list) else [body]
                if "Content-Length" not in headers:
                    self.send_header("Content-Length", str(sum(len(c) for c in chunks)))
                self.end_headers()
                for i, chunk in enumerate(chunks):
                    if i:
                        time.sleep(0.2)
                    self.wfile.write(chunk)
                    self.wfile.flush()

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def page(html: str, charset: str = "utf-8", declared: str | None = None) -> Route:
    """An HTML page encoded in ``charset``; the header declares ``declared`` (default: the same)."""
    return 200, {"Content-Type": f"text/html; charset={declared or charset}"}, html.encode(charset)


def redirect(to: str, status: int = 302) -> Route:
    """A redirect to ``to`` (``{base}`` is the site's own address)."""
    return status, {"Location": to}, b""
