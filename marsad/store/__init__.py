"""SQLite store of documents, event mentions, claims and places (stdlib sqlite3 only)."""
from .db import AddResult, Store

__all__ = ["AddResult", "Store"]
