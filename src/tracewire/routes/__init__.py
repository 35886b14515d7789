"""Supply routes: trade records, one graph of teardowns, makers, trade and the lists'
relationships, the paths from a part to the parties that moved it, and red-flag rules.

Pipeline: :mod:`records` (one row) → :mod:`load` (a file into the store) → :mod:`build`
(the graph, with :mod:`resolve` linking parties to list entities) → :mod:`graph` (CSR in
memory) → :mod:`paths` (search, ranking) → :mod:`present` (evidence) → :mod:`flags` →
:mod:`export`. :mod:`generate` writes realistic records with planted routes for tests.
"""
