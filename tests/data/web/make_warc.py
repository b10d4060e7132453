"""Writes tests/data/web/pages.warc.gz from four fixture pages (as tests/test_warc.py does).

    python tests/data/web/make_warc.py
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from tests.test_warc import write_warc  # noqa: E402

if __name__ == "__main__":
    write_warc(HERE / "pages.warc.gz")
    print(HERE / "pages.warc.gz")
