"""Screening, folder by folder in the order a query goes through it.

* ``candidates/``: where candidates come from (the index of every listed name's tokens,
  spellings and rarity; a query's reach into it);
* ``align/``: name against name (the Python reference, the compiled core that gives the
  same numbers faster, the dispatch between them, and ``params``, every tuning constant);
* ``scoring/``: a query and a candidate as subjects, the named and weighted features, the
  versioned algorithms made of them, and which schemata may match;
* ``running/``: the engine (a :class:`~tracewire.match.running.engine.Screener` over one
  index) and batches of rows on forked workers;
* ``types``: the query and result objects every surface shares; ``output``: their one JSON
  shape (yente's) and the text table.
"""
