"""API latency: every page of the REST API served locally, on a store of 100,000 articles.

The store is built from the synthetic story corpus (bench/make_story_corpus.py), written
with ``Store.write`` in batches and linked into stories in the same transaction, as ingest
does. The enrichment stage's models are not run (hours at this size); instead every
article is given what it would find, seeded (the same store every run): from the corpus's
own cast, countries and event kinds, one or two officials, their ministry and a country;
from a long tail of synthetic names (:func:`long_tail`, drawn by a Zipf law), 3 to 7 more
people, organisations and places; one event with two participants and one or two
organisations; a topic or two. That is about 9.5 entities an article and some 55,000
distinct entities at 100,000 articles, as the enrichment of the shared samples suggests
(9.7 entities an article, 5 new ones an article among 91). The entity records
(``qaznews.store.entities``) are brought up to date in each batch's transaction, as
ingest does, so that the ``/entities`` and ``/events`` pages read real volumes.

Pages are requested in process through the ASGI app (httpx over ``ASGITransport``:
routing, validation, the read-only connection per request, serialisation; no sockets),
each ``--repeat`` times, after one warm-up request; p50 and p95 per page, in
milliseconds. The warm-up request is timed too and reported as ``first``: pages kept in
memory by the app (entity lists, digests) are built on it. The target: every page under
100 ms at p95.

    python bench/bench_api.py --keep .bench-api            # build once, measure
    python bench/bench_api.py --keep .bench-api --repeat 50 --json bench/out/api.json
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
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
STORE_VERSION = 2
TOPICS = ("diplomacy", "economy", "energy", "agriculture", "transport", "health",
          "education", "emergencies", "law", "industry")
TARGET_P95_MS = 100.0


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


#: The long tail: names a few articles each, drawn by a Zipf law (exponent 1.0) from this
#: many; 5 draws an article over 100,000 articles name some 55,000 of them.
TAIL_NAMES = 80_000
TAIL_PER_ARTICLE = (3, 7)
_SYLLABLES = ("ab", "al", "ar", "as", "bek", "bol", "dau", "er", "gal", "is", "kai", "kar",
              "ken", "mar", "mur", "nur", "ra", "sar", "se", "tal", "tem", "tur", "us",
              "zhan", "zhar", "ai", "ba", "da", "ka", "sa", "tok", "zhol", "qam", "ser")
_SURNAME_ENDS = ("ov", "ev", "uly", "bayev", "bekov", "ulov", "imov", "enko", "sky", "ter")
_ORGANISATION_KINDS = ("LLP", "JSC", "Group", "Holding", "Foundation", "Institute",
                       "Association", "Centre", "University", "Agency", "Bank", "Corporation")
_PLACE_ENDS = ("-Tobe", "-Su", "kol", "tau", "aul", " village", "-Bulak", "ovka")


def long_tail(seed: int) -> tuple[list[tuple[str, str]], list[float]]:
    """(type, name) of the long tail, most named first, and the cumulative Zipf weights."""
    from itertools import accumulate

    from make_story_corpus import FOREIGN_FIRST, KZ_FEMALE, KZ_MALE

    rng = random.Random(f"qaznews-api-bench-tail-{seed}")
    firsts = [f[0] for f in (*KZ_MALE, *KZ_FEMALE, *FOREIGN_FIRST)]
    roots = [(a + b).capitalize() for a in _SYLLABLES for b in _SYLLABLES if a != b]
    found: dict[tuple[str, str], None] = {}
    while len(found) < TAIL_NAMES:
        kind = rng.choices(("person", "organization", "place"), (0.4, 0.35, 0.25))[0]
        root = rng.choice(roots)
        if kind == "person":
            name = f"{rng.choice(firsts)} {root}{rng.choice(_SURNAME_ENDS)}"
        elif kind == "organization":
            name = f"{root} {rng.choice(roots)} {rng.choice(_ORGANISATION_KINDS)}"
        else:
            name = f"{root}{rng.choice(_PLACE_ENDS)}"
        found[(kind, name)] = None
    names = list(found)
    return names, list(accumulate(1.0 / rank for rank in range(1, len(names) + 1)))


def _annotations(rng: random.Random, people: Sequence[str], ministries: Sequence[str],
                 kind: str, tail: tuple[list[tuple[str, str]], list[float]]) -> dict[str, Any]:
    from qaznews.model import Entity, Event, Participant

    persons = rng.sample(list(people), rng.randint(1, 2))
    ministry = rng.choice(list(ministries))
    country = rng.choice(COUNTRIES)["en"]
    names, weights = tail
    drawn = dict.fromkeys(rng.choices(names, cum_weights=weights,
                                      k=rng.randint(*TAIL_PER_ARTICLE)))
    tail_people = [n for t, n in drawn if t == "person"]
    tail_organisations = [n for t, n in drawn if t == "organization"]
    entities = [Entity(text=p, type="person", canonical=p, role="minister") for p in persons]
    entities.append(Entity(text=ministry, type="organization", canonical=ministry))
    entities.append(Entity(text=country, type="country", canonical=country))
    entities += [Entity(text=n, type=t, canonical=n) for t, n in drawn]
    participants = [*persons[:1], *tail_people[:1]] if tail_people else persons[:2]
    event = Event(type=kind, place=country,
                  participants=tuple(Participant(name=p) for p in participants),
                  organizations=(ministry, *tail_organisations[:1]))
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
    from qaznews.store.entities import EntityRecords
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
    tail = long_tail(seed)
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
                        **_annotations(rng, people, ministries, kinds.get(r["key"], "other"),
                                       tail))
                for r in records
            ]
            with store.transaction():
                store.write(list(batch))
                assign_stories(store, [a.id for a in batch], settings)
                EntityRecords(store).update()  # as ingest does, in the same transaction
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


def store_figures(db: Path) -> dict[str, int]:
    """What the benchmark store holds: articles, stories, entities, mentions, events."""
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        def one(sql: str) -> int:
            return int(conn.execute(sql).fetchone()[0])

        return {
            "articles": one("SELECT count(*) FROM articles"),
            "stories": one("SELECT count(*) FROM stories"),
            "entities": one("SELECT count(*) FROM entities"),
            "entity_mentions": one("SELECT count(*) FROM entity_mentions"),
            "events": one("SELECT coalesce(sum(json_array_length(events)), 0) FROM articles"),
            "event_participants": one("SELECT count(*) FROM event_participants"),
        }
    finally:
        conn.close()


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
            started = time.perf_counter()
            first = await client.get(path)  # warm-up: what the app keeps is built here
            first_ms = (time.perf_counter() - started) * 1000
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
                "max_ms": round(max(timings), 2), "first_ms": round(first_ms, 2),
                "second_ms": round(cold_ms, 2),
            })
            say(f"  {name:28} {results[-1]['p50_ms']:7.1f} {results[-1]['p95_ms']:7.1f} ms"
                f"  (first {first_ms:.1f} ms, {status})")
    return results


def report(results: list[dict[str, Any]], articles: int, held: dict[str, int]) -> str:
    lines = [f"API pages on {articles:,} articles (in-process ASGI), milliseconds",
             "store: " + ", ".join(f"{v:,} {k.replace('_', ' ')}" for k, v in held.items()),
             f"{'page':28} {'p50':>8} {'p95':>8} {'max':>8} {'first':>8}  status",
             "-" * 73]
    for r in results:
        mark = "" if r["p95_ms"] < TARGET_P95_MS else "  over target"
        lines.append(f"{r['page']:28} {r['p50_ms']:8.1f} {r['p95_ms']:8.1f} {r['max_ms']:8.1f}"
                     f" {r['first_ms']:8.1f}  {r['status']}{mark}")
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
    held = store_figures(db)
    results = asyncio.run(measure(db, args.repeat))
    print(report(results, args.articles, held))
    if args.json:
        args.json.write_text(json.dumps({"articles": args.articles, "repeat": args.repeat,
                                         "store": held, "load": os.getloadavg(),
                                         "pages": results}, indent=1), encoding="utf-8")
    return 0 if all(r["p95_ms"] < TARGET_P95_MS for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
