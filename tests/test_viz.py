"""The views: the offline HTML page in a real browser, static images with Chinese glyphs, exports."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

import pipeline
from pipeline.viz.render import (
    View,
    VizError,
    build_view,
    chromium_launch_options,
    cjk_font,
    filter_view,
    render_html,
    render_image,
)

ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    options = chromium_launch_options()
    if not Path(options["executable_path"]).exists():
        pytest.fail("Chromium is missing: apt-get install chromium (.ci/run does it)")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(**options)
        yield instance
        instance.close()


def open_offline(browser, html: Path):
    """Open ``html`` from a file URL with every other request blocked; return (page, requests seen)."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    requests: list[str] = []

    def route(intercepted):  # type: ignore[no-untyped-def]
        requests.append(intercepted.request.url)
        if intercepted.request.url.startswith("file://"):
            intercepted.continue_()
        else:
            intercepted.abort()

    page.route("**/*", route)
    page.goto(html.resolve().as_uri())
    return page, requests


def test_seed_page_offline_search_and_screenshot(browser, seed_run, tmp_path):
    out = seed_run.files["graph.ttl"].parent
    view = build_view(out)
    html = tmp_path / "graph.html"
    html.write_text(render_html(view), encoding="utf-8")
    page, requests = open_offline(browser, html)
    page.wait_for_function("window.bikgReady === true", timeout=30000)
    assert requests == [html.resolve().as_uri()]
    assert page.evaluate("window.bikgNetwork.body.data.nodes.length") == len(view.nodes) > 0
    page.fill("#search", "章勇武")
    page.click("#go")
    by_zh = page.evaluate("window.bikgNetwork.getSelectedNodes()")
    page.fill("#search", "Zhang Yongwu")
    page.click("#go")
    by_en = page.evaluate("window.bikgNetwork.getSelectedNodes()")
    assert by_zh == by_en and len(by_zh) == 1
    assert "主持 / chair" in page.inner_text("#panel")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "seed-graph.png"
    page.screenshot(path=str(shot))
    from PIL import Image

    colours = Image.open(shot).convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 50


def test_hostile_text_is_not_executed(browser, tmp_path):
    article = tmp_path / "hostile.jsonl"
    article.write_text(
        json.dumps(
            {
                "id": "hostile",
                "date": "2020-07-10",
                "en": "On July 8, Zhang Yongwu presided over a meeting on <script>window.pwned = 1</script> and "
                '<img src=x onerror="window.pwned = 2"> with "quotes" & </script> that stay text.',
            }
        )
        + "\n",
        encoding="utf-8",
    )
    result = pipeline.run([str(article)], tmp_path / "out")
    html = tmp_path / "page.html"
    html.write_text(render_html(build_view(result.files["graph.ttl"].parent)), encoding="utf-8")
    page, requests = open_offline(browser, html)
    page.wait_for_function("window.bikgReady === true", timeout=30000)
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert requests == [html.resolve().as_uri()]
    page.fill("#search", "Zhang Yongwu")
    page.click("#go")
    assert "<script>window.pwned = 1</script>" in page.inner_text("#panel")


def test_empty_graph_page_says_so(browser, tmp_path):
    html = tmp_path / "empty.html"
    html.write_text(render_html(View([], [], 0, 0)), encoding="utf-8")
    page, _ = open_offline(browser, html)
    assert "The graph is empty" in page.inner_text("body")


def test_filters_and_focus(corpus_run):
    view = build_view(corpus_run.files["graph.ttl"].parent)
    people = filter_view(view, types=["Person"])
    assert people.nodes and {n.type for n in people.nodes} == {"Person"}
    focused = filter_view(view, focus="李明", hops=1)
    names = {n.zh for n in focused.nodes}
    assert {"李明", "李明调研", "市政府外办"} <= names and "张伟" not in names
    assert filter_view(view, min_degree=3).nodes
    with pytest.raises(VizError, match="close matches: Zhang Yongwu"):
        filter_view(view, focus="Zhang Yongu")
    with pytest.raises(VizError, match="unknown type"):
        filter_view(view, types=["Spaceship"])


def _bitmap(font_path: str, text: str) -> np.ndarray:
    from matplotlib.ft2font import FT2Font

    font = FT2Font(font_path)
    font.set_size(48, 72)
    font.set_text(text, 0.0)
    font.draw_glyphs_to_bitmap()
    return np.asarray(font.get_image())


def test_chinese_labels_render_as_glyphs_not_boxes(tmp_path, seed_run):
    font = cjk_font()
    assert font is not None, "no CJK font: apt-get install fonts-wqy-microhei"
    assert not np.array_equal(_bitmap(str(font), "章"), _bitmap(str(font), "武"))
    from matplotlib import font_manager

    fallback = font_manager.findfont("DejaVu Sans")
    assert np.array_equal(_bitmap(fallback, "章"), _bitmap(fallback, "武")), "the fallback draws the same box"
    png = tmp_path / "seed.png"
    used = render_image(build_view(seed_run.files["graph.ttl"].parent), png)
    assert used == font and png.stat().st_size > 10_000


def test_gexf_and_cytoscape_exports_match_graphml(corpus_run):
    graphml = nx.read_graphml(corpus_run.files["graph.graphml"])
    gexf = nx.read_gexf(corpus_run.files["graph.gexf"])
    cyjs = json.loads(corpus_run.files["graph.cyjs"].read_text(encoding="utf-8"))
    assert gexf.number_of_nodes() == graphml.number_of_nodes() == len(cyjs["elements"]["nodes"])
    assert gexf.number_of_edges() == graphml.number_of_edges() == len(cyjs["elements"]["edges"])
    node = next(n["data"] for n in cyjs["elements"]["nodes"] if n["data"].get("label_zh") == "章勇武")
    assert node["label_en"] == "Zhang Yongwu" and node["type"] == "person"
