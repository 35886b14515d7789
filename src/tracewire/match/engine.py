"""Moved to :mod:`tracewire.match.running.engine`; this path stays only while other rooms
(tests/test_public_api.py, tests/fixtures/match_speed/record.py) still import it. Delete it
once none does (``grep -rn tracewire.match.engine src tests bench``)."""

from tracewire.match.running.engine import MAX_CANDIDATES as MAX_CANDIDATES
from tracewire.match.running.engine import MAX_LIMIT as MAX_LIMIT
from tracewire.match.running.engine import SCREENED_SCHEMATA as SCREENED_SCHEMATA
from tracewire.match.running.engine import Screener as Screener
