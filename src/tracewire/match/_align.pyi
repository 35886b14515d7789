"""Types of the compiled name-alignment core (``_align.cpp``); see ``align.py``."""

from collections.abc import Callable, Mapping
from typing import Any

from tracewire.names.prepared import PreparedName, Token

Weight = Mapping[str, float] | Callable[[str], float]

def configure(settings: dict[str, Any]) -> None: ...
def compare(
    query: PreparedName, candidate: PreparedName, weight: Weight
) -> tuple[
    float, str, str, list[tuple[str, str, float, str]], list[str], list[str], bool, float
]: ...
def score(
    query: PreparedName, candidate: PreparedName, weight: Weight
) -> tuple[float, float, bool]: ...
def best(
    query: tuple[PreparedName, ...],
    candidate: tuple[PreparedName, ...],
    weight: Weight,
    weak_query: frozenset[str],
    weak_candidate: frozenset[str],
    weak_factor: float,
) -> tuple[float, float, bool, int, int]: ...
def similarities(token: Token, others: list[Token]) -> list[float]: ...
def token_similarity(a: Token, b: Token) -> tuple[float, str]: ...
def skeleton(text: str) -> str: ...
def clear() -> None: ...
def cache_sizes() -> dict[str, int]: ...
