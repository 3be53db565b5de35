"""`bikg serve` as an attacker and a careless client would use it: a real Oxigraph child behind the real
front, real sockets on 127.0.0.1, hostile queries, concurrent clients, signals."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.access.serve import free_port

pytestmark = pytest.mark.model


TIMEOUT_S = 2.0
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Server:
    url: str
    port: int
    process: subprocess.Popen[bytes]


def start_serve(data: Path, *extra: str) -> Server:
    """`bikg serve` in a child process, once its page answers."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "serve", "--data", str(data), "--port", str(port), *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if fetch(port, "GET", "/")[0] == 200:
                return Server(f"http://127.0.0.1:{port}", port, process)
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise AssertionError("bikg serve did not start")


def fetch(
    port: int, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def sparql(port: int, query: str, accept: str | None = "application/sparql-results+json") -> tuple[int, dict, bytes]:
    headers = {"Content-Type": "application/sparql-query"} | ({"Accept": accept} if accept else {})
    return fetch(port, "POST", "/sparql", query.encode("utf-8"), headers)


def oxigraph_children(parent: int) -> list[int]:
    """The live ``oxigraph`` processes whose parent is ``parent`` (read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name, fields = stat[stat.index("(") + 1 : stat.rindex(")")], stat[stat.rindex(")") + 2 :].split()
        if name == "oxigraph" and int(fields[1]) == parent and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of ``pid`` from /proc/PID/stat (0 once it is gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


@pytest.fixture(scope="module")
def server(seed_run) -> Iterator[Server]:
    started = start_serve(
        seed_run.files["graph.ttl"].parent,
        "--timeout",
        str(TIMEOUT_S),
        "--max-bytes",
        "200000",
        "--cors",
        "http://example.org",
    )
    yield started
    started.process.terminate()
    started.process.wait(timeout=20)


class Listener:
    """A TCP port on 127.0.0.1 that records every connection made to it (the SSRF target)."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(8)
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while self.running:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                continue
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self.running = False
        self.thread.join()
        self.socket.close()


HOSTILE = {
    "nested": "SELECT * WHERE " + "{ " * 5000 + "?s ?p ?o" + " }" * 5000,
    "service": "SELECT * WHERE { SERVICE <http://127.0.0.1:PORT/x> { ?s ?p ?o } }",
    "load": "LOAD <http://127.0.0.1:PORT/data.ttl>",
    "cross": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
}


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_hostile_query_is_stopped_and_the_endpoint_recovers(server, kind):
    listener = Listener()
    try:
        started = time.monotonic()
        status, _, body = sparql(server.port, HOSTILE[kind].replace("PORT", str(listener.port)))
        elapsed = time.monotonic() - started
    finally:
        listener.close()
    print(f"\n{kind}: HTTP {status} after {elapsed * 1000:.0f} ms: {body[:120]!r}")
    assert 400 <= status < 500 or status == 503, body
    assert elapsed < TIMEOUT_S + 1
    assert body.endswith(b"\n") and b"Traceback" not in body
    assert listener.connections == 0
    time.sleep(2)
    children = oxigraph_children(server.process.pid)
    assert len(children) == 1
    before = cpu_seconds(children[0])
    time.sleep(1)
    assert cpu_seconds(children[0]) - before < 0.1, "the backend is still computing"
    status, _, body = sparql(server.port, "SELECT (COUNT(*) AS ?n) WHERE { ?s a schema:Person }")
    assert status == 200 and b'"n"' in body


def test_refusals_name_the_reason(server):
    status, _, body = sparql(server.port, "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    assert status == 403 and b"--allow-service" in body
    status, _, body = sparql(server.port, "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }")
    assert status == 403 and b"cannot read files" in body
    status, _, body = sparql(server.port, r"SELECT * WHERE { \u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    assert status == 403
    status, _, body = sparql(server.port, "SELECT (1" + " + 1" * 5000 + " AS ?x) WHERE { }")
    assert status == 400 and b"operators" in body
    status, _, body = sparql(server.port, "SELECT * WHERE { ?s ?p ?o } #" + "x" * 70_000)
    assert status == 413


def test_error_positions_are_those_of_the_users_query(server):
    status, _, body = sparql(server.port, "SELECT ?x WHERE {\n  ?x a }")
    assert status == 400 and body.startswith(b"error at 2:"), body


def test_results_are_complete_or_refused(server):
    status, _, body = sparql(server.port, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }")
    assert status == 413 and b"larger than 200000 bytes" in body
    status, headers, body = sparql(server.port, "SELECT * WHERE { ?s ?p ?o } LIMIT 3", accept="text/csv")
    assert status == 200 and headers["content-type"].startswith("text/csv") and len(body.splitlines()) == 4


def test_construct_without_accept_is_turtle(server):
    status, headers, body = sparql(server.port, "CONSTRUCT WHERE { ?s a schema:Person }", accept=None)
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    assert b"@prefix schema: <https://schema.org/>" in body and b"schema:Person" in body
    status, headers, _ = sparql(server.port, "DESCRIBE ?s WHERE { ?s a schema:Person }", accept="*/*")
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    status, _, body = sparql(server.port, "CONSTRUCT WHERE { ?s ?p ?o }", accept="application/sparql-results+json")
    assert status == 406 and b"text/turtle" in body


def test_cors_preflight_and_reads(server):
    origin = {"Origin": "http://example.org", "Access-Control-Request-Method": "POST"}
    status, headers, _ = fetch(server.port, "OPTIONS", "/sparql", headers=origin)
    assert status == 204 and headers["access-control-allow-origin"] == "http://example.org"
    assert (
        "POST" in headers["access-control-allow-methods"]
        and "content-type" in headers["access-control-allow-headers"].lower()
    )
    query = urllib.parse.quote("ASK { ?s ?p ?o }")
    status, headers, _ = fetch(server.port, "GET", f"/sparql?query={query}", headers={"Origin": "http://example.org"})
    assert status == 200 and headers["access-control-allow-origin"] == "http://example.org"
    status, headers, _ = fetch(server.port, "GET", f"/sparql?query={query}", headers={"Origin": "http://evil.test"})
    assert status == 200 and "access-control-allow-origin" not in headers


@pytest.mark.parametrize("length", ["abc", "-1", "1e3", "99999999999"])
def test_bad_content_length_is_refused_at_once(server, length):
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as client:
        client.sendall(
            f"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            f"Content-Length: {length}\r\n\r\nASK {{}}".encode()
        )
        answer = client.recv(4096)
    assert answer.startswith((b"HTTP/1.0 400", b"HTTP/1.0 413")), answer
    assert b"Traceback" not in answer


def test_presets_run_with_typed_parameters(server):
    status, _, body = fetch(server.port, "GET", "/presets/people?limit=1&format=csv")
    assert status == 200 and len(body.splitlines()) == 2
    status, _, body = fetch(server.port, "GET", "/presets/entity?name=" + urllib.parse.quote("zhang yongwu"))
    assert status == 200 and "市政府外办主任".encode() in body
    status, _, body = fetch(server.port, "GET", "/presets/people?limit=x")
    assert status == 400 and b"whole number" in body


def test_two_hundred_requests_from_twenty_clients(server):
    queries = [
        f"SELECT ?p WHERE {{ ?p a schema:Person ; rdfs:label ?l FILTER(STRLEN(?l) > {i % 7}) }} LIMIT {1 + i % 10}"
        for i in range(200)
    ]
    latencies: list[float] = []
    statuses: list[int] = []
    lock = threading.Lock()

    def client(mine: list[str]) -> None:
        for query in mine:
            started = time.perf_counter()
            status = sparql(server.port, query)[0]
            with lock:
                latencies.append(time.perf_counter() - started)
                statuses.append(status)

    threads = [threading.Thread(target=client, args=(queries[i::20],)) for i in range(20)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    p50, p95 = statistics.quantiles(latencies, n=100)[49], statistics.quantiles(latencies, n=100)[94]
    print(
        f"\n200 requests, 20 clients: p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
        f"max {max(latencies) * 1000:.0f} ms, {len(latencies) / wall:.0f} requests/s"
    )
    assert statuses == [200] * 200
    assert p95 < 0.2


def test_a_crashed_backend_is_restarted(server):
    (child,) = oxigraph_children(server.process.pid)
    os.kill(child, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not oxigraph_children(server.process.pid):
        time.sleep(0.1)
    status, _, body = sparql(server.port, "ASK { ?s ?p ?o }")
    assert status == 200, body
    assert oxigraph_children(server.process.pid) != [child]


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_serve_and_its_oxigraph(seed_run, signal_number):
    started = start_serve(seed_run.files["graph.ttl"].parent)
    (child,) = oxigraph_children(started.process.pid)
    started.process.send_signal(signal_number)
    assert started.process.wait(timeout=10) == 0
    time.sleep(0.3)
    assert not _alive(child)


def test_sigkill_of_serve_takes_oxigraph_along(seed_run):
    started = start_serve(seed_run.files["graph.ttl"].parent)
    (child,) = oxigraph_children(started.process.pid)
    started.process.kill()
    started.process.wait(timeout=10)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and _alive(child):
        time.sleep(0.1)
    assert not _alive(child)


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"
