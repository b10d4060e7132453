"""Which modules of this installation run compiled.

A wheel of qaznews carries the modules every captured line goes through compiled with
mypyc (setup.py reads :data:`COMPILED_MODULES` from here); an editable or pure build runs
them as Python. Both give the same items; the compiled reader is faster.
"""

from __future__ import annotations

import importlib
import importlib.machinery

#: The capture reader's per-line and per-article code: the whole parse loop.
COMPILED_MODULES = (
    "qaznews.model",
    "qaznews.sources.files",
    "qaznews.sources.dates",
    "qaznews.sources.debris",
    "qaznews.sources.capture",
    "qaznews.pipeline.clean",
    "qaznews.pipeline.outlet",
)


def compiled_modules() -> list[str]:
    """The modules of :data:`COMPILED_MODULES` that were loaded from a compiled extension."""
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    return [name for name in COMPILED_MODULES
            if str(getattr(importlib.import_module(name), "__file__", "")).endswith(suffixes)]


def build_kind() -> str:
    """"compiled", "pure" or "partly compiled": how this installation's reader runs."""
    found = len(compiled_modules())
    if found == len(COMPILED_MODULES):
        return "compiled"
    return "pure" if found == 0 else "partly compiled"
