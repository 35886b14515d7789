"""``tracewire serve``: options reach uvicorn and the app factory; bad options exit 2."""

from __future__ import annotations

import os
from typing import Any

import pytest
from click.testing import CliRunner

from tracewire.cli.common import run_cli
from tracewire.cli.main import cli

SERVE_ENV = (
    "TRACEWIRE_DB",
    "TRACEWIRE_CORS_ORIGINS",
    "TRACEWIRE_BATCH_LIMIT",
    "TRACEWIRE_REFRESH_SECONDS",
)


def test_serve_runs_uvicorn_with_the_factory(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    monkeypatch.setattr("uvicorn.run", lambda *a, **k: calls.append((a, k)))
    for name in SERVE_ENV:
        monkeypatch.setenv(name, "")  # recorded, so the values serve sets are undone
        monkeypatch.delenv(name)
    args = ["--db", "x.db", "serve", "--port", "8123", "--workers", "2"]
    args += ["--cors-origin", "https://a.example.org", "--batch-limit", "7"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    (target,), options = calls[0]
    assert target == "tracewire.api.app:app_from_env"
    assert options["factory"] is True
    assert options["port"] == 8123 and options["workers"] == 2
    assert os.environ["TRACEWIRE_DB"] == "x.db"
    assert os.environ["TRACEWIRE_CORS_ORIGINS"] == "https://a.example.org"
    assert os.environ["TRACEWIRE_BATCH_LIMIT"] == "7"
    from tracewire.api.app import app_from_env

    app = app_from_env()
    assert app.state.settings.batch_limit == 7
    assert app.state.settings.cors_origins == ("https://a.example.org",)


@pytest.mark.parametrize("origin", ["*", "example.org"])
def test_bad_cors_origin_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], origin: str
) -> None:
    monkeypatch.setattr("uvicorn.run", lambda *a, **k: pytest.fail("must not start"))
    monkeypatch.setattr("sys.argv", ["tracewire", "serve", "--cors-origin", origin])
    assert run_cli(cli) == 2
    assert "--cors-origin" in capsys.readouterr().err
