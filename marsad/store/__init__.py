"""SQLite store of documents, event mentions, claims and places (stdlib sqlite3 only)."""
from .canonical import ResolveSummary
from .db import AddResult, Store
from .fetches import FetchState

__all__ = ["AddResult", "FetchState", "ResolveSummary", "Store"]
