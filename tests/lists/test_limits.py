"""The limits on one list file: read from the environment, refused by name, documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracewire.errors import InputError, UsageError
from tracewire.lists import limits
from tracewire.lists.source import Source

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("limit", limits.ALL, ids=lambda limit: limit.env)
def test_every_limit_is_documented_with_its_default(limit: limits.Limit) -> None:
    assert f"`{limit.env}`" in README
    default = limits._human(limit.default, limit.unit).replace(" characters", "")
    assert default.split()[0] in README


def test_the_lock_timeout_is_documented() -> None:
    assert "`TRACEWIRE_LOCK_TIMEOUT`" in README


def test_a_limit_reads_its_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    assert limits.LINE.value() == 1 << 20
    monkeypatch.setenv("TRACEWIRE_MAX_LINE", "2_048")
    assert limits.LINE.value() == 2048
    for bad in ("0", "-5", "lots"):
        monkeypatch.setenv("TRACEWIRE_MAX_LINE", bad)
        with pytest.raises(UsageError, match="TRACEWIRE_MAX_LINE must be a positive"):
            limits.LINE.value()


def test_a_plain_file_over_the_size_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(b"x" * 5000)
    monkeypatch.setenv("TRACEWIRE_MAX_DECOMPRESSED", "4096")
    with pytest.raises(InputError, match=r"over the limit of 4 KiB \(TRACEWIRE_MAX_DECOMPRESSED\)"):
        Source(path).head()


def test_a_gzip_is_counted_while_it_inflates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gzip

    path = tmp_path / "list.csv.gz"
    path.write_bytes(gzip.compress(b"line\n" * 100_000))  # 500,000 bytes
    monkeypatch.setenv("TRACEWIRE_MAX_DECOMPRESSED", "300000")
    source = Source(path)
    with source.open() as stream, pytest.raises(InputError, match="TRACEWIRE_MAX_DECOMPRESSED"):
        while stream.read(65536):
            pass
    monkeypatch.setenv("TRACEWIRE_MAX_DECOMPRESSED", "1000000")
    with source.open() as stream:
        assert len(stream.read()) == 500_000
