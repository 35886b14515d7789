"""Score name pairs with nomenklatura's logic-v2 (run in a separate venv by the bench).

Usage: NK_PYTHON bench/nomenklatura_pairs.py CASES.csv  → JSON {"scores": [...], "seconds": s}
Imports only nomenklatura and followthemoney, never tracewire.
"""

from __future__ import annotations

import csv
import json
import sys
import time


def main() -> None:
    from followthemoney import model
    from nomenklatura.matching import LogicV2
    from nomenklatura.matching.types import ScoringConfig

    with open(sys.argv[1], encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    config = ScoringConfig.defaults()
    pairs = []
    for number, row in enumerate(rows):
        a = model.make_entity(row["schema"])
        a.id = f"a{number}"
        a.add("name", row["name1"])
        b = model.make_entity(row["schema"])
        b.id = f"b{number}"
        b.add("name", row["name2"])
        pairs.append((a, b))
    LogicV2.compare(pairs[0][0], pairs[0][1], config)  # warm caches
    started = time.perf_counter()
    scores = [LogicV2.compare(a, b, config).score for a, b in pairs]
    seconds = time.perf_counter() - started
    json.dump({"scores": scores, "seconds": seconds}, sys.stdout)


if __name__ == "__main__":
    main()
