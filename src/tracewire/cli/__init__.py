"""The ``tracewire`` command: one click group per concern."""
