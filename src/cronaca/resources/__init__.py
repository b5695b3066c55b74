"""Packaged, versioned data: lexicons, patterns, registries, ontology.

Rules live here as data files, per language; code holds the engines. Every file is
loaded once, validated, and carries a ``version`` that annotations record.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml

from cronaca.errors import ResourceError

# libyaml's loader when PyYAML was built with it: the registries load ~3x faster
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BOOL = "tag:yaml.org,2002:bool"


class _Loader(_Base):  # type: ignore[misc,valid-type]
    """YAML 1.2 booleans: only true and false. PyYAML follows YAML 1.1, where on, off, yes,
    no, y and n are booleans too, so the preposition "on" and the negation "no" in a word
    list silently became True and False."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def path(name: str):
    """A packaged resource file, e.g. ``path("it/events.yaml")``."""
    return resources.files("cronaca.resources").joinpath(name)


@cache
def load_yaml(name: str) -> Any:
    """Load a packaged YAML file; a missing or malformed file is a ResourceError."""
    target = path(name)
    try:
        with target.open("r", encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=_Loader)  # noqa: S506 - a safe loader
    except FileNotFoundError as e:
        raise ResourceError(f"packaged resource {name} is missing: reinstall cronaca") from e
    except yaml.YAMLError as e:
        raise ResourceError(f"packaged resource {name} is not valid YAML: {e}") from e
    return data if data is not None else {}
