"""Persistence only: open a database, migrate it, write and read records.

``Store.open`` takes a path (SQLite, WAL mode) or any SQLAlchemy URL
(``postgresql+psycopg://...``); the same Core code runs on both.
"""

from cronaca.store.db import Store, default_db_url

__all__ = ["Store", "default_db_url"]
