"""The web app: ``create_app(settings)`` → FastAPI (pages in Chinese, JSON under /api)."""
from __future__ import annotations

from taizhang.web.app import create_app

__all__ = ["create_app"]
