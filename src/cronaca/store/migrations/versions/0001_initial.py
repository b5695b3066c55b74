"""Initial schema: articles, rejections, mentions, entities, events, claims.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("published_start", sa.Date),
        sa.Column("published_end", sa.Date),
        sa.Column("published_precision", sa.String(10)),
        sa.Column("outlet", sa.Text, nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("byline", sa.Text, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("ingested_at", sa.DateTime, nullable=False),
        sa.Column("pipeline", sa.JSON),
        sa.Column("extracted_at", sa.DateTime),
    )
    op.create_table(
        "rejections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("source", "reason", name="uq_rejections_source_reason"),
    )
    op.create_table(
        "mentions",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column(
            "article_id", sa.String(40), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("label", sa.String(40), nullable=False),
        sa.Column("entity_id", sa.String(80)),
        sa.Column("value", sa.JSON),
        sa.Column("component", sa.String(60), nullable=False),
        sa.Column("rule", sa.String(120), nullable=False),
    )
    op.create_index("ix_mentions_article", "mentions", ["article_id", "kind"])
    op.create_index("ix_mentions_entity", "mentions", ["entity_id"])
    op.create_table(
        "entities",
        sa.Column("id", sa.String(80), primary_key=True),
        sa.Column("type", sa.String(40), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("data", sa.JSON),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column(
            "article_id", sa.String(40), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("type", sa.String(40), nullable=False),
        sa.Column("mode", sa.String(40), nullable=False),
        sa.Column("context", sa.String(40), nullable=False),
        sa.Column("cameo", sa.String(8), nullable=False),
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
        sa.Column("time_text", sa.Text, nullable=False),
        sa.Column("quantity", sa.JSON),
        sa.Column("factuality", sa.String(24), nullable=False),
        sa.Column("attribution", sa.JSON, nullable=False),
        sa.Column("rule", sa.String(120), nullable=False),
        sa.Column("component", sa.String(60), nullable=False),
    )
    op.create_index("ix_events_article", "events", ["article_id"])
    op.create_index("ix_events_type", "events", ["type"])
    op.create_table(
        "event_actors",
        sa.Column("event_id", sa.String(40), sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
        sa.Column("actor_id", sa.String(80), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("event_id", "actor_id", "role"),
    )
    op.create_index("ix_event_actors_actor", "event_actors", ["actor_id"])
    op.create_table(
        "claims",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("type", sa.String(40), nullable=False),
        sa.Column("mode", sa.String(40), nullable=False),
        sa.Column("context", sa.String(40), nullable=False),
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
        sa.Column("data", sa.JSON),
        sa.Column("component", sa.String(60), nullable=False),
    )
    op.create_table(
        "claim_events",
        sa.Column("claim_id", sa.String(40), sa.ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
        sa.Column("event_id", sa.String(40), sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
        sa.PrimaryKeyConstraint("claim_id", "event_id"),
    )
    op.create_index("ix_claim_events_event", "claim_events", ["event_id"])


def downgrade() -> None:
    for table in (
        "claim_events",
        "claims",
        "event_actors",
        "events",
        "entities",
        "mentions",
        "rejections",
        "articles",
    ):
        op.drop_table(table)
