"""Batch runs: incremental reruns, pruning, parallel and Dask workers, crash safety, bad inputs."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import pipeline
from tests.conftest import ARTICLES

pytestmark = [pytest.mark.slow, pytest.mark.model]


def copy_articles(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for path in ARTICLES.iterdir():
        if path.is_file():
            shutil.copy(path, target / path.name)
    return target


@pytest.fixture(scope="module")
def serial_ttl(tmp_path_factory) -> bytes:
    out = tmp_path_factory.mktemp("serial")
    return pipeline.run([str(ARTICLES)], out).files["graph.ttl"].read_bytes()


def statuses(result) -> dict[str, str]:
    return {r.id: r.status for r in result.reports}


def test_rerun_skips_unchanged_and_redoes_changed(tmp_path):
    inputs = copy_articles(tmp_path / "in")
    out = tmp_path / "out"
    first = pipeline.run([str(inputs)], out)
    assert not first.up_to_date and set(statuses(first).values()) == {"ok"}
    before = (out / "graph.ttl").stat().st_mtime_ns
    again = pipeline.run([str(inputs)], out)
    assert again.up_to_date and set(statuses(again).values()) == {"unchanged"}
    assert (out / "graph.ttl").stat().st_mtime_ns == before
    page = inputs / "103_chengdu_study.txt"
    page.write_text(
        page.read_text(encoding="utf-8").replace("王军", "赵明").replace("Wang Jun", "Zhao Ming"), encoding="utf-8"
    )
    changed = pipeline.run([str(inputs)], out)
    assert statuses(changed)["103_chengdu_study"] == "ok"
    assert list(statuses(changed).values()).count("unchanged") == len(statuses(changed)) - 1
    text = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "赵明" in text and "王军" not in text


def test_output_rebuilt_from_the_cache_is_the_fresh_output(tmp_path, serial_ttl):
    out = tmp_path / "out"
    pipeline.run([str(ARTICLES)], out)
    (out / "graph.ttl").unlink()
    rebuilt = pipeline.run([str(ARTICLES)], out)
    assert not rebuilt.up_to_date and set(statuses(rebuilt).values()) == {"unchanged"}
    assert (out / "graph.ttl").read_bytes() == serial_ttl


def test_prune_drops_articles_that_disappeared(tmp_path):
    inputs = copy_articles(tmp_path / "in")
    out = tmp_path / "out"
    pipeline.run([str(inputs)], out)
    (inputs / "102_reception.txt").unlink()
    kept = pipeline.run([str(inputs)], out)
    assert "张伟" in (out / "graph.ttl").read_text(encoding="utf-8") and kept.up_to_date
    pruned = pipeline.run([str(inputs)], out, prune=True)
    assert pruned.pruned == ["102_reception"]
    assert "张伟" not in (out / "graph.ttl").read_text(encoding="utf-8")
    from pipeline.access.store import open_store

    with open_store(out / "store", read_only=True) as store:
        assert not bool(store.query('ASK { GRAPH ?g { ?p <http://www.w3.org/2000/01/rdf-schema#label> "张伟"@zh } }'))


def test_a_configuration_change_redoes_everything(tmp_path):
    out = tmp_path / "out"
    pipeline.run([str(ARTICLES)], out)
    other = pipeline.run([str(ARTICLES)], out, base_iri="https://example.org/kg/")
    assert set(statuses(other).values()) == {"ok"}
    assert "https://example.org/kg/" in (out / "graph.ttl").read_text(encoding="utf-8")


def test_two_workers_give_the_serial_output(tmp_path, serial_ttl):
    result = pipeline.run([str(ARTICLES)], tmp_path / "out", workers=2)
    assert result.files["graph.ttl"].read_bytes() == serial_ttl


def test_dask_cluster_gives_the_serial_output(tmp_path, serial_ttl):
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        result = pipeline.run([str(ARTICLES)], tmp_path / "out", executor="dask", scheduler=cluster.scheduler_address)
    assert result.files["graph.ttl"].read_bytes() == serial_ttl


def test_jsonl_from_stdin(tmp_path):
    records = (ARTICLES / "104_records.jsonl").read_text(encoding="utf-8")
    out = tmp_path / "out"
    process = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline.cli",
            "run",
            "-",
            "--out",
            str(out),
            "--workers",
            "1",
            "--log-json",
            str(tmp_path / "log.jsonl"),
        ],
        input=records,
        text=True,
        capture_output=True,
        check=False,
    )
    assert process.returncode == 0, process.stderr
    lines = [json.loads(line) for line in (tmp_path / "log.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [line["path"] for line in lines if line["event"] == "article"] == ["<stdin>:1", "<stdin>:2", "<stdin>:3"]
    assert lines[-1]["event"] == "summary" and lines[-1]["ok"] == 3


def test_bad_inputs_in_a_batch(tmp_path):
    batch = copy_articles(tmp_path / "in")
    (batch / "empty.txt").write_bytes(b"")
    (batch / "binary.txt").write_bytes(os.urandom(4096))
    good = (ARTICLES / "104_records.jsonl").read_bytes()
    (batch / "truncated.jsonl.gz").write_bytes(gzip.compress(good)[:-30])
    (batch / "mixed.jsonl").write_text(
        '{"id": "m1", "en": "On July 8, Li Ming met Wang Jun."}\n[1, 2\n{"zh": 5}\n', encoding="utf-8"
    )
    (batch / "huge.txt").write_text("重庆" * 8_500_000, encoding="utf-8")  # a 50 MB single line
    out = tmp_path / "out"
    process = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "run", str(batch), "--out", str(out), "--workers", "1", "-q"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert process.returncode == 1
    report = {a["path"].rsplit("/", 1)[-1]: a for a in json.loads((out / "report.json").read_text())["articles"]}
    for name in ("empty.txt", "binary.txt", "huge.txt", "mixed.jsonl:2", "mixed.jsonl:3"):
        assert report[name]["status"] == "error", name
    assert "characters" in report["huge.txt"]["reason"]
    assert any(k.startswith("truncated.jsonl.gz:") and v["status"] == "error" for k, v in report.items())
    assert report["mixed.jsonl:1"]["status"] == "ok"
    ok = [a for a in report.values() if a["status"] == "ok"]
    assert len(ok) == len([p for p in ARTICLES.iterdir() if p.suffix == ".txt"]) + 3 + 1
    assert "章勇武" in (out / "graph.ttl").read_text(encoding="utf-8")


KILLED_RUN = """
import os, signal, sys
from dataclasses import replace

