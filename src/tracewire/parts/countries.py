"""Countries of assembly as printed on parts: ``CHN``, ``MALAYSIA``, ``Made in Taiwan``."""

from __future__ import annotations

#: printed word (upper case) -> ISO 3166-1 alpha-2
PRINTED: dict[str, str] = {
    "CHN": "CN", "CHINA": "CN", "PRC": "CN",
    "MYS": "MY", "MAL": "MY", "MALAYSIA": "MY",
    "PHL": "PH", "PHI": "PH", "PHILIPPINES": "PH",
    "THA": "TH", "THAILAND": "TH",
    "MEX": "MX", "MEXICO": "MX",
    "TWN": "TW", "TAIWAN": "TW",
    "KOR": "KR", "KOREA": "KR",
    "JPN": "JP", "JAPAN": "JP",
    "USA": "US",
    "DEU": "DE", "GERMANY": "DE",
    "VNM": "VN", "VIETNAM": "VN", "VIET NAM": "VN",
    "IDN": "ID", "INDONESIA": "ID",
    "SGP": "SG", "SINGAPORE": "SG",
    "MLT": "MT", "MALTA": "MT",
    "MAR": "MA", "MOROCCO": "MA",
    "CRI": "CR", "COSTA RICA": "CR",
    "IND": "IN", "INDIA": "IN",
    "ISR": "IL", "ISRAEL": "IL",
    "FRA": "FR", "FRANCE": "FR",
    "ITA": "IT", "ITALY": "IT",
    "CZE": "CZ", "CZECH": "CZ",
    "HUN": "HU", "HUNGARY": "HU",
    "PRT": "PT", "PORTUGAL": "PT",
    "IRL": "IE", "IRELAND": "IE",
    "GBR": "GB", "ENGLAND": "GB", "UK": "GB",
    "HKG": "HK", "HONG KONG": "HK",
    "SWITZERLAND": "CH", "CHE": "CH",
    "AUSTRIA": "AT", "AUT": "AT",
    "NETHERLANDS": "NL", "HOLLAND": "NL",
    "RUSSIA": "RU", "RUS": "RU",
    "IRAN": "IR", "IRN": "IR",
    "SOUTH KOREA": "KR", "UNITED STATES": "US", "U.S.A.": "US",
}  # fmt: skip

#: multi-word names, longest first, as token tuples
MULTIWORD: list[tuple[str, ...]] = sorted(
    (tuple(k.split()) for k in PRINTED if " " in k), key=len, reverse=True
)
