"""One list of settings: it feeds the CLI options, ``CRONACA_*`` variables, the config
file and docs/config.md (a test checks every setting is documented there).

Precedence: command-line option > environment variable > config file > default.
The config file is ``cronaca.toml`` in the working directory, or the path in
``CRONACA_CONFIG``; its keys live under ``[cronaca]`` and unknown keys are an error.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomllib

from cronaca.errors import ConfigError


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str

    @property
    def env(self) -> str:
        return f"CRONACA_{self.name.upper()}"


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "cronaca.db", "Database: a SQLite path or a SQLAlchemy URL (postgresql+psycopg://...)."),
    Setting("host", "127.0.0.1", "Address `cronaca serve` listens on."),
    Setting("port", 8000, "Port `cronaca serve` listens on."),
    Setting(
        "serve_workers", 1, "Processes answering requests in `cronaca serve`; 0: one per CPU core, at most 8."
    ),
    Setting("language", "", "Language of the input when detection cannot tell (ISO 639-1); empty: detect."),
    Setting("allow_private_urls", False, "Allow ingesting URLs on private or loopback addresses."),
    Setting("entities", "", "Extra entity registry YAML files, comma-separated (extend the packaged one)."),
    Setting("ner", "", "Statistical NER beside the rules, e.g. spacy:NAME_OR_PATH; empty: rules only."),
    Setting("workers", 0, "Processes extracting articles during `cronaca ingest`; 0: one per CPU core."),
    Setting("dask", "", "Dask scheduler address (tcp://HOST:8786) `cronaca ingest` extracts on."),
)
BY_NAME = {s.name: s for s in SETTINGS}


def _coerce(setting: Setting, value: Any) -> Any:
    kind = type(setting.default)
    if isinstance(value, kind):
        return value
    text = str(value).strip()
    try:
        if kind is bool:
            if text.lower() in {"1", "true", "yes", "on"}:
                return True
            if text.lower() in {"0", "false", "no", "off", ""}:
                return False
            raise ValueError(text)
        return kind(text)
    except ValueError as e:
        raise ConfigError(f"setting {setting.name} = {value!r} is not a valid {kind.__name__}") from e


def config_file() -> Path | None:
    explicit = os.environ.get("CRONACA_CONFIG")
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"CRONACA_CONFIG points to {path}, which is not a file")
        return path
    local = Path("cronaca.toml")
    return local if local.is_file() else None


def load(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """The effective settings: defaults, then the file, then the environment, then overrides."""
    values = {s.name: s.default for s in SETTINGS}
    path = config_file()
    if path:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8")).get("cronaca", {})
        except tomllib.TOMLDecodeError as e:
            raise ConfigError(f"{path} is not valid TOML: {e}") from e
        unknown = sorted(set(data) - set(BY_NAME))
        if unknown:
            raise ConfigError(f"{path}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(BY_NAME)}")
        values.update({k: _coerce(BY_NAME[k], v) for k, v in data.items()})
    for s in SETTINGS:
        if s.env in os.environ:
            values[s.name] = _coerce(s, os.environ[s.env])
    for name, value in (overrides or {}).items():
        if value is None:
            continue
        if name not in BY_NAME:
            raise ConfigError(f"unknown setting {name!r}")
        values[name] = _coerce(BY_NAME[name], value)
    return values
