"""``marsad serve``: the JSON API (and the dashboard's static files) over a marsad store.

:func:`create_app` builds the FastAPI application; ``marsad serve`` runs it on uvicorn.
The API contract is documented in ``docs/api.md`` and served as ``/openapi.json``.
"""
from .app import create_app

__all__ = ["create_app"]
