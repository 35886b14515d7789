"""Hostile requests against a real server (uvicorn on 127.0.0.1): each is refused with a 4xx
in the one error shape, on a connection that stays usable, and the server stays up.

Also: /healthz answers within 100 ms while the worst request the limits accept runs, and a
request past its time budget answers 503 ``timeout``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import orjson
import pytest
from api_error_shape import assert_error
from api_fixtures import DATASET_FILES, invented_entities, invented_name, load_dataset, read_fixture
from live_server import LiveServer, live_server

from tracewire.api.settings import ApiSettings
from tracewire.store import open_store

DEFAULTS = ApiSettings()
#: the time budget the module's server runs with (short, so the timeout test is quick)
BUDGET_SECONDS = 3.0


def person(*names: str, key: str = "q", **extra: Any) -> dict[str, Any]:
    return {"queries": {key: {"schema": "Person", "properties": {"name": list(names)}, **extra}}}


OK_BODY = orjson.dumps(person("Nikolai Patrushev"))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    db = tmp_path_factory.mktemp("hostile") / "hostile.db"
    store = open_store(str(db))
    for dataset, name in DATASET_FILES.items():
        load_dataset(store, dataset, read_fixture(name))
    load_dataset(store, "test_invented", invented_entities(3000, "test_invented"))
    store.close()
    with live_server(db, "--time-budget", str(BUDGET_SECONDS), "--log-level", "info") as live:
        yield live
        assert live.process.poll() is None, "the server died"
        assert not live.errors_logged(), live.errors_logged()


@pytest.fixture(scope="module")
def http(server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=60.0) as client:
        yield client


def post(path: str, content: bytes, content_type: str | None = "application/json") -> Any:
    headers = {} if content_type is None else {"content-type": content_type}
    return lambda http: http.post(path, content=content, headers=headers)


def raw(text: str) -> bytes:
    """A body written as JSON text by hand (escapes such as \\ud800 kept as written)."""
    return text.encode("utf-8")


def chunked(size: int) -> Iterator[bytes]:
    """A body sent without Content-Length (chunked), ``size`` bytes of a long JSON string."""
    yield b'{"queries": {"q": {"schema": "Person", "properties": {"name": ["'
    sent = 0
    while sent < size:
        yield b"a" * 65536
        sent += 65536
    yield b'"]}}}}'


def many_queries(count: int) -> bytes:
    query = {"schema": "Person", "properties": {"name": ["Ivan Petrov"]}}
    return orjson.dumps({"queries": {f"q{n}": query for n in range(count)}})


def nested(depth: int) -> bytes:
    return b'{"queries": {}, "config": ' + b"[" * depth + b"]" * depth + b"}"


LONG = "x" * 20_000
Case = Callable[[httpx.Client], httpx.Response]
CASES: list[tuple[str, Case, int, str]] = [
    # lone surrogates anywhere: never reach a serialiser
    ("surrogate-key", post("/match/default", raw(r'{"queries":{"\ud800":{"schema":"Person",'
     r'"properties":{"name":["A B"]}}}}')), 400, "malformed_json"),
    ("surrogate-id", post("/match/default", raw(r'{"queries":{"q":{"id":"\udfff","schema":'
     r'"Person","properties":{"name":["A B"]}}}}')), 400, "malformed_json"),
    ("surrogate-name", post("/match/default", raw(r'{"queries":{"q":{"schema":"Person",'
     r'"properties":{"name":["\ud83d"]}}}}')), 400, "malformed_json"),
    ("surrogate-parts", post("/parts/decode", raw(r'{"markings":["\ud800"]}')), 400,
     "malformed_json"),
    # sizes
    ("body-5MB", post("/match/default", b" " * 5_000_000 + OK_BODY), 413, "payload_too_large"),
    ("body-50MB", post("/match/default", b" " * 50_000_000 + OK_BODY), 413, "payload_too_large"),
    ("body-chunked-3MB", lambda h: h.post("/match/default", content=chunked(3_000_000),
     headers={"content-type": "application/json"}), 413, "payload_too_large"),
    ("queries-200000", post("/match/default", many_queries(200_000)), 413, "payload_too_large"),
    ("queries-over-batch", post("/match/default", many_queries(DEFAULTS.batch_limit + 1)), 400,
     "batch_too_large"),
    ("names-over-limit", lambda h: h.post("/match/default", json=person(
     *[f"Name Number{n}" for n in range(DEFAULTS.max_names + 1)])), 400, "invalid_query"),
    ("name-over-chars", lambda h: h.post("/match/default", json=person(
     "a" * (DEFAULTS.max_name_chars + 1))), 400, "invalid_query"),
    ("values-over-limit", lambda h: h.post("/match/default", json={"queries": {"q": {
     "schema": "Person", "properties": {"name": ["A B"],
                                        "idNumber": ["1"] * (DEFAULTS.max_values + 1)}}}}),
     400, "invalid_query"),
    ("url-20k", lambda h: h.get("/search/default", params={"q": LONG}), 414, "uri_too_long"),
    ("url-ids", lambda h: h.post("/match/default", content=OK_BODY,
     params={"exclude_entity_ids": [f"id-{n}" for n in range(2000)]}), 414, "uri_too_long"),
    # nesting and encodings
    ("nested-40", post("/match/default", nested(40)), 400, "malformed_json"),
    ("nested-5000", post("/match/default", nested(5000)), 400, "malformed_json"),
    ("nested-parts", post("/parts/resolve", b'{"queries": ' + b"[" * 3000 + b"]" * 3000 + b"}"),
     400, "malformed_json"),
    ("latin-1", post("/match/default", '{"queries":{"q":{"schema":"Person","properties":'
     '{"name":["Müller"]}}}}'.encode("latin-1")), 400, "malformed_json"),
    ("utf-16", post("/match/default", OK_BODY.decode().encode("utf-16")), 400, "malformed_json"),
    ("truncated", post("/match/default", OK_BODY[:-3]), 400, "malformed_json"),
    ("nan", post("/match/default", raw('{"queries": {}, "weights": {"a": NaN}}')), 400,
     "malformed_json"),
    ("infinity", post("/match/default", raw('{"queries": {}, "weights": {"a": 1e999}}')), 400,
     "malformed_json"),
    ("binary", post("/match/default", bytes(range(256)) * 8), 400, "malformed_json"),
    # content types
    ("text-plain", post("/match/default", OK_BODY, "text/plain"), 415, "unsupported_media_type"),
    ("form", post("/match/default", b"queries=1", "application/x-www-form-urlencoded"), 415,
     "unsupported_media_type"),
    ("multipart", post("/match/default", b"--x\r\n\r\n--x--", "multipart/form-data; boundary=x"),
     415, "unsupported_media_type"),
    ("xml", post("/parts/decode", b"<markings/>", "application/xml"), 415,
     "unsupported_media_type"),
    # query parameters
    ("limit-negative", lambda h: h.post("/match/default?limit=-1", content=OK_BODY), 422,
     "validation_error"),
    ("limit-huge", lambda h: h.post("/match/default?limit=99999999999999999999999",
     content=OK_BODY), 422, "validation_error"),
    ("limit-over-setting", lambda h: h.post(f"/match/default?limit={DEFAULTS.max_limit + 1}",
     content=OK_BODY), 400, "invalid_query"),
    ("candidates-over-setting", lambda h: h.post(
     f"/match/default?candidates={DEFAULTS.max_candidates + 1}", content=OK_BODY), 400,
     "invalid_query"),
    ("candidates-zero", lambda h: h.post("/match/default?candidates=0", content=OK_BODY), 422,
     "validation_error"),
    ("threshold-nan", lambda h: h.post("/match/default?threshold=NaN", content=OK_BODY), 422,
     "validation_error"),
    ("threshold-inf", lambda h: h.post("/match/default?threshold=inf", content=OK_BODY), 422,
     "validation_error"),
    ("limit-text", lambda h: h.post("/match/default?limit=five", content=OK_BODY), 422,
     "validation_error"),
    ("search-offset", lambda h: h.get("/search/default?q=a&offset=-5"), 422, "validation_error"),
    # wrong JSON types at every field
    ("top-array", post("/match/default", b"[]"), 422, "validation_error"),
    ("top-null", post("/match/default", b"null"), 422, "validation_error"),
    ("top-string", post("/match/default", b'"queries"'), 422, "validation_error"),
    ("queries-list", post("/match/default", b'{"queries": []}'), 422, "validation_error"),
    ("queries-number", post("/match/default", b'{"queries": 1}'), 422, "validation_error"),
    ("query-list", post("/match/default", b'{"queries": {"q": []}}'), 422, "validation_error"),
    ("schema-number", post("/match/default", b'{"queries": {"q": {"schema": 5, "properties": '
     b'{"name": ["A B"]}}}}'), 422, "validation_error"),
    ("schema-unknown", post("/match/default", b'{"queries": {"q": {"schema": "Spaceship", '
     b'"properties": {"name": ["A B"]}}}}'), 400, "invalid_query"),
    ("properties-list", post("/match/default", b'{"queries": {"q": {"schema": "Person", '
     b'"properties": ["A B"]}}}'), 422, "validation_error"),
    ("name-number", post("/match/default", b'{"queries": {"q": {"schema": "Person", '
     b'"properties": {"name": 5}}}}'), 422, "validation_error"),
    ("name-object", post("/match/default", b'{"queries": {"q": {"schema": "Person", '
     b'"properties": {"name": [{"a": 1}]}}}}'), 400, "invalid_query"),
    ("name-bool", post("/match/default", b'{"queries": {"q": {"schema": "Person", '
     b'"properties": {"name": [true]}}}}'), 400, "invalid_query"),
    ("id-number", post("/match/default", b'{"queries": {"q": {"id": 5, "schema": "Person", '
     b'"properties": {"name": ["A B"]}}}}'), 422, "validation_error"),
    ("weights-list", post("/match/default", b'{"queries": {}, "weights": [1]}'), 422,
     "validation_error"),
    ("config-nested", post("/match/default", b'{"queries": {}, "config": {"a": {"b": 1}}}'), 422,
     "validation_error"),
    ("markings-object", post("/parts/decode", b'{"markings": {"a": 1}}'), 422,
     "validation_error"),
    # text that is valid JSON but not acceptable
    ("key-control", lambda h: h.post("/match/default", json=person("A B", key="q\u0000")), 400,
     "invalid_query"),
    ("key-empty", lambda h: h.post("/match/default", json=person("A B", key=" ")), 400,
     "invalid_query"),
    ("id-control", lambda h: h.post("/match/default", json=person("A B", id="x\u0007")), 400,
     "invalid_query"),
    ("name-control", lambda h: h.post("/match/default", json=person("A\u0000B")), 400,
     "invalid_query"),
    ("no-queries", post("/match/default", b'{"queries": {}}'), 400, "invalid_query"),
    ("empty-body", post("/match/default", b""), 422, "validation_error"),
    # paths
    ("entity-bad-utf8", lambda h: h.get("/entities/%ED%A0%80%FF"), 404, "not_found"),
    ("dataset-control", lambda h: h.post("/match/%00x", content=OK_BODY), 404, "unknown_dataset"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "status", "kind"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])  # fmt: skip
def test_hostile_request_is_a_4xx_in_the_shape(
    http: httpx.Client, case: Case, status: int, kind: str
) -> None:
    response = case(http)
    assert_error(response, status, kind)
    # the same keep-alive connection still answers, and the server is up
    assert http.get("/healthz").status_code == 200


def test_json_without_content_type_is_accepted(http: httpx.Client) -> None:
    response = http.post("/match/default", content=OK_BODY, headers={"content-type": ""})
    assert response.status_code == 200, response.text
    assert response.json()["responses"]["q"]["results"][0]["id"] == "t-sdn-9647"


def test_json_subtypes_and_charset_are_accepted(http: httpx.Client) -> None:
    for kind in ("application/json; charset=utf-8", "application/vnd.api+json"):
        response = http.post("/match/default", content=OK_BODY, headers={"content-type": kind})
        assert response.status_code == 200, (kind, response.text)


def test_the_limits_accept_what_they_name(http: httpx.Client) -> None:
    names = [invented_name_fixed(n) for n in range(DEFAULTS.max_names)]
    names[0] = "a" * DEFAULTS.max_name_chars
    params = {"limit": DEFAULTS.max_limit, "candidates": DEFAULTS.max_candidates}
    response = http.post("/match/default", json=person(*names), params=params)
    assert response.status_code == 200, response.text


def invented_name_fixed(number: int) -> str:
    return f"Kalomir Tensha{number}"


def worst_accepted_body(queries: int) -> dict[str, Any]:
    """``queries`` queries at every limit: most names, each of the most characters, made of
    the invented store's own syllables so each reaches as many candidates as allowed."""
    import random

    rng = random.Random(5)
    batch = {}
    for number in range(queries):
        names = []
        for _ in range(DEFAULTS.max_names):
            text = ""
            while len(text) < DEFAULTS.max_name_chars - 20:
                text += invented_name(rng, 1) + " "
            names.append(text.strip()[: DEFAULTS.max_name_chars])
        batch[f"q{number}"] = {"schema": "Person", "properties": {"name": names}}
    return {"queries": batch}


