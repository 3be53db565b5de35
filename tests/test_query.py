"""Querying a run: the embedded store, presets, `bikg query`, the endpoint, push and validate."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from pipeline.access.push import PushError, push, put_graph
from pipeline.access.query import open_data, presets, run_preset, run_query
from pipeline.access.serve import free_port, oxigraph_binary
from pipeline.access.store import open_store
from pipeline.errors import QueryError, QueryLimitError, StoreError

pytestmark = pytest.mark.model


@pytest.fixture(scope="session")
def out_dir(corpus_run) -> Path:
    return corpus_run.files["graph.ttl"].parent


def bikg(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True, input=stdin, check=False
    )


def test_run_loads_one_named_graph_per_article(out_dir, corpus_run):
    with open_store(out_dir / "store", read_only=True) as store:
        names = {g.value for g in store.named_graphs()}
    ok = [r for r in corpus_run.reports if r.status == "ok"]
    assert len([n for n in names if "/article/" in n]) == len(ok)
    assert any(n.endswith("graph/resolved") for n in names)


def test_every_preset_has_a_description():
    assert {"people", "events", "entity", "organization", "co-participation", "sources"} <= set(presets())
    assert all(p.description for p in presets().values())


def test_people_preset_rows(out_dir):
    with open_data(out_dir) as store:
        rows = {(r[0], r[1], r[2], r[3], r[4]) for r in run_preset(store, "people").values()}
    assert ("章勇武", "Zhang Yongwu", "主任", "director-general", "市政府外办") in rows
    assert ("章勇武", "Zhang Yongwu", "党组书记", "secretary of the Party Group", "市政府外办党组") in rows
    assert ("习近平", "Xi Jinping", "总书记", "general secretary", "中共中央") in rows
    assert ("王强", "Wang Qiang", "副县长", "deputy county head", "奉节县人民政府") in rows


def test_events_preset_date_range(out_dir):
    with open_data(out_dir) as store:
        rows = run_preset(store, "events", {"from": "2020-09-01", "to": "2020-11-30"}).values()
    assert {r[0] for r in rows} == {"2020-09-15", "2020-11-03"}
    assert ("2020-09-15", "李明调研", "research by Li Ming", "leader", "李明", "Li Ming") in rows
    assert any(r[3] == "guest" and r[4] == "何孟德" for r in rows)


def test_entity_preset_by_english_or_chinese_name(out_dir):
    with open_data(out_dir) as store:
        by_en = run_preset(store, "entity", {"name": "zhang yongwu"}).values()
        by_zh = run_preset(store, "entity", {"name": "章勇武"}).values()
    assert by_en == by_zh
    facts = {r[2] for r in by_en}
    assert {"name", "type", "post", "chair", "speaker", "source"} <= facts
    assert ("post", "市政府外办主任", "director-general, Foreign Affairs Office of Chongqing Municipal Government") in {
        r[2:5] for r in by_en
    }
    assert not any(v and v.startswith("http") for r in by_en for v in r[2:5]), "IRIs instead of labels"


def test_organization_preset_members_and_sub_bodies(out_dir):
    with open_data(out_dir) as store:
        rows = run_preset(store, "organization", {"name": "Foreign Affairs Office of Chengdu Municipal Government"})
    got = {(r[2], r[3], r[5]) for r in rows.values()}
    assert got == {("member", "王军", "主任"), ("sub-organization", "成都市政府外办党组", None)}


def test_co_participation_and_sources(out_dir):
    with open_data(out_dir) as store:
        pairs = run_preset(store, "co-participation").values()
        sources = run_preset(store, "sources", {"name": "Li Ming"}).values()
    assert any({r[3], r[6]} == {"Wang Qiang", "Li Ming"} and {r[4], r[7]} == {"attendee", "leader"} for r in pairs)
    assert {r[2] for r in sources} == {"zh", "en"}
    assert all(r[3] in ("李明", "Li Ming") and r[3] in r[4] and r[1] for r in sources)
    english = [r[4] for r in sources if r[2] == "en"]
    assert all(s[0].isupper() and s.rstrip()[-1] in ".!?" for s in english), english


def test_queries_on_plain_rdf_files(out_dir):
    with open_data(out_dir / "graph.ttl") as store:
        result = run_query(store, "SELECT (COUNT(*) AS ?n) WHERE { ?p a schema:Person }")
    with open_data(out_dir) as store:
        from_store = run_query(store, "SELECT (COUNT(*) AS ?n) WHERE { ?p a schema:Person }")
    assert result.values() == from_store.values() and int(result.values()[0][0]) >= 10


def test_parameters_cannot_change_the_query(out_dir):
    with open_data(out_dir) as store:
        result = run_query(store, "SELECT ?e WHERE { ?e rdfs:label ?name }", {"name": 'x" } } DROP ALL #'})
        assert result.rows == []
        assert run_query(store, "ASK { ?e rdfs:label ?name }", {"name": '"章勇武"@zh'}).boolean is True


def test_malformed_query_reports_position(out_dir):
    with open_data(out_dir) as store, pytest.raises(QueryError, match=r"1:\d+"):
        run_query(store, "SELECT ?x WHERE { ?x a }")


def test_missing_data_and_locked_store(tmp_path, out_dir):
    with pytest.raises(StoreError, match="no data"), open_data(tmp_path / "nothing"):
        pass
    with open_store(tmp_path / "store") as store, pytest.raises(StoreError, match="in use by another process"):
        store.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
        with open_store(tmp_path / "store"):
            pass


@pytest.mark.slow
def test_query_command_formats_and_errors(out_dir):
    csv_out = bikg("query", "--data", str(out_dir), "--preset", "people", "--format", "csv")
    assert csv_out.returncode == 0 and "章勇武,Zhang Yongwu,主任,director-general" in csv_out.stdout
    as_json = bikg(
        "query",
        "--data",
        str(out_dir),
        "-",
        "--format",
        "json",
        stdin='SELECT ?l WHERE { ?p a schema:Person ; rdfs:label ?l FILTER(?l = "章勇武"@zh) }',
    )
    binding = json.loads(as_json.stdout)["results"]["bindings"][0]["l"]
    assert binding == {"type": "literal", "value": "章勇武", "xml:lang": "zh"}
    bad = bikg("query", "--data", str(out_dir), "SELECT ?x WHERE { ?x a }")
    assert bad.returncode == 1 and "malformed SPARQL" in bad.stderr and "1:" in bad.stderr
    listing = bikg("query", "--list-presets")
    assert all(name in listing.stdout for name in presets())


@pytest.mark.slow
def test_validate_command(out_dir, tmp_path):
    assert bikg("validate", str(out_dir)).returncode == 0
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix org: <http://www.w3.org/ns/org#> .\n<urn:m> a org:Membership .\n", encoding="utf-8")
    result = bikg("validate", str(broken))
    assert result.returncode == 1 and "does NOT conform" in result.stdout


@pytest.fixture(scope="module")
def endpoint(out_dir):
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pipeline.cli",
            "serve",
            "--data",
            str(out_dir),
            "--port",
            str(port),
            "--timeout",
            "1",
            "--max-bytes",
            "20000",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/", timeout=1).read()
            break
        except OSError:
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=20)


@pytest.mark.slow
def test_endpoint_answers_sparqlwrapper(endpoint):
    client = SPARQLWrapper(endpoint + "/sparql")
    client.setQuery('SELECT ?p WHERE { ?p a schema:Person ; rdfs:label "Zhang Yongwu"@en }')
    client.setReturnFormat(JSON)
    bindings = client.queryAndConvert()["results"]["bindings"]
    assert len(bindings) == 1


def _failure(client: SPARQLWrapper) -> tuple[int, str]:
    """The HTTP status and message of a query the endpoint refuses."""
    with pytest.raises(urllib.error.HTTPError) as caught:
        client.query()
    return caught.value.code, caught.value.read().decode("utf-8")


@pytest.mark.slow
def test_endpoint_refuses_updates_and_limits(endpoint, out_dir):
    client = SPARQLWrapper(endpoint + "/sparql")
    client.setMethod(POST)
    client.setQuery("DELETE WHERE { ?s ?p ?o }")
    assert _failure(client) == (403, "read-only endpoint: SPARQL updates are refused\n")
    counter = SPARQLWrapper(endpoint + "/sparql")
    counter.setQuery("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    counter.setReturnFormat(JSON)
    with open_data(out_dir) as store:
        expected = run_query(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").values()[0][0]
    assert counter.queryAndConvert()["results"]["bindings"][0]["n"]["value"] == expected
    slow = SPARQLWrapper(endpoint + "/sparql")
    slow.setQuery("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i")
    status, message = _failure(slow)
    assert status == 503 and "time limit of 1 s" in message
    large = SPARQLWrapper(endpoint + "/sparql")
    large.setQuery("SELECT * WHERE { ?s ?p ?o }")
    status, message = _failure(large)
    assert status == 413 and "larger than 20000 bytes" in message


@pytest.mark.slow
def test_query_page_lists_presets(endpoint):
    page = urllib.request.urlopen(endpoint + "/", timeout=5).read().decode("utf-8")
    assert '"name": "people"' in page and "<script>" in page and "http://" not in page.split("<script>")[1]


@pytest.fixture
def oxigraph_server(tmp_path):
    port = free_port()
    process = subprocess.Popen(
        [oxigraph_binary(), "serve", "--location", str(tmp_path / "ext"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.0)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=20)


@pytest.mark.slow
def test_push_to_a_real_oxigraph_server(oxigraph_server, out_dir):
    first = push(out_dir, oxigraph_server + "/store")
    again = push(out_dir, oxigraph_server + "/store")
    assert [p.graph for p in first] == [p.graph for p in again]
    client = SPARQLWrapper(oxigraph_server + "/query")
    client.setQuery("SELECT (COUNT(DISTINCT ?g) AS ?graphs) (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    client.setReturnFormat(JSON)
    row = client.queryAndConvert()["results"]["bindings"][0]
    assert int(row["graphs"]["value"]) == len(first)
    assert int(row["n"]["value"]) == sum(p.triples for p in first)


def test_push_retries_transient_failures(tmp_path):
    answers = [503, 502, 204]
    seen = []

    class Flaky(BaseHTTPRequestHandler):
        def do_PUT(self) -> None:
            seen.append(self.rfile.read(int(self.headers["Content-Length"])))
            self.send_response(answers.pop(0))
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Flaky)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/store"
        status, attempts = put_graph(url, "urn:g", b"<urn:a> <urn:b> <urn:c> .\n", sleep=lambda _: None)
        assert (status, attempts) == (204, 3) and len(seen) == 3
        answers.extend([400])
        with pytest.raises(PushError, match="HTTP 400"):
            put_graph(url, "urn:g", b"", sleep=lambda _: None)
    finally:
        server.shutdown()


def test_list_presets_return_a_page_of_rows(out_dir):
    with open_data(out_dir) as store:
        everything = run_preset(store, "people").values()
        page = run_preset(store, "people", {"limit": "3"}).values()
        assert len(page) == 3 < len(everything)
        assert set(page) <= set(everything)
        with pytest.raises(QueryError, match="whole number"):
            run_preset(store, "people", {"limit": "0"})


def test_parameters_are_checked_and_never_replaced_inside_strings(out_dir):
    with open_data(out_dir) as store:
        with pytest.raises(QueryError, match="not a valid IRI"):
            run_query(store, "ASK { ?e ?p ?o }", {"e": "<not an iri>"})
        with pytest.raises(QueryError, match="not a valid language tag"):
            run_query(store, "ASK { ?e rdfs:label ?name }", {"name": '"章勇武"@zh_CN!'})
        result = run_query(store, 'SELECT ?x WHERE { BIND("?name" AS ?x) } # ?name', {"name": "Li Ming"})
    assert result.values() == [("?name",)]


def test_nested_query_is_refused_not_a_crash(out_dir):
    with open_data(out_dir) as store, pytest.raises(QueryLimitError, match="deep"):
        run_query(store, "SELECT * WHERE " + "{ " * 5000 + "?s ?p ?o" + " }" * 5000)


def test_hints_for_a_slashed_date_and_an_unknown_name(out_dir):
    with open_data(out_dir) as store:
        dated = run_preset(store, "events", {"from": "2020/09/01"})
        unknown = run_preset(store, "entity", {"name": "Li Mig"})
    assert any("2020-09-01" in hint for hint in dated.hints)
    assert unknown.rows == [] and any("Li Ming" in hint for hint in unknown.hints)


@pytest.mark.slow
def test_query_command_hints_and_param_errors(out_dir):
    hinted = bikg("query", "--data", str(out_dir), "--preset", "sources", "--param", "name", "刘")
    assert hinted.returncode == 0 and "hint: no entity is named '刘'" in hinted.stderr
    bad = bikg("query", "--data", str(out_dir), "ASK { ?e ?p ?o }", "--param", "e", "<a b>")
    assert bad.returncode == 1 and "not a valid IRI" in bad.stderr and "Traceback" not in bad.stderr


@pytest.mark.parametrize(
    ("endpoint", "extra", "expected"),
    [
        ("", (), "http:// or https://"),
        ("notaurl", (), "http:// or https://"),
        ("http://[::1", (), "not a valid URL"),
        ("ftp://example.org/store", (), "http:// or https://"),
        ("file:///etc/passwd", (), "http:// or https://"),
        ("http://127.0.0.1:1/store", ("--retries", "-1"), "-1 is not in the range"),
        ("http://bob:s3cret@127.0.0.1:1/store", ("--retries", "0"), "cannot reach http://127.0.0.1:1/store"),
    ],
)
def test_push_misuse_gives_a_message(out_dir, endpoint, extra, expected):
    result = bikg("push", "--endpoint", endpoint, "--data", str(out_dir), *extra)
    assert result.returncode in (1, 2) and expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "s3cret" not in result.stderr + result.stdout
