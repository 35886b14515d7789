"""Moved to :mod:`tracewire.match.scoring.algorithms`; this path stays only while
tests/api/test_api_routes.py still imports it. Delete it once none does
(``grep -rn tracewire.match.algorithms src tests bench``)."""

from tracewire.match.scoring.algorithms import ALGORITHMS as ALGORITHMS
from tracewire.match.scoring.algorithms import DEFAULT_ALGORITHM as DEFAULT_ALGORITHM
from tracewire.match.scoring.algorithms import describe_algorithms as describe_algorithms
