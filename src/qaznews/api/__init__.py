"""The REST API: read-only pages over the store, and an optional ingestion endpoint.

:func:`create_app` builds the FastAPI application; :func:`serve` runs it with uvicorn.
Every request reads on a read-only connection of its own (docs/API.md).
"""

from qaznews.api.app import create_app, serve

__all__ = ["create_app", "serve"]
