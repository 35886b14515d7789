"""The one parser of ``--columns``: renames over the defaults, refuses what it cannot map."""

from __future__ import annotations

import pytest

from tracewire.columns import parse_columns
from tracewire.errors import UsageError

DEFAULTS = {"name": "name", "country": "country"}


def test_no_spec_gives_the_defaults() -> None:
    assert parse_columns(None, DEFAULTS) == DEFAULTS
    assert parse_columns("", DEFAULTS) == DEFAULTS


def test_entries_rename_headers_and_keep_the_rest() -> None:
    assert parse_columns(" name = Full Name ", DEFAULTS) == {
        "name": "Full Name",
        "country": "country",
    }


@pytest.mark.parametrize("spec", ["name", "name=", "nick=Alias", "name=A,=B"])
def test_bad_entries_are_usage_errors_naming_the_entry(spec: str) -> None:
    with pytest.raises(UsageError, match=r"bad --columns entry .*FIELD one of name, country"):
        parse_columns(spec, DEFAULTS)
