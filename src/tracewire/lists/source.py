"""A list file as given by the user: path, hash, and byte streams (zip and gzip opened).

Every stream is bounded (:mod:`tracewire.lists.limits`): a plain file by its size, a gzip or
zip member by the bytes it decompresses to and by its compression ratio, counted as it is
read, so a decompression bomb stops at the limit instead of filling memory or disk.
"""

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
from typing import IO, Any, Protocol, cast

from tracewire.errors import InputError
from tracewire.lists import limits

HEAD_SIZE = 65536
#: what zipfile and zlib raise for a damaged, encrypted or unsupported archive or member
#: (ValueError: a member name that differs from the central directory's; RuntimeError: an
#: encrypted member; NotImplementedError: an unsupported compression or flag)
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    RuntimeError,
    NotImplementedError,
)


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
            size = path.stat().st_size
            if magic[:2] == b"\x1f\x8b":
                with gzip.open(raw, "rb") as gz:
                    yield _bounded(gz, path, size, "gzip")
                return
            if magic == b"PK\x03\x04" and not _is_xlsx(path):
                yield from _open_zip(raw, path)
                return
            most = limits.DECOMPRESSED.value()
            if size > most:
                raise limits.DECOMPRESSED.refuse(f"file size {size:,} bytes", most, path=str(path))
            yield raw


def _is_xlsx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            return "[Content_Types].xml" in zf.namelist()
    except ZIP_ERRORS:
        return False


def _open_zip(raw: IO[bytes], path: Path) -> Iterator[IO[bytes]]:
    try:
        zf = zipfile.ZipFile(raw)
    except ZIP_ERRORS as exc:
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
        info = zf.getinfo(name)
        check_declared(info, str(path))
        try:
            inner = zf.open(name)
        except ZIP_ERRORS as exc:
            raise InputError(f"not a readable zip archive ({exc})", path=str(path)) from exc
        with inner:
            yield _bounded(cast(_ReadsInto, inner), path, info.compress_size, "zip")


def check_declared(info: zipfile.ZipInfo, path: str) -> None:
    """Refuse a zip member whose declared size breaks the limits before inflating any of it
    (Python's zipfile never yields more than the declared size; reading also counts)."""
    most = limits.DECOMPRESSED.value()
    if info.file_size > most:
        raise limits.DECOMPRESSED.refuse(
            f"zip member {info.filename!r} declares {info.file_size:,} bytes", most, path=path
        )
    ratio = limits.RATIO.value()
    if info.file_size > limits.RATIO_FLOOR and info.file_size > ratio * max(info.compress_size, 1):
        found = info.file_size // max(info.compress_size, 1)
        raise limits.RATIO.refuse(
            f"zip member {info.filename!r} compression ratio {found:,}:1", ratio, path=path
        )


class _ReadsInto(Protocol):
    def readinto(self, buffer: Any, /) -> int: ...


class _Bounded(io.RawIOBase):
    """A decompressing stream that counts what it yields: past the size limit, or past the
    ratio limit to the compressed size, it raises an InputError naming the limit; its
    truncation or corruption is an InputError too, however it is read (read, readline and
    iteration all go through ``readinto``)."""

    def __init__(self, inner: _ReadsInto, path: Path, compressed: int, kind: str) -> None:
        super().__init__()
        self._inner = inner
        self._path = str(path)
        self._kind = kind
        self._count = 0
        self._most = limits.DECOMPRESSED.value()
        self._ratio = limits.RATIO.value()
        self._ratio_most = max(limits.RATIO_FLOOR, self._ratio * max(compressed, 1))
        self._compressed = max(compressed, 1)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            n = self._inner.readinto(buffer)
        except ZIP_ERRORS as exc:
            raise InputError(
                f"corrupt or truncated {self._kind} data ({exc})", path=self._path
            ) from exc
        self._count += n
        if self._count > self._most:
            raise limits.DECOMPRESSED.refuse(
                f"{self._kind} data decompressed past {self._most:,} bytes",
                self._most,
                path=self._path,
            )
        if self._count > self._ratio_most:
            raise limits.RATIO.refuse(
                f"{self._kind} compression ratio (over {self._count // self._compressed:,}:1)",
                self._ratio,
                path=self._path,
            )
        return n


def _bounded(inner: _ReadsInto, path: Path, compressed: int, kind: str) -> IO[bytes]:
    return io.BufferedReader(_Bounded(inner, path, compressed, kind), buffer_size=1 << 16)
