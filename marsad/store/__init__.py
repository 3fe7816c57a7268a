"""The store (SQLite, or PostgreSQL through psycopg) of documents, event mentions, claims and places."""
from .canonical import ResolveSummary
from .db import AddResult, Store, open_store
from .fetches import FetchState

__all__ = ["AddResult", "FetchState", "ResolveSummary", "Store", "open_store"]
