"""Loading the API test fixtures (tests/fixtures/api) into a store."""

from __future__ import annotations

import hashlib
import random
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


#: syllables invented names are made of (no real party is named)
SYLLABLES = ("ka", "lo", "mir", "ten", "sha", "dov", "ri", "nek", "zu", "bar", "tol", "ve")


def invented_name(rng: random.Random, words: int) -> str:
    """A name of ``words`` words of two or three invented syllables each."""
    return " ".join(
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        for _ in range(words)
    )


def invented_entities(count: int, dataset: str, seed: int = 9) -> list[dict[str, Any]]:
    """``count`` Persons and Companies with invented names (a store big enough that a query
    reaches as many candidates as the server allows)."""
    rng = random.Random(seed)
    entities = []
    for number in range(count):
        schema = "Person" if number % 3 else "Company"
        names = [invented_name(rng, rng.randint(2, 4)) for _ in range(rng.randint(1, 3))]
        entities.append(
            {
                "id": f"inv-{number}",
                "schema": schema,
                "properties": {"name": names[:1], "alias": names[1:]},
                "datasets": [dataset],
            }
        )
    return entities
