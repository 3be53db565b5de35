"""``bikg serve``: a read-only SPARQL 1.1 Protocol endpoint over a run's store, with a query page.

The engine is the real Oxigraph server (``oxigraph serve-read-only`` from the PyPI ``oxigraph``
package), run as a supervised child on a loopback port. In front of it a small threaded HTTP layer
checks every query before the child sees it (size, nesting and operator limits, no update, LOAD,
SERVICE to a host not allowed, or dataset read from a file), enforces the time limit (Oxigraph
cannot cancel every query, so a query past its limit gets its 503 and the child is killed and
restarted), reads the whole result and checks it is complete before answering (Oxigraph streams,
and reports a cancellation inside a 200 body), converts it to the negotiated format, and serves the
query page (``/``), the presets (``/presets/NAME``) and entity pages (``/entity?iri=…``).

Limits follow what public endpoints document: a hard per-query deadline (Wikidata 60 s, Virtuoso's
``MaxQueryExecutionTime``, Fuseki's timeout; 10 s by default here), a result-size cap (Virtuoso's
``ResultSetMaxRows``), a few concurrent queries per endpoint, and refusal rather than partial results.
"""

from __future__ import annotations

import contextlib
import ctypes
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import deque
from dataclasses import dataclass, field
from functools import cache
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any

from pipeline.access.query import PREFIXES, QueryShape, bound_preset, inspect_query, presets
from pipeline.access.store import STORE_DIR
from pipeline.errors import HttpError, QueryError, QueryLimitError, QueryRefusedError, StoreError

QUERY_PATHS = ("/sparql", "/query")
PAGE_PATHS = ("/", "/index.html", "/entity")
UPDATE_TYPES = ("application/sparql-update",)
_PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
_PROLOGUE_LINES = _PROLOGUE.count("\n")
LISTEN_BACKLOG = 128
SOCKET_TIMEOUT_S = 20.0
DYING_GRACE_S = 1.0
"""How long a child that dropped a query's connection is given to be seen dead (a killed process exits a moment
after its sockets close)."""
MAX_CONNECTIONS = 64
MAX_BACKEND_QUERIES = 8
MAX_QUERY_BYTES = 64 * 1024
BACKEND_STACK_BYTES = 256 * 2**20
_PR_SET_PDEATHSIG = 1
SOLUTION_TYPES_JSON = "application/sparql-results+json"
SOLUTION_TYPES = {
    "application/sparql-results+json": "JSON",
    "application/json": "JSON",
    "application/sparql-results+xml": "XML",
    "application/xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
}
GRAPH_TYPES = {
    "text/turtle": "TURTLE",
    "application/n-triples": "N_TRIPLES",
    "application/rdf+xml": "RDF_XML",
    "application/ld+json": "JSON_LD",
}
FORMAT_NAMES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "ttl": "text/turtle",
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "rdf": "application/rdf+xml",
    "jsonld": "application/ld+json",
}


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


def store_of(data: Path) -> Path:
    """The store directory of a run output (or the store itself)."""
    store = data if data.name == STORE_DIR else data / STORE_DIR
    if not store.is_dir():
        raise StoreError(f"no store at {store}; run `bikg run … --out {data}` first")
    return store


@cache
def _prctl() -> Any:
    return ctypes.CDLL(None, use_errno=True).prctl


def _die_with(parent: int) -> Any:
    """A ``preexec_fn`` that makes the child get SIGKILL when its parent dies (Linux PR_SET_PDEATHSIG).

    The signal follows the *thread* that forked, so children are only started by the supervisor
    thread, which lives as long as the endpoint."""
    prctl = _prctl()

    def preexec() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:
            os._exit(1)

    return preexec


def _still_running(process: subprocess.Popen[bytes]) -> bool:
    """Whether ``process`` is still running ``DYING_GRACE_S`` after it dropped a connection."""
    try:
        process.wait(timeout=DYING_GRACE_S)
    except subprocess.TimeoutExpired:
        return True
    return False


