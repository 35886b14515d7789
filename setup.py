"""Build the compiled name-alignment core (the rest of the configuration is pyproject.toml).

The extension is optional: without a C++ compiler the package installs and runs on the
pure-Python reference of the same algorithm (``tracewire.match.align.reference``), only slower.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "tracewire.match.align._core",
            sources=["src/tracewire/match/align/_core.cpp"],
            language="c++",
            extra_compile_args=["-std=c++17", "-O2"],
            optional=True,
        )
    ]
)
