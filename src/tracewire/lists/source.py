"""A list file as given by the user: path, hash, and byte streams (zip and gzip opened)."""

from __future__ import annotations

import gzip
import hashlib
import io
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from tracewire.errors import InputError

HEAD_SIZE = 65536


@dataclass
class Source:
    """One list as the user named it: a file, or a directory holding a multi-file set.

    ``members`` lists the files that make up the list (one for most formats; the OFAC legacy
    CSV set has up to four). The sha256 covers every member in order, so a re-load of an
    unchanged set is recognised.
    """

    path: Path
    members: list[Path] = field(default_factory=list)
    url: str | None = None

    def __post_init__(self) -> None:
        self.path = Path(self.path)
        if not self.members:
            if self.path.is_dir():
                self.members = sorted(p for p in self.path.iterdir() if p.is_file())
            else:
                self.members = [self.path]
        for member in self.members:
            if not member.exists():
                raise InputError("no such file", path=str(member))

    @property
    def name(self) -> str:
        return self.path.name

    def sha256(self) -> str:
        digest = hashlib.sha256()
        for member in self.members:
            with member.open("rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(block)
        return digest.hexdigest()

    def head(self, member: Path | None = None, size: int = HEAD_SIZE) -> bytes:
        """The first bytes of a member, decompressed (zip: the first XML/CSV inside)."""
        with self.open(member) as fh:
            return fh.read(size)

    @contextmanager
    def open(self, member: Path | None = None) -> Iterator[IO[bytes]]:
        """Open a member as a binary stream; ``.gz`` and ``.zip`` are opened transparently."""
        path = member or self.members[0]
        with path.open("rb") as raw:
            magic = raw.read(4)
            raw.seek(0)
            if magic[:2] == b"\x1f\x8b":
                with gzip.open(raw, "rb") as gz:
                    yield _checked_gzip(gz, path)
                return
            if magic == b"PK\x03\x04" and not _is_xlsx(path):
                yield from _open_zip(raw, path)
                return
            yield raw


def _is_xlsx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            return "[Content_Types].xml" in zf.namelist()
    except zipfile.BadZipFile:
        return False


def _open_zip(raw: IO[bytes], path: Path) -> Iterator[IO[bytes]]:
    try:
        zf = zipfile.ZipFile(raw)
    except zipfile.BadZipFile as exc:
        raise InputError(f"not a readable zip archive ({exc})", path=str(path)) from exc
    with zf:
        names = [
            n
            for n in zf.namelist()
            if not n.endswith("/") and n.lower().endswith((".xml", ".csv", ".json", ".txt"))
        ]
        if not names:
            raise InputError("zip archive holds no XML, CSV or JSON file", path=str(path))
        # the largest list file in the archive is the list; the others are readmes
        name = max(names, key=lambda n: zf.getinfo(n).file_size)
        with zf.open(name) as inner:
            yield inner


class _GuardedGzip(io.RawIOBase):
    """A gzip stream whose truncation or corruption is reported as an InputError, however
    it is read (read, readline, iteration all go through ``readinto``)."""

    def __init__(self, gz: gzip.GzipFile, path: Path) -> None:
        super().__init__()
        self._gz = gz
        self._path = path

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            return self._gz.readinto(buffer)
        except (EOFError, OSError, zlib.error) as exc:
            raise InputError(
                f"corrupt or truncated gzip data ({exc})", path=str(self._path)
            ) from exc


def _checked_gzip(gz: gzip.GzipFile, path: Path) -> IO[bytes]:
    return io.BufferedReader(_GuardedGzip(gz, path), buffer_size=1 << 16)
