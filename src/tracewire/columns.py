"""Column mappings for tabular input: ``--columns FIELD=Header,...`` over a table of defaults.

``tracewire screen --input`` and ``tracewire trade load`` read CSV and JSON lines whose headers
a user renames the same way; this is the one parser of that option.
"""

from __future__ import annotations

from collections.abc import Mapping

from tracewire.errors import UsageError


def parse_columns(spec: str | None, defaults: Mapping[str, str]) -> dict[str, str]:
    """``"name=Full Name,country=Nation"`` → ``defaults`` with those fields' headers renamed.

    Raises :class:`UsageError` for an entry without ``=``, an empty header or an unknown field.
    """
    columns = dict(defaults)
    if not spec:
        return columns
    for part in spec.split(","):
        key, sep, value = part.partition("=")
        key = key.strip()
        if not sep or key not in defaults or not value.strip():
            raise UsageError(
                f"bad --columns entry {part!r}: use FIELD=Header with FIELD one of "
                f"{', '.join(defaults)}"
            )
        columns[key] = value.strip()
    return columns
