"""The Python API a newcomer meets: an explicit load, a reusable extractor, facts that refer to entities,
a stream of records, and the store read through rdflib with the union graph."""

from __future__ import annotations

import pytest

import pipeline
from tests.conftest import SEED

pytestmark = pytest.mark.model


RECORDS = [
    {"id": "a", "date": "2020-07-10", "en": "On July 8, Zhang Yongwu presided over a meeting in Chongqing."},
    {"id": "b", "date": "2020-07-11", "en": "Li Ming, deputy director-general, met guests."},
    {"id": "c", "date": "2020-07-12", "en": "Wang Qiang attended the reception."},
]


@pytest.fixture(scope="module")
def extractor() -> pipeline.Extractor:
    return pipeline.load(zh_ner="lac")


def test_load_returns_one_reusable_extractor(extractor):
    assert pipeline.load(zh_ner="lac") is extractor
    result = extractor.extract(SEED.read_text(encoding="utf-8"))
    membership = next(m for m in result.memberships if m.person.labels.get("zh") == "章勇武")
    assert membership.person.labels["en"] == "Zhang Yongwu"
    assert membership.organization.type.name == "ORG" and membership.role_labels["en"]
    assert membership.confidence == membership.membership.confidence
    event = next(e for e in result.events if e.participants)
    assert {p.entity.id for p in event.participants} <= {e.id for e in result.entities}
    assert event.date == event.event.date
    assert pipeline.extract(SEED.read_text(encoding="utf-8"), zh_ner="lac").to_networkx().number_of_nodes()


def test_extract_many_streams_in_input_order(extractor):
    stream = extractor.extract_many(iter(RECORDS))
    first = next(stream)  # lazy: one result without consuming the rest
    assert first.article.id == "a"
    assert [r.article.id for r in stream] == ["b", "c"]


@pytest.mark.slow
def test_extract_many_in_workers_keeps_the_order(extractor):
    results = list(extractor.extract_many(RECORDS * 2, workers=2))
    assert [r.article.id for r in results] == ["a", "b", "c"] * 2


def test_rdflib_reads_the_store_with_the_union_graph(tmp_path):
    import rdflib

    pipeline.run([str(SEED)], tmp_path / "out", zh_ner="lac")
    graph = rdflib.Dataset(store="Oxigraph", default_union=True)
    graph.open(str(tmp_path / "out" / "store"), create=False)
    try:
        rows = list(graph.query('SELECT ?s WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> "章勇武"@zh }'))
    finally:
        graph.close()
    assert len(rows) == 1


def test_a_script_without_a_main_guard_is_told_why_its_workers_died(tmp_path):
    """Workers are spawned and import the script again: without the guard they die, and the failure says why."""
    import json
    import subprocess
    import sys

    script = tmp_path / "no_guard.py"
    script.write_text(
        f"import pipeline\npipeline.run([{str(SEED)!r}], {str(tmp_path / 'out')!r}, workers=2, use_store=False)\n",
        encoding="utf-8",
    )
    subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=False, timeout=600)
    (article,) = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))["articles"]
    assert article["status"] == "error"
    assert "BrokenProcessPool" in article["reason"] and 'if __name__ == "__main__":' in article["reason"]
