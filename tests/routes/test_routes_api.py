"""``/routes/...`` answers as ``tracewire routes ... --json`` does."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tracewire.api.app import create_app
from tracewire.routes.service import routes_from
from tracewire.store import Store


def test_routes_endpoints(small: Store) -> None:
    app = create_app(store=small)
    with TestClient(app) as client:
        answer = client.get("/routes/from/Norvane Microsystems Inc", params={"max_hops": 5})
        assert answer.status_code == 200
        expected, _ = routes_from(small, "Norvane Microsystems Inc", max_hops=5)
        assert answer.json()["routes"] == expected["routes"]
        entity = client.get("/routes/entity/lst-kormak").json()
        assert entity["total"] == 2
        missing = client.get("/routes/from/Nobody")
        assert missing.status_code == 404 and missing.json()["type"] == "not_found"
        bad = client.get("/routes/from/x", params={"max_hops": 99})
        assert bad.status_code == 422
        gexf = client.get("/routes/export/Norvane Microsystems Inc", params={"format": "gexf"})
        assert gexf.status_code == 200 and "<gexf" in gexf.text
        ftm = client.get("/routes/export/Norvane Microsystems Inc", params={"format": "ftm"})
        assert "EconomicActivity" in ftm.text
        rules = client.get("/routes/flags").json()["results"]
        assert len(rules) == 6
