"""The public API is what README promises: guard it (as httpx's test_exported_members)."""

from __future__ import annotations

import inspect

import pytest

import tracewire


def test_exported_members() -> None:
    assert set(tracewire.__all__) == {
        "__version__",
        "screen",
        "Query",
        "Screening",
        "open_store",
        "load_path",
        "decode",
        "resolve",
        "classify",
        "scan",
    }
    for name in tracewire.__all__:
        member = getattr(tracewire, name)
        assert member is not None
        if name != "__version__":
            assert inspect.getdoc(member), f"{name} has no docstring"


def test_unknown_attribute_raises() -> None:
    with pytest.raises(AttributeError):
        tracewire.no_such_thing  # noqa: B018


def test_screen_is_usable_without_server() -> None:
    from tracewire.match.running.engine import Screener

    entities = [
        {
            "id": "p1",
            "schema": "Person",
            "properties": {"name": ["PATRUSHEV, Nikolai Platonovich"]},
            "datasets": ["t"],
        }
    ]
    screener = Screener.from_entities(entities, {"t": 1})
    result = tracewire.screen("Mykola Patrushev", schema="Person", screener=screener)
    assert result.results and result.results[0].id == "p1"
    assert result.results[0].match
    assert result.list_versions == {"t": 1}
