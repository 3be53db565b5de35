"""The bikg command end to end in a subprocess: exit statuses and the summary."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import SEED

pytestmark = pytest.mark.slow


def bikg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True, check=False)


def test_run_exit_codes(tmp_path):
    ok = bikg("run", str(SEED), "--out", str(tmp_path / "ok"))
    assert ok.returncode == 0, ok.stderr
    assert "1 ok, 0 failed" in ok.stdout
    (tmp_path / "bad.txt").write_bytes(b"")
    some_failed = bikg("run", str(SEED), str(tmp_path / "bad.txt"), "--out", str(tmp_path / "mixed"))
    assert some_failed.returncode == 1
    assert "bad.txt" in some_failed.stderr
    assert (tmp_path / "mixed" / "graph.ttl").exists()
    usage = bikg("run", str(tmp_path / "missing-dir"), "--out", str(tmp_path / "x"))
    assert usage.returncode == 2
    assert "no such file" in usage.stderr


def test_every_command_has_help():
    result = bikg("run", "--help")
    assert result.returncode == 0 and "--out" in result.stdout


def test_every_command_is_documented():
    from pathlib import Path

    from click.testing import CliRunner

    from pipeline.cli import main

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for name, command in main.commands.items():
        assert command.help, f"bikg {name} has no help text"
        assert f"`bikg {name}" in readme, f"bikg {name} is missing from the README"
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output


def test_config_file_sets_option_defaults(tmp_path):
    """`bikg.toml` in the working directory (or --config) gives defaults per command; the command line wins."""
    (tmp_path / "bikg.toml").write_text('[run]\nzh-ner = "no-such-backend"\n', encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "run", str(SEED), "--out", "out"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1 and "unknown Chinese NER backend 'no-such-backend'" in run.stderr
    (tmp_path / "ner.toml").write_text("[eval.ner]\nlimit = 0\n", encoding="utf-8")
    limited = bikg("--config", str(tmp_path / "ner.toml"), "eval", "ner")
    assert limited.returncode == 1 and "--limit must be at least 1" in limited.stderr
    (tmp_path / "broken.toml").write_text("[run\n", encoding="utf-8")
    broken = bikg("--config", str(tmp_path / "broken.toml"), "run", str(SEED), "--out", str(tmp_path / "o"))
    assert broken.returncode == 2 and "broken.toml" in broken.stderr
