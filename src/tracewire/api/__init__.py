"""The HTTP API: ``create_app`` builds it (``tracewire serve`` runs it on uvicorn)."""

from tracewire.api.app import create_app

__all__ = ["create_app"]
