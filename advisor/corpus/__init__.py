"""Putting the documents on disk: the manifest, downloads and local mirrors."""
