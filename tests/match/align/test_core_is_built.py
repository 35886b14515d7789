"""CI must run on the compiled core: a build that silently fell back to Python fails here.

This module has no skip of its own (the equality tests beside it skip without the core,
so a guard among them could never fail). The pure-Python run opts out explicitly, with
``TRACEWIRE_PURE_PYTHON=1``, and then the core must be off.
"""

from __future__ import annotations

from tracewire.match.align import dispatch


def test_the_compiled_core_is_in_use_unless_pure_python_is_asked() -> None:
    if dispatch.pure_python_asked():
        assert not dispatch.COMPILED
    else:
        assert dispatch.COMPILED, (
            "the compiled core (tracewire.match.align._core) is not built: rebuild with "
            "`pip install -e .` where a C++ compiler is at hand, or set "
            f"{dispatch.PURE_PYTHON_VARIABLE}=1 to run on the Python reference on purpose"
        )
