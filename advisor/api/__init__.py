"""The HTTP service: `create_app(settings)` (see `advisor.api.app`); `advisor serve` runs it."""

from __future__ import annotations

from advisor.api.app import create_app

__all__ = ["create_app"]
