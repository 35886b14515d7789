"""The one JSON shape of a screening: what the API documents, field for field."""

from __future__ import annotations

from typing import Any

from tracewire.api.models import Audit, EntityMatches, ScoredEntityResponse
from tracewire.match.output import result_dict, screening_dict
from tracewire.match.running.engine import Screener
from tracewire.match.types import Query, Screening

ENTITIES: list[dict[str, Any]] = [
    {"id": "c1", "schema": "Company", "caption": "QODS AVIATION INDUSTRIES",
     "properties": {"name": ["QODS AVIATION INDUSTRIES"]}, "datasets": ["list_a", "list_b"],
     "referents": ["old-c1"], "first_seen": "2024-05-03T10:00:00"},
    {"id": "c2", "schema": "Company", "properties": {"name": ["QODS AVIATION SERVICES"]},
     "datasets": ["list_b"]},
]  # fmt: skip


def _screening() -> Screening:
    screener = Screener.from_entities(ENTITIES, {"list_a": 3, "list_b": 7, "list_c": 9})
    return screener.screen(Query(names=("Qods Aviation Industries",), schema="Company"))


def _field_names(model: Any) -> set[str]:
    return {field.alias or name for name, field in model.model_fields.items()}


def test_a_result_has_the_documented_fields_and_nothing_else() -> None:
    screening = _screening()
    top = result_dict(screening.results[0], screening)
    assert set(top) == _field_names(ScoredEntityResponse)
    assert top["id"] == "c1" and top["referents"] == ["old-c1"] and top["target"] is False
    assert top["first_seen"] == "2024-05-03T10:00:00" and top["last_seen"] is None
    assert top["features"] == {name: e["score"] for name, e in top["explanations"].items()}
    # the audit token names the result's own datasets' versions, not every list's
    assert top["token"] == f"{screening.algorithm}@{screening.algorithm_version};list_a=3,list_b=7"
    ScoredEntityResponse.model_validate(top)


def test_a_caption_falls_back_to_the_first_name() -> None:
    screening = _screening()
    other = next(r for r in screening.results if r.id == "c2")
    assert result_dict(other, screening)["caption"] == "QODS AVIATION SERVICES"


def test_a_screening_carries_its_audit_and_may_be_narrowed() -> None:
    screening = _screening()
    whole = screening_dict(screening)
    assert set(whole) == {"results", "total", "query", "audit"}
    assert set(whole["audit"]) == _field_names(Audit)
    assert whole["audit"]["list_versions"] == {"list_a": 3, "list_b": 7, "list_c": 9}
    assert whole["query"] == {
        "schema": "Company",
        "properties": {"name": ["Qods Aviation Industries"]},
    }
    EntityMatches.model_validate(whole)
    echo = {"schema": "Company", "properties": {"name": ["as sent"]}}
    narrowed = screening_dict(
        screening, results=screening.results[:1], total=1, relation="gte", query=echo
    )
    assert [r["id"] for r in narrowed["results"]] == ["c1"]
    assert narrowed["total"] == {"value": 1, "relation": "gte"} and narrowed["query"] == echo
