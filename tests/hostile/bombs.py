"""Hostile list files, made small on disk and fast: decompression bombs built from deflate
pieces repeated (a piece ends with a sync flush, so pieces concatenate into one valid
stream), wrapped by hand in gzip and zip. Used by the hostile tests and by
``bench/hostile_files.py``. Every name in them is invented."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

MiB = 1 << 20
CSL_HEADER = (
    b"_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,"
    b"start_date,end_date,standard_order,license_requirement,license_policy,call_sign,"
    b"vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,"
    b"source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,"
    b"source_information_url,ids\n"
)
OFSI_HEADER = ["Name 6", "Name 1", "Group Type", "Group ID", "Regime"]
OFSI_ROW = ["Invented Holdings", "", "Entity", "90001", "Invented Regime"]


def csl_row(key: str, name: str) -> bytes:
    """A US CSL row of an invented party on the BIS Entity List."""
    cells = [key, "Entity List (EL) - Bureau of Industry and Security", "", "", "", name]
    return (",".join(cells) + "," * 23 + "\n").encode("utf-8")


def _piece(data: bytes) -> bytes:
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    return comp.compress(data) + comp.flush(zlib.Z_SYNC_FLUSH)


def deflate(parts: list[tuple[bytes, int]]) -> tuple[bytes, int, int]:
    """Raw deflate of each ``data`` repeated ``times``: (stream, crc32, size)."""
    out = bytearray()
    crc = 0
    size = 0
    for data, times in parts:
        piece = _piece(data)
        out += piece * times
        for _ in range(times):
            crc = zlib.crc32(data, crc)
        size += len(data) * times
    out += b"\x03\x00"  # a final empty block
    return bytes(out), crc, size


def gzip_bytes(parts: list[tuple[bytes, int]]) -> bytes:
    body, crc, size = deflate(parts)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    return header + body + struct.pack("<II", crc, size & 0xFFFFFFFF)


def zip_bytes(members: list[tuple[str, list[tuple[bytes, int]]]]) -> bytes:
    """A zip archive of deflated members (each under 4 GiB, so no zip64)."""
    out = bytearray()
    central = bytearray()
    for name, parts in members:
        body, crc, size = deflate(parts)
        raw_name = name.encode("utf-8")
        offset = len(out)
        fields = (20, 0, 8, 0, 0x21, crc, len(body), size, len(raw_name), 0)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields) + raw_name + body
        central += (
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                *fields[:-1],
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + raw_name
        )
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(out), 0
    )
    return bytes(out + central + end)


def gzip_csv_long_line(path: Path, size: int = 1000 * MiB) -> Path:
    """A gzipped US CSL whose second line is ``size`` bytes long (~1 MB on disk per GB)."""
    path.write_bytes(gzip_bytes([(CSL_HEADER, 1), (b"A" * MiB, size // MiB), (b"\n", 1)]))
    return path


def _cell(value: str) -> str:
    return f'<c t="inlineStr"><is><t>{value}</t></is></c>'


def _row(number: int, values: list[str]) -> str:
    return f'<row r="{number}">' + "".join(_cell(v) for v in values) + "</row>"


def _workbook(sheet: list[tuple[bytes, int]], strings: list[tuple[bytes, int]] | None) -> bytes:
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
        'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="'
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        + (
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            if strings
            else ""
        )
        + "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'
    )
    workbook = (
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.'
        'org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships"><sheets><sheet name="List" sheetId="1" '
        'r:id="rId1"/></sheets></workbook>'
    )
    book_rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        'schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/>'
        + (
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            if strings
            else ""
        )
        + "</Relationships>"
    )
    members = [
        ("[Content_Types].xml", [(types.encode(), 1)]),
        ("_rels/.rels", [(rels.encode(), 1)]),
        ("xl/workbook.xml", [(workbook.encode(), 1)]),
        ("xl/_rels/workbook.xml.rels", [(book_rels.encode(), 1)]),
        ("xl/worksheets/sheet1.xml", sheet),
    ]
    if strings:
        members.append(("xl/sharedStrings.xml", strings))
    return zip_bytes(members)


_SHEET_OPEN = (
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main"><sheetData>'
)


def ofsi_workbook(path: Path) -> Path:
    """A small, valid OFSI-shaped workbook of one invented party."""
    sheet = _SHEET_OPEN + _row(1, ["Last Updated", "01/01/2026"]) + _row(2, OFSI_HEADER)
    sheet += _row(3, OFSI_ROW) + "</sheetData></worksheet>"
    path.write_bytes(_workbook([(sheet.encode(), 1)], None))
    return path


def xlsx_whitespace(path: Path, size: int = 1000 * MiB) -> Path:
    """An OFSI-shaped workbook whose sheet holds ``size`` bytes of whitespace between rows."""
    head = _SHEET_OPEN + _row(1, ["Last Updated", "01/01/2026"]) + _row(2, OFSI_HEADER)
    tail = _row(3, OFSI_ROW) + "</sheetData></worksheet>"
    sheet = [(head.encode(), 1), (b" " * MiB, size // MiB), (tail.encode(), 1)]
    path.write_bytes(_workbook(sheet, None))
    return path


def xlsx_big_string(path: Path, size: int = 300 * MiB) -> Path:
    """An OFSI-shaped workbook whose one shared string is ``size`` characters long."""
    head = _SHEET_OPEN + _row(1, ["Last Updated", "01/01/2026"]) + _row(2, OFSI_HEADER)
    row = '<row r="3"><c t="s"><v>0</v></c>' + "".join(_cell(v) for v in OFSI_ROW[2:]) + "</row>"
    sheet = [((head + row + "</sheetData></worksheet>").encode(), 1)]
    strings = [
        (
            b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.'
            b'org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>',
            1,
        ),
        (b"B" * MiB, size // MiB),
        (b"</t></si></sst>", 1),
    ]
    path.write_bytes(_workbook(sheet, strings))
    return path


#: a child that loads each case it is sent (a JSON line: name, path, env) into one store and
#: prints one JSON line per case: seconds of the load, the process's peak RSS so far, and
#: whether it was refused with which message. Imports happen once, before any timing.
_CHILD = r"""
import json, os, resource, sys, time
from tracewire.errors import TracewireError
from tracewire.lists.importer import load_path
from tracewire.store import open_store

