"""tracewire: trace foreign-made parts in recovered weapons and screen every party on the way."""

__version__ = "0.1.0"

__all__ = ["__version__"]
