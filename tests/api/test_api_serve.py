"""``tracewire serve``: options reach uvicorn and the app factory; bad options exit 2."""

from __future__ import annotations

import os
from typing import Any

import pytest
from click.testing import CliRunner

from tracewire.api.settings import ENV_NAMES
from tracewire.cli.common import run_cli
from tracewire.cli.main import cli
from tracewire.errors import UsageError

SERVE_ENV = ("TRACEWIRE_DB", *ENV_NAMES.values())


def test_serve_runs_uvicorn_with_the_factory(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    monkeypatch.setattr("uvicorn.run", lambda *a, **k: calls.append((a, k)))
    for name in SERVE_ENV:
        monkeypatch.setenv(name, "")  # recorded, so the values serve sets are undone
        monkeypatch.delenv(name)
    args = ["--db", "x.db", "serve", "--port", "8123", "--workers", "2"]
    args += ["--cors-origin", "https://a.example.org", "--batch-limit", "7"]
    args += ["--max-names", "3", "--time-budget", "2.5", "--screen-threads", "4"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    (target,), options = calls[0]
    assert target == "tracewire.api.app:app_from_env"
    assert options["factory"] is True
    assert options["port"] == 8123 and options["workers"] == 2
    # building the index must not get a worker killed as hung
    assert options["timeout_worker_healthcheck"] >= 60
    assert os.environ["TRACEWIRE_DB"] == "x.db"
    assert os.environ["TRACEWIRE_CORS_ORIGINS"] == "https://a.example.org"
    assert os.environ["TRACEWIRE_BATCH_LIMIT"] == "7"
    from tracewire.api.app import app_from_env

    app = app_from_env()
    assert app.state.settings.batch_limit == 7
    assert app.state.settings.cors_origins == ("https://a.example.org",)
    assert app.state.settings.max_names == 3
    assert app.state.settings.time_budget_seconds == 2.5
    assert app.state.settings.screen_threads == 4
    assert app.state.settings.max_body_bytes == 1_048_576  # the default, through the env


def test_limits_from_the_environment_reach_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACEWIRE_MAX_JSON_DEPTH", "5")
    monkeypatch.setenv("TRACEWIRE_MAX_BODY_BYTES", "2048")
    from tracewire.api.settings import settings_from_env

    settings = settings_from_env()
    assert settings.max_json_depth == 5 and settings.max_body_bytes == 2048
    monkeypatch.setenv("TRACEWIRE_MAX_NAMES", "many")
    with pytest.raises(UsageError, match="TRACEWIRE_MAX_NAMES"):
        settings_from_env()
    monkeypatch.setenv("TRACEWIRE_MAX_NAMES", "0")
    with pytest.raises(UsageError, match="TRACEWIRE_MAX_NAMES must be positive"):
        settings_from_env()


@pytest.mark.parametrize("origin", ["*", "example.org"])
def test_bad_cors_origin_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], origin: str
) -> None:
    monkeypatch.setattr("uvicorn.run", lambda *a, **k: pytest.fail("must not start"))
    monkeypatch.setattr("sys.argv", ["tracewire", "serve", "--cors-origin", origin])
    assert run_cli(cli) == 2
    assert "--cors-origin" in capsys.readouterr().err
