"""Reading one trade row: fields, errors naming the column, party keys."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracewire.errors import InputError, UsageError
from tracewire.routes.records import DEFAULT_COLUMNS, RowReader, parse_columns, party_key

HEADER = list(DEFAULT_COLUMNS)


def row(**values: str) -> list[str]:
    base = {
        "declaration_id": "D1",
        "date": "2022-05-01",
        "exporter_name": "Harbor Lumen Ltd",
        "exporter_country": "hk",
        "importer_name": "Kormak Avia AO",
        "importer_country": "ru",
    }
    base.update(values)
    return [base.get(name, "") for name in HEADER]


def read(**values: str):  # type: ignore[no-untyped-def]
    return RowReader(parse_columns(None), HEADER).read(row(**values), 7)


def test_a_row_is_read_with_clean_values() -> None:
    rec = read(
        hs_code="8542.31.00",
        date="01.06.2022",
        value="1 234,5",
        quantity="1,000.0",
        importer_id="502 913-8473",
        origin_country="United States",
        currency="usd",
    )
    assert rec.hs_code == "85423100"
    assert rec.date == "2022-06-01"
    assert rec.value == 1234.5
    assert rec.quantity == 1000
    assert rec.importer.identifier == "5029138473"
    assert rec.origin_country == "us"
    assert rec.currency == "USD"


@pytest.mark.parametrize(
    ("values", "column", "words"),
    [
        ({"date": "2022-13-01"}, "date", "not a date"),
        ({"value": "-5"}, "value", "negative"),
        ({"quantity": "ten"}, "quantity", "not a number"),
        ({"importer_country": "Atlantis"}, "importer_country", "unknown country"),
        ({"hs_code": "85x"}, "hs_code", "HS code"),
        ({"declaration_id": ""}, "declaration_id", "no value"),
    ],
)
def test_a_bad_value_names_line_and_column(values: dict[str, str], column: str, words: str) -> None:
    with pytest.raises(InputError) as err:
        read(**values)
    assert err.value.line == 7
    assert err.value.field == column
    assert words in err.value.message


def test_the_mapped_column_is_named_in_errors() -> None:
    columns = parse_columns("date=Datum")
    header = ["Datum" if h == "date" else h for h in HEADER]
    with pytest.raises(InputError, match="'Datum'"):
        RowReader(columns, header).read(row(date="soon"), 3)


def test_bad_columns_spec_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="FIELD=Header"):
        parse_columns("colour=Red")


def test_one_identifier_is_one_party_whatever_the_spelling() -> None:
    a = read(importer_name="KORMAK AVIA AO", importer_id="5029138473")
    b = read(importer_name="Kormak-Avia", importer_id="502 913 8473")
    assert a.importer.key == b.importer.key
    assert a.importer.key_reason == "identifier"


def test_without_identifier_name_and_country_key_the_party() -> None:
    assert party_key("Harbor Lumen Ltd.", "hk", None) == party_key("harbor  lumen ltd", "hk", None)
    assert party_key("Harbor Lumen Ltd", "hk", None) != party_key("Harbor Lumen Ltd", "ae", None)


@given(st.lists(st.text(max_size=12), min_size=0, max_size=25))
def test_any_row_is_read_or_raises_our_error(values: list[str]) -> None:
    reader = RowReader(parse_columns(None), HEADER)
    try:
        rec = reader.read(values, 2)
    except InputError as exc:
        assert exc.line == 2
    else:
        assert rec.declaration_id and rec.date
