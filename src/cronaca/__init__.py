"""cronaca: news articles in, a sourced, time-resolved knowledge base out.

The Python API mirrors the CLI::

    from cronaca import Cronaca
    kb = Cronaca("cronaca.db")
    kb.ingest(["news/"])
    for row in kb.timeline(actor="PRK"):
        print(row["time"], row["type"], row["text"])
"""

__version__ = "0.1.0"

from cronaca.api import Cronaca  # noqa: E402

__all__ = ["Cronaca", "__version__"]
