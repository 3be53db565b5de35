"""Where HanLP model directories are, checked without importing HanLP or torch (so a rerun stays fast)."""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import ModelLoadError

SHIPPED_MODEL = Path(__file__).resolve().parent.parent / "models" / "zh-ner-msra"
"""The model bikg ships (``make model`` rebuilds it): HanLP BiLSTM-CRF stacked on LAC, trained on MSRA train."""


def model_dir(model: str | Path) -> Path:
    """The model directory ``model`` names, checked without loading it; errors say what to do."""
    spec = str(model)
    path = Path(spec)
    if not path.exists():
        if "://" in spec or _is_pretrained(spec):
            raise ModelLoadError(
                f"HanLP model {spec!r} would be downloaded, which bikg never does at run time: download it on a "
                "connected machine (hanlp.load caches it under ~/.hanlp) and pass its directory, or train one with "
                "`bikg train zh-ner --corpus msra --out DIR`"
            )
        raise ModelLoadError(
            f"HanLP model directory {spec} does not exist: train one with `bikg train zh-ner --corpus msra --out "
            f"{spec}` (or `make model` for the shipped one)"
        )
    if not (path / "config.json").is_file() or not (path / "model.pt").is_file():
        raise ModelLoadError(f"{spec} is not a HanLP model directory (config.json and model.pt expected)")
    return path


def _is_pretrained(spec: str) -> bool:
    import hanlp.pretrained

    return spec in hanlp.pretrained.ALL
