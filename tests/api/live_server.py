"""A real ``tracewire serve`` (uvicorn) on 127.0.0.1 in a subprocess, for tests that need
real sockets: connection resets, the event loop answering while screening runs."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

TRACEWIRE = [sys.executable, "-m", "tracewire.cli.main"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LiveServer:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def errors_logged(self) -> str:
        """What the server wrote on stderr that looks like a failure."""
        text = self.log.read_text(encoding="utf-8", errors="replace")
        bad = ("Traceback", "Exception in ASGI", " 500 ")
        return "\n".join(line for line in text.splitlines() if any(b in line for b in bad))


@contextmanager
def live_server(db: Path, *options: str, ready_timeout: float = 180.0) -> Iterator[LiveServer]:
    """``tracewire --db DB serve OPTIONS`` on a free port, once its index is built."""
    port = free_port()
    log = db.with_suffix(f".{port}.log")
    cmd = [*TRACEWIRE, "--db", str(db), "serve", "--port", str(port), *options]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with log.open("wb") as sink:
        proc = subprocess.Popen(cmd, env=env, stdout=sink, stderr=sink)
    server = LiveServer(f"http://127.0.0.1:{port}", proc, log)
    try:
        deadline = time.monotonic() + ready_timeout
        with httpx.Client(base_url=server.url, timeout=5.0) as client:
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"server exited: {log.read_text()[-2000:]}")
                try:
                    if client.get("/readyz").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"server not ready after {ready_timeout:.0f}s")
                time.sleep(0.2)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
