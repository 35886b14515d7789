"""The disk cache of rigour's name keys gives exactly the keys rigour gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracewire.names import variants

TOKENS = ["nikolai", "mykola", "aleksandr", "mohammad", "hossein", "zzqxv", "patrushev"]


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TRACEWIRE_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_cached_keys_equal_rigour_keys(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = {token: variants._ask_rigour(token) for token in TOKENS}
    assert fresh["nikolai"] and fresh["mohammad"] and not fresh["zzqxv"]
    first = variants._RigourKeys()
    assert {token: first.get(token) for token in TOKENS} == fresh
    first.save()
    assert variants.cache_path().parent == cache_dir
    assert variants.cache_path().exists()

    def refuse(token: str) -> tuple[str, ...]:
        raise AssertionError(f"rigour asked for {token!r} although it is cached")

    monkeypatch.setattr(variants, "_ask_rigour", refuse)
    second = variants._RigourKeys()
    assert {token: second.get(token) for token in TOKENS} == fresh


def test_unreadable_cache_falls_back_to_rigour(cache_dir: Path) -> None:
    path = variants.cache_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"{not json")
    keys = variants._RigourKeys()
    assert keys.get("nikolai") == variants._ask_rigour("nikolai")
    keys.save()
    assert b"nikolai" in path.read_bytes()


def test_variant_keys_merge_table_and_rigour() -> None:
    for token in TOKENS:
        expected = set(variants._table().get(token, ())) | set(variants._ask_rigour(token))
        assert variants.variant_keys(token) == frozenset(expected)
