"""Static PNG/SVG images of a view: a real CJK font, labelled edges, labels that do not overlap.

Each edge is drawn through its label, which sits in the layout as a point of its own; labels are
measured in the chosen font and the points pushed apart until no two label boxes overlap.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

from pipeline.viz.render import TYPE_STYLE, View

CJK_FAMILIES = ("WenQuanYi", "Noto Sans CJK", "Noto Serif CJK", "Source Han", "Droid Sans Fallback", "AR PL")
CJK_SAMPLE = "章武外办"
FONT_HINT = "install one (apt-get install fonts-wqy-microhei, or fonts-noto-cjk) or pass --font FILE"
NODE_FONT_SIZE = 9.0
EDGE_FONT_SIZE = 7.0
DPI = 100
_MARKERS = {"dot": "o", "box": "s", "triangle": "^", "diamond": "D"}
_PAD = 0.06  # inches kept free around every label
_MARKER = 0.2  # inches above a node's label for its marker


@dataclass(slots=True)
class Drawing:
    """What an image shows: the font used, whether it has Chinese glyphs, each label with its box in pixels
    (x0, y0, x1, y1 from the image's top left corner)."""

    font: Path | None
    cjk: bool
    labels: list[tuple[str, tuple[float, float, float, float]]] = field(default_factory=list)


def has_cjk_glyphs(path: Path) -> bool:
    """True when the font draws distinct Chinese characters (matplotlib's LastResort draws one box for all)."""
    import matplotlib
    from matplotlib.ft2font import FT2Font

    if Path(matplotlib.get_data_path()) in Path(path).resolve().parents:
        return False  # matplotlib bundles no CJK font: DejaVu falls back to LastResort's boxes
    try:
        font = FT2Font(str(path))
        bitmaps = set()
        for char in CJK_SAMPLE:
            if not font.get_char_index(ord(char)):
                return False
            font.set_size(32, 72)
            font.set_text(char, 0.0)
            font.draw_glyphs_to_bitmap()
            bitmaps.add(np.asarray(font.get_image()).tobytes())
    except (OSError, RuntimeError):
        return False
    return len(bitmaps) == len(CJK_SAMPLE)


def _refresh_font_cache() -> bool:
    """Add the system fonts matplotlib's cached font list does not know (installed after the cache was
    built) and rewrite the cache; True when there were any."""
    import matplotlib
    from matplotlib import font_manager

    manager = font_manager.fontManager
    known = {f.fname for f in manager.ttflist}
    new = [path for path in font_manager.findSystemFonts() if path not in known]
    for path in new:
        try:
            manager.addfont(path)
        except (OSError, RuntimeError, ValueError):
            continue
    if new:
        cache = Path(matplotlib.get_cachedir()) / f"fontlist-v{font_manager.FontManager.__version__}.json"
        font_manager.json_dump(manager, cache)
    return bool(new)


def _find_cjk() -> Path | None:
    from matplotlib import font_manager

    candidates = sorted(
        (f for f in font_manager.fontManager.ttflist if any(f.name.startswith(p) for p in CJK_FAMILIES)),
        key=lambda f: (f.name, f.fname),
    )
    others = sorted(f.fname for f in font_manager.fontManager.ttflist if f not in candidates)
    for path in [f.fname for f in candidates] + others:
        if has_cjk_glyphs(Path(path)):
            return Path(path)
    return None


def cjk_font() -> Path | None:
    """A font file with Chinese glyphs, refreshing matplotlib's font cache when it predates the font;
    None with a warning when there is none."""
    font = _find_cjk()
    if font is None and _refresh_font_cache():
        font = _find_cjk()
    if font is None:
        warnings.warn(f"no font with Chinese glyphs found: labels would show as boxes; {FONT_HINT}", stacklevel=2)
    return font


def _label(zh: str, en: str, lang: str) -> str:
    if lang == "zh":
        return zh or en
    if lang == "en":
        return en or zh
    return "\n".join(x for x in (zh, en) if x)


def _points(view: View, lang: str) -> tuple[list[str], list[str], nx.Graph, list[tuple[str, str, str]]]:
    """Layout points (nodes, then one per labelled node pair), their texts, the layout graph, the edges drawn."""
    ids = [n.id for n in view.nodes]
    texts = [_label(n.zh, n.en, lang) for n in view.nodes]
    pairs: dict[tuple[str, str], list[str]] = {}
    for edge in view.edges:
        names = pairs.setdefault((edge.source, edge.target), [])
        text = _label(edge.zh, edge.en, "en" if lang == "both" else lang)
        if text and text not in names:
            names.append(text)
    layout = nx.Graph()
    layout.add_nodes_from(ids)
    drawn = []
    for index, ((source, target), names) in enumerate(sorted(pairs.items())):
        point = f"edge:{index}"
        ids.append(point)
        texts.append("; ".join(names))
        layout.add_edges_from([(source, point), (point, target)])
        drawn.append((source, point, target))
    return ids, texts, layout, drawn


def _measure(axes: Any, texts: list[str], sizes: list[float], properties: Any) -> np.ndarray:
    """Width and height in inches of each text in the given font."""
    renderer = axes.figure.canvas.get_renderer()
    extents = []
    for text, size in zip(texts, sizes, strict=True):
        artist = axes.text(0, 0, text or " ", fontsize=size, fontproperties=properties, ha="center", va="center")
        box = artist.get_window_extent(renderer)
        extents.append((box.width / DPI + 2 * _PAD, box.height / DPI + 2 * _PAD))
        artist.remove()
    return np.array(extents)


def _spread(positions: np.ndarray, sizes: np.ndarray, rounds: int = 400) -> np.ndarray:
    """Push overlapping boxes apart (each along the axis of least overlap) until none overlap."""
    positions = positions.copy()
    order = np.arange(len(positions))
    for _ in range(rounds):
        delta = positions[:, None, :] - positions[None, :, :]
        overlap = (sizes[:, None, :] + sizes[None, :, :]) / 2 - np.abs(delta)
        clash = (overlap[..., 0] > 0) & (overlap[..., 1] > 0) & (order[:, None] != order[None, :])
        if not clash.any():
            break
        axis = (overlap[..., 1] < overlap[..., 0]).astype(int)
        sign = np.sign(np.take_along_axis(delta, axis[..., None], 2)[..., 0])
        sign[sign == 0] = np.where(order[:, None] > order[None, :], 1.0, -1.0)[sign == 0]
        amount = np.take_along_axis(overlap, axis[..., None], 2)[..., 0] / 2 + 0.01
        push = np.zeros_like(positions)
        for dim in (0, 1):
            push[:, dim] = np.where(clash & (axis == dim), sign * amount, 0).sum(axis=1)
        positions += push
    return positions


def _layout(layout: nx.Graph, ids: list[str], sizes: np.ndarray) -> np.ndarray:
    """Spring layout scaled to inches so that labels have room, then spread so that none overlap."""
    spring = nx.spring_layout(layout, seed=7) if len(ids) > 1 else {ids[0]: np.zeros(2)}
    positions = np.array([spring[i] for i in ids], dtype=float)
    area = float((sizes[:, 0] * sizes[:, 1]).sum()) * 4
    positions *= max(area**0.5 / 2, 1.0)
    return _spread(positions, sizes)


def _draw_graph(axes: Any, view: View, ids: list[str], xy: np.ndarray, drawn: list[tuple[str, str, str]]) -> None:
    place = dict(zip(ids, xy, strict=True))
    for source, point, target in drawn:
        path = np.array([place[source], place[point], place[target]])
        axes.plot(path[:, 0], path[:, 1], color="#9a9a9a", linewidth=0.8, zorder=1)
        axes.annotate(
            "", xy=place[target], xytext=place[point], zorder=1,
            arrowprops={"arrowstyle": "-|>", "color": "#9a9a9a", "shrinkB": 9, "linewidth": 0.8},
        )  # fmt: skip
    for kind, style in TYPE_STYLE.items():
        members = np.array([place[n.id] for n in view.nodes if n.type == kind]).reshape(-1, 2)
        axes.scatter(
            members[:, 0], members[:, 1], s=90, c=style["color"], marker=_MARKERS[style["shape"]], zorder=2,
            label=f"{style['zh']} / {style['en']}", edgecolors="white", linewidths=0.8,
        )  # fmt: skip


def _draw_labels(axes: Any, texts: list[str], xy: np.ndarray, nodes: int, properties: Any) -> list[Any]:
    artists = []
    for index, (text, (x, y)) in enumerate(zip(texts, xy, strict=True)):
        node = index < nodes
        artists.append(
            axes.text(
                x, y, text, ha="center", va="center", zorder=3, fontproperties=properties,
                fontsize=NODE_FONT_SIZE if node else EDGE_FONT_SIZE, color="#1a1a1a" if node else "#555555",
                bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "alpha": 0.85 if node else 0.9,
                      "edgecolor": "none"},
            )
        )  # fmt: skip
    return artists


