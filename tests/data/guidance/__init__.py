"""Synthetic look-alikes of UNODC guidance PDFs, with ground truth; see `build.py`."""
