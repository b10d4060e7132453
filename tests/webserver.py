"""A small HTTP server on 127.0.0.1 for the crawler tests (after Scrapy's mockserver).

Routes map a path (with its query) to one reply or a sequence of replies (each hit
takes the next; the last repeats). It counts hits per path and keeps the headers of
every request, so tests can say exactly what was fetched and how.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    status: int = 200
    body: bytes | str = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = "text/html; charset=utf-8"
    #: Seconds to wait before answering.
    delay: float = 0.0
    #: Answer 304 to a request whose If-None-Match carries it.
    etag: str | None = None
    #: Answer 304 to a request whose If-Modified-Since equals it.
    last_modified: str | None = None
    #: Send no Content-Length (the body is streamed until the connection closes).
    stream: bool = False


Route = Reply | Callable[[dict[str, str]], Reply]


class WebServer:
    def __init__(self) -> None:
        self.routes: dict[str, list[Route]] = {}
        self.hits: Counter[str] = Counter()
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def do_GET(self) -> None:
                server.answer(self)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            block_on_close = False

            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # clients that hang up on a slow answer are expected here

        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.02,),
                                       daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, *replies: Route) -> str:
        """Serve ``path``; returns its full URL."""
        self.routes[path] = list(replies)
        return self.url(path)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path
        headers = {k.lower(): v for k, v in handler.headers.items()}
        with self.lock:
            count = self.hits[path]
            self.hits[path] += 1
            self.requests.append((path, headers))
            replies = self.routes.get(path)
        if not replies:
            reply: Reply = Reply(404, b"not found")
        else:
            route = replies[min(count, len(replies) - 1)]
            reply = route(headers) if callable(route) else route
        if reply.delay:
            time.sleep(reply.delay)
        body = reply.body.encode("utf-8") if isinstance(reply.body, str) else reply.body
        status = reply.status
        if (reply.etag and headers.get("if-none-match") == reply.etag) or (
                reply.last_modified and headers.get("if-modified-since") == reply.last_modified):
            status, body = 304, b""
        try:
            handler.send_response(status)
            if reply.content_type and status != 304:
                handler.send_header("Content-Type", reply.content_type)
            if reply.etag:
                handler.send_header("ETag", reply.etag)
            if reply.last_modified:
                handler.send_header("Last-Modified", reply.last_modified)
            for name, value in reply.headers.items():
                handler.send_header(name, value)
            if reply.stream:
                handler.send_header("Connection", "close")
                handler.close_connection = True
            else:
                handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            if status != 304:
                for start in range(0, len(body), 65536):
                    handler.wfile.write(body[start:start + 65536])
        except (BrokenPipeError, ConnectionResetError):
            pass
