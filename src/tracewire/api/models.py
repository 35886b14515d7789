"""Request and response models of the HTTP API, with examples so ``/docs`` teaches.

The matching models follow yente's (``yente/data/common.py``) so yente clients work unchanged;
fields yente does not have (``explanations``, ``audit``) are additions a yente client ignores.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

PERSON_EXAMPLE: dict[str, Any] = {
    "schema": "Person",
    "properties": {
        "name": ["Mykola Patrushev"],
        "birthDate": ["1951-07-11"],
        "nationality": ["ru"],
    },
}
COMPANY_EXAMPLE: dict[str, Any] = {
    "schema": "Company",
    "properties": {"name": ["Shahed Aviation Industries"], "jurisdiction": ["ir"]},
}


class ErrorResponse(BaseModel):
    """The one shape of every error the API returns."""

    status: int = Field(..., examples=[400])
    type: str = Field(..., examples=["invalid_query"])
    detail: str = Field(..., examples=["queries.q1: a name is given but empty (properties.name)"])


class StatusResponse(BaseModel):
    status: str = Field("ok", examples=["ok"])


class ReadyResponse(StatusResponse):
    """Readiness: the index is built and when, from which store state, with how much."""

    index: dict[str, Any] = Field(
        ...,
        examples=[{"entities": 61234, "build_seconds": 6.1, "state_token": "3:41", "stale": False}],
    )


class TotalSpec(BaseModel):
    value: int = Field(..., examples=[42])
    relation: str = Field("eq", examples=["eq"])


class EntityExample(BaseModel):
    """An entity to match, formatted like the entities the API returns."""

    model_config = ConfigDict(populate_by_name=True)

    id: str | None = Field(None, examples=["my-entity-id"])
    schema_: str = Field(..., alias="schema", examples=["Person"])
    properties: dict[str, str | list[Any]] = Field(
        ..., examples=[{"name": ["John Doe"], "birthDate": ["1975-04-21"]}]
    )


class EntityMatchQuery(BaseModel):
    """A batch of example entities, keyed by a name the client chooses."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"queries": {"q1": PERSON_EXAMPLE, "q2": COMPANY_EXAMPLE}}]}
    )

    weights: dict[str, float] = Field(
        {}, description="Accepted for yente compatibility; tracewire's weights are fixed."
    )
    config: dict[str, str | int | float | bool | None] = Field(
        {}, description="Accepted for yente compatibility; ignored."
    )
    queries: dict[str, EntityExample | None]


class EntityResponse(BaseModel):
    """A listed entity (FollowTheMoney), with adjacent entities nested where fetched."""

    model_config = ConfigDict(populate_by_name=True)

    id: str = Field(..., examples=["ofac-9647"])
    caption: str = Field(..., examples=["PATRUSHEV, Nikolai Platonovich"])
    schema_: str = Field(..., alias="schema", examples=["Person"])
    properties: dict[str, list[Any]] = Field(
        ..., examples=[{"name": ["PATRUSHEV, Nikolai Platonovich"], "birthDate": ["1951-07-11"]}]
    )
    datasets: list[str] = Field([], examples=[["us_ofac_sdn"]])
    referents: list[str] = Field([], examples=[[]])
    target: bool = Field(False, examples=[True])
    first_seen: str | None = Field(None, examples=["2024-05-03T10:00:00"])
    last_seen: str | None = Field(None, examples=["2024-05-03T10:00:00"])
    last_change: str | None = Field(None, examples=["2024-05-03T10:00:00"])


class FeatureExplanation(BaseModel):
    """Why one feature scored what it did."""

    score: float = Field(..., examples=[0.93])
    weight: float = Field(..., examples=[0.6])
    detail: str = Field(..., examples=["name parts aligned: mykola~nikolai, patrushev=patrushev"])
    query: str | None = Field(None, examples=["Mykola Patrushev"])
    candidate: str | None = Field(None, examples=["PATRUSHEV, Nikolai Platonovich"])


class ScoredEntityResponse(EntityResponse):
    score: float = Field(..., examples=[0.91])
    features: dict[str, float] = Field({}, examples=[{"name_parts": 0.93, "birth_date": 1.0}])
    match: bool = Field(False, examples=[True])
    token: str | None = Field(
        None,
        description="Audit token: algorithm, its version and the list version of each dataset.",
        examples=["tracewire-v1@1.0;us_ofac_sdn=3"],
    )
    explanations: dict[str, FeatureExplanation] = Field({})


class Audit(BaseModel):
    """What a screening was made with."""

    algorithm: str = Field(..., examples=["tracewire-v1"])
    version: str = Field(..., examples=["1.0"])
    threshold: float = Field(..., examples=[0.7])
    list_versions: dict[str, int] = Field(..., examples=[{"us_ofac_sdn": 3, "un_sc": 4}])


class EntityMatches(BaseModel):
    status: int = Field(200, examples=[200])
    results: list[ScoredEntityResponse]
    total: TotalSpec
    query: EntityExample
    audit: Audit | None = None


class FeatureDoc(BaseModel):
    description: str = Field(..., examples=["Similarity of aligned name parts."])
    coefficient: float = Field(..., examples=[0.6])
    url: str | None = None


class MatcherDoc(BaseModel):
    name: str = Field(..., examples=["tracewire-v1"])
    version: str = Field("", examples=["1.0"])
    description: str = Field("", examples=["Cross-script name matching with weighted features."])
    threshold: float | None = Field(None, examples=[0.7])
    features: dict[str, FeatureDoc] = {}


