"""Which schemata can be the same party: a Person is never a Vessel."""

from __future__ import annotations

_PARTY = frozenset({"LegalEntity", "Person", "Organization", "Company", "PublicBody"})
_ORGS = frozenset({"Organization", "Company", "PublicBody"})
_THINGS = frozenset({"Vessel", "Airplane", "Vehicle", "Asset"})


def schema_conflict(a: str, b: str) -> float:
    """0 when two schemata can describe one party, 1 when they cannot (a person and a
    vessel), 0.3 when they rarely do (a person and a company)."""
    if a == b or "Thing" in (a, b):
        return 0.0
    if a in _THINGS or b in _THINGS:
        return 1.0
    if "LegalEntity" in (a, b):
        return 0.0
    if (a == "Person" and b in _ORGS) or (b == "Person" and a in _ORGS):
        return 0.3
    if a in _PARTY and b in _PARTY:
        return 0.0
    return 1.0


def can_match(query_schema: str, candidate_schema: str) -> bool:
    """False when a candidate of this schema is never a result for the query schema."""
    return schema_conflict(query_schema, candidate_schema) < 1.0
