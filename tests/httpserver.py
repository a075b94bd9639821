"""A real HTTP server on loopback for tests of code that downloads.

The internet is the one outside world the tests cannot reach, so they talk to this instead: a
`ThreadingHTTPServer` on 127.0.0.1 (port chosen by the OS) whose routes can misbehave the ways
real servers do — answer slowly, fail with a status, cut a body short, ignore Range — and
which records every request so a test can assert what was (or was not) asked.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType


@dataclass
class Route:
    """How the server answers GET on one path."""

    body: bytes = b""
    status: int = 200
    content_type: str = "application/pdf"
    #: Seconds to wait before answering: a slow server.
    delay_s: float = 0.0
    #: This many answers announce the full Content-Length, send half, then close.
    truncate: int = 0
    #: This many answers are 503 before the route behaves.
    errors_first: int = 0
    #: False: a server that ignores Range and always sends the whole body with 200.
    honour_range: bool = True


@dataclass(frozen=True)
class Hit:
    """One request the server received."""

    path: str
    range: str | None


class LoopbackServer:
    """Context manager: `with LoopbackServer({"/a.pdf": Route(body=...)}) as server: ...`."""

    def __init__(self, routes: dict[str, Route] | None = None) -> None:
        self._routes = dict(routes or {})
        self._hits: list[Hit] = []
        self._lock = threading.Lock()
        self._httpd = _Server(("127.0.0.1", 0), _Handler, self)
        # A short poll interval: shutdown() waits for it, once per test.
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def __enter__(self) -> LoopbackServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self._httpd.server_port}{path}"

    def hits(self, path: str | None = None) -> list[Hit]:
        with self._lock:
            return [hit for hit in self._hits if path is None or hit.path == path]

    def plan_answer(self, path: str, range_header: str | None) -> tuple[Route | None, str]:
        """Record the hit and decide, under the lock, how this answer misbehaves."""
        with self._lock:
            self._hits.append(Hit(path, range_header))
            route = self._routes.get(path)
            if route is None:
                return None, "missing"
            if route.errors_first > 0:
                route.errors_first -= 1
                return route, "error"
            if route.truncate > 0:
                route.truncate -= 1
                return route, "truncate"
            return route, "normal"


class _Server(ThreadingHTTPServer):
    def __init__(self, address: tuple[str, int], handler: type, owner: LoopbackServer) -> None:
        super().__init__(address, handler)
        self.owner = owner

    def handle_error(self, request: object, client_address: object) -> None:
        # A client that timed out has hung up; writing to it fails. That is the test's point.
        return None


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def do_GET(self) -> None:
        route, plan = self.server.owner.plan_answer(self.path, self.headers.get("Range"))
        if route is None:
            self._send_empty(404)
            return
        if route.delay_s:
            time.sleep(route.delay_s)
        if plan == "error":
            self._send_empty(503)
        elif route.status != 200:
            self._send_empty(route.status)
        else:
            self._send_body(route, cut_short=plan == "truncate")

    def _send_body(self, route: Route, *, cut_short: bool) -> None:
        body, start = route.body, _range_start(self.headers.get("Range"))
        if not route.honour_range or start is None:
            status, payload, extra = 200, body, {}
        elif start >= len(body):
            self._send_empty(416, {"Content-Range": f"bytes */{len(body)}"})
            return
        else:
            content_range = f"bytes {start}-{len(body) - 1}/{len(body)}"
            status, payload, extra = 206, body[start:], {"Content-Range": content_range}
        self.send_response(status)
        self.send_header("Content-Type", route.content_type)
        self.send_header("Content-Length", str(len(payload)))
        for name, value in extra.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload[: len(payload) // 2] if cut_short else payload)
        self.close_connection = cut_short

    def _send_empty(self, status: int, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Length", "0")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        return None


def _range_start(header: str | None) -> int | None:
    if not header or not header.startswith("bytes="):
        return None
    first = header.removeprefix("bytes=").partition("-")[0]
    return int(first) if first.isdigit() else None
