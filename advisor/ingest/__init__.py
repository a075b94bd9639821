"""Documents → chunks: loaders, legal structure, chunking, and the incremental ingest."""
