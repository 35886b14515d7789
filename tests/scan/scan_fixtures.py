"""A small store of invented parties for the scan tests (no real person is named)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tracewire.store import open_store

ENTITIES: list[dict[str, Any]] = [
    {"id": "t-volkanov", "schema": "Person", "caption": "VOLKANOV, Dmitri Arkadievich",
     "properties": {"name": ["VOLKANOV, Dmitri Arkadievich"],
                    "alias": ["Волканов Дмитрий Аркадьевич"], "birthDate": ["1961-02-03"]},
     "datasets": ["test_list"]},
    {"id": "t-volkanov-sanction", "schema": "Sanction", "caption": "Sanction",
     "properties": {"entity": ["t-volkanov"], "authority": ["Test Sanctions Authority"],
                    "program": ["TEST-PROGRAM-1"], "listingDate": ["2022-03-15"]},
     "datasets": ["test_list"]},
    {"id": "t-kestrel", "schema": "Company", "caption": "KESTREL TRADING HOUSE LLC",
     "properties": {"name": ["KESTREL TRADING HOUSE LLC"]}, "datasets": ["test_list"]},
    {"id": "t-northwind", "schema": "Company", "caption": "NORTHWIND SECURITY SYSTEMS",
     "properties": {"name": ["NORTHWIND SECURITY SYSTEMS"]}, "datasets": ["test_list"]},
    {"id": "t-zarganite", "schema": "Organization", "caption": "ZARGANITE",
     "properties": {"name": ["ZARGANITE"]}, "datasets": ["test_list"]},
    {"id": "t-huaxing", "schema": "Company", "caption": "华星远洋贸易有限公司",
     "properties": {"name": ["华星远洋贸易有限公司"]}, "datasets": ["test_list"]},
    {"id": "t-farouqi", "schema": "Person", "caption": "Qasim Jawad al-Farouqi",
     "properties": {"name": ["Qasim Jawad al-Farouqi"], "alias": ["قاسم جواد الفاروقي"]},
     "datasets": ["test_list"]},
    {"id": "t-vessel", "schema": "Vessel", "caption": "VIENNA STAR",
     "properties": {"name": ["VIENNA STAR"]}, "datasets": ["test_list"]},
]  # fmt: skip


def make_store(folder: Path) -> str:
    path = folder / "scan.db"
    store = open_store(str(path))
    try:
        store.import_entities(
            dataset="test_list", fmt="ftm", source="test", sha256="1" * 64, entities=ENTITIES
        )
    finally:
        store.close()
    return str(path)
