"""Settings: layered loading, unknown keys rejected, and every setting documented."""

from pathlib import Path

import pytest

from cronaca import config
from cronaca.errors import ConfigError

DOC = Path(__file__).parent.parent / "docs" / "config.md"


def test_every_setting_is_documented():
    text = DOC.read_text()
    for setting in config.SETTINGS:
        assert f"`{setting.name}`" in text and setting.env in text, setting.name


def test_precedence_file_env_override(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CRONACA_DB", raising=False)
    (tmp_path / "cronaca.toml").write_text('[cronaca]\ndb = "file.db"\nport = 9000\n')
    assert config.load()["db"] == "file.db" and config.load()["port"] == 9000
    monkeypatch.setenv("CRONACA_DB", "env.db")
    assert config.load()["db"] == "env.db"
    assert config.load({"db": "cli.db"})["db"] == "cli.db"


def test_unknown_key_and_bad_value_are_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cronaca.toml").write_text('[cronaca]\ndatabase = "x.db"\n')
    with pytest.raises(ConfigError, match="unknown setting"):
        config.load()
    (tmp_path / "cronaca.toml").write_text('[cronaca]\nport = "many"\n')
    with pytest.raises(ConfigError, match="port"):
        config.load()
