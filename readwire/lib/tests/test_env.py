import pytest

from readwire.lib.env import ConfigurationError, env_bool, env_int, env_list
from readwire.lib.keys import load_or_create_secret_key, load_or_create_vapid_keys


def test_env_bool_refuses_what_it_cannot_understand(monkeypatch):
    monkeypatch.setenv("READWIRE_X", "yes")
    assert env_bool("READWIRE_X") is True
    monkeypatch.setenv("READWIRE_X", "perhaps")
    with pytest.raises(ConfigurationError, match="READWIRE_X='perhaps'"):
        env_bool("READWIRE_X")


def test_env_int_names_the_variable_and_checks_the_minimum(monkeypatch):
    monkeypatch.setenv("READWIRE_N", "12")
    assert env_int("READWIRE_N", 1) == 12
    monkeypatch.setenv("READWIRE_N", "twelve")
    with pytest.raises(ConfigurationError, match="READWIRE_N"):
        env_int("READWIRE_N", 1)
    monkeypatch.setenv("READWIRE_N", "0")
    with pytest.raises(ConfigurationError, match="at least 1"):
        env_int("READWIRE_N", 5, minimum=1)


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("READWIRE_HOSTS", "a.example, b.example,,")
    assert env_list("READWIRE_HOSTS") == ["a.example", "b.example"]


def test_keys_are_generated_once_and_kept_private(tmp_path):
    first = load_or_create_secret_key(tmp_path)
    assert first == load_or_create_secret_key(tmp_path) and len(first) > 40
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    path, public = load_or_create_vapid_keys(tmp_path)
    assert load_or_create_vapid_keys(tmp_path) == (path, public)
    assert len(public) == 87  # base64url of a 65-byte uncompressed P-256 point
