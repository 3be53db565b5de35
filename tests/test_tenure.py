"""Who held which post when: tenure on resolved memberships, successions, the post-holders and career presets."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import pipeline
from pipeline.access.query import open_data, run_preset
from pipeline.cli import main
from tests.conftest import select

pytestmark = pytest.mark.model

STREAM = [
    ("2021-03-10", "3月8日,市政府外办主任张三会见了泰国驻成都总领事陈建中一行。市政府外办副主任赵六参加会见。"),
    ("2021-09-12", "9月9日,市政府外办主任张三出席重庆国际友城合作交流会并致辞。"),
    ("2022-04-02", "经市政府研究决定,于2022年3月28日任命李四为市政府外办主任,免去张三的市政府外办主任职务。"),
    ("2022-05-20", "5月18日,成都市政府外办主任张三会见了日本驻重庆总领事。"),
    ("2022-10-11", "10月9日,市政府外办主任李四会见了英国驻重庆总领事一行。市政府外办副主任赵六参加会见。"),
    ("2023-06-02", "5月31日,市政府外办主任王五会见了美国驻成都总领事一行。市政府外办副主任钱七参加会见。"),
    ("2023-09-05", "9月1日,市政府外办主任王五主持召开全办干部大会。"),
]


@pytest.fixture(scope="module")
def tenure_run(tmp_path_factory):
    directory = tmp_path_factory.mktemp("tenure")
    records = [
        {"id": f"tenure-{i}", "date": date, "source": "重庆与世界", "zh": text} for i, (date, text) in enumerate(STREAM)
    ]
    path = directory / "stream.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return pipeline.run([str(path)], directory / "out", workers=1)


def holders(out, on: str) -> set[str]:
    with open_data(out) as store:
        rows = run_preset(store, "post-holders", {"body": "市政府外办", "post": "主任", "on": on}).values()
    return {row[0] for row in rows}


@pytest.mark.parametrize(
    ("on", "expected"),
    [("2021-06-01", {"张三"}), ("2022-01-15", {"张三"}), ("2022-07-01", {"李四"}), ("2023-08-01", {"王五"})],
)
def test_post_holders_on_a_date(tenure_run, on, expected):
    assert holders(tenure_run.files["store"].parent, on) == expected


def test_stated_dates_and_attestation_bounds(tenure_run):
    graph = pipeline_graph(tenure_run)
    rows = select(
        graph,
        """SELECT ?name ?start ?end ?first ?last WHERE {
             ?m org:member/rdfs:label ?name ; org:role/rdfs:label "主任"@zh ;
                org:organization/rdfs:label "市政府外办"@zh .
             FILTER(lang(?name) = "zh")
             OPTIONAL { ?m schema:startDate ?start } OPTIONAL { ?m schema:endDate ?end }
             OPTIONAL { ?m bikg:firstAttested ?first } OPTIONAL { ?m bikg:lastAttested ?last } }""",
    )
    found = {row[0]: row[1:] for row in rows}
    assert found["李四"][0] == "2022-03-28"
    assert found["张三"][1] == "2022-03-28"
    assert found["张三"][2:] == ("2021-03-10", "2022-04-02")
    assert found["王五"][2:] == ("2023-06-02", "2023-09-05")


def test_successions_only_where_safe(tenure_run):
    rows = select(
        pipeline_graph(tenure_run),
        """SELECT ?later ?earlier WHERE {
             ?a bikg:succeeded ?b . ?a org:member/rdfs:label ?later . ?b org:member/rdfs:label ?earlier
             FILTER(lang(?later) = "zh" && lang(?earlier) = "zh") }""",
    )
    assert set(rows) == {("李四", "张三"), ("王五", "李四")}


def test_namesake_in_another_body_stays_apart_and_career_is_ordered(tenure_run):
    out = tenure_run.files["store"].parent
    with open_data(out) as store:
        career = list(run_preset(store, "career", {"name": "张三"}).values())
    bodies = [row[2] for row in career]
    assert "市政府外办" in bodies
    froms = [row[4] for row in career if row[4]]
    assert froms == sorted(froms)
    graph = pipeline_graph(tenure_run)
    people = select(graph, 'SELECT DISTINCT ?p WHERE { ?p a schema:Person ; rdfs:label "张三"@zh }')
    assert len(people) == 2


def pipeline_graph(run):
    from rdflib import Graph

    return Graph().parse(run.files["graph.ttl"], format="turtle")


def test_timeline_page_offline_in_date_order(tenure_run, tmp_path):
    from tests.test_viz import ARTIFACTS, browser_context, open_offline

    out = tenure_run.files["store"].parent
    html = tmp_path / "timeline.html"
    result = CliRunner().invoke(main, ["viz", "--data", str(out), "--timeline", "--out", str(html)])
    assert result.exit_code == 0, result.output
    focused = tmp_path / "zhang.html"
    focus = ["viz", "--data", str(out), "--timeline", "--focus", "王五", "--out", str(focused)]
    assert CliRunner().invoke(main, focus).exit_code == 0
    with browser_context() as browser:
        page, requests = open_offline(browser, html)
        assert requests == [html.resolve().as_uri()]
        starts = page.eval_on_selector_all('.row[data-person="张三"] .bar', "bars => bars.map(b => b.dataset.from)")
        assert starts == sorted(starts) and starts
        lefts = page.eval_on_selector_all(".row .bar", "bars => bars.map(b => parseFloat(b.style.left))")
        assert len(lefts) >= 3
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "timeline.png"), full_page=True)
        page, _ = open_offline(browser, focused)
        assert page.eval_on_selector_all(".row", "rows => rows.map(r => r.dataset.person)") == ["王五"]
    unknown = CliRunner().invoke(main, ["viz", "--data", str(out), "--timeline", "--focus", "无名氏"])
    assert unknown.exit_code == 1 and "no person named" in unknown.output
