"""Where each official list is published, for ``tracewire lists update``.

The built-in catalog holds the official URLs. A JSON file named by ``--catalog`` or
``TRACEWIRE_CATALOG`` replaces entries (same shape: ``{"dataset": {"urls": [...],
"format": "...", "title": "..."}}``); tests use it to point at a server on 127.0.0.1.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from tracewire.errors import InputError, UsageError

OFAC = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports"


@dataclass(frozen=True)
class CatalogEntry:
    """One list: its dataset name, the URL(s) of its files, and their format."""

    dataset: str
    title: str
    urls: tuple[str, ...]
    format: str
    #: environment variable holding a token the publisher requires, if any
    token_env: str | None = None
    notes: str = ""
    headers: dict[str, str] = field(default_factory=dict)


BUILTIN: dict[str, CatalogEntry] = {
    e.dataset: e
    for e in [
        CatalogEntry(
            "us_ofac_sdn",
            "OFAC Specially Designated Nationals (Enhanced XML)",
            (f"{OFAC}/SDN_ENHANCED.XML",),
            "ofac_enhanced",
        ),
        CatalogEntry(
            "us_ofac_cons",
            "OFAC non-SDN consolidated list (Enhanced XML)",
            (f"{OFAC}/CONS_ENHANCED.XML",),
            "ofac_enhanced",
        ),
        CatalogEntry(
            "us_csl",
            "US Consolidated Screening List (trade.gov)",
            (
                "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv",
            ),
            "us_csl",
        ),
        CatalogEntry(
            "un_sc_sanctions",
            "UN Security Council consolidated list",
            ("https://scsanctions.un.org/resources/xml/en/consolidated.xml",),
            "un_sc",
        ),
        CatalogEntry(
            "eu_fsf",
            "EU Financial Sanctions Files (XML 1.1)",
            (
                "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/"
                "content?token={token}",
            ),
            "eu_fsf",
            token_env="TRACEWIRE_EU_TOKEN",
            notes="the EU requires a (free) token: set TRACEWIRE_EU_TOKEN",
        ),
    ]
}


def load_catalog(path: str | None = None) -> dict[str, CatalogEntry]:
    """The built-in catalog, with entries replaced or added from a JSON file."""
    catalog = dict(BUILTIN)
    path = path or os.environ.get("TRACEWIRE_CATALOG")
    if not path:
        return catalog
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read catalog ({exc.strerror})", path=path) from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"catalog is not JSON: {exc.msg}", path=path, line=exc.lineno) from exc
    if not isinstance(data, dict):
        raise InputError("catalog must be a JSON object of datasets", path=path)
    for dataset, spec in data.items():
        if not isinstance(spec, dict) or not spec.get("urls") or not spec.get("format"):
            raise InputError("each entry needs 'urls' and 'format'", path=path, field=dataset)
        catalog[dataset] = CatalogEntry(
            dataset=dataset,
            title=str(spec.get("title", dataset)),
            urls=tuple(str(u) for u in spec["urls"]),
            format=str(spec["format"]),
            token_env=spec.get("token_env"),
        )
    return catalog


def select_entries(catalog: dict[str, CatalogEntry], names: list[str]) -> list[CatalogEntry]:
    if not names:
        return list(catalog.values())
    unknown = [n for n in names if n not in catalog]
    if unknown:
        raise UsageError(
            f"unknown dataset(s) {', '.join(unknown)}; known: {', '.join(sorted(catalog))}"
        )
    return [catalog[n] for n in names]
