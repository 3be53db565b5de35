"""The shape of the package: no import cycle, short functions, one stage order, a cache that cannot lie."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

import pipeline
from pipeline.batch import manifest as manifest_module
from pipeline.batch.cache import decode, dumps, loads
from pipeline.errors import CacheError, PipelineConfigError
from pipeline.ingest.read import parse_record
from pipeline.model import Extraction, plain
from pipeline.stages import DEFAULT_ORDER, STAGES, check_order, stage

PACKAGE = Path(pipeline.__file__).parent
RECORD = {
    "id": "arch-1",
    "date": "2021-05-06",
    "zh": "5月6日，市政府外办主任章勇武会见了泰国驻成都总领事。",
    "en": "On May 6, Zhang Yongwu, director-general of FAOCMG, met with the Consul General of Thailand in Chengdu.",
}


def _imports(path: Path) -> set[str]:
    """Every pipeline module ``path`` imports, at module level or inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pipeline"):
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("pipeline"))
    return found


def _module_graph() -> dict[str, set[str]]:
    modules = {
        ".".join(("pipeline", *p.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(".__init__"): p
        for p in PACKAGE.rglob("*.py")
    }
    # a package's __init__ re-exporting its API is not a design cycle: edges go to modules, not packages
    packages = {m for m, p in modules.items() if p.name == "__init__.py"}
    return {m: {i for i in _imports(p) if i in modules and i not in packages and i != m} for m, p in modules.items()}


def test_no_import_cycle():
    graph = _module_graph()
    state: dict[str, int] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                cycle = [*path[path.index(target) :], target] if target in path else [module, target]
                pytest.fail("import cycle: " + " → ".join(cycle))
            if target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])


def test_no_function_over_60_lines():
    long = [
        f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for path in PACKAGE.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno - node.lineno + 1 > 60
    ]
    assert not long, "functions over 60 lines:\n" + "\n".join(long)


def test_stage_order_is_written_once():
    """Only pipeline/stages/__init__.py spells out the order; every stage of it is registered."""
    spelled = [
        p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*.py")
        if all(f'"{name}"' in p.read_text(encoding="utf-8") for name in ("nlp_zh", "roles", "resolve", "networkx"))
    ]
    assert spelled == ["stages/__init__.py"]
    assert set(DEFAULT_ORDER) <= set(STAGES)
    plan = check_order(DEFAULT_ORDER)
    assert plan.source.name == "ingest" and plan.corpus[-1].name == "write"


def test_order_errors_name_the_problem():
    with pytest.raises(PipelineConfigError, match="one stage reads the inputs"):
        check_order(("ingest", "ingest"))
    with pytest.raises(PipelineConfigError, match="empty"):
        check_order(())


def test_cache_round_trip_keeps_the_typed_model():
    article = parse_record(RECORD, source="t")
    extraction = Extraction(article=article)
    assert loads(dumps(extraction)) == extraction
    assert plain(decode(Extraction, plain(extraction))) == plain(extraction)


@pytest.mark.parametrize(
    "payload",
    [b"", b"\x80\x81 not json", b"null", b"[]", b'{"format": 0, "extraction": {}}', b'{"format": 1, "extraction": {}}'],
)
def test_cache_refuses_damaged_or_foreign_entries(payload):
    with pytest.raises(CacheError):
        loads(payload)


def test_fingerprint_covers_code_and_options(monkeypatch):
    before = manifest_module.fingerprint({"a": 1})
    assert manifest_module.fingerprint({"a": 2}) != before
    monkeypatch.setattr(manifest_module, "code_hash", lambda: "edited")
    assert manifest_module.fingerprint({"a": 1}) != before