class Backend:
    """The Oxigraph child, supervised: started, watched, restarted when it dies or is told to, its
    stderr drained continuously (the last lines kept for messages), killed with its parent."""

    def __init__(self, store: Path, timeout_s: float) -> None:
        self.store = store
        self.timeout_s = timeout_s
        self.port = 0
        self.generation = 0
        self.stderr_tail: deque[str] = deque(maxlen=40)
        self.process: subprocess.Popen[bytes] | None = None
        self._ready = threading.Condition()
        self._wake = threading.Event()
        self._restart: str | None = None
        self._killed_generation = -1
        self._stopping = False
        self._failure: str | None = None
        self._thread: threading.Thread | None = None

    def start(self, wait_s: float = 30.0) -> None:
        """Start the supervisor and wait until the first child answers."""
        self._thread = threading.Thread(target=self._supervise, name="oxigraph-supervisor", daemon=True)
        self._thread.start()
        with self._ready:
            self._ready.wait_for(lambda: self.generation > 0 or self._failure is not None, timeout=wait_s)
        if self.generation == 0:
            self.stop()
            raise StoreError(f"the Oxigraph server did not start: {self._failure or f'no answer within {wait_s:g} s'}")

    def restart(self, reason: str) -> None:
        """Kill the child now and start a new one (from the supervisor thread)."""
        with self._ready:
            self._restart = reason
            self._killed_generation = self.generation
            self.port = 0
        self._wake.set()

    def stop(self) -> None:
        """Stop the supervisor, which stops the child."""
        self._stopping = True
        self._wake.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=15)

    def address(self, deadline: float) -> tuple[int, int]:
        """The port and generation of a child ready to answer, waiting for a restart up to ``deadline``."""
        with self._ready:
            ready = self._ready.wait_for(lambda: self.port > 0, timeout=max(0.0, deadline - time.monotonic()))
            if not ready:
                raise HttpError(HTTPStatus.SERVICE_UNAVAILABLE, "the SPARQL engine is restarting; retry", retry_after=1)
            return self.port, self.generation

    def lost(self, generation: int) -> bool:
        """Whether the child of ``generation`` is gone (killed by :meth:`restart`, or crashed); a crashed one's
        port is withdrawn at once and the supervisor woken, so the retry waits for the new child."""
        if generation == self._killed_generation:
            return True
        process = self.process
        if generation == self.generation and process is not None and _still_running(process):
            return False
        with self._ready:
            if generation == self.generation:
                self.port = 0
        self._wake.set()
        return True

    def _supervise(self) -> None:
        failures = 0
        while not self._stopping:
            alive = self.process is not None and self.process.poll() is None
            if not alive or self._restart is not None:
                if self.process is not None and not alive and self._restart is None:
                    self._log(f"the Oxigraph server exited with status {self.process.returncode}; restarting")
                failures = 0 if self._replace() else failures + 1
                if failures:
                    self._wake.wait(min(5.0, 0.2 * 2**failures))
            self._wake.wait(0.2)
            self._wake.clear()
        self._kill()

    def _replace(self) -> bool:
        """Kill the current child, start a new one and wait until it accepts connections."""
        self._kill()
        with self._ready:
            self._restart = None
            self.port = 0
        port = free_port()
        process = self._spawn(port)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and process.poll() is None and not self._stopping:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
                with self._ready:
                    self.process, self.port = process, port
                    self.generation += 1
                    self._ready.notify_all()
                return True
            time.sleep(0.02)
        self.process = process
        self._kill()
        with self._ready:
            self._failure = " ".join(list(self.stderr_tail)[-3:]) or "it exited at start"
            self._ready.notify_all()
        return False

    def _spawn(self, port: int) -> subprocess.Popen[bytes]:
        command = [
            oxigraph_binary(),
            "serve-read-only",
            "--location",
            str(self.store),
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout-s",
            str(max(1, round(self.timeout_s))),
            "--union-default-graph",
        ]
        environment = dict(os.environ, RUST_MIN_STACK=str(BACKEND_STACK_BYTES), RUST_BACKTRACE="0")
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=environment,
            preexec_fn=_die_with(os.getpid()),  # only prctl and getppid, both prepared before the fork
        )
        threading.Thread(target=self._drain, args=(process,), name="oxigraph-stderr", daemon=True).start()
        return process

    def _drain(self, process: subprocess.Popen[bytes]) -> None:
        assert process.stderr is not None
        for line in process.stderr:
            text = line.decode("utf-8", "replace").strip()
            if text:
                self.stderr_tail.append(text)

    def _kill(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=1)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)

    def _log(self, message: str) -> None:
        print(f"bikg serve: {message}", file=sys.stderr, flush=True)


