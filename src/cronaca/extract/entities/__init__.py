"""Entity mentions linked to canonical entities: countries, places, people, organisations,
weapons, generic agents ("la polizia", "the rebels") and unlinked names.

- ``component``: the registered ``entities`` component, the gazetteer search and ``lookup``;
- ``registry``: the registries (countries from CLDR, places from GeoNames, curated files);
- ``linking``: overlaps, short forms, roles and context between found names;
- ``agents``: generic agents with their sector and country;
- ``unknown_names``: capitalised names no registry knows, typed from their words and context;
- ``name_lexicon``, ``inflection``: word lists and Italian inflection the others share;
- ``ner_spacy``: an optional statistical NER beside the rules.
"""

from cronaca.extract.entities.component import (
    COMPONENT,
    VERSION,
    annotate,
    entities,
    find,
    lookup,
    matches,
    mention,
    registry,
)

__all__ = ["COMPONENT", "VERSION", "annotate", "entities", "find", "lookup", "matches", "mention", "registry"]
