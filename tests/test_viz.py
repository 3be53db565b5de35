"""The views: the offline HTML page in a real browser, static images with Chinese glyphs, exports."""

from __future__ import annotations

import json
import warnings
from contextlib import contextmanager
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

import pipeline
from pipeline.viz.image import cjk_font, has_cjk_glyphs, render_image
from pipeline.viz.render import View, VizError, build_view, chromium_launch_options, filter_view, render_html
from tests.conftest import ARTICLES

pytestmark = pytest.mark.model


ARTIFACTS = Path(__file__).parent / "artifacts"


@contextmanager
def browser_context():
    """Debian's headless Chromium, driven by Playwright (make test installs it)."""
    from playwright.sync_api import sync_playwright

    options = chromium_launch_options()
    if not Path(options["executable_path"]).exists():
        pytest.fail("Chromium is missing: apt-get install chromium (make test installs it)")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(**options)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def browser():
    with browser_context() as instance:
        yield instance


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


@pytest.fixture(scope="module")
def lac_out(tmp_path_factory) -> Path:
    """The test articles run with LAC (images do not depend on the NER backend)."""
    out = tmp_path_factory.mktemp("viz") / "out"
    pipeline.run([str(ARTICLES)], out, zh_ner="lac")
    return out


def _is_ink(image: np.ndarray) -> np.ndarray:
    return image.mean(axis=2) < 140


def glyph_boxes(png: Path, labels: list[tuple[str, tuple[float, float, float, float]]]) -> list[str]:
    """Labels drawn as boxes (tofu): a font without the glyphs draws one shape for every character, so a
    label of N distinct Chinese characters shows fewer than N distinct glyph shapes. Glyphs are cut at
    the empty columns of each label's box."""
    from PIL import Image

    image = np.asarray(Image.open(png).convert("RGB"))
    boxed = []
    for text, (x0, y0, x1, y1) in labels:
        chars = {c for c in text if "\u4e00" <= c <= "\u9fff"}
        if len(chars) < 3 or text != "".join(c for c in text if "\u4e00" <= c <= "\u9fff"):
            continue
        ink = _is_ink(image[int(y0) : int(y1) + 1, int(x0) : int(x1) + 1])
        columns = ink.any(axis=0)
        shapes, start = set(), None
        for x, filled in enumerate([*columns, False]):
            if filled and start is None:
                start = x
            elif not filled and start is not None:
                cell = ink[:, start:x]
                rows = cell.any(axis=1)
                shapes.add(cell[rows.argmax() : len(rows) - rows[::-1].argmax()].tobytes() + bytes([x - start]))
                start = None
        if len(shapes) < len(chars):
            boxed.append(text)
    return boxed


def _bundled(name: str) -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name


def test_bundled_fonts_are_not_taken_for_chinese():
    """matplotlib's LastResort font has a glyph index for 章 but draws a box: it is refused."""
    assert not has_cjk_glyphs(_bundled("LastResortHE-Regular.ttf"))
    assert not has_cjk_glyphs(_bundled("DejaVuSans.ttf"))
    font = cjk_font()
    assert font is not None and has_cjk_glyphs(font), "no CJK font: make test installs fonts-wqy-microhei"
    assert "mpl-data" not in str(font)


def test_image_has_real_glyphs_edge_labels_and_no_overlap(lac_out, tmp_path):
    png = tmp_path / "graph.png"
    view = build_view(lac_out)
    drawing = render_image(view, png, lang="zh")
    assert drawing.cjk and drawing.font == cjk_font()
    checked = [t for t, _ in drawing.labels if len(t) >= 3 and all("\u4e00" <= c <= "\u9fff" for c in t)]
    assert len(checked) > 10
    assert glyph_boxes(png, drawing.labels) == []
    tofu = tmp_path / "tofu.png"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # matplotlib's "Glyph missing": the boxes are the point here
        boxes = render_image(view, tofu, lang="zh", font=_bundled("DejaVuSans.ttf"))
    assert not boxes.cjk
    assert len(glyph_boxes(tofu, boxes.labels)) >= len(checked) * 0.9, "the detector sees today's boxes"
    texts = [t for t, _ in drawing.labels]
    assert {"主持", "出席"} & set(texts), "edges carry their labels"
    both = render_image(view, tmp_path / "both.png")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "graph-image.png").write_bytes((tmp_path / "both.png").read_bytes())
    for labels in (drawing.labels, both.labels):
        boxes_ = np.array([b for _, b in labels])
        x0, y0, x1, y1 = (boxes_[:, i][:, None] for i in range(4))
        overlap = (x0 < x1.T) & (x1 > x0.T) & (y0 < y1.T) & (y1 > y0.T)
        np.fill_diagonal(overlap, False)
        pairs = [(labels[i][0], labels[j][0]) for i, j in zip(*np.nonzero(overlap), strict=True) if i < j]
        assert pairs == [], f"overlapping labels: {pairs[:5]}"


