"""Loading a trade file: good rows kept, bad rows by line, all or nothing."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from sqlalchemy import func, select

from tracewire.errors import InputError
from tracewire.routes import tables as t
from tracewire.routes.load import load_trade
from tracewire.routes.records import parse_columns
from tracewire.routes.tables import store_engine
from tracewire.store import Store

TRADE = Path(__file__).resolve().parents[1] / "fixtures" / "routes" / "trade_small.csv"


def counts(store: Store) -> tuple[int, int, int]:
    with store_engine(store).connect() as conn:
        return (
            conn.execute(select(func.count()).select_from(t.trade_records)).scalar_one(),
            conn.execute(select(func.count()).select_from(t.trade_parties)).scalar_one(),
            conn.execute(select(func.count()).select_from(t.trade_loads)).scalar_one(),
        )


def test_good_rows_kept_bad_rows_reported_by_line(sqlite_store: Store) -> None:
    result = load_trade(sqlite_store, str(TRADE), parse_columns(None))
    assert result.records == 6
    assert [b.line for b in result.bad] == [8, 9, 10, 11]
    assert "field 'date'" in result.bad[0].error and "not a date" in result.bad[0].error
    assert "field 'value'" in result.bad[1].error
    assert "field 'exporter_country'" in result.bad[2].error
    assert "field 'declaration_id'" in result.bad[3].error
    # Kormak Avia AO is written three ways with one INN: one party
    assert result.parties == 7
    assert counts(sqlite_store) == (6, 7, 1)


def test_a_second_load_merges_parties_and_keeps_the_earliest_date(
    sqlite_store: Store, tmp_path: Path
) -> None:
    engine = store_engine(sqlite_store)
    load_trade(sqlite_store, str(TRADE), parse_columns(None))
    earlier = tmp_path / "earlier.jsonl"
    row = {
        "Decl": "E1",
        "date": "2020-01-05",
        "exporter_name": "Harbor Lumen Ltd",
        "exporter_country": "hk",
        "importer_name": "Kormak Avia",
        "importer_id": 5029138473,
        "importer_country": "ru",
    }
    earlier.write_bytes(orjson.dumps(row) + b"\n")
    result = load_trade(sqlite_store, str(earlier), parse_columns("declaration_id=Decl"))
    assert (result.records, result.new_parties) == (1, 0)
    with engine.connect() as conn:
        seen = conn.execute(
            select(t.trade_parties.c.first_seen).where(t.trade_parties.c.identifier == "5029138473")
        ).scalar_one()
    assert seen == "2020-01-05"


def test_a_file_with_no_good_row_leaves_the_store_as_it_was(
    sqlite_store: Store, tmp_path: Path
) -> None:
    load_trade(sqlite_store, str(TRADE), parse_columns(None))
    before = counts(sqlite_store)
    bad = tmp_path / "bad.csv"
    lines = TRADE.read_text("utf-8").splitlines()
    bad.write_text("\n".join([lines[0], lines[7], lines[8]]) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_trade(sqlite_store, str(bad), parse_columns(None))
    assert str(bad) in err.value.message and "no trade record loaded" in err.value.message
    assert counts(sqlite_store) == before


def test_not_utf8_names_the_file_and_changes_nothing(sqlite_store: Store, tmp_path: Path) -> None:
    bad = tmp_path / "latin1.csv"
    bad.write_bytes(TRADE.read_bytes().replace(b"Harbor", b"Harb\xf6r"))
    with pytest.raises(InputError, match=r"latin1\.csv: not UTF-8"):
        load_trade(sqlite_store, str(bad), parse_columns(None))
    assert counts(sqlite_store) == (0, 0, 0)


def test_a_csv_without_required_columns_is_refused(sqlite_store: Store, tmp_path: Path) -> None:
    bad = tmp_path / "other.csv"
    bad.write_text("name,country\nx,y\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"other\.csv: line 1: CSV has no column"):
        load_trade(sqlite_store, str(bad), parse_columns(None))


def test_malformed_json_lines_are_bad_rows(sqlite_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    good = {
        "declaration_id": "J1",
        "date": "2022-01-01",
        "exporter_name": "A Co",
        "importer_name": "B Co",
    }
    path.write_bytes(orjson.dumps(good) + b"\n{oops\n[1]\n")
    result = load_trade(sqlite_store, str(path), parse_columns(None))
    assert result.records == 1
    assert [(b.line, "JSON" in b.error) for b in result.bad] == [(2, True), (3, True)]
