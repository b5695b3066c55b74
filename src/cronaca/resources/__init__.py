"""Packaged, versioned data: lexicons, patterns, registries, ontology.

Rules live here as data files, per language; code holds the engines. Every file is
loaded once, validated, and carries a ``version`` that annotations record.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from cronaca.errors import ResourceError

# libyaml's loader when PyYAML was built with it: the registries load ~3x faster
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