class EntityMatchResponse(BaseModel):
    responses: dict[str, EntityMatches]
    matcher: MatcherDoc
    limit: int = Field(..., examples=[5])


class SearchFacetItem(BaseModel):
    name: str = Field(..., examples=["ru"])
    label: str = Field(..., examples=["ru"])
    count: int = Field(1, examples=[42])


class SearchFacet(BaseModel):
    label: str = Field(..., examples=["Countries"])
    values: list[SearchFacetItem]


class SearchResult(EntityResponse):
    score: float | None = Field(None, examples=[0.88])


class SearchResponse(BaseModel):
    limit: int = Field(..., examples=[10])
    offset: int = Field(0, examples=[0])
    total: TotalSpec
    results: list[SearchResult]
    facets: dict[str, SearchFacet] = {}


class AlgorithmFeature(BaseModel):
    name: str = Field(..., examples=["name_parts"])
    weight: float = Field(..., examples=[0.6])
    description: str = Field(..., examples=["Similarity of aligned name parts, by rarity."])


class AlgorithmDoc(BaseModel):
    model_config = ConfigDict(extra="allow")

    name: str = Field(..., examples=["tracewire-v1"])
    version: str = Field(..., examples=["1.0"])
    description: str = Field("", examples=["Cross-script name matching."])
    threshold: float | None = Field(None, examples=[0.7])
    features: list[AlgorithmFeature]


class AlgorithmResponse(BaseModel):
    algorithms: list[AlgorithmDoc]
    default: str = Field(..., examples=["tracewire-v1"])
    best: str = Field(..., examples=["tracewire-v1"])


class DatasetModel(BaseModel):
    """A dataset with its active list version."""

    name: str = Field(..., examples=["us_ofac_sdn"])
    title: str = Field(..., examples=["us_ofac_sdn"])
    version: dict[str, Any] = Field(
        ...,
        examples=[
            {
                "id": 3,
                "dataset": "us_ofac_sdn",
                "format": "ofac_csv",
                "source": "../shared/data/lists/ofac_sdn_2024-05-03.csv",
                "sha256": "9f…",
                "published": "2024-05-03",
                "loaded_at": "2024-05-10T09:12:00",
                "counts": {"Person": 7000, "Sanction": 14965},
                "total": 21965,
                "active": True,
            }
        ],
    )
    index_current: bool = Field(True, examples=[True])


class DataCatalogModel(BaseModel):
    datasets: list[DatasetModel]
    current: list[str] = Field(..., examples=[["us_ofac_sdn", "un_sc"]])
    outdated: list[str] = Field([], examples=[[]])
    collections: list[str] = Field(..., examples=[["default", "sanctions"]])
    index_stale: bool = Field(False, examples=[False])


class DecodeRequest(BaseModel):
    """Markings to decode, one chip transcription each."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"markings": ["STM32F405RGT6 GH22U 93 CHN 318", "TSM 0505S 2413"]}]
        }
    )

    markings: list[str] = Field(..., min_length=1)
    maker: str | None = Field(None, description="Maker, when known: enables its date forms.")


class ResolveRequest(BaseModel):
    """Part numbers or markings to attribute to their makers."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"queries": ["MAX3485ESA+ 2146"], "screen": True}]}
    )

    queries: list[str] = Field(..., min_length=1)
    brand: str | None = Field(None, description="Brand as marked on the chip, if legible.")
    year: int | None = Field(None, description="Production year, if known.", ge=1950, le=2100)
    screen: bool = Field(False, description="Screen each resolved maker against the lists.")


class ItemsResponse(BaseModel):
    """A list of results, one per input, in input order."""

    results: list[dict[str, Any]]


DECODE_EXAMPLE: dict[str, Any] = {
    "raw": "MAX3485ESA+ 2146",
    "normalised": "MAX3485ESA+ 2146",
    "part_number": "MAX3485ESA+",
    "base_part": "MAX3485",
    "suffixes": {"temperature": "E", "package": "SA", "lead_free": "+"},
    "date_code": "2146",
    "date_format": "YYWW",
    "year": 2021,
    "week": 46,
    "lot": None,
    "country": None,
    "brand": None,
    "tokens": [
        {"text": "MAX3485ESA+", "role": "part_number", "why": "matches rule maxim_iface"},
        {"text": "2146", "role": "date_code", "why": "YYWW date code"},
    ],
    "ambiguous": [],
    "warnings": [],
}
RESOLVE_EXAMPLE: dict[str, Any] = {
    "query": "MAX3485ESA+ 2146",
    "part_number": "MAX3485ESA+",
    "status": "resolved",
    "reason": "part family Maxim interface transceivers",
    "candidates": [
        {
            "maker_id": "maxim",
            "name": "Maxim Integrated",
            "confidence": 0.93,
            "rule": "maxim_iface",
            "evidence": ["base part MAX3485", "made 2021-11: Maxim line then owned by ADI"],
        }
    ],
    "maker_at_date": "adi",
    "owner_today": "adi",
    "hq_country": "US",
    "decoded": DECODE_EXAMPLE,
    "screening": [],
}


def example_response(example: dict[str, Any], description: str) -> dict[int | str, Any]:
    """An OpenAPI ``responses`` entry showing an example 200 body."""
    return {
        200: {"description": description, "content": {"application/json": {"example": example}}}
    }
