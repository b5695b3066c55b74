"""cronaca: news articles in, a sourced, time-resolved knowledge base out.

The Python API mirrors the CLI::

    from cronaca import Cronaca
    kb = Cronaca("cronaca.db")
    kb.ingest(["news/"])
    for row in kb.timeline(actor="PRK"):
        print(row["time"], row["type"], row["text"])
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Cronaca", "__version__"]

if TYPE_CHECKING:
    from cronaca.api import Cronaca


def __getattr__(name: str) -> Any:
    """``Cronaca`` is imported when first asked for, not with the package: the processes that
    only extract (the workers' fork server, Dask workers) never load the store, SQLAlchemy and
    Alembic (0.25 s of their start, before any worker can begin)."""
    if name == "Cronaca":
        from cronaca.api import Cronaca

        return Cronaca
    raise AttributeError(f"module 'cronaca' has no attribute {name!r}")