def negotiate(accept: str | None, fmt: str | None, form: str) -> str:
    """The media type to answer with: ``format=`` (json, csv, ttl…) first, else the Accept header, else
    SPARQL results JSON for SELECT/ASK and Turtle for CONSTRUCT/DESCRIBE."""
    table = GRAPH_TYPES if form in ("CONSTRUCT", "DESCRIBE") else SOLUTION_TYPES
    default = "text/turtle" if table is GRAPH_TYPES else "application/sparql-results+json"
    if fmt:
        chosen = FORMAT_NAMES.get(fmt.lower(), fmt.lower())
        if chosen not in table:
            raise HttpError(HTTPStatus.NOT_ACCEPTABLE, f"format={fmt} is not offered for {form}; use {_offered(table)}")
        return chosen
    ranked = []
    for order, item in enumerate((accept or "*/*").split(",")):
        media, _, params = item.strip().partition(";")
        quality = re.search(r"q\s*=\s*([0-9.]+)", params)
        ranked.append((-float(quality[1]) if quality else -1.0, order, media.strip().lower()))
    for negative_q, _, media in sorted(ranked):
        if negative_q < 0 and media in table:
            return media
        if negative_q < 0 and media in ("*/*", "", "text/*", "application/*"):
            return default
    raise HttpError(HTTPStatus.NOT_ACCEPTABLE, f"cannot answer {form} as {accept}; accepted types: {_offered(table)}")


def _offered(table: dict[str, str]) -> str:
    return ", ".join(table)


def convert(body: bytes, form: str, media: str) -> bytes:
    """The backend's answer (results JSON, or N-Triples for graphs), checked complete, in ``media``.

    Oxigraph reports an error met while streaming by writing its message into the 200 body; parsing
    the whole answer turns that into an error instead of a truncated result."""
    import pyoxigraph

    try:
        if form in ("CONSTRUCT", "DESCRIBE"):
            triples = list(pyoxigraph.parse(body, pyoxigraph.RdfFormat.N_TRIPLES))
            rdf_format = getattr(pyoxigraph.RdfFormat, GRAPH_TYPES[media])
            return bytes(pyoxigraph.serialize(triples, format=rdf_format, prefixes=PREFIXES) or b"")
        results = pyoxigraph.parse_query_results(body, pyoxigraph.QueryResultsFormat.JSON)
        return bytes(results.serialize(format=getattr(pyoxigraph.QueryResultsFormat, SOLUTION_TYPES[media])) or b"")
    except SyntaxError:
        tail = body[-400:].decode("utf-8", "replace").strip().splitlines()[-1:]
        reason = tail[0] if tail else "an incomplete answer"
        if "cancelled" in reason.lower():
            raise HttpError(
                HTTPStatus.SERVICE_UNAVAILABLE, "the query ran past the time limit", retry_after=1
            ) from None
        raise HttpError(HTTPStatus.BAD_GATEWAY, f"the query failed while its results were written: {reason}") from None


def user_positions(message: str) -> str:
    """An Oxigraph error message with its ``line:column`` positions made relative to the user's query
    (the predeclared prefix block above it removed)."""

    def shift(match: re.Match[str]) -> str:
        line = int(match[2])
        return f"{match[1]}{line - _PROLOGUE_LINES if line > _PROLOGUE_LINES else line}:{match[3]}"

    return re.sub(r"(\b(?:at|line)\s+)(\d+):(\d+)", shift, message)


