"""bikg eval: gold files are checked, and scores count what they should."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph

import pipeline
from pipeline.evaluation.gold import GoldError, evaluate, load_gold, load_gold_file, write_inputs
from pipeline.vocab import DEFAULT_BASE_IRI

pytestmark = pytest.mark.model


GOLD = Path(__file__).parent.parent / "data" / "gold"


def write(tmp_path: Path, data: object, name: str = "g.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False) if not isinstance(data, str) else data, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("{not json", r"g\.json: invalid JSON at line 1"),
        ({"article": {"id": "a"}, "entities": []}, r"g\.json: missing field 'split'"),
        ({"split": "test", "article": {"id": "a"}, "entities": []}, r"field 'split' must be one of dev, heldout"),
        (
            {"split": "dev", "article": {"id": "a"}, "entities": [{"id": "x", "type": "ALIEN", "zh": "某"}]},
            r"entities\[0\]\.'type' is 'ALIEN'",
        ),
        (
            {"split": "dev", "article": {"id": "a"}, "entities": [{"id": "x", "type": "PERSON"}]},
            r"entities\[0\]\. needs a 'zh' or an 'en' name",
        ),
        (
            {
                "split": "dev",
                "article": {"id": "a"},
                "entities": [],
                "memberships": [{"person": "p", "role": "主任", "organization": "o"}],
            },
            r"memberships\[0\]\.person refers to unknown entity 'p'",
        ),
        ({"split": "dev", "page": "missing.txt", "entities": []}, r"field 'page' names a missing file"),
    ],
)
def test_bad_gold_files_name_the_file_and_field(tmp_path, data, message):
    with pytest.raises(GoldError, match=message):
        load_gold_file(write(tmp_path, data))


def test_gold_corpus_is_valid_and_split():
    gold = load_gold(GOLD)
    assert len(gold) >= 20
    heldout = [g for g in gold if g.split == "heldout"]
    assert len(heldout) >= len(gold) // 3
    assert {g.id for g in load_gold(GOLD, "heldout")} == {g.id for g in heldout}


def test_scores_on_the_seed_gold(tmp_path):
    gold = [g for g in load_gold(GOLD) if g.id == "000_08a97c52deef5f3b"]
    result = pipeline.run(write_inputs(gold, tmp_path / "in"), tmp_path / "out", use_store=False)
    report = evaluate(gold, Graph().parse(result.files["graph.ttl"]), DEFAULT_BASE_IRI)
    assert report.scores["memberships"].f1 == 1.0
    assert report.scores["events"].tp == 5 and report.scores["events"].fn == 0
    assert report.scores["entities/zh/PERSON"].f1 == 1.0


def test_a_wrong_prediction_is_counted(tmp_path):
    source = GOLD / "000_seed.json"
    data = json.loads(source.read_text(encoding="utf-8"))
    data["page"] = str((GOLD / data["page"]).resolve())
    data["memberships"].append({"person": "xjp", "role": "主任", "organization": "fao"})
    gold = [load_gold_file(write(tmp_path, data))]
    result = pipeline.run([str(gold[0].source)], tmp_path / "out", use_store=False)
    report = evaluate(gold, Graph().parse(result.files["graph.ttl"]), DEFAULT_BASE_IRI)
    assert report.scores["memberships"].fn == 1
    assert any("习近平, 主任" in miss for miss in report.scores["memberships"].misses)


def test_gold_names_are_read_in_the_width_the_pipeline_reads_text_in(tmp_path):
    entity = {"id": "m", "type": "ORG", "zh": "蒙草生态环境（集团）股份有限公司", "aliases": ["蒙草（集团）"]}
    gold = load_gold_file(write(tmp_path, {"split": "dev", "article": {"id": "a"}, "entities": [entity]}))
    assert gold.entities["m"].names["zh"] == {"蒙草生态环境(集团)股份有限公司", "蒙草(集团)"}


def test_a_gold_post_is_named_by_the_lexicon_s_label_of_it(tmp_path):
    entities = [{"id": "p", "type": "PERSON", "zh": "杨森"}, {"id": "o", "type": "ORG", "zh": "美国驻武汉总领事馆"}]
    memberships = [
        {"person": "p", "role": "代理总领事", "organization": "o"},
        {"person": "p", "role": "荣誉顾问", "organization": "o"},
    ]
    data = {"split": "dev", "article": {"id": "a"}, "entities": entities, "memberships": memberships}
    gold = load_gold_file(write(tmp_path, data))
    assert {role for _, role, _ in gold.memberships} == {"代总领事", "荣誉顾问"}


def test_a_report_lists_no_more_examples_than_asked():
    from pipeline.evaluation.gold import Report

    report = Report()
    report.scores["memberships"].fn = 3
    report.scores["memberships"].misses += ["a: (x, 主任, y)", "b: (x, 主任, z)", "c: (w, 主任, y)"]
    scores_only = report.to_dict(0)["memberships"]
    assert scores_only["misses"] == [] and scores_only["false_positives"] == []
    assert scores_only["recall"] == 0.0 and scores_only["fn"] == 3
    assert report.to_dict(2)["memberships"]["misses"] == ["a: (x, 主任, y)", "b: (x, 主任, z)"]
    assert len(report.to_dict()["memberships"]["misses"]) == 3
