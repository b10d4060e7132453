"""Build of qaznews: the modules every captured line goes through are compiled with mypyc.

pyproject.toml holds the project's metadata; this file only adds the compiled modules.
A wheel (``pip install .``) carries them; an editable install (``pip install -e .``, what
``make install`` makes for development) stays pure Python, so an edited module is what
runs, and so does any build with ``QAZNEWS_PURE=1`` or without a C compiler and Python's
headers. ``qaznews.build`` names the modules; the pure and the compiled reader give the
same items (``make test`` runs the tests on both).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
import sysconfig
from pathlib import Path

from setuptools import setup

HERE = Path(__file__).resolve().parent


def _compiled_paths() -> list[str]:
    """The source files of ``qaznews.build.COMPILED_MODULES`` (read without importing
    qaznews, whose dependencies a build need not have)."""
    spec = importlib.util.spec_from_file_location("_qaznews_build",
                                                  HERE / "src" / "qaznews" / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return [f"src/{name.replace('.', '/')}.py" for name in module.COMPILED_MODULES]


def _why_pure() -> str | None:
    """Why this build stays pure Python, or None when it compiles."""
    if os.environ.get("QAZNEWS_PURE") == "1":
        return "QAZNEWS_PURE=1"
    if "editable_wheel" in sys.argv:
        return "an editable install"
    if not shutil.which(os.environ.get("CC", "cc")) and not shutil.which("gcc"):
        return "no C compiler (cc or gcc)"
    if not (Path(sysconfig.get_paths()["include"]) / "Python.h").exists():
        return "no Python.h (the python3-dev package)"
    return None


def _extensions() -> list[object]:
    why = _why_pure()
    if why is not None:
        print(f"qaznews: building pure Python ({why})", file=sys.stderr)
        return []
    from mypyc.build import mypycify

    # Third-party imports are typed as Any here: an isolated build has only mypy installed.
    return list(mypycify(["--ignore-missing-imports", *_compiled_paths()], opt_level="3",
                         group_name="qaznews"))


if __name__ == "__main__":  # as pip's build backend runs it; tests import it
    setup(ext_modules=_extensions())