@dataclass(slots=True)
class Endpoint:
    """A running endpoint: the supervised Oxigraph child and the checking front server."""

    store: Path
    host: str = "127.0.0.1"
    port: int = 7878
    timeout_s: float = 10.0
    max_bytes: int = 10 * 2**20
    allow_service: tuple[str, ...] = ()
    cors: tuple[str, ...] = ()
    backend: Backend | None = None
    front: ThreadingHTTPServer | None = field(default=None)
    _slots: threading.BoundedSemaphore = field(default_factory=lambda: threading.BoundedSemaphore(MAX_BACKEND_QUERIES))

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> None:
        """Start the supervised Oxigraph child, wait for it, then bind the front."""
        if not self.store.is_dir() or not any(self.store.iterdir()):
            raise StoreError(f"no store at {self.store}; run `bikg run … --out DIR` first")
        self.backend = Backend(self.store, self.timeout_s)
        self.backend.start()
        try:
            self.front = FrontServer((self.host, self.port), _handler(self))
        except OSError:
            self.backend.stop()
            raise
        self.port = int(self.front.server_address[1])

    def stop(self) -> None:
        """Close the front and stop the child (no process is left behind)."""
        if self.front is not None:
            self.front.server_close()
        if self.backend is not None:
            self.backend.stop()

    def check(self, text: str) -> QueryShape:
        """Refuse what this endpoint does not run; say what the query is."""
        size = len(text.encode("utf-8"))
        if size > MAX_QUERY_BYTES:
            raise HttpError(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"the query is {size} bytes; the limit is {MAX_QUERY_BYTES}"
            )
        shape = inspect_query(text)
        allowed = {host.lower() for host in self.allow_service}
        for target in shape.services:
            host = (urllib.parse.urlsplit(target).hostname or "") if not target.startswith(("?", "$")) else ""
            if host.lower() not in allowed:
                raise QueryRefusedError(
                    f"SERVICE {target} is refused: this endpoint only federates with hosts named by "
                    f"`bikg serve --allow-service HOST` ({', '.join(sorted(allowed)) or 'none'})"
                )
        for iri in shape.datasets:
            if iri.lower().startswith("file:"):
                raise QueryRefusedError(f"FROM {iri} is refused: queries cannot read files")
        return shape

    def answer(self, text: str, accept: str | None, fmt: str | None) -> tuple[bytes, str]:
        """Check, run and convert ``text``; the body and its media type, or an :class:`HttpError`."""
        assert self.backend is not None
        deadline = time.monotonic() + self.timeout_s
        shape = self.check(text)
        media = negotiate(accept, fmt, shape.form)
        wanted = "application/n-triples" if shape.form in ("CONSTRUCT", "DESCRIBE") else SOLUTION_TYPES_JSON
        if not self._slots.acquire(timeout=max(0.0, deadline - time.monotonic())):
            raise HttpError(HTTPStatus.SERVICE_UNAVAILABLE, "too many queries at once; retry", retry_after=1)
        try:
            body = self._run(_PROLOGUE + text, wanted, deadline)
        finally:
            self._slots.release()
        converted = convert(body, shape.form, media)
        if len(converted) > self.max_bytes:
            raise self._too_large()
        return converted, media

    def _run(self, text: str, accept: str, deadline: float) -> bytes:
        """The backend's complete 200 answer, retried once on a child restarted on purpose meanwhile."""
        assert self.backend is not None
        for attempt in (1, 2):
            port, generation = self.backend.address(deadline)
            try:
                status, body = _exchange(port, text, accept, deadline, self.max_bytes)
            except TimeoutError:
                self.backend.restart("a query ran past the time limit")
                raise HttpError(
                    HTTPStatus.SERVICE_UNAVAILABLE,
                    f"the query ran past the time limit of {self.timeout_s:g} s and was stopped; "
                    "narrow it or add a LIMIT",
                    retry_after=1,
                ) from None
            except OverflowError:
                raise self._too_large() from None
            except (OSError, http.client.HTTPException):
                if attempt == 1 and self.backend.lost(generation) and time.monotonic() < deadline:
                    continue
                raise HttpError(HTTPStatus.BAD_GATEWAY, "the SPARQL engine stopped while running this query") from None
            if status == HTTPStatus.OK:
                return body
            message = user_positions(body.decode("utf-8", "replace").strip())
            if "cancelled" in message.lower() or "timeout" in message.lower():
                raise HttpError(HTTPStatus.SERVICE_UNAVAILABLE, "the query ran past the time limit", retry_after=1)
            raise HttpError(status if 400 <= status < 500 else HTTPStatus.BAD_GATEWAY, message)
        raise HttpError(HTTPStatus.BAD_GATEWAY, "the SPARQL engine restarted twice during this query; retry")

    def _too_large(self) -> HttpError:
        return HttpError(
            HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"the result is larger than {self.max_bytes} bytes; add a LIMIT"
        )


