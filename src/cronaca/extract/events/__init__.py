"""Event mentions: who did what to whom, when, where, how many — and who says so, how surely.

The stage's modules, in the order a sentence meets them:

- ``component``: the registered ``events`` component and the rule files' loader
  (``resources/<lang>/events.yaml``);
- ``cues``: the language's cue lists (``resources/<lang>/cues.yaml``);
- ``clauses``: a sentence cut into clauses, without a parser;
- ``attribution``: who the sentence cites (the chain of sources); ``attribution_spans``: the
  cue and source spans PolNeAR scores;
- ``roles``: source and target of one trigger inside its clause; ``discourse``: the sides a
  sentence leaves unsaid, from the article's fighting and headline;
- ``factuality``: how surely it is said; ``modes``: the PLOVER mode.
"""

from cronaca.extract.events.component import (
    ACTOR_LABELS,
    COMPONENT,
    Rule,
    events,
    factuality_at,
    load_cues,
    load_rules,
)

__all__ = ["ACTOR_LABELS", "COMPONENT", "Rule", "events", "factuality_at", "load_cues", "load_rules"]
