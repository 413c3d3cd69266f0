"""The HTTP API (FastAPI): ``create_app(settings)`` builds it; ``summarizer serve`` runs it."""

from summarizer.api.app import create_app

__all__ = ["create_app"]