def test_stale_font_cache_is_refreshed(tmp_path):
    """A matplotlib font cache built before the CJK font was installed is brought up to date."""
    import subprocess
    import sys

    stale = (
        "import matplotlib\n"
        "from matplotlib import font_manager as fm\n"
        "fm.fontManager.ttflist = [f for f in fm.fontManager.ttflist if 'mpl-data' in f.fname]\n"
        "fm.json_dump(fm.fontManager, f'{matplotlib.get_cachedir()}/fontlist-v{fm.FontManager.__version__}.json')\n"
    )
    check = "from pipeline.viz.image import cjk_font; print(cjk_font())"
    env = {**__import__("os").environ, "MPLCONFIGDIR": str(tmp_path)}
    subprocess.run([sys.executable, "-c", "import matplotlib.pyplot"], env=env, check=True)
    subprocess.run([sys.executable, "-c", stale], env=env, check=True)
    cache = next(tmp_path.glob("fontlist-*.json"))
    assert "wqy" not in cache.read_text(encoding="utf-8").lower()
    found = subprocess.run([sys.executable, "-c", check], env=env, capture_output=True, text=True, check=True)
    assert found.stdout.strip() == str(cjk_font()) and "wqy" in cache.read_text(encoding="utf-8").lower()


def test_viz_without_a_chinese_font_warns_and_exits_1(lac_out, tmp_path):
    from click.testing import CliRunner

    from pipeline.cli import main

    png = tmp_path / "g.png"
    result = CliRunner().invoke(
        main, ["viz", "--data", str(lac_out), "--out", str(png), "--font", str(_bundled("DejaVuSans.ttf"))]
    )
    assert result.exit_code == 1 and png.exists()
    assert "has no Chinese glyphs" in result.output and "fonts-wqy-microhei" in result.output


def test_viz_writes_next_to_the_data_by_default(lac_out, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from pipeline.cli import main

    monkeypatch.chdir(tmp_path)
    for data in (lac_out, lac_out / "store", lac_out / "graph.ttl"):
        result = CliRunner().invoke(main, ["viz", "--data", str(data)])
        assert result.exit_code == 0, result.output
        assert (lac_out / "graph.html").exists() and not (tmp_path / "outputs").exists()
        (lac_out / "graph.html").unlink()


def test_gexf_and_cytoscape_exports_match_graphml(corpus_run):
    graphml = nx.read_graphml(corpus_run.files["graph.graphml"])
    gexf = nx.read_gexf(corpus_run.files["graph.gexf"])
    cyjs = json.loads(corpus_run.files["graph.cyjs"].read_text(encoding="utf-8"))
    assert gexf.number_of_nodes() == graphml.number_of_nodes() == len(cyjs["elements"]["nodes"])
    assert gexf.number_of_edges() == graphml.number_of_edges() == len(cyjs["elements"]["edges"])
    node = next(n["data"] for n in cyjs["elements"]["nodes"] if n["data"].get("label_zh") == "章勇武")
    assert node["label_en"] == "Zhang Yongwu" and node["type"] == "person"
    assert node["name"] == "章勇武 / Zhang Yongwu"
    labels = {d["label"] for _, d in gexf.nodes(data=True)}
    assert "章勇武 / Zhang Yongwu" in labels and not any(label.startswith("http") for label in labels)
