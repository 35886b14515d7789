"""How strong each kind of evidence is (0..1), in one place. A path is as strong as the
product of its edges: a route through many weak links ranks below a short documented one.
"""

from __future__ import annotations

#: one customs declaration or shipment record between two parties
RECORD = 0.7
#: the strongest a trade edge gets, however many records support it
RECORD_CAP = 0.99
#: a relationship a sanctions list states (Ownership, Directorship, UnknownLink ...)
LIST_RELATION = 0.95
#: a trade party and a list entity with the same tax or registration number
SAME_IDENTIFIER = 1.0
#: a maker and the trade party of the same normalised name
SAME_NAME = 0.9
#: a record declares goods of this maker (brand or maker column) shipped by this exporter
DECLARED_MAKER = 0.6
#: a part attributed to its maker in a teardown, and a teardown's part / a weapon's teardown
TEARDOWN = 1.0
#: two parties at the same address (through the address node: each half of the link)
SHARED_ADDRESS = 0.5


def records_strength(count: int) -> float:
    """Independent records each add their evidence: ``1 - (1 - RECORD) ** count``, capped."""
    return min(RECORD_CAP, 1.0 - (1.0 - RECORD) ** max(count, 1))
