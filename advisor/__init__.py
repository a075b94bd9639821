"""advisor: cited answers on the Smuggling of Migrants Protocol, UNTOC and related instruments.

The flow, one module per stage: fetch → loaders → chunking → embeddings/store (ingest) →
retrieve → answer → verify → api/cli.
"""

__version__ = "0.1.0"
