"""``bikg push``: upload a run's graphs to any triple store through the SPARQL 1.1 Graph Store Protocol.

Each article's named graph is PUT to ``ENDPOINT?graph=IRI`` (replacing what the store had under that
name), or every triple to one graph with ``graph``. Transient failures (connection errors, 408, 429,
5xx) are retried with exponential back-off; other refusals stop with the server's message.
"""

from __future__ import annotations

import base64
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from pipeline.errors import PushError, PushUsageError

TRANSIENT = {408, 425, 429, 500, 502, 503, 504}


@dataclass(frozen=True, slots=True)
class Pushed:
    """One graph uploaded: its name, triple count, HTTP status and the attempts it took."""

    graph: str
    triples: int
    status: int
    attempts: int


def load_graphs(data: Path) -> list[tuple[str, Graph]]:
    """The named graphs of a run (``DIR/graph.trig``) or of an RDF file, by name."""
    source = data / "graph.trig" if data.is_dir() else data
    if not source.is_file():
        raise PushError(f"no graphs at {data}: give a `bikg run` output directory or an RDF file")
    dataset = Dataset()
    try:
        dataset.parse(source)
    except Exception as error:
        raise PushError(f"cannot parse {source}: {error}") from error
    return sorted(
        ((str(g.identifier), g) for g in dataset.graphs() if isinstance(g.identifier, URIRef) and len(g)),
        key=lambda pair: pair[0],
    )


def redact(url: str) -> str:
    """``url`` with any user and password written in it replaced by ``***``."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return url if "@" not in url else "(an unparsable URL)"
    if parts.username is None and parts.password is None:
        return url
    return urllib.parse.urlunsplit(parts._replace(netloc="***@" + parts.netloc.rpartition("@")[2]))


def check_endpoint(endpoint: str) -> tuple[str, str | None]:
    """The endpoint URL without credentials, and ``USER:PASSWORD`` when the URL carried them.

    Refuses (:class:`PushUsageError`) anything but an http(s) URL with a host and a valid port."""
    shown = redact(endpoint)
    try:
        parts = urllib.parse.urlsplit(endpoint.strip())
        port = parts.port
    except ValueError as error:
        raise PushUsageError(f"--endpoint {shown}: not a valid URL ({error})") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise PushUsageError(
            f"--endpoint {shown or '(empty)'}: give an http:// or https:// URL with a host, "
            "e.g. http://localhost:7878/store (Oxigraph) or http://localhost:3030/ds/data (Fuseki)"
        )
    auth = None
    if parts.username is not None:
        auth = urllib.parse.unquote(parts.username) + ":" + urllib.parse.unquote(parts.password or "")
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    netloc = host + (f":{port}" if port is not None else "")
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc)), auth


def _authorization(auth: str | None) -> dict[str, str]:
    if not auth:
        return {}
    if auth.lower().startswith("bearer "):
        return {"Authorization": auth}
    if ":" not in auth:
        raise PushError("--auth takes USER:PASSWORD or 'Bearer TOKEN'")
    return {"Authorization": "Basic " + base64.b64encode(auth.encode("utf-8")).decode("ascii")}


def put_graph(
    endpoint: str,
    name: str,
    body: bytes,
    *,
    auth: str | None = None,
    retries: int = 4,
    backoff: float = 0.5,
    sleep: Callable[[float], None] = time.sleep,
) -> tuple[int, int]:
    """PUT ``body`` (N-Triples) as graph ``name``; return (HTTP status, attempts)."""
    separator = "&" if "?" in endpoint else "?"
    url = f"{endpoint}{separator}graph={urllib.parse.quote(name, safe='')}"
    headers = {"Content-Type": "application/n-triples", **_authorization(auth)}
    for attempt in range(1, retries + 2):
        request = urllib.request.Request(url, data=body, headers=headers, method="PUT")
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, attempt
        except urllib.error.HTTPError as error:
            message = error.read().decode("utf-8", "replace").strip()
            if error.code not in TRANSIENT or attempt > retries:
                raise PushError(
                    f"{redact(endpoint)} refused graph {name}: HTTP {error.code} {message[:300]}"
                ) from error
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            if attempt > retries:
                raise PushError(f"cannot reach {redact(endpoint)} after {attempt} attempts: {error}") from error
        sleep(backoff * 2 ** (attempt - 1))
    raise AssertionError("unreachable")


def push(
    data: Path,
    endpoint: str,
    *,
    graph: str | None = None,
    auth: str | None = None,
    retries: int = 4,
    backoff: float = 0.5,
) -> list[Pushed]:
    """Upload every graph of ``data`` to ``endpoint`` (a Graph Store Protocol URL)."""
    if retries < 0:
        raise PushUsageError(f"--retries takes 0 or more, not {retries}")
    endpoint, url_auth = check_endpoint(endpoint)
    auth = auth or url_auth
    graphs = load_graphs(data)
    if graph is not None:
        union = Graph()
        for _, part in graphs:
            union += part
        graphs = [(graph, union)]
    pushed = []
    for name, part in graphs:
        body = part.serialize(format="nt", encoding="utf-8")
        status, attempts = put_graph(endpoint, name, body, auth=auth, retries=retries, backoff=backoff)
        pushed.append(Pushed(name, len(part), status, attempts))
    return pushed
