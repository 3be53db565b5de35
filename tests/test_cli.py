"""The bikg command end to end in a subprocess: exit statuses and the summary."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from pipeline.cores import usable_cores
from tests.conftest import ARTICLES, SEED

pytestmark = [pytest.mark.slow, pytest.mark.model]


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


def test_config_keys_are_the_option_names(tmp_path):
    """`[query] format = "csv"` sets --format; an unknown key is an error naming it and the known ones."""
    (tmp_path / "good.toml").write_text('[query]\nformat = "csv"\n', encoding="utf-8")
    listed = bikg("--config", str(tmp_path / "good.toml"), "query", "--list-presets")
    assert listed.returncode == 0, listed.stderr
    (tmp_path / "old.toml").write_text('[query]\nfmt = "csv"\n', encoding="utf-8")
    old = bikg("--config", str(tmp_path / "old.toml"), "query", "--list-presets")
    assert old.returncode == 2 and "unknown key 'fmt' in [query]" in old.stderr
    assert "format" in old.stderr and "Traceback" not in old.stderr
    (tmp_path / "table.toml").write_text("[runn]\nworkers = 1\n", encoding="utf-8")
    table = bikg("--config", str(tmp_path / "table.toml"), "query", "--list-presets")
    assert table.returncode == 2 and "unknown key 'runn'" in table.stderr and "[run]" in table.stderr
    from click.testing import CliRunner

    from pipeline.cli import config_defaults, main

    assert config_defaults(main, {"query": {"format": "csv"}, "eval": {"split": "heldout"}}) == {
        "query": {"fmt": "csv"},
        "eval": {"articles": {"split": "heldout"}},
    }
    assert CliRunner().invoke(main, ["--config", str(tmp_path / "good.toml"), "query", "--help"]).exit_code == 0


def test_piped_run_output_is_plain_with_full_ids_and_real_times(tmp_path):
    """Piped: a "loading models" line, then a plain table (full ids, "unchanged", stage seconds) and summary."""
    first = bikg("run", str(ARTICLES), "--out", str(tmp_path / "out"), "--zh-ner", "lac")
    assert first.returncode == 0, first.stderr
    assert "loading models in this process" in first.stderr
    lines = first.stdout.splitlines()
    assert lines[0].split() == ["article", "status", "entities", "memberships", "events", "mentions", "seconds"]
    assert not any(c in first.stdout for c in "┏━│└…") and "000_08a97c52deef5f3b" in first.stdout
    seconds = [float(line.split()[-1]) for line in lines[1:-1]]
    assert all(s < 5 for s in seconds), "an article's time is its stages', not the model loading"
    again = bikg("run", str(ARTICLES), "--out", str(tmp_path / "out"), "--zh-ner", "lac")
    assert "loading models" not in again.stderr and "skipped" not in again.stdout
    rows = again.stdout.splitlines()[1:-1]
    assert len(rows) == len(seconds) > 0 and all(line.split()[1] == "unchanged" for line in rows)


def test_worker_count_follows_the_input_size():
    from pipeline.batch.runner import SMALL_INPUT, choose_workers

    small, stream = choose_workers(iter(range(SMALL_INPUT)), None)
    assert small == 1 and list(stream) == list(range(SMALL_INPUT))
    large, stream = choose_workers(iter(range(SMALL_INPUT + 5)), None)
    assert large == usable_cores() and list(stream) == list(range(SMALL_INPUT + 5))
    assert choose_workers(iter([]), 3)[0] == 3


_ONE_CORE = """
import os
os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
from pipeline.batch.runner import SMALL_INPUT, choose_workers
from pipeline.cores import usable_cores
print(usable_cores(), choose_workers(iter(range(SMALL_INPUT + 5)), None)[0])
"""


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="no CPU affinity on this system")
def test_a_process_confined_to_one_core_starts_no_second_worker():
    done = subprocess.run([sys.executable, "-c", _ONE_CORE], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["1", "1"]


def test_eval_finds_its_gold_set_from_anywhere(tmp_path):
    from pipeline.cli.eval import GOLD_DIR, default_gold

    assert default_gold() == GOLD_DIR and (GOLD_DIR / "README.md").exists()
    elsewhere = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "eval", str(tmp_path), "--format", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert elsewhere.returncode == 1 and "no such gold directory" not in elsewhere.stderr
    assert "no graph.ttl here" in elsewhere.stderr and "Traceback" not in elsewhere.stderr  # past the gold set


def test_readme_config_example_is_valid():
    import re
    import tomllib
    from pathlib import Path

    from pipeline.cli import config_defaults, main

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```toml\n(.*?)```", readme, re.S)
    assert example, "the README shows a bikg.toml"
    defaults = config_defaults(main, tomllib.loads(example[1]))
    assert defaults["query"]["fmt"] == "csv" and defaults["eval"]["ner"]["backend"] == "lac"
