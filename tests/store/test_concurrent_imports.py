"""Imports into one store run one at a time, as real ``tracewire lists load`` processes.

The test process holds the store's write lock while the loads start, so both are known to
be waiting at the same time (and to say so); releasing it lets them race for the lock.
Runs on SQLite, and on PostgreSQL when ``TRACEWIRE_TEST_PG_URL`` is set.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import orjson

from tracewire.store import open_store
from tracewire.store.sql import SqlStore

TRACEWIRE = str(Path(sys.executable).parent / "tracewire")


def _ftm_file(path: Path, prefix: str, count: int) -> Path:
    with path.open("wb") as out:
        for i in range(count):
            entity = {
                "id": f"{prefix}-{i}",
                "schema": "Person",
                "properties": {"name": [f"Invented Person {prefix} {i}"]},
            }
            out.write(orjson.dumps(entity) + b"\n")
    return path


class Load:
    """A ``tracewire lists load`` child whose stderr is collected as it comes."""

    def __init__(self, db: str, path: Path, **env: str) -> None:
        self.proc = subprocess.Popen(
            [TRACEWIRE, "--db", db, "lists", "load", "--dataset", "people", str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, **env},
        )
        self.err: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        with self.proc.stderr:
            for line in self.proc.stderr:
                self.err.append(line)

    def said(self, text: str, within: float = 60.0) -> bool:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            if any(text in line for line in self.err):
                return True
            if self.proc.poll() is not None and not self._reader.is_alive():
                return any(text in line for line in self.err)
            time.sleep(0.05)
        return False

    def finish(self) -> tuple[int, str, str]:
        assert self.proc.stdout is not None
        out = self.proc.stdout.read()  # stderr is the reader thread's alone
        self.proc.stdout.close()
        self.proc.wait(timeout=120)
        self._reader.join(timeout=10)
        return self.proc.returncode, out, "".join(self.err)


def test_same_file_loaded_twice_at_once_is_one_version(store_url: str, tmp_path: Path) -> None:
    data = _ftm_file(tmp_path / "people.ftm.json", "p", 3000)
    holder = SqlStore(store_url)
    with holder.lock.transaction():
        loads = [Load(store_url, data), Load(store_url, data)]
        for load in loads:
            assert load.said("waiting for its lock"), load.err
    holder.close()
    results = [load.finish() for load in loads]
    assert [code for code, _, _ in results] == [0, 0], results
    outputs = sorted(out for _, out, _ in results)
    assert "already loaded as people version" in outputs[0]
    assert "3,000 entities" in outputs[1]
    store = open_store(store_url)
    versions = store.versions("people")
    assert len(versions) == 1
    assert versions[0].total == 3000
    assert sum(1 for _ in store.iter_entities()) == 3000
    store.close()


def test_two_files_loaded_at_once_both_land(store_url: str, tmp_path: Path) -> None:
    first = _ftm_file(tmp_path / "first.ftm.json", "a", 2000)
    second = _ftm_file(tmp_path / "second.ftm.json", "b", 2500)
    SqlStore(store_url).close()  # the tables exist before the race
    loads = [Load(store_url, first), Load(store_url, second)]
    results = [load.finish() for load in loads]
    assert [code for code, _, _ in results] == [0, 0], results
    assert not any("Traceback" in err for _, _, err in results)
    store = open_store(store_url)
    versions = store.versions("people")
    assert sorted(v.total for v in versions) == [2000, 2500]
    assert sum(v.active for v in versions) == 1
    store.close()


def test_a_lock_held_past_the_timeout_is_exit_2(store_url: str, tmp_path: Path) -> None:
    data = _ftm_file(tmp_path / "people.ftm.json", "p", 10)
    holder = SqlStore(store_url)
    with holder.lock.transaction():
        started = time.monotonic()
        code, out, err = Load(store_url, data, TRACEWIRE_LOCK_TIMEOUT="1").finish()
        waited = time.monotonic() - started
    holder.close()
    assert code == 2
    assert "waiting for its lock" in err
    assert "locked by another import for more than 1 s (TRACEWIRE_LOCK_TIMEOUT)" in err
    assert "Traceback" not in err and "database is locked" not in err
    assert out == ""
    assert waited < 30
    store = open_store(store_url)
    assert store.versions("people") == []
    store.close()
