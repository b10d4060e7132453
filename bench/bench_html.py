"""How fast qaznews reads saved HTML pages, beside plain trafilatura on the same pages.

The fixture pages of tests/data/web/pages (articles and listings of every layout) are
replicated into a corpus of ``--pages`` pages; each copy is made distinct (a comment
with its number, and for half of them the paragraphs of the article body doubled, a
longer page) so that no cache along the way can serve a repeat. Then, in one process
and on the same bytes, each extractor is timed over the whole corpus (best of
``--repeats``):

a. ``trafilatura.extract(html)`` with its defaults (its own readability/jusText
   fallbacks included): the baseline;
b. ``extract_body(html, url)``: qaznews's body cascade;
c. ``read_page(html, url=...)``: the whole page reader (body, metadata, outlet
   readers, listing entries).

Target: qaznews at most 25% slower than plain trafilatura (overhead <= 0.25).

    python bench/bench_html.py [--pages 1000] [--repeats 3]

The table goes to stdout and the same figures as JSON to bench/out/html.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import platform
import re
import sys
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
PAGES_DIR = BENCH_DIR.parent / "tests" / "data" / "web" / "pages"
TRUTH = BENCH_DIR.parent / "tests" / "data" / "web" / "truth.json"
DEFAULT_JSON = BENCH_DIR / "out" / "html.json"
#: qaznews may be at most this much slower than plain trafilatura (0.25 = 25%).
OVERHEAD_LIMIT = 0.25

_PARAGRAPH = re.compile(rb"(<p>[^<]{80,}</p>)")


def load_pages() -> list[tuple[str, bytes]]:
    """(url, bytes) of every fixture page."""
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))
    pages = []
    for entry in truth.values():
        data = (PAGES_DIR / entry["file"]).read_bytes()
        if entry["file"].endswith(".gz"):
            data = gzip.decompress(data)
        pages.append((entry["url"], data))
    return pages


def build_corpus(pages: list[tuple[str, bytes]], count: int) -> list[tuple[str, bytes]]:
    corpus = []
    for number in range(count):
        url, data = pages[number % len(pages)]
        if number % 2:
            data = _PARAGRAPH.sub(lambda m: m.group(1) + b"\n" + m.group(1), data)
        corpus.append((url, data + f"<!-- copy {number} -->".encode()))
    return corpus


def time_run(corpus: list[tuple[str, bytes]], run: Callable[[bytes, str], object],
             repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for url, data in corpus:
            run(data, url)
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000, help="pages in the corpus")
    parser.add_argument("--repeats", type=int, default=3, help="runs per extractor, best kept")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where the JSON goes")
    args = parser.parse_args(argv)

    import trafilatura

    from qaznews.sources.html import extract_body, read_page

    corpus = build_corpus(load_pages(), args.pages)
    size = sum(len(data) for _, data in corpus)
    runs: dict[str, Callable[[bytes, str], object]] = {
        "trafilatura.extract": lambda data, url: trafilatura.extract(data),
        "qaznews extract_body": lambda data, url: extract_body(data, url),
        "qaznews read_page": lambda data, url: read_page(data, url=url),
    }
    for run in runs.values():  # warm up: imports, lazily built patterns and models
        for url, data in corpus[:20]:
            run(data, url)
    seconds = {name: time_run(corpus, run, args.repeats) for name, run in runs.items()}
    base = seconds["trafilatura.extract"]
    results: list[dict[str, Any]] = []
    print(f"{len(corpus)} pages, {size / 1e6:.1f} MB, best of {args.repeats}")
    print(f"{'extractor':<24}{'seconds':>9}{'pages/s':>10}{'MB/s':>8}{'overhead':>10}")
    for name, secs in seconds.items():
        overhead = secs / base - 1
        results.append({"extractor": name, "seconds": round(secs, 3),
                        "pages_per_second": round(len(corpus) / secs, 1),
                        "mb_per_second": round(size / 1e6 / secs, 2),
                        "overhead": round(overhead, 3)})
        print(f"{name:<24}{secs:>9.2f}{len(corpus) / secs:>10.1f}{size / 1e6 / secs:>8.2f}"
              f"{overhead:>+10.1%}")
    worst = max(r["overhead"] for r in results[1:])
    verdict = "met" if worst <= OVERHEAD_LIMIT else "NOT met"
    print(f"target: overhead <= {OVERHEAD_LIMIT:.0%}: {verdict} (worst {worst:+.1%})")
    report = {
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "python": platform.python_version(), "machine": platform.machine(),
        "trafilatura": metadata.version("trafilatura"),
        "pages": len(corpus), "bytes": size, "repeats": args.repeats,
        "results": results, "overhead_limit": OVERHEAD_LIMIT, "target_met": worst <= OVERHEAD_LIMIT,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0 if worst <= OVERHEAD_LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
