"""A workbook (``.xlsx``) checked against the limits before openpyxl reads it.

openpyxl reads some parts of a workbook whole (the shared strings, the content types) and
builds whatever text a sheet holds, so a 3 MB file can hold a gigabyte of whitespace or a
300 MB string. :func:`check_workbook` refuses such a file first: from the zip's declared
sizes (the whole, each part's ratio, the shared strings), then by streaming every XML part
in blocks: no text or tag longer than the field limit, no more cells than the cell limit.
The scan reads bytes, not a tree, so it costs a fraction of openpyxl's own read.
"""

from __future__ import annotations

import zipfile
from functools import lru_cache
from pathlib import Path

from tracewire.errors import InputError
from tracewire.lists import limits
from tracewire.lists.source import ZIP_ERRORS, check_declared

#: how a cell element starts (Excel and the writers at hand use no namespace prefix)
_CELL_STARTS = (b"<c ", b"<c>", b"<c/")
_BLOCK = 1 << 20


def check_workbook(path: Path) -> None:
    """Refuse a workbook over a limit (checked once per file content and limits)."""
    stat = path.stat()
    values = tuple(limit.value() for limit in limits.ALL)
    _check(str(path), stat.st_size, stat.st_mtime_ns, values)


@lru_cache(maxsize=16)
def _check(path: str, _size: int, _mtime: int, _limits: tuple[int, ...]) -> None:
    try:
        zf = zipfile.ZipFile(path)
    except ZIP_ERRORS as exc:
        raise InputError(f"not a readable xlsx workbook ({exc})", path=path) from exc
    with zf:
        infos = zf.infolist()
        total = sum(info.file_size for info in infos)
        most = limits.DECOMPRESSED.value()
        if total > most:
            raise limits.DECOMPRESSED.refuse(
                f"the workbook's parts ({total:,} bytes decompressed)", most, path=path
            )
        strings = limits.XLSX_STRINGS.value()
        for info in infos:
            check_declared(info, path)
            if info.filename.lower().endswith("sharedstrings.xml") and info.file_size > strings:
                raise limits.XLSX_STRINGS.refuse(
                    f"the shared strings ({info.file_size:,} bytes)", strings, path=path
                )
        cells = 0
        for info in infos:
            if info.filename.lower().endswith((".xml", ".rels")):
                cells += _scan_part(zf, info, path, limits.CELLS.value() - cells)


def _scan_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo, path: str, cells_left: int) -> int:
    """Cells in one XML part; refuses a text or tag run over the field limit."""
    most = limits.FIELD.value()
    part = info.filename
    cells = 0
    carry = b""
    try:
        with zf.open(info) as stream:
            while block := stream.read(_BLOCK):
                data = carry + block
                cut = data.rfind(b"<")
                complete, carry = (data[:cut], data[cut:]) if cut >= 0 else (b"", data)
                if complete:
                    if _longest_run_over(complete, most):
                        raise _long_text(part, most, path)
                    cells += sum(complete.count(start) for start in _CELL_STARTS)
                    if cells > cells_left:
                        raise limits.CELLS.refuse(
                            "the workbook's cells", limits.CELLS.value(), path=path
                        )
                if len(carry) > most + 1:
                    raise _long_text(part, most, path)
    except ZIP_ERRORS as exc:
        raise InputError(f"not a readable xlsx workbook: part {part!r} ({exc})", path=path) from exc
    cells += sum(carry.count(start) for start in _CELL_STARTS)
    if cells > cells_left:
        raise limits.CELLS.refuse("the workbook's cells", limits.CELLS.value(), path=path)
    return cells


def _longest_run_over(data: bytes, most: int) -> bool:
    """True when ``data`` holds more than ``most`` bytes without a ``<`` (a text, or a tag
    with its attributes). Any such run holds a whole aligned window of half that size, so
    only windows without a ``<`` are looked at closely."""
    half = max(most // 2, 1)
    for start in range(0, len(data), half):
        if data.find(b"<", start, start + half) >= 0:
            continue
        begin = data.rfind(b"<", 0, start) + 1
        end = data.find(b"<", start)
        if (end if end >= 0 else len(data)) - begin > most:
            return True
    return False


def _long_text(part: str, most: int, path: str) -> InputError:
    return limits.FIELD.refuse(f"a text in workbook part {part!r}", most, path=path)