@pytest.mark.model
def test_edited_code_or_damaged_cache_redoes_articles(tmp_path, monkeypatch, caplog):
    inputs = tmp_path / "in.jsonl"
    inputs.write_text(json.dumps(RECORD, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    reference = pipeline.run([str(inputs)], out, use_store=False).files["graph.ttl"].read_bytes()
    assert [r.status for r in pipeline.run([str(inputs)], out, use_store=False).reports] == ["unchanged"]
    for entry in (out / "cache").glob("*.json"):
        entry.write_bytes(entry.read_bytes()[:40])
    again = pipeline.run([str(inputs)], out, use_store=False)
    assert [r.status for r in again.reports] == ["ok"]
    assert "damaged" in caplog.text
    (out / "manifest.json").write_text("null", encoding="utf-8")
    assert [r.status for r in pipeline.run([str(inputs)], out, use_store=False).reports] == ["ok"]
    monkeypatch.setattr(manifest_module, "code_hash", lambda: "an edited extractor")
    assert [r.status for r in pipeline.run([str(inputs)], out, use_store=False).reports] == ["ok"]
    assert [r.status for r in pipeline.run([str(inputs)], out, use_store=False, fresh=True).reports] == ["ok"]
    assert (out / "graph.ttl").read_bytes() == reference


@pytest.mark.model
def test_a_user_stage_added_to_the_order_runs(tmp_path):
    seen: list[str] = []

    @stage("count_persons", requires=("entities",), provides=("person_count",))
    def count_persons(extraction: Extraction, context: object) -> None:
        seen.append(extraction.article.id)

    try:
        per_article = DEFAULT_ORDER[: DEFAULT_ORDER.index("align") + 1]
        order = (*per_article, "count_persons", "resolve", "rdf", "networkx", "write")
        result = pipeline.run([_record_file(tmp_path)], tmp_path / "out", stages=order, use_store=False, workers=1)
    finally:
        del STAGES["count_persons"]
    assert seen == ["arch-1"] and result.reports[0].status == "ok"
    assert (tmp_path / "out" / "graph.ttl").is_file() and not (tmp_path / "out" / "store").exists()


def _record_file(directory: Path) -> str:
    path = directory / "in.jsonl"
    path.write_text(json.dumps(RECORD, ensure_ascii=False) + "\n", encoding="utf-8")
    return str(path)


@pytest.mark.model
def test_batching_models_across_articles_changes_no_byte(tmp_path, monkeypatch):
    from pipeline.batch import executors
    from tests.conftest import ARTICLES

    batched = pipeline.run([str(ARTICLES)], tmp_path / "batched", use_store=False, workers=1)
    monkeypatch.setattr(executors, "CHUNK", 1)
    single = pipeline.run([str(ARTICLES)], tmp_path / "single", use_store=False, workers=1)
    assert batched.files["graph.ttl"].read_bytes() == single.files["graph.ttl"].read_bytes()


def test_vocabularies_are_closed():
    from pipeline.vocab import NIF, ORG, SCHEMA, expand

    misspelt = (lambda: SCHEMA.organiser, lambda: NIF.anchor, lambda: ORG.memberOf2, lambda: expand("schema:organiser"))
    for term in misspelt:
        with pytest.raises(AttributeError):
            term()
    assert str(expand("bikg:host")).endswith("#host")


def test_every_error_class_lives_in_errors_with_a_stable_code():
    from pipeline import errors

    defined = [
        f"{path.relative_to(PACKAGE.parent)}:{node.name}"
        for path in PACKAGE.rglob("*.py")
        if path.name != "errors.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef) and any(getattr(b, "id", "") == "BikgError" for b in node.bases)
    ]
    assert not defined, f"error classes outside pipeline/errors.py: {defined}"
    classes = [c for c in vars(errors).values() if isinstance(c, type) and issubclass(c, errors.BikgError)]
    codes = [c.code for c in classes if c is not errors.BikgError]
    assert len(codes) == len(set(codes)) and all(re.fullmatch(r"E\d{3}", c) for c in codes)
    assert str(errors.StoreError("the store is locked")).startswith("[E060] ")
