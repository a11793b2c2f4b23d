"""A real local HTTP server answering like Elasticsearch 8, from recorded replies.

Each test lists the exchanges it expects (method, path, reply); the server checks
every request against the next one, records what was sent (headers, query, JSON or
NDJSON body) and answers with the reply and the ``X-Elastic-Product`` header
elasticsearch-py 8 insists on. Replies live in ``recorded/elasticsearch8/*.json``.
"""

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

RECORDED = Path(__file__).parent / "recorded" / "elasticsearch8"
ES_MEDIA_TYPE = "application/vnd.elasticsearch+json; compatible-with=8"


def recorded(name):
    return json.loads((RECORDED / f"{name}.json").read_text())


@dataclass
class Exchange:
    method: str
    path: str
    reply: object = None
    status: int = 200
    product_header: bool = True


@dataclass
class Request:
    method: str
    path: str
    query: dict
    headers: dict
    raw: bytes

    @property
    def json(self):
        return json.loads(self.raw)

    @property
    def ndjson(self):
        return [json.loads(line) for line in self.raw.splitlines() if line.strip()]


@dataclass
class RecordedEngine:
    """The server's state: what it still expects and what it has been sent."""

    expected: list = field(default_factory=list)
    requests: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    url: str = ""

    def expect(self, method, path, reply=None, **options):
        self.expected.append(Exchange(method, path, reply, **options))
        return self

    def last(self, method, path):
        return [r for r in self.requests if (r.method, r.path) == (method, path)][-1]

    def check_done(self):
        assert not self.errors, self.errors
        assert not self.expected, f"never asked: {[(e.method, e.path) for e in self.expected]}"


def _handler(state):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def _answer(self):
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            request = Request(
                method=self.command,
                path=parts.path,
                query=dict(parse_qsl(parts.query)),
                headers={k.lower(): v for k, v in self.headers.items()},
                raw=self.rfile.read(length) if length else b"",
            )
            state.requests.append(request)
            if not state.expected:
                exchange = Exchange(request.method, request.path, {"error": "unexpected"}, 500)
                state.errors.append(f"unexpected {request.method} {request.path}")
            else:
                exchange = state.expected.pop(0)
                if (exchange.method, exchange.path) != (request.method, request.path):
                    state.errors.append(
                        f"expected {exchange.method} {exchange.path}, "
                        f"got {request.method} {request.path}"
                    )
            body = b"" if exchange.reply is None else json.dumps(exchange.reply).encode()
            self.send_response(exchange.status)
            if exchange.product_header:
                self.send_header("X-Elastic-Product", "Elasticsearch")
            # Like Elasticsearch 8: the compatible media type if asked for, else JSON.
            asked = request.headers.get("accept", "")
            media_type = ES_MEDIA_TYPE if "compatible-with=8" in asked else "application/json"
            self.send_header("Content-Type", media_type if body else "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _answer

    return Handler


class serve_recorded:
    """``with serve_recorded() as engine:`` a server on a free port; ``engine.url``."""

    def __init__(self, wrap_socket=None):
        self.state = RecordedEngine()
        self.wrap_socket = wrap_socket

    def __enter__(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.state))
        scheme = "http"
        if self.wrap_socket:
            self.server.socket = self.wrap_socket(self.server.socket)
            scheme = "https"
        self.state.url = f"{scheme}://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()
        return self.state

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