import pipeline
from pipeline.stages import STAGES

corpus, out, fatal = sys.argv[1], sys.argv[2], int(sys.argv[3])
events = STAGES["events"]
seen = []


def events_then_killed(extraction, context):
    seen.append(extraction.article.id)
    if len(seen) == fatal:
        os.kill(os.getpid(), signal.SIGKILL)
    return events.function(extraction, context)


STAGES["events"] = replace(events, function=events_then_killed)
pipeline.run([corpus], out, use_store=False, workers=1)
"""


def test_killed_run_resumes_to_the_same_output(tmp_path):
    """A run killed (SIGKILL, no clean-up) at its 25th article keeps what it finished; the rerun redoes only
    the rest and writes the same graph as an uninterrupted run."""
    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from corpus import write_corpus

    corpus = tmp_path / "corpus"
    write_corpus(corpus, 40, seed=3)
    reference = pipeline.run([str(corpus)], tmp_path / "reference", use_store=False)
    out = tmp_path / "out"
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_RUN, str(corpus), str(out), "25"], capture_output=True, timeout=300
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()
    cached = len(list((out / "cache").glob("*.json")))
    assert 0 < cached < 25
    saved = len(json.loads((out / "manifest.json").read_text(encoding="utf-8"))["articles"])
    resumed = pipeline.run([str(corpus)], out, use_store=False)
    assert 0 < saved <= list(statuses(resumed).values()).count("unchanged") < 25
    assert (out / "graph.ttl").read_bytes() == reference.files["graph.ttl"].read_bytes()


def test_models_run_ahead_in_a_second_thread_give_the_same_extractions():
    from pipeline.batch.executors import RunConfig, run_serial
    from pipeline.ingest.read import read_inputs
    from pipeline.stages import DEFAULT_ORDER

    pages = Path(__file__).resolve().parent.parent / "data" / "gold" / "pages"
    articles = [a for a in read_inputs([str(pages)]) if not isinstance(a, Exception)]
    assert len(articles) > 32  # three chunks: the next one's models start while one is processed

    def facts(run_ahead: bool) -> list[tuple]:
        config = RunConfig(tuple(DEFAULT_ORDER), run_ahead=run_ahead)
        return [
            (
                article.id,
                [(e.id, e.type, sorted(e.labels.items())) for e in outcome.extraction.entities],
                [(m.person, m.role, m.organization, m.start, m.end) for m in outcome.extraction.memberships],
                [(v.kind, v.date, [(p.prop, p.entity) for p in v.participants]) for v in outcome.extraction.events],
            )
            for article, outcome in run_serial(iter(articles), config)
        ]

    assert facts(run_ahead=True) == facts(run_ahead=False)
