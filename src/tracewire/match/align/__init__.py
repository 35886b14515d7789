"""Name against name: the alignment of name parts and its score.

``reference`` is the algorithm in Python (read it for what it does and why); ``_core.cpp``
is the same algorithm compiled; ``dispatch`` calls the core when it is built, else the
reference; ``params`` holds every tuning constant both read; ``weights`` the token rarity
table they take.
"""
