"""``tracewire parts decode`` and ``resolve`` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tracewire.cli.main", "parts", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_decode_table() -> None:
    out = run("decode", "STM32F405RGT6 GH22U 93 CHN 318")
    assert out.returncode == 0, out.stderr
    assert "STM32F405RG" in out.stdout and "package=T" in out.stdout


def test_decode_stdin_json_with_bad_line() -> None:
    out = run("decode", "-", "--json", stdin="MAX3485ESA+ 2146\n\x00\nTSM 0505S 2413\n")
    assert out.returncode == 2
    assert "stdin line 2" in out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["part_number"] for r in rows] == ["MAX3485ESA+", "TSM 0505S"]
    assert rows[0]["year"] == 2021 and rows[0]["week"] == 46


def test_resolve_json() -> None:
    out = run("resolve", "MAX3485ESA+ 2146", "--json")
    assert out.returncode == 0, out.stderr
    row = json.loads(out.stdout)
    assert row["status"] == "resolved"
    assert row["candidates"][0]["maker_id"] == "maxim"
    assert (row["maker_at_date"], row["owner_today"]) == ("adi", "adi")
    assert row["classification"]["hs6"] == "854239"


def test_resolve_brand_option() -> None:
    out = run("resolve", "LM358DR", "--brand", "ST", "--json")
    assert json.loads(out.stdout)["candidates"][0]["maker_id"] == "st"


def test_empty_marking_exit_2() -> None:
    out = run("resolve", "")
    assert out.returncode == 2
    assert "empty marking" in out.stderr


def test_resolve_year_out_of_range_is_a_usage_error() -> None:
    for year in ("0", "1949", "99999"):
        out = run("resolve", "MAX3485ESA+", "--year", year)
        assert out.returncode == 2
        assert out.stderr.count("\n") == 1 and "--year" in out.stderr, out.stderr
        assert "Traceback" not in out.stderr and out.stdout == ""
    assert run("resolve", "MAX3485ESA+", "--year", "1950").returncode == 0
