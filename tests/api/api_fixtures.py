"""Loading the API test fixtures (tests/fixtures/api) into a store."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import orjson

from tracewire.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "api"
DATASET_FILES = {"test_sdn": "entities.jsonl", "test_un": "entities_un.jsonl"}


def read_fixture(name: str) -> list[dict[str, Any]]:
    path = FIXTURES / name
    return [orjson.loads(line) for line in path.read_bytes().splitlines() if line.strip()]


def load_dataset(store: Store, dataset: str, entities: list[dict[str, Any]]) -> int:
    """Import entities as a new version of ``dataset``; returns the version id."""
    digest = hashlib.sha256(orjson.dumps(entities)).hexdigest()
    version = store.import_entities(
        dataset=dataset, fmt="ftm", source=f"fixture:{dataset}", sha256=digest, entities=entities
    )
    return version.id
