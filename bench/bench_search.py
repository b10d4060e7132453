"""How fast search() answers, beside the raw FTS5 query for the same terms.

One run builds (or reuses) the synthetic story corpus of ``make_story_corpus`` (100,000
articles in English and Russian by default), writes it into a fresh store (the search
index is filled by the store's triggers as the articles are written, so the build time
is the ingest cost of the index), gives the planted groups of copies and rewrites one
story each, then times typical queries, each two ways in the same run, interleaved:

a. raw: the FTS5 ``MATCH`` of the same expression ``search()`` builds, the top 20 by
   BM25 (or, with filters, joined to the articles, filtered and ordered the same way);
b. ``search()``: the same page, with the counts of matches and stories, collapsing by
   story, the other outlets of each story, snippets and highlights.

Target: search() p95 at most 1.5x the raw query's p95.

    python bench/bench_search.py [--articles 100000] [--keep DIR] [--store PATH] [--repeat 30]

The table goes to stdout and the same figures as JSON to bench/out/search.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from make_story_corpus import StoryCorpus, build_story_corpus, load_story_corpus, read_records
from qaznews.model import Article, Published, Sighting, SourceRef
from qaznews.search import parse_query, search, to_fts
from qaznews.store.sqlite import Store

#: search() may take at most this many times the raw query's p95.
SLOWDOWN_LIMIT = 1.5
BENCH_DIR = Path(__file__).resolve().parent
DEFAULT_JSON = BENCH_DIR / "out" / "search.json"
BATCH = 5_000


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    query: str
    options: dict[str, Any] = field(default_factory=dict)


CASES: tuple[Case, ...] = (
    Case("one word", "minister"),
    Case("one word, rarer", "wind"),
    Case("one word, Russian form", "встречи"),
    Case("two words", "trade transport"),
    Case("a phrase", '"wind farm"'),
    Case("boolean", "(agreement OR соглашение) -wind"),
    Case("filters, by date", "agreement",
         {"since": "2025-03-01", "until": "2025-05-31", "outlets": ["kt.kz"],
          "languages": ["en"], "sort": "date"}),
    Case("filters (Russian), by date", "министр",
         {"since": "2025-01-01", "until": "2025-06-30", "outlets": ["kapital.kz"],
          "languages": ["ru"], "sort": "date"}),
    Case("one word, by views", "minister", {"sort": "views"}),
)


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextmanager
def corpus_dir(keep: Path | None) -> Iterator[Path]:
    if keep is not None:
        yield keep
        return
    with tempfile.TemporaryDirectory(prefix="qaznews-search-corpus-") as tmp:
        yield Path(tmp)


def ensure_corpus(directory: Path, articles: int, seed: int) -> tuple[StoryCorpus, bool]:
    kept = load_story_corpus(directory, articles=articles, seed=seed)
    if kept is not None:
        return kept, True
    say(f"building a corpus of {articles:,} articles in {directory}")
    return build_story_corpus(directory, articles=articles, seed=seed), False


def build_store(corpus: StoryCorpus, path: Path) -> dict[str, Any]:
    """Write the corpus into a fresh store; the planted groups become stories."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    ids: dict[str, str] = {}
    started = time.perf_counter()
    with Store(path) as store:
        batch: list[Article] = []

        def flush() -> None:
            with store.transaction():
                store.write(list(batch))
            batch.clear()

        for number, record in enumerate(read_records(corpus.corpus_path)):
            language = record["language"]
            views = (number * 7919) % 20_000
            found = Article(
                title=record["title"], body=record["body"],
                published=Published.from_iso(record["published"]), outlet=record["outlet"],
                language=language, title_language=language, body_language=language,
                sightings=[Sighting(SourceRef(file="corpus.jsonl", line=number + 1),
                                    views=views)],
            )
            ids[record["key"]] = found.id
            batch.append(found)
            if len(batch) >= BATCH:
                flush()
        if batch:
            flush()
        written = time.perf_counter() - started
        with store.transaction():
            for group in corpus.planted()["groups"]:
                members = [group["original"], *group["exact"], *group["near"],
                           *group["rewrite"]]
                store.conn.executemany("UPDATE articles SET story = ? WHERE id = ?",
                                       [(group["id"], ids[m]) for m in members if m in ids])
        articles = int(store.conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    return {"articles": articles, "seconds": round(written, 1),
            "articles_per_second": round(articles / written, 1),
            "bytes": path.stat().st_size}


def raw_sql(case: Case) -> tuple[str, list[Any]]:
    """The plain FTS5 query answering the same question (no counts, collapsing, snippets)."""
    expression = to_fts(parse_query(case.query))
    options = case.options
    if not options:
        return ("SELECT rowid, bm25(articles_search, 2.0, 1.0) AS s FROM articles_search"
                " WHERE articles_search MATCH ? ORDER BY s LIMIT 20", [expression])
    where, params = ["articles_search MATCH ?"], [expression]
    if "since" in options:
        where.append("a.published >= ?")
        params.append(options["since"])
    if "until" in options:
        where.append("a.published < ?")
        params.append((dt.date.fromisoformat(options["until"]) + dt.timedelta(days=1))
                      .isoformat())
    if "outlets" in options:
        where.append("a.outlet = ?")
        params.append(options["outlets"][0])
    if "languages" in options:
        where.append("a.language = ?")
        params.append(options["languages"][0])
    order = {"date": "a.published DESC", "views": "a.views DESC",
             "relevance": "bm25(articles_search, 2.0, 1.0)"}[options.get("sort", "relevance")]
    return (f"SELECT a.rowid FROM articles_search JOIN articles AS a"
            f" ON a.rowid = articles_search.rowid WHERE {' AND '.join(where)}"
            f" ORDER BY {order} LIMIT 20", params)


def quantile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return (time.perf_counter() - started) * 1000


def measure(store: Store, case: Case, repeat: int) -> dict[str, Any]:
    sql, params = raw_sql(case)
    conn = store.conn

    def raw() -> object:
        return conn.execute(sql, params).fetchall()

    def ours() -> object:
        return search(store, case.query, **case.options)

    raw(), ours()  # warm the page cache
    raw_ms: list[float] = []
    ours_ms: list[float] = []
    for _ in range(repeat):
        raw_ms.append(timed(raw))
        ours_ms.append(timed(ours))
    page = search(store, case.query, **case.options)
    second = (timed(lambda: search(store, case.query, cursor=page.next_cursor, **case.options))
              if page.next_cursor else None)
    raw_p95, ours_p95 = quantile(raw_ms, 0.95), quantile(ours_ms, 0.95)
    ratio = ours_p95 / max(raw_p95, 1e-6)
    result: dict[str, Any] = {
        "case": case.name, "query": case.query, "options": case.options,
        "matches": page.total, "stories": page.stories,
        "raw_p50_ms": round(statistics.median(raw_ms), 2),
        "raw_p95_ms": round(raw_p95, 2),
        "search_p50_ms": round(statistics.median(ours_ms), 2),
        "search_p95_ms": round(ours_p95, 2),
        "next_page_ms": round(second, 2) if second is not None else None,
        "p95_ratio": round(ratio, 2),
        "pass": ratio <= SLOWDOWN_LIMIT,
    }
    return result


def report_text(build: dict[str, Any], rows: list[dict[str, Any]]) -> str:
    out = [f"store: {build['articles']:,} articles, {build['bytes'] / 2**20:,.0f} MB;"
           f" written with the index in {build['seconds']} s"
           f" ({build['articles_per_second']:,.0f} articles/s)", ""]
    header = (f"{'case':<28} {'matches':>8} {'stories':>8} {'raw p50':>8} {'raw p95':>8}"
              f" {'ours p50':>9} {'ours p95':>9} {'p95 x':>6} {'page 2':>7}")
    out += [header, "-" * len(header)]
    for r in rows:
        page2 = f"{r['next_page_ms']:.1f}" if r["next_page_ms"] is not None else "-"
        out.append(f"{r['case']:<28} {r['matches']:>8,} {r['stories']:>8,}"
                   f" {r['raw_p50_ms']:>8.1f} {r['raw_p95_ms']:>8.1f} {r['search_p50_ms']:>9.1f}"
                   f" {r['search_p95_ms']:>9.1f} {r['p95_ratio']:>6.2f} {page2:>7}"
                   f"{'' if r['pass'] else '  over'}")
    out.append("")
    out.append(f"times in ms; target: ours p95 <= {SLOWDOWN_LIMIT}x raw p95;"
               f" {sum(r['pass'] for r in rows)}/{len(rows)} cases within it")
    return "\n".join(out)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark search() against raw FTS5 queries.")
    parser.add_argument("--articles", type=int, default=100_000,
                        help="articles in the corpus (default 100000)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="build the corpus here and keep it; reused when it matches")
    parser.add_argument("--store", type=Path, metavar="PATH",
                        help="keep the store here; reused when it holds the corpus")
    parser.add_argument("--repeat", type=int, default=30,
                        help="timed runs of each query, each way (default 30)")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON,
                        help=f"where to write the figures (default {DEFAULT_JSON})")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    with (corpus_dir(args.keep) as directory,
          tempfile.TemporaryDirectory(prefix="qaznews-search-") as work):
        corpus, reused = ensure_corpus(directory, args.articles, args.seed)
        path = args.store or Path(work) / "search.db"
        build: dict[str, Any] | None = None
        if args.store is not None and path.exists():
            with Store(path) as store:
                count = int(store.conn.execute("SELECT count(*) FROM articles").fetchone()[0])
            if count == corpus.articles:
                build = {"articles": count, "seconds": None, "articles_per_second": None,
                         "bytes": path.stat().st_size, "reused": True}
        if build is None:
            say(f"writing {corpus.articles:,} articles into {path}")
            build = build_store(corpus, path)
        rows = []
        with Store(path) as store:
            for case in CASES:
                say(f"timing: {case.name}")
                rows.append(measure(store, case, args.repeat))
    if build.get("seconds") is None:
        build = {**build, "seconds": "(reused)", "articles_per_second": 0}
    print(report_text(build, rows))
    report = {
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count(), "sqlite": __import__("sqlite3").sqlite_version},
        "corpus": {"articles": corpus.articles, "seed": corpus.seed, "reused": reused},
        "store": build, "repeat": args.repeat, "slowdown_limit": SLOWDOWN_LIMIT,
        "cases": rows, "wall_seconds": round(time.perf_counter() - started, 1),
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n",
                         encoding="utf-8")
    say(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
