"""``bikg serve``: a read-only SPARQL 1.1 Protocol endpoint over a run's store, with a query page.

The endpoint is the real Oxigraph server (``oxigraph serve-read-only`` from the PyPI ``oxigraph``
package), which enforces the query time limit. In front of it a small HTTP layer serves the page,
lists the presets, predeclares the contract's prefixes, refuses every update, and caps the size of a
result so one query cannot flood a browser.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path

from pipeline.access.query import PREFIXES, presets
from pipeline.access.store import STORE_DIR
from pipeline.errors import StoreError

QUERY_PATHS = ("/sparql", "/query")
UPDATE_TYPES = ("application/sparql-update",)
_PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def oxigraph_binary() -> str:
    """The ``oxigraph`` server executable installed with bikg."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise StoreError("the oxigraph server is not installed: pip install oxigraph")
    return found


@dataclass(slots=True)
class Endpoint:
    """A running endpoint: the Oxigraph process and the front server."""

    store: Path
    host: str = "127.0.0.1"
    port: int = 7878
    timeout_s: float = 10.0
    max_bytes: int = 10 * 2**20
    backend_port: int = 0
    process: subprocess.Popen[bytes] | None = None
    front: ThreadingHTTPServer | None = field(default=None)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> None:
        """Start Oxigraph read-only on a loopback port, wait for it, then bind the front."""
        if not (self.store / "CURRENT").exists() and not any(self.store.glob("*")):
            raise StoreError(f"no store at {self.store}; run `bikg run … --out DIR` first")
        self.backend_port = free_port()
        command = [
            oxigraph_binary(),
            "serve-read-only",
            "--location",
            str(self.store),
            "--bind",
            f"127.0.0.1:{self.backend_port}",
            "--timeout-s",
            str(max(1, round(self.timeout_s))),
            "--union-default-graph",
        ]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                message = self.process.stderr.read().decode("utf-8", "replace") if self.process.stderr else ""
                raise StoreError(f"the Oxigraph server stopped at start: {message.strip()}")
            try:
                with socket.create_connection(("127.0.0.1", self.backend_port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.1)
        else:
            self.stop()
            raise StoreError("the Oxigraph server did not start within 30 s")
        self.front = ThreadingHTTPServer((self.host, self.port), _handler(self))
        self.port = int(self.front.server_address[1])

    def serve_forever(self) -> None:
        assert self.front is not None
        try:
            self.front.serve_forever()
        finally:
            self.stop()

    def stop(self) -> None:
        if self.front is not None:
            self.front.server_close()
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()


def store_of(data: Path) -> Path:
    """The store directory of a run output (or the store itself)."""
    store = data if data.name == STORE_DIR else data / STORE_DIR
    if not store.is_dir():
        raise StoreError(f"no store at {store}; run `bikg run … --out {data}` first")
    return store


def _page() -> bytes:
    template = resources.files("pipeline.access").joinpath("static/query.html").read_text(encoding="utf-8")
    listed = [
        {"name": p.name, "description": p.description, "params": p.params, "text": p.text} for p in presets().values()
    ]
    data = json.dumps(listed, ensure_ascii=False).replace("</", "<\\/")
    return template.replace("/*PRESETS*/[]", data).encode("utf-8")


def _handler(endpoint: Endpoint) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "bikg"

        def log_message(self, format: str, *args: object) -> None:
            return

        def _send(self, status: int, body: bytes, content_type: str = "text/plain; charset=utf-8") -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _refuse_update(self) -> None:
            self._send(HTTPStatus.FORBIDDEN, b"read-only endpoint: SPARQL updates are refused\n")

        def do_GET(self) -> None:
            url = urllib.parse.urlsplit(self.path)
            if url.path in ("/", "/index.html"):
                self._send(HTTPStatus.OK, _page(), "text/html; charset=utf-8")
            elif url.path in QUERY_PATHS:
                params = urllib.parse.parse_qs(url.query)
                if "update" in params:
                    self._refuse_update()
                elif "query" not in params:
                    self._send(HTTPStatus.BAD_REQUEST, b"missing query parameter\n")
                else:
                    self._forward(params["query"][0])
            elif url.path in ("/update", "/store"):
                self._refuse_update()
            else:
                self._send(HTTPStatus.NOT_FOUND, b"not found\n")

        def do_POST(self) -> None:
            url = urllib.parse.urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8", "replace")
            content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip()
            if url.path not in QUERY_PATHS or content_type in UPDATE_TYPES:
                self._refuse_update()
                return
            if content_type == "application/sparql-query":
                self._forward(body)
                return
            params = urllib.parse.parse_qs(body)
            if "update" in params:
                self._refuse_update()
            elif "query" in params:
                self._forward(params["query"][0])
            else:
                self._send(HTTPStatus.BAD_REQUEST, b"missing query parameter\n")

        do_PUT = do_DELETE = do_PATCH = _refuse_update

        def _forward(self, query: str) -> None:
            request = urllib.request.Request(
                f"http://127.0.0.1:{endpoint.backend_port}/query",
                data=(_PROLOGUE + query).encode("utf-8"),
                headers={
                    "Content-Type": "application/sparql-query",
                    "Accept": self.headers.get("Accept") or "application/sparql-results+json",
                },
                method="POST",
            )
            try:
                with urllib.request.urlopen(request, timeout=endpoint.timeout_s + 5) as response:
                    body = response.read(endpoint.max_bytes + 1)
                    content_type = response.headers.get("Content-Type", "application/octet-stream")
            except urllib.error.HTTPError as error:
                message = error.read().decode("utf-8", "replace")
                if "timeout" in message.lower() or "timed out" in message.lower():
                    status, message = (
                        HTTPStatus.SERVICE_UNAVAILABLE,
                        (f"the query ran past the time limit of {endpoint.timeout_s:g} s; narrow it or add a LIMIT\n"),
                    )
                else:
                    status = error.code
                self._send(status, message.encode("utf-8"))
                return
            except (urllib.error.URLError, TimeoutError):
                self._send(
                    HTTPStatus.SERVICE_UNAVAILABLE,
                    f"the query ran past the time limit of {endpoint.timeout_s:g} s\n".encode(),
                )
                return
            if len(body) > endpoint.max_bytes:
                self._send(
                    HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                    f"the result is larger than {endpoint.max_bytes} bytes; add a LIMIT\n".encode(),
                )
                return
            self._send(HTTPStatus.OK, body, content_type)

    return Handler
