"""Build a tiny but real Argos Translate package (``.argosmodel``) offline, in about two seconds.

The package pretends to translate ``en`` → ``es``; it is a deterministic pseudo-translator that
UPPER-CASES its input (``Hello world.`` → ``HELLO WORLD.``), so a test can tell in one assertion
whether text went through the model and whether a code span was left alone. It holds:

- ``sentencepiece.model``: a character-level SentencePiece model trained on a few KB of text and
  its upper-case copy (so every letter has its upper-case twin in the vocabulary);
- ``model/``: a CTranslate2 Transformer (1 encoder + 1 decoder layer, 1 head) whose weights are set
  by hand: self-attention and feed-forward outputs are zero; cross-attention uses position vectors
  as query and key so decoder step *t* reads source position *t*; the value carries the token's
  vector and the output projection maps it to its upper-case twin. ``add_source_eos`` makes the
  source end with ``</s>``, which maps to ``</s>``, so decoding stops;
- ``minisbd/en.onnx``: a MiniSBD sentence splitter (one ``Gather``: ``.``, ``!`` and ``?`` end a
  sentence), written as ONNX protobuf by hand (the ``onnx`` package is not needed), so even
  ``argostranslate.translate.translate`` runs offline with this package (the benchmark uses that).

Run as a script to write ``tiny.argosmodel`` into a folder: ``python tests/argos_tiny.py OUTDIR``.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np


def isolate_argos() -> Path:
    """Point Argos' packages folder and the XDG folders at a temporary folder (once per process).

    Call before anything imports ``argostranslate``: it reads these variables at import time.
    """
    if "HELPKIT_TEST_ARGOS_HOME" not in os.environ:
        home = Path(tempfile.mkdtemp(prefix="helpkit-argos-"))
        atexit.register(shutil.rmtree, home, True)  # the process that made it removes it (children share it)
        os.environ["HELPKIT_TEST_ARGOS_HOME"] = str(home)
        os.environ["ARGOS_PACKAGES_DIR"] = str(home / "packages")
        for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            os.environ[var] = str(home / var.lower())
        os.environ["ARGOS_DEVICE_TYPE"] = "cpu"
    return Path(os.environ["HELPKIT_TEST_ARGOS_HOME"])


FROM_CODE, TO_CODE = "en", "es"
MAX_POSITIONS = 1024
TOKEN_DIMS = 64
POSITION_DIMS = 96

_TEXT = """Hello world. How are you? This is a tiny model for tests, built offline.
Click Save to keep your changes. Open the Billing page, then choose Download invoice.
Your card was declined: check the number, the expiry date and the security code.
We refund duplicate charges within 5-10 business days (see our refund policy).
Use the `api_key` value from Settings > Developers; never share it by e-mail!
Quick brown foxes jump over lazy dogs: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10}
Symbols & marks: # * _ ~ ^ | \\ / < > = + - % $ @ [ ] ( ) ' " ; : , . ! ? 0123456789 « » · ¿ ¡
"""


def _train_sentencepiece(folder: Path) -> list[str]:
    import sentencepiece as spm

    corpus = folder / "corpus.txt"
    text = _TEXT + _TEXT.upper() + "abcdefghijklmnopqrstuvwxyz\n" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ\n"
    corpus.write_text(text * 3, encoding="utf-8")
    spm.SentencePieceTrainer.train(
        input=str(corpus), model_prefix=str(folder / "sentencepiece"), model_type="char", vocab_size=200,
        hard_vocab_limit=False, character_coverage=1.0, unk_id=0, bos_id=1, eos_id=2, pad_id=-1,
        minloglevel=2,
    )
    corpus.unlink()
    (folder / "sentencepiece.vocab").unlink()
    processor = spm.SentencePieceProcessor(model_file=str(folder / "sentencepiece.model"))
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def _unit_vectors(rng: np.random.Generator, count: int, dims: int) -> np.ndarray:
    v = rng.standard_normal((count, dims))
    v -= v.mean(axis=1, keepdims=True)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _build_ctranslate2(pieces: list[str], out: Path, seed: int) -> None:
    from ctranslate2.specs import transformer_spec

    rng = np.random.default_rng(seed)
    vocab = len(pieces)
    e, p = TOKEN_DIMS, POSITION_DIMS
    d = e + p
    index = {piece: i for i, piece in enumerate(pieces)}
    twin = [index.get(piece.upper(), i) if i > 2 else i for i, piece in enumerate(pieces)]
    for _ in range(100):  # draw token vectors until every piece maps to its own twin
        tokens = _unit_vectors(rng, vocab, e)
        projection = np.zeros((vocab, e))
        for i, t in enumerate(twin):
            projection[t] += tokens[i]
        if all(int(np.argmax(projection @ tokens[i])) == twin[i] for i in range(vocab)):
            break
    else:
        raise RuntimeError("could not draw separable token vectors")
    positions = _unit_vectors(rng, MAX_POSITIONS, p)

    spec = transformer_spec.TransformerSpec.from_config(num_layers=(1, 1), num_heads=1)
    f32 = np.float32
    emb = np.zeros((vocab, d), f32)
    emb[:, :e] = tokens
    pos = np.zeros((MAX_POSITIONS, d), f32)
    pos[:, e:] = positions
    proj_e = np.zeros((d, d), f32)
    proj_e[:e, :e] = np.eye(e)
    proj_p = np.zeros((d, d), f32)
    proj_p[e:, e:] = np.eye(p)
    zeros = np.zeros

    def norm(ln) -> None:  # type: ignore[no-untyped-def]
        ln.gamma = np.ones(d, f32)
        ln.beta = zeros(d, f32)

    def linear(lin, weight: np.ndarray) -> None:  # type: ignore[no-untyped-def]
        lin.weight = weight.astype(f32)
        lin.bias = zeros(weight.shape[0], f32)

    def ffn(spec_ffn) -> None:  # type: ignore[no-untyped-def]
        norm(spec_ffn.layer_norm)
        linear(spec_ffn.linear_0, zeros((8, d)))
        linear(spec_ffn.linear_1, zeros((d, 8)))

    for side in (spec.encoder, spec.decoder):
        side.scale_embeddings = False
        side.position_encodings.encodings = pos
        norm(side.layer_norm)
        layer = side.layer[0]
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], zeros((3 * d, d)))
        linear(layer.self_attention.linear[1], zeros((d, d)))
        ffn(layer.ffn)
    spec.encoder.embeddings[0].weight = emb
    spec.decoder.embeddings.weight = emb
    cross = spec.decoder.layer[0].attention
    norm(cross.layer_norm)
    linear(cross.linear[0], 5.0 * proj_p)
    linear(cross.linear[1], np.concatenate([proj_p, proj_e]))
    linear(cross.linear[2], 3.0 * proj_e)
    logits = np.zeros((vocab, d), f32)
    logits[:, :e] = projection
    linear(spec.decoder.projection, logits)
    spec.register_source_vocabulary(pieces)
    spec.register_target_vocabulary(pieces)
    spec.config.add_source_eos = True
    spec.validate()
    spec.optimize(None)
    out.mkdir(parents=True, exist_ok=True)
    spec.save(str(out))


# --- a MiniSBD sentence splitter as hand-written ONNX protobuf ------------------------------------------------

def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _field(num: int, value: bytes | str | int) -> bytes:
    if isinstance(value, int):
        return _varint(num << 3) + _varint(value)
    data = value.encode() if isinstance(value, str) else value
    return _varint(num << 3 | 2) + _varint(len(data)) + data


def _value_info(name: str, elem_type: int, dims: list[str]) -> bytes:
    shape = b"".join(_field(1, _field(2, d)) for d in dims)  # TensorShapeProto.dim { dim_param }
    tensor = _field(1, elem_type) + _field(2, shape)  # TypeProto.Tensor
    return _field(1, name) + _field(2, _field(1, tensor))  # ValueInfoProto{name, type{tensor_type}}


def build_minisbd_onnx(path: Path, lang: str = FROM_CODE) -> None:
    """A MiniSBD model: per-character logits from a table; ``.``, ``!``, ``?`` predict class 2 (sentence end)."""
    units = ["<PAD>", "<UNK>", "<EMPTY>", "<ROOT>", ".", "!", "?"]
    table = np.zeros((len(units), 5), np.float32)
    table[:, 0] = 1.0
    table[4:, 2] = 5.0
    tensor = (b"".join(_field(1, n) for n in table.shape) + _field(2, 1) + _field(8, "table")
              + _field(9, table.tobytes()))
    node = _field(1, "table") + _field(1, "units") + _field(2, "logits") + _field(3, "gather") + _field(4, "Gather")
    graph = (_field(1, node) + _field(2, "minisbd") + _field(5, tensor)
             + _field(11, _value_info("units", 7, ["B", "T"]))
             + _field(11, _value_info("features", 1, ["B", "T", "F"]))
             + _field(12, _value_info("logits", 1, ["B", "T", "C"])))
    vocab = {"lang": lang, "idx": 0, "cutoff": 0, "lower": False,
             "_unit2id": {u: i for i, u in enumerate(units)}, "_id2unit": units}
    config = {"feat_funcs": ["space_before"], "max_seqlen": 1000, "batch_size": 32}
    meta = b"".join(_field(14, _field(1, k) + _field(2, v)) for k, v in
                    (("lang_code", lang), ("config", json.dumps(config)), ("vocab", json.dumps(vocab)),
                     ("lexicon", "null")))
    model = _field(1, 8) + _field(2, "helpkit-tests") + _field(7, graph) + _field(8, _field(2, 13)) + meta
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(model)


def build_tiny_argosmodel(out_dir: Path, seed: int = 7) -> Path:
    """Write ``tiny.argosmodel`` (an en→es "translator" that upper-cases) into ``out_dir``; return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / f"translate-{FROM_CODE}_{TO_CODE}-tiny"
        root.mkdir()
        pieces = _train_sentencepiece(root)
        _build_ctranslate2(pieces, root / "model", seed)
        build_minisbd_onnx(root / "minisbd" / f"{FROM_CODE}.onnx")
        (root / "metadata.json").write_text(json.dumps({
            "package_version": "0.1", "argos_version": "1.9", "type": "translate",
            "from_code": FROM_CODE, "from_name": "English", "to_code": TO_CODE, "to_name": "Spanish",
            "links": [], "description": "helpkit test model: upper-cases its input",
        }), encoding="utf-8")
        (root / "README.md").write_text("Tiny pseudo-translator for helpkit's tests.\n", encoding="utf-8")
        target = out_dir / "tiny.argosmodel"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
            for f in sorted(root.rglob("*")):
                if f.is_file():
                    z.write(f, f.relative_to(root.parent).as_posix())
        shutil.rmtree(root)
    return target


if __name__ == "__main__":
    print(build_tiny_argosmodel(Path(sys.argv[1] if len(sys.argv) > 1 else ".")))
