"""API latency: every page of the REST API served locally, on a store of 100,000 articles.

The store is built from the synthetic story corpus (bench/make_story_corpus.py), written
with ``Store.write`` in batches and linked into stories in the same transaction, as ingest
does. The entities stage has not landed yet, so every article is given a few entities,
one event and a topic or two drawn from the corpus's own cast, countries and event kinds
(seeded: the same store every run), so that the ``/entities`` and ``/events`` pages
aggregate real volumes.

Pages are requested in process through the ASGI app (httpx over ``ASGITransport``:
routing, validation, the read-only connection per request, serialisation; no sockets),
each ``--repeat`` times, after one warm-up request; p50 and p95 per page, in
milliseconds. The target: every page under 100 ms at p95.

    python bench/bench_api.py --keep .bench-api            # build once, measure
    python bench/bench_api.py --keep .bench-api --repeat 50 --json bench/out/api.json
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import random
import statistics
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx

from make_story_corpus import (
    COUNTRIES,
    OUTLETS,
    Generator,
    build_story_corpus,
    load_story_corpus,
    read_records,
)

STORE_NAME = "api-bench.db"
STORE_MANIFEST = "api-bench.json"
#: Bump when the store built here changes.
STORE_VERSION = 1
TOPICS = ("diplomacy", "economy", "energy", "agriculture", "transport", "health",
          "education", "emergencies", "law", "industry")
TARGET_P95_MS = 100.0


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _annotations(rng: random.Random, people: Sequence[str], ministries: Sequence[str],
                 kind: str) -> dict[str, Any]:
    from qaznews.model import Entity, Event, Participant

    persons = rng.sample(list(people), rng.randint(1, 3))
    ministry = rng.choice(list(ministries))
    country = rng.choice(COUNTRIES)["en"]
    entities = [Entity(text=p, type="person", canonical=p, role="minister") for p in persons]
    entities.append(Entity(text=ministry, type="organization", canonical=ministry))
    entities.append(Entity(text=country, type="country", canonical=country))
    event = Event(type=kind, place=country,
                  participants=tuple(Participant(name=p) for p in persons[:2]),
                  organizations=(ministry,))
    topics = rng.sample(TOPICS, rng.randint(1, 2))
    return {"entities": entities, "events": [event], "topics": topics}


def batches(items: Iterator[dict[str, str]], size: int) -> Iterator[list[dict[str, str]]]:
    batch: list[dict[str, str]] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def build_store(directory: Path, articles: int, seed: int, batch_size: int) -> Path:
    """The benchmark store in ``directory``, built unless a matching one is there."""
    from qaznews.core import assign_stories
    from qaznews.model import Article, Published
    from qaznews.settings import load_settings
    from qaznews.store.sqlite import Store

    db = directory / STORE_NAME
    manifest = directory / STORE_MANIFEST
    wanted = {"version": STORE_VERSION, "articles": articles, "seed": seed}
    try:
        if json.loads(manifest.read_text(encoding="utf-8")) == wanted and db.is_file():
            return db
    except (OSError, ValueError):
        pass
    corpus = load_story_corpus(directory / "corpus", articles=articles, seed=seed)
    if corpus is None:
        say(f"building the story corpus of {articles:,} articles")
        corpus = build_story_corpus(directory / "corpus", articles=articles, seed=seed)
    kinds: dict[str, str] = corpus.planted()["event_kinds"]
    cast = Generator(articles, seed).cast
    people = sorted({m[0]["en"] for m in cast.ministers} | {a[0]["en"] for a in cast.akims})
    ministries = sorted({m[3]["en"] for m in cast.ministers})
    rng = random.Random(f"qaznews-api-bench-{seed}")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    manifest.unlink(missing_ok=True)
    settings = load_settings()
    started = time.perf_counter()
    written = 0
    with Store(db) as store:
        for records in batches(read_records(corpus.corpus_path), batch_size):
            batch = [
                Article(title=r["title"], body=r["body"],
                        published=Published.from_iso(r["published"]), outlet=r["outlet"],
                        language=r["language"], views=rng.randint(0, 20_000),
                        **_annotations(rng, people, ministries, kinds.get(r["key"], "other")))
                for r in records
            ]
            with store.transaction():
                store.write(list(batch))
                assign_stories(store, [a.id for a in batch], settings)
            written += len(batch)
            if written % 10_000 < batch_size:
                say(f"  {written:,} articles stored ({time.perf_counter() - started:.0f} s)")
    manifest.write_text(json.dumps(wanted), encoding="utf-8")
    return db


def pages(db: Path) -> list[tuple[str, str]]:
    """(name, path) of every page measured, with ids and filters taken from the store."""
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        article = conn.execute("SELECT id FROM articles ORDER BY published DESC LIMIT 1 OFFSET 500"
                               ).fetchone()[0]
        story = conn.execute("SELECT id FROM stories WHERE members > 2 LIMIT 1").fetchone()[0]
        day = conn.execute("SELECT max(published) FROM articles").fetchone()[0][:10]
    finally:
        conn.close()
    month_ago = (dt.date.fromisoformat(day) - dt.timedelta(days=30)).isoformat()
    outlet = OUTLETS[3]
    return [
        ("health", "/health"),
        ("articles", "/articles"),
        ("articles oldest", "/articles?sort=oldest"),
        ("articles views", "/articles?sort=views"),
        ("articles outlet+language", f"/articles?outlet={outlet}&language=ru"),
        ("articles since/until", f"/articles?since={month_ago}&until={day}"),
        ("article", f"/articles/{article}"),
        ("search", "/search?q=minister+agreement"),
        ("search filtered", f"/search?q=minister&outlet={outlet}&since={month_ago}"),
        ("stories", "/stories"),
        ("stories min_members=3", "/stories?min_members=3"),
        ("stories outlet", f"/stories?outlet={outlet}"),
        ("story", f"/stories/{story}"),
        ("entities", "/entities"),
        ("entities person", "/entities?type=person"),
        ("entity", "/entities/{entity}"),
        ("events", "/events"),
        ("events type+country", "/events?type=agreement&country=China"),
        ("events person", "/events?person={person}"),
        ("digest week", f"/digest?from={(dt.date.fromisoformat(day) - dt.timedelta(days=6))}"
                        f"&to={day}"),
        ("digest month", f"/digest?from={month_ago}&to={day}"),
    ]


def quantile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def measure(db: Path, repeat: int) -> list[dict[str, Any]]:
    from qaznews.api.app import create_app

    app = create_app({"db": str(db)})
    transport = httpx.ASGITransport(app=app)
    results: list[dict[str, Any]] = []
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        entities = (await client.get("/entities?type=person&limit=1")).json()["entities"]
        entity = entities[0]["id"] if entities else "none"
        person = entities[0]["name"] if entities else "none"
        for name, path in pages(db):
            path = path.replace("{entity}", entity).replace("{person}", person)
            first = await client.get(path)  # warm-up (and the first, uncached, figure)
            started = time.perf_counter()
            first = await client.get(path)
            cold_ms = (time.perf_counter() - started) * 1000
            timings: list[float] = []
            status = first.status_code
            next_path = None
            body = first.json() if first.headers.get("content-type", "").startswith(
                "application/json") else {}
            if isinstance(body, dict) and body.get("next_cursor"):
                sep = "&" if "?" in path else "?"
                next_path = f"{path}{sep}cursor={body['next_cursor']}"
            for number in range(repeat):
                started = time.perf_counter()
                # Every other request follows the cursor: a second page costs the same.
                target = next_path if (next_path and number % 2) else path
                response = await client.get(target)
                timings.append((time.perf_counter() - started) * 1000)
                status = max(status, response.status_code)
            results.append({
                "page": name, "path": path, "status": status,
                "p50_ms": round(statistics.median(timings), 2),
                "p95_ms": round(quantile(timings, 0.95), 2),
                "max_ms": round(max(timings), 2), "second_ms": round(cold_ms, 2),
            })
            say(f"  {name:28} {results[-1]['p50_ms']:7.1f} {results[-1]['p95_ms']:7.1f} ms"
                f"  ({status})")
    return results


def report(results: list[dict[str, Any]], articles: int) -> str:
    lines = [f"API pages on {articles:,} articles (in-process ASGI), milliseconds",
             f"{'page':28} {'p50':>8} {'p95':>8} {'max':>8}  status",
             "-" * 64]
    for r in results:
        mark = "" if r["p95_ms"] < TARGET_P95_MS else "  over target"
        lines.append(f"{r['page']:28} {r['p50_ms']:8.1f} {r['p95_ms']:8.1f} {r['max_ms']:8.1f}"
                     f"  {r['status']}{mark}")
    over = [r["page"] for r in results if r["p95_ms"] >= TARGET_P95_MS]
    lines.append(f"target p95 < {TARGET_P95_MS:.0f} ms: "
                 + ("every page" if not over else "missed by " + ", ".join(over)))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--keep", type=Path, default=Path(".bench-api"),
                        help="directory where the corpus and the store are kept between runs")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=40, help="requests per page")
    parser.add_argument("--json", type=Path, help="write the figures here as JSON")
    parser.add_argument("--build-only", action="store_true", help="build the store and stop")
    args = parser.parse_args(argv)
    args.keep.mkdir(parents=True, exist_ok=True)
    db = build_store(args.keep, args.articles, args.seed, args.batch_size)
    if args.build_only:
        return 0
    results = asyncio.run(measure(db, args.repeat))
    print(report(results, args.articles))
    if args.json:
        args.json.write_text(json.dumps({"articles": args.articles, "repeat": args.repeat,
                                         "pages": results}, indent=1), encoding="utf-8")
    return 0 if all(r["p95_ms"] < TARGET_P95_MS for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