def probe_health(url: str, stop: threading.Event, waits: list[float]) -> None:
    with httpx.Client(base_url=url, timeout=30.0) as client:
        while not stop.is_set():
            started = time.perf_counter()
            assert client.get("/healthz").status_code == 200
            waits.append(time.perf_counter() - started)
            time.sleep(0.02)


def worst_request_with_probe(server: LiveServer) -> tuple[httpx.Response, float, list[float]]:
    """The worst accepted batch, and the waits of /healthz probed every 20 ms meanwhile."""
    body = orjson.dumps(worst_accepted_body(DEFAULTS.batch_limit))
    assert len(body) < DEFAULTS.max_body_bytes
    params = {"limit": DEFAULTS.max_limit, "candidates": DEFAULTS.max_candidates}
    waits: list[float] = []
    stop = threading.Event()
    prober = threading.Thread(target=probe_health, args=(server.url, stop, waits))
    with httpx.Client(base_url=server.url, timeout=120.0) as client:
        client.get("/healthz")
        prober.start()
        started = time.perf_counter()
        try:
            response = client.post("/match/default", content=body, params=params)
        finally:
            stop.set()
            prober.join()
        return response, time.perf_counter() - started, waits


def test_health_answers_while_the_worst_accepted_request_runs(server: LiveServer) -> None:
    """The machine is shared (other processes can take the CPU from the server for longer
    than the target): a run whose worst wait misses 100 ms is tried again, twice at most."""
    worst_waits = []
    for _ in range(3):
        response, took, waits = worst_request_with_probe(server)
        # a hundred queries at every limit take longer than the budget: refused, not run on
        body = assert_error(response, 503, "timeout")
        assert "time budget" in str(body["detail"])
        assert took < BUDGET_SECONDS + 5.0, took
        assert len(waits) >= 20, waits
        worst_waits.append(max(waits))
        if max(waits) <= 0.100:
            break
    assert min(worst_waits) <= 0.100, f"/healthz waited {[round(w * 1000) for w in worst_waits]} ms"
