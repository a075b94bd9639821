"""Chunks → searchable: the catalog of record, embeddings, BM25 and the vector store."""
