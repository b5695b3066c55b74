"""Event mentions → claims: one record per thing reported, with every source behind it."""

from cronaca.consolidate.claims import build_claims, claim_rows, speakers_of, touched_actors, with_links

__all__ = ["build_claims", "claim_rows", "speakers_of", "touched_actors", "with_links"]
