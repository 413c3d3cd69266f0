"""A local HTTP server for the URL tests (imported as ``webserver``): routes map a path
to (status, headers, body); it serves on a loopback address only (127.0.0.1 unless told)."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self

Route = tuple[int, dict[str, str], bytes | list[bytes]]  # a list: chunks sent 0.2 s apart


class Site:
    """Serve ``routes`` on a free loopback port while in a ``with`` block."""

    def __init__(self, routes: dict[str, Route], host: str = "127.0.0.1"):
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

        self.server = ThreadingHTTPServer((host, 0), Handler)
        self.url = f"http://{host}:{self.server.server_address[1]}"
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


class RawSite:
    """A loopback server whose paths misbehave below HTTP, for the hostile-URL tests: each
    route is a function given the connected socket after the request line and headers were
    read. Serves every connection on its own thread while in a ``with`` block."""

    def __init__(self, routes: dict[str, object]):
        import socket

        self.routes = routes
        self.dropped: list[str] = []  # paths whose client closed the connection while being answered
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        while not self.stopping.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn) -> None:
        with conn:
            request = b""
            path = ""
            try:
                while b"\r\n\r\n" not in request:
                    chunk = conn.recv(4096)
                    if not chunk:
                        return
                    request += chunk
                path = request.split(b" ", 2)[1].decode()
                route = self.routes.get(path)
                if route is None:
                    conn.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                else:
                    route(conn, self)
            except OSError:
                self.dropped.append(path)

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        self.sock.close()


def slow_headers(seconds_per_byte: float = 1.0):
    """A route that sends its status line and headers one byte per ``seconds_per_byte``, for ever
    (each read is quick, so only a deadline on the whole answer stops it)."""

    def route(conn, site) -> None:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"a" * 100_000
        for byte in head:
            if site.stopping.is_set():
                return
            conn.sendall(bytes([byte]))
            time.sleep(seconds_per_byte)

    return route


def raw(answer: bytes, *, then_stall_s: float = 0.0):
    """A route that sends ``answer`` verbatim, then holds the connection ``then_stall_s`` seconds
    before closing it (a body shorter than its Content-Length, a stalled body)."""

    def route(conn, site) -> None:
        conn.sendall(answer)
        site.stopping.wait(then_stall_s)

    return route
