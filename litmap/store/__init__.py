"""The SQLite store every stage shares."""

from litmap.store.db import DEFAULT_DB, Store, StoreStatus, text_hash

__all__ = ["Store", "StoreStatus", "DEFAULT_DB", "text_hash"]
