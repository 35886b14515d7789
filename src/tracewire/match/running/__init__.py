"""Screening queries: the engine over one index, and batches of rows."""