def peak_mb():
    # VmHWM is this process's own peak: ru_maxrss keeps the high-water mark of the memory
    # the child had before exec, a copy of the parent (pytest, hundreds of MB by then)
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

print(json.dumps({"name": "after imports", "seconds": 0.0, "peak_mb": peak_mb(),
                  "refused": False, "message": ""}), flush=True)
for raw in sys.stdin:
    case = json.loads(raw)
    os.environ.update(case["env"])
    store = open_store(sys.argv[1])
    started = time.perf_counter()
    try:
        result = load_path(store, case["path"])
        refused, message = False, f"loaded as version {result.version.id}"
    except TracewireError as exc:
        refused, message = True, exc.message
    seconds = time.perf_counter() - started
    store.close()
    for key in case["env"]:
        del os.environ[key]
    print(json.dumps({"name": case["name"], "seconds": seconds, "peak_mb": peak_mb(),
                      "refused": refused, "message": message}), flush=True)
"""


def run_cases(db: Path, cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Load each case in one child process (see ``_CHILD``); its rows, baseline first."""
    lines = "".join(json.dumps(case) + "\n" for case in cases)
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(db)],
        input=lines,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"load child failed: {done.stderr[-2000:]}")
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def bomb_cases(folder: Path) -> list[dict[str, Any]]:
    """The issue's three bombs, each with the default limits and with the ratio limit (and
    the shared-strings limit) lifted, so that the checks made while streaming must hold."""
    gz = gzip_csv_long_line(folder / "csl_long_line.csv.gz")
    ws = xlsx_whitespace(folder / "ofsi_whitespace.xlsx")
    big = xlsx_big_string(folder / "ofsi_big_string.xlsx")
    off = {"TRACEWIRE_MAX_RATIO": "1000000"}
    return [
        {"name": "gzip CSV, line 2 of 1000 MiB", "path": str(gz), "env": {}},
        {"name": "  same, ratio limit lifted", "path": str(gz), "env": off},
        {"name": "xlsx, 1000 MiB of whitespace", "path": str(ws), "env": {}},
        {"name": "  same, ratio limit lifted", "path": str(ws), "env": off},
        {"name": "xlsx, one 300 MiB string", "path": str(big), "env": {}},
        {"name": "  same, ratio limit lifted", "path": str(big), "env": off},
        {
            "name": "  same, ratio and strings limits lifted",
            "path": str(big),
            "env": {**off, "TRACEWIRE_MAX_XLSX_STRINGS": str(1 << 30)},
        },
    ]
