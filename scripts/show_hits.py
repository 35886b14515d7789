"""Print batch screening output (JSON lines from `tracewire screen --input`) as a short table:
each query, then its best hits with score, match flag and the list they come from."""

from __future__ import annotations

import json
import sys


def main(path: str) -> None:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            names = row.get("query", {}).get("properties", {}).get("name", ["?"])
            schema = row.get("query", {}).get("schema", "")
            print(f"-- {names[0]} ({schema})")
            hits = row.get("results", [])
            if not hits:
                print("   no candidates")
            for hit in hits:
                flag = "MATCH" if hit.get("match") else "     "
                datasets = ",".join(hit.get("datasets", []))
                print(
                    f"   {flag} {hit['score']:.3f}  {hit['caption']}  [{hit['schema']}]"
                    f"  {hit['id']}  ({datasets})"
                )


if __name__ == "__main__":
    main(sys.argv[1])
