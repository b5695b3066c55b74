"""The rules of a language, compiled once from CLDR month and weekday names and
``resources/<lang>/time.yaml``: calendar rules first, then the phrases of time.yaml (the
order settles ties between candidates of the same length and start)."""

from __future__ import annotations

import re
from functools import cache

from cronaca.errors import ResourceError
from cronaca.extract.time.calendar_rules import calendar_rules
from cronaca.extract.time.candidates import Rule
from cronaca.extract.time.names import calendar_names
from cronaca.extract.time.relative_rules import relative_rules
from cronaca.extract.time.surroundings import Words, surrounding_words
from cronaca.resources import load_yaml

LANGUAGES = ("it", "en")


@cache
def rules_for(language: str) -> tuple[list[Rule], Words | None, int]:
    """The compiled rules, the surrounding words and the time.yaml version for a language."""
    if language not in LANGUAGES:
        return [], None, 0
    data = load_yaml(f"{language}/time.yaml")
    try:
        names = calendar_names(language)
        rules = calendar_rules(language, data, names) + relative_rules(language, data, names)
        return rules, surrounding_words(data), int(data["version"])
    except (KeyError, TypeError, ValueError, re.error) as e:
        raise ResourceError(f"{language}/time.yaml is malformed: {e}") from e
