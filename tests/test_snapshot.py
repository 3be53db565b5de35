"""Output snapshots: a change that moves a single byte of ``graph.ttl`` must be meant.

A restructuring (new stages, new folders, batching, a new cache format) keeps these equal. A change of
behaviour updates them on purpose, and its diff shows what moved:

    BIKG_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/test_snapshot.py

The test articles' graph is kept whole (a failure prints the first lines that differ); the larger graphs
of the project's ``data/`` (what ``make run`` reads) and of a generated 300-article corpus by SHA-256.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import sys
from pathlib import Path

import pytest

import pipeline
from pipeline.batch.runner import RunResult

SNAPSHOTS = Path(__file__).parent / "snapshots"
PROJECT_DATA = Path(__file__).parent.parent / "data"
UPDATE = os.environ.get("BIKG_UPDATE_SNAPSHOTS") == "1"

pytestmark = pytest.mark.model


def _digests() -> dict[str, str]:
    path = SNAPSHOTS / "graphs.sha256.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _check_digest(name: str, graph: Path) -> None:
    digest = hashlib.sha256(graph.read_bytes()).hexdigest()
    if UPDATE:
        digests = {**_digests(), name: digest}
        SNAPSHOTS.mkdir(exist_ok=True)
        text = json.dumps(digests, indent=2, sort_keys=True) + "\n"
        (SNAPSHOTS / "graphs.sha256.json").write_text(text, encoding="utf-8")
        return
    assert _digests().get(name) == digest, (
        f"graph.ttl of {name} changed; if the change is meant, rerun with BIKG_UPDATE_SNAPSHOTS=1"
    )


def test_graph_of_the_test_articles_is_unchanged(corpus_run: RunResult) -> None:
    produced = corpus_run.files["graph.ttl"].read_text(encoding="utf-8")
    snapshot = SNAPSHOTS / "test-articles.ttl"
    if UPDATE:
        SNAPSHOTS.mkdir(exist_ok=True)
        snapshot.write_text(produced, encoding="utf-8")
        return
    expected = snapshot.read_text(encoding="utf-8")
    if produced != expected:
        diff = difflib.unified_diff(expected.splitlines(), produced.splitlines(), "snapshot", "produced", lineterm="")
        pytest.fail("graph.ttl of tests/data/articles changed:\n" + "\n".join(list(diff)[:60]))


def test_graph_of_the_project_data_is_unchanged(tmp_path: Path) -> None:
    result = pipeline.run([str(PROJECT_DATA)], tmp_path / "out", use_store=False, workers=1)
    assert result.reports and all(report.status == "ok" for report in result.reports)
    _check_digest("data", result.files["graph.ttl"])


def test_graph_of_a_generated_corpus_is_unchanged(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from corpus import write_corpus

    write_corpus(tmp_path / "corpus", 300, seed=7)
    result = pipeline.run([str(tmp_path / "corpus")], tmp_path / "out", use_store=False, workers=1)
    assert len(result.reports) == 300
    _check_digest("generated-300-seed-7", result.files["graph.ttl"])