def _exchange(port: int, text: str, accept: str, deadline: float, max_bytes: int) -> tuple[int, bytes]:
    """POST ``text`` to the child and read the whole answer by ``deadline`` (TimeoutError past it,
    OverflowError past ``max_bytes``)."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=remaining)
    try:
        headers = {"Content-Type": "application/sparql-query", "Accept": accept}
        connection.request("POST", "/query", body=text.encode("utf-8"), headers=headers)
        response = connection.getresponse()
        chunks: list[bytes] = []
        size = 0
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            if connection.sock is not None:
                connection.sock.settimeout(remaining)
            chunk = response.read1(1 << 16)
            if not chunk:
                return response.status, b"".join(chunks)
            size += len(chunk)
            if size > max_bytes:
                raise OverflowError
            chunks.append(chunk)
    finally:
        connection.close()


class FrontServer(ThreadingHTTPServer):
    """A threaded HTTP server with a real listen backlog and a cap on simultaneous connections."""

    request_queue_size = LISTEN_BACKLOG
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(address, handler)
        self._connections = threading.BoundedSemaphore(MAX_CONNECTIONS)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._connections.acquire(blocking=False):
            message = b"too many connections; retry\n"
            with contextlib.suppress(OSError):
                request.sendall(
                    b"HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nRetry-After: 1\r\n"
                    + f"Content-Length: {len(message)}\r\n\r\n".encode()
                    + message
                )
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._connections.release()


def serve_until_signalled(endpoint: Endpoint) -> None:
    """Serve until SIGTERM or SIGINT, then stop the front and the Oxigraph child."""

    class Stopped(Exception):
        pass

    def stop(signum: int, frame: object) -> None:
        raise Stopped

    assert endpoint.front is not None
    previous = {s: signal.signal(s, stop) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        endpoint.front.serve_forever()
    except Stopped:
        pass
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        endpoint.stop()


def _page() -> bytes:
    template = resources.files("pipeline.access").joinpath("static/query.html").read_text(encoding="utf-8")
    listed = [
        {"name": p.name, "description": p.description, "params": p.params, "kinds": p.kinds(), "text": p.text}
        for p in presets().values()
    ]
    data = json.dumps(listed, ensure_ascii=False).replace("</", "<\\/")
    return template.replace("/*PRESETS*/[]", data).encode("utf-8")


def _handler(endpoint: Endpoint) -> type[BaseHTTPRequestHandler]:
    class Handler(_Handler):
        pass

    Handler.endpoint = endpoint
    return Handler


class _Handler(BaseHTTPRequestHandler):
    """Routes: the page, the presets, the SPARQL protocol (GET and POST), CORS preflight."""

    endpoint: Endpoint
    server_version = "bikg"
    timeout = SOCKET_TIMEOUT_S

    def log_message(self, format: str, *args: object) -> None:
        return

    def _send(self, status: int, body: bytes, content_type: str = "text/plain; charset=utf-8", **extra: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in {**self._cors(), **extra}.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _fail(self, error: HttpError) -> None:
        extra = {"Retry-After": str(error.retry_after)} if error.retry_after else {}
        if error.status == HTTPStatus.REQUEST_ENTITY_TOO_LARGE:
            self.close_connection = True
        self._send(error.status, (error.message.rstrip("\n") + "\n").encode("utf-8"), **extra)

    def _cors(self) -> dict[str, str]:
        origin = self.headers.get("Origin") if self.headers else None
        allowed = self.endpoint.cors
        if not origin or not allowed or ("*" not in allowed and origin not in allowed):
            return {}
        return {"Access-Control-Allow-Origin": "*" if "*" in allowed else origin, "Vary": "Origin"}

    def do_OPTIONS(self) -> None:
        extra = {"Allow": "GET, HEAD, POST, OPTIONS"}
        if self._cors():
            extra |= {
                "Access-Control-Allow-Methods": "GET, HEAD, POST, OPTIONS",
                "Access-Control-Allow-Headers": "Accept, Content-Type",
                "Access-Control-Max-Age": "600",
            }
        self._send(HTTPStatus.NO_CONTENT, b"", **extra)

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query)
        if url.path in PAGE_PATHS:
            self._send(HTTPStatus.OK, _page(), "text/html; charset=utf-8", Cache_Control="no-store")
        elif url.path.startswith("/presets/"):
            self._preset(urllib.parse.unquote(url.path[len("/presets/") :]), params)
        elif url.path in QUERY_PATHS:
            self._protocol(params)
        elif url.path in ("/update", "/store"):
            self._refuse_update()
        else:
            self._send(HTTPStatus.NOT_FOUND, b"not found: the page is at /, the SPARQL endpoint at /sparql\n")

    do_HEAD = do_GET

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        try:
            body = self._body()
        except HttpError as error:
            self._fail(error)
            return
        except (TimeoutError, ConnectionError):
            self.close_connection = True
            return
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if url.path not in QUERY_PATHS or content_type in UPDATE_TYPES:
            self._refuse_update()
        elif content_type == "application/sparql-query":
            self._run(body, urllib.parse.parse_qs(url.query).get("format", [None])[0])
        else:
            self._protocol(urllib.parse.parse_qs(url.query) | urllib.parse.parse_qs(body))

    def _refuse_update(self) -> None:
        self._send(HTTPStatus.FORBIDDEN, b"read-only endpoint: SPARQL updates are refused\n")

    do_PUT = do_DELETE = do_PATCH = _refuse_update

    def _body(self) -> str:
        """The request body, its Content-Length checked before anything is read."""
        if self.headers.get("Transfer-Encoding"):
            raise HttpError(HTTPStatus.LENGTH_REQUIRED, "chunked request bodies are not accepted; send Content-Length")
        declared = self.headers.get("Content-Length")
        if declared is None:
            raise HttpError(HTTPStatus.LENGTH_REQUIRED, "a POST needs a Content-Length header")
        if not declared.strip().isascii() or not declared.strip().isdigit():
            self.close_connection = True
            raise HttpError(HTTPStatus.BAD_REQUEST, f"Content-Length must be a number of bytes, not {declared[:40]!r}")
        length = int(declared)
        if length > 4 * MAX_QUERY_BYTES:
            raise HttpError(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"the request body is over {4 * MAX_QUERY_BYTES} bytes"
            )
        data = self.rfile.read(length)
        if len(data) < length:
            raise ConnectionError("the body ended early")
        return data.decode("utf-8", "replace")

    def _protocol(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            self._refuse_update()
        elif "query" not in params:
            self._send(HTTPStatus.BAD_REQUEST, b"missing query parameter: /sparql?query=SELECT...\n")
        elif any(
            iri.lower().startswith("file:")
            for key in ("default-graph-uri", "named-graph-uri")
            for iri in params.get(key, [])
        ):
            self._send(HTTPStatus.FORBIDDEN, b"graphs read from files are refused\n")
        else:
            self._run(params["query"][0], params.get("format", [None])[0])

    def _preset(self, name: str, params: dict[str, list[str]]) -> None:
        given = {key: values[0] for key, values in params.items() if key != "format"}
        try:
            text = bound_preset(name, given)
        except QueryError as error:
            self._fail(HttpError(HTTPStatus.BAD_REQUEST, error.message))
            return
        if "application/sparql-query" in (self.headers.get("Accept") or ""):
            self._send(HTTPStatus.OK, text.encode("utf-8"), "application/sparql-query; charset=utf-8")
        else:
            self._run(text, params.get("format", [None])[0])

    def _run(self, text: str, fmt: str | None) -> None:
        try:
            body, media = self.endpoint.answer(text, self.headers.get("Accept"), fmt)
        except HttpError as error:
            self._fail(error)
        except QueryLimitError as error:
            self._fail(HttpError(HTTPStatus.BAD_REQUEST, error.message))
        except QueryRefusedError as error:
            self._fail(HttpError(HTTPStatus.FORBIDDEN, error.message))
        except QueryError as error:
            self._fail(HttpError(HTTPStatus.BAD_REQUEST, error.message))
        else:
            charset = "; charset=utf-8" if media.startswith("text/") or "json" in media else ""
            self._send(HTTPStatus.OK, body, media + charset)
