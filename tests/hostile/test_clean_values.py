"""Control characters in list values are removed with a warning naming the file and line,
never stored silently; a value over the field limit refuses the file, and the previous
version stays active."""

from __future__ import annotations

import logging
from pathlib import Path

import orjson
import pytest
from bombs import CSL_HEADER, csl_row
from click.testing import CliRunner

from tracewire.cli.main import cli
from tracewire.errors import InputError, UsageError
from tracewire.lists.importer import load_path
from tracewire.store import open_store


def _names(db: Path) -> list[str]:
    store = open_store(str(db))
    try:
        return [
            name
            for entity in store.iter_entities()
            for name in entity["properties"].get("name", [])
        ]
    finally:
        store.close()


def test_nul_in_a_csl_name_is_removed_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "csl.csv"
    path.write_bytes(
        CSL_HEADER + csl_row("k1", "Invented Co") + csl_row("k2", "I.\x00ASH Invented\x07 Trading")
    )
    store = open_store(str(tmp_path / "s.db"))
    with caplog.at_level(logging.WARNING, logger="tracewire.lists"):
        load_path(store, path)
    store.close()
    assert sorted(_names(tmp_path / "s.db")) == ["I.ASH Invented Trading", "Invented Co"]
    [warning] = [r.getMessage() for r in caplog.records]
    assert str(path) in warning and "line 3" in warning
    assert "removed control characters (U+0000, U+0007)" in warning


def test_the_cli_prints_the_warning_on_stderr(tmp_path: Path) -> None:
    path = tmp_path / "people.ftm.json"
    entity = {"id": "p1", "schema": "Person", "properties": {"name": ["Invented\x1b Person"]}}
    path.write_bytes(orjson.dumps(entity) + b"\n")
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "c.db"), "lists", "load", str(path)])
    assert result.exit_code == 0, result.output
    expected = f"tracewire: warning: {path}, line 1, field 'name': removed control characters"
    assert expected in result.stderr
    assert _names(tmp_path / "c.db") == ["Invented Person"]


def test_c1_controls_are_read_as_windows_1252(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "csl.csv"
    path.write_bytes(CSL_HEADER + csl_row("k1", "O\u0092Invented Co\u0081"))
    store = open_store(str(tmp_path / "s.db"))
    with caplog.at_level(logging.WARNING, logger="tracewire.lists"):
        load_path(store, path)
    store.close()
    assert _names(tmp_path / "s.db") == ["O\u2019Invented Co"]
    [warning] = [r.getMessage() for r in caplog.records]
    assert "line 2" in warning and "removed control characters (U+0081)" in warning
    assert "read C1 controls as Windows-1252 (U+0092 as '\u2019')" in warning


def test_warnings_stop_one_by_one_after_twenty(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "csl.csv"
    path.write_bytes(CSL_HEADER + b"".join(csl_row(f"k{i}", f"Name\x01 {i}") for i in range(30)))
    store = open_store(str(tmp_path / "s.db"))
    with caplog.at_level(logging.WARNING, logger="tracewire.lists"):
        version = load_path(store, path).version
    store.close()
    assert version.counts["LegalEntity"] == 30
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 21 and "without a warning each" in messages[-1]


def test_a_value_over_the_field_limit_is_refused_and_the_old_version_stays(
    tmp_path: Path,
) -> None:
    store = open_store(str(tmp_path / "s.db"))
    good = tmp_path / "good.csv"
    good.write_bytes(CSL_HEADER + csl_row("k1", "Invented Co"))
    first = load_path(store, good).version
    wide = tmp_path / "wide.csv"
    wide.write_bytes(CSL_HEADER + csl_row("k1", "Invented Co") + csl_row("k2", "N" * 100_000))
    with pytest.raises(InputError) as caught:
        load_path(store, wide)
    assert caught.value.line == 3 and caught.value.field == "name"
    assert "a value of 100,000 characters" in caught.value.message
    assert "65,536 characters (TRACEWIRE_MAX_FIELD)" in caught.value.message
    huge = tmp_path / "huge.csv"
    huge.write_bytes(CSL_HEADER + csl_row("k2", "N" * (10 << 20)))
    with pytest.raises(InputError) as caught:
        load_path(store, huge)
    assert caught.value.line == 2 and "TRACEWIRE_MAX_LINE" in caught.value.message
    assert [v.id for v in store.active_versions()] == [first.id]
    store.close()


def test_the_field_limit_is_configurable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "csl.csv"
    path.write_bytes(CSL_HEADER + csl_row("k1", "N" * 100_000))
    monkeypatch.setenv("TRACEWIRE_MAX_FIELD", "200000")
    store = open_store(str(tmp_path / "s.db"))
    assert load_path(store, path).version.counts["LegalEntity"] == 1
    monkeypatch.setenv("TRACEWIRE_MAX_FIELD", "many")
    with pytest.raises(UsageError, match="TRACEWIRE_MAX_FIELD must be a positive whole number"):
        load_path(store, tmp_path / "csl.csv", dataset="other")
    store.close()
