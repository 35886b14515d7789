"""Token rarity: how much a name part counts when names are compared."""

from __future__ import annotations


class Weights(dict[str, float]):
    """Token text -> rarity; a token never seen is as rare as can be. It is also the
    weight function name comparison takes (the compiled core reads it as a dict)."""

    def __init__(self, missing: float) -> None:
        super().__init__()
        self.missing = missing

    def __missing__(self, key: str) -> float:
        return self.missing

    def __call__(self, text: str) -> float:
        return self[text]
