"""Moved to :mod:`tracewire.match.running.batch`; this path stays only while other rooms
(routes/resolve, scan/parties) still import it. Delete it once none does
(``grep -rn tracewire.match.batch src tests bench``)."""

from tracewire.match.running.batch import Row as Row
from tracewire.match.running.batch import read_rows as read_rows
from tracewire.match.running.batch import screen_rows as screen_rows