def _place(axes: Any, view: View, lang: str, properties: Any) -> tuple[list[str], np.ndarray, np.ndarray, Any]:
    """Texts, marker anchors, label centres and the edges to draw, in inches, with no two labels overlapping."""
    ids, texts, layout, drawn = _points(view, lang)
    if not ids:
        ids, texts, drawn = ["empty"], ["The graph is empty: no entities to show."], []
        layout.add_node("empty")
    nodes = len(view.nodes)
    fonts = [NODE_FONT_SIZE] * nodes + [EDGE_FONT_SIZE] * len(drawn) or [12.0]
    sizes = _measure(axes, texts, fonts, properties)
    sizes[:nodes, 1] += _MARKER
    centres = _layout(layout, ids, sizes)
    anchors, label_xy = centres.copy(), centres.copy()
    anchors[:nodes, 1] += sizes[:nodes, 1] / 2 - _MARKER / 2
    label_xy[:nodes, 1] -= _MARKER / 2
    low, high = (centres - sizes / 2).min(axis=0) - 0.3, (centres + sizes / 2).max(axis=0) + 0.3
    high[1] += 0.5  # the legend's row
    axes.figure.set_size_inches(*(high - low))
    axes.set_xlim(low[0], high[0])
    axes.set_ylim(low[1], high[1])
    return texts, anchors, label_xy, (ids, drawn)


def render_image(view: View, path: Path, *, lang: str = "both", font: Path | None = None) -> Drawing:
    """A PNG or SVG drawing of the view in ``font`` (default: a CJK font found on the system)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    font = font or cjk_font()
    properties = font_manager.FontProperties(fname=str(font)) if font else None
    figure = plt.figure(dpi=DPI)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_axis_off()
    texts, anchors, label_xy, (ids, drawn) = _place(axes, view, lang, properties)
    _draw_graph(axes, view, ids, anchors, drawn)
    artists = _draw_labels(axes, texts, label_xy, len(view.nodes), properties)
    if view.nodes:
        axes.legend(loc="upper left", ncols=4, prop=properties, frameon=False, borderaxespad=0.2)
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, format=path.suffix.lstrip(".").lower())
    height = figure.get_size_inches()[1] * DPI
    renderer = figure.canvas.get_renderer()
    boxes = [a.get_window_extent(renderer) for a in artists]
    labels = [(a.get_text(), (b.x0, height - b.y1, b.x1, height - b.y0)) for a, b in zip(artists, boxes, strict=True)]
    plt.close(figure)
    return Drawing(font, bool(font) and has_cjk_glyphs(font), labels)
