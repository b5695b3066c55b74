"""The tables, in SQLAlchemy Core: one definition for SQLite and PostgreSQL.

Every annotation row keeps its article id and character offsets, and the versioned
name of the component and rule that made it. Structured values (actors, quantities,
attribution) are JSON columns; the columns filters need are real columns, indexed.
Changing a table means a new Alembic revision in ``migrations/versions``.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("title", sa.Text, nullable=False, default=""),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("language", sa.String(8), nullable=False),
    sa.Column("published_start", sa.Date),
    sa.Column("published_end", sa.Date),
    sa.Column("published_precision", sa.String(10)),
    sa.Column("outlet", sa.Text, nullable=False, default=""),
    sa.Column("url", sa.Text, nullable=False, default=""),
    sa.Column("byline", sa.Text, nullable=False, default=""),
    sa.Column("source", sa.Text, nullable=False, default=""),
    sa.Column("format", sa.String(16), nullable=False, default=""),
    sa.Column("ingested_at", sa.DateTime, nullable=False),
    sa.Column("pipeline", sa.JSON),  # component versions that annotated it
    sa.Column("extracted_at", sa.DateTime),
)

rejections = sa.Table(
    "rejections",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("format", sa.String(16), nullable=False, default=""),
    sa.Column("at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("source", "reason", name="uq_rejections_source_reason"),
)

mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("article_id", sa.String(40), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("label", sa.String(40), nullable=False, default=""),
    sa.Column("entity_id", sa.String(80)),
    sa.Column("value", sa.JSON),
    sa.Column("component", sa.String(60), nullable=False),
    sa.Column("rule", sa.String(120), nullable=False, default=""),
    sa.Index("ix_mentions_article", "article_id", "kind"),
    sa.Index("ix_mentions_entity", "entity_id"),
)

entities = sa.Table(
    "entities",
    metadata,
    sa.Column("id", sa.String(80), primary_key=True),
    sa.Column("type", sa.String(40), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("data", sa.JSON),
    # 0005: mentions linked to it, kept by the store as it writes and replaces mentions
    sa.Column("n_mentions", sa.Integer, nullable=False, default=0, server_default="0"),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("article_id", sa.String(40), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    sa.Column("type", sa.String(40), nullable=False),
    sa.Column("mode", sa.String(40), nullable=False, default=""),
    sa.Column("context", sa.String(40), nullable=False, default=""),
    sa.Column("cameo", sa.String(8), nullable=False, default=""),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("trigger", sa.JSON, nullable=False),
    sa.Column("source_actors", sa.JSON, nullable=False),
    sa.Column("target_actors", sa.JSON, nullable=False),
    sa.Column("place", sa.JSON),
    sa.Column("time_start", sa.Date),
    sa.Column("time_end", sa.Date),
    sa.Column("time_precision", sa.String(10)),
    sa.Column("time_text", sa.Text, nullable=False, default=""),
    sa.Column("quantity", sa.JSON),
    sa.Column("factuality", sa.String(24), nullable=False),
    sa.Column("attribution", sa.JSON, nullable=False),
    sa.Column("factuality_cue", sa.Text, nullable=False, default="", server_default=""),  # 0002
    sa.Column("participants", sa.JSON),  # 0002
    sa.Column("equipment", sa.JSON),  # 0002
    sa.Column("quote", sa.JSON),  # 0002
    sa.Column("rule", sa.String(120), nullable=False),
    sa.Column("component", sa.String(60), nullable=False),
    # 0005: the event's time, else its article's date: what events() sorts and filters by
    sa.Column("at_start", sa.Date),
    sa.Column("at_end", sa.Date),
    sa.Index("ix_events_article", "article_id"),
    sa.Index("ix_events_type_at", "type", "at_start", "article_id", "start"),  # 0005
    sa.Index("ix_events_at", "at_start", "article_id", "start"),  # 0005
    sa.Index("ix_events_end", "at_end", "at_start"),  # 0009: since's straddlers
)

event_actors = sa.Table(
    "event_actors",
    metadata,
    sa.Column("event_id", sa.String(40), sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    sa.Column("actor_id", sa.String(80), nullable=False),
    sa.Column("role", sa.String(16), nullable=False),  # source | target | place | attribution
    # 0007: the claim that holds the event (its claim_events link; consolidation puts each
    # event in one claim), kept by Store.replace_claims; NULL until the event is consolidated.
    # An actor's claims are then one range of ix_event_actors_actor_claim, not a probe of
    # claim_events per event.
    sa.Column("claim_id", sa.String(40)),
    sa.PrimaryKeyConstraint("event_id", "actor_id", "role"),
    sa.Index("ix_event_actors_actor_claim", "actor_id", "claim_id"),  # 0007; was (actor_id)
)

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("type", sa.String(40), nullable=False),
    sa.Column("mode", sa.String(40), nullable=False, default=""),
    sa.Column("context", sa.String(40), nullable=False, default=""),
    sa.Column("source_actors", sa.JSON, nullable=False),
    sa.Column("target_actors", sa.JSON, nullable=False),
    sa.Column("time_start", sa.Date),
    sa.Column("time_end", sa.Date),
    sa.Column("time_precision", sa.String(10)),
    sa.Column("quantity", sa.JSON),
    sa.Column("first_reported", sa.Date),
    sa.Column("last_reported", sa.Date),
    sa.Column("n_events", sa.Integer, nullable=False),
    sa.Column("n_articles", sa.Integer, nullable=False),
    sa.Column("summary", sa.Text, nullable=False),
    sa.Column("data", sa.JSON),  # sources, factualities, merge explanation
    sa.Column("component", sa.String(60), nullable=False),
    # 0009: the latest at_end of its events (what since= asks of them), kept by replace_claims
    sa.Column("at_end", sa.Date),
)

claim_events = sa.Table(
    "claim_events",
    metadata,
    sa.Column("claim_id", sa.String(40), sa.ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
    sa.Column("event_id", sa.String(40), sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    sa.PrimaryKeyConstraint("claim_id", "event_id"),
    sa.Index("ix_claim_events_event", "event_id"),
)

# 0005 (created in SQL by the migration, as the dialects differ):
#   ix_claims_time ON claims (coalesce(time_start, first_reported), id) — the timeline's order;
#   ix_articles_published ON articles (published_start DESC [NULLS LAST], id) — newest first.
# 0008: SQLite's articles_fts keyed by publication day;
#   ix_articles_language ON articles (language, published_start DESC [NULLS LAST], id).
# 0009: ix_claims_time ON claims (coalesce(time_start, first_reported), id, at_end);
#   ix_claims_type ON claims (type, coalesce(time_start, first_reported), id, at_end).
CLAIM_ORDER = sa.func.coalesce(claims.c.time_start, claims.c.first_reported)  # as ix_claims_time has it
