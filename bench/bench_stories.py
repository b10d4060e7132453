"""How well and how fast qaznews finds stories, beside plain datasketch MinHash+LSH.

One run builds (or reuses) a synthetic corpus with ``make_story_corpus`` (100,000
articles by default, with planted exact copies, near copies, rewrites and hard
negatives) and, each in a fresh Python process:

a. the baseline: plain datasketch over the same texts and the same word 3-shingles
   qaznews compares (NFKC, case-folded ``\\w+`` words of the body): one
   ``MinHash(num_perm=128)`` per article, ``MinHashLSH(threshold=0.5)``, query then
   insert; every query hit is a predicted pair;
b. qaznews: a fresh SQLite store, articles written in batches of 1,000 and each batch
   linked with ``assign_stories`` in the same transaction; then ``predicted_pairs``.

It reports articles/s and peak memory of both, and precision and recall of the planted
pairs by relation. Targets: recall of planted near copies at least 0.95 at precision at
least 0.99, and ``assign_stories`` at most twice the baseline's time.

    python bench/bench_stories.py [--articles 100000] [--keep DIR] [--profile]

The table goes to stdout and the same figures as JSON to bench/out/stories.json.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import hashlib
import io
import json
import pstats
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from bench_parse import _current_rss_kb, _git, _peak_rss_kb, corpus_dir, machine_info, say, table
from make_story_corpus import (
    StoryCorpus,
    build_story_corpus,
    load_story_corpus,
    planted_pairs,
    read_records,
    shingle_set,
)

#: Planted near copies qaznews must find (relation exact or near) ...
NEAR_RECALL_TARGET = 0.95
#: ... while this share of its exact-or-near pairs are planted copies.
NEAR_PRECISION_TARGET = 0.99
#: assign_stories may take at most this many times the baseline's time.
TIME_LIMIT = 2.0
#: The baseline's datasketch parameters.
NUM_PERM = 128
LSH_THRESHOLD = 0.5
SHINGLE_WORDS = 3
BATCH_SIZE = 1000
#: Pairs of each kind of error kept as examples in the JSON.
EXAMPLES = 20

BENCH_DIR = Path(__file__).resolve().parent
DEFAULT_JSON = BENCH_DIR / "out" / "stories.json"

Pair = tuple[str, str]
_WORD = re.compile(r"\w+")


def pair(a: str, b: str) -> Pair:
    return (a, b) if a < b else (b, a)


# --- measurements run in a child process -------------------------------------------------


@dataclass(slots=True)
class RunResult:
    """What one child process measured."""

    kind: str
    articles: int
    #: The measured work: the whole baseline, or qaznews's assign_stories calls.
    seconds: float
    #: Resident memory after the imports, before any input is read (kB).
    rss_start_kb: int
    #: Peak resident memory up to the end of the measured work (kB).
    rss_peak_kb: int
    pairs: int = 0
    #: qaznews: store.write and the commits; building the Article objects (their ids);
    #: predicted_pairs, and the peak memory once it has run.
    write_seconds: float = 0.0
    #: CPU time of the process over the measured work (user + system): steadier than the
    #: wall-clock ``seconds`` when other processes compete for the machine.
    cpu_seconds: float = 0.0
    build_seconds: float = 0.0
    pairs_seconds: float = 0.0
    rss_peak_after_pairs_kb: int = 0
    links: int = 0
    stories: int = 0
    largest_story: int = 0
    errors: int = 0
    first_error: str | None = None
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["articles_per_second"] = round(self.articles_per_second, 1)
        out["rss_peak_mb"] = round(self.rss_peak_kb / 1024, 1)
        out["rss_start_mb"] = round(self.rss_start_kb / 1024, 1)
        if self.kind == "qaznews":
            out["rss_peak_after_pairs_mb"] = round(self.rss_peak_after_pairs_kb / 1024, 1)
        return out


def comparison_words(text: str) -> list[str]:
    """The words qaznews compares (qaznews.pipeline.stories.comparison_words)."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(words: Sequence[str], size: int = SHINGLE_WORDS) -> list[bytes]:
    """Word shingles as qaznews makes them (qaznews.pipeline.stories.shingles)."""
    if len(words) <= size:
        return [" ".join(words).encode("utf-8")]
    return list({" ".join(words[i:i + size]).encode("utf-8")
                 for i in range(len(words) - size + 1)})


def batches(records: Iterable[dict[str, str]], size: int,
            limit: int | None = None) -> Iterator[list[dict[str, str]]]:
    batch: list[dict[str, str]] = []
    for index, record in enumerate(records):
        if limit is not None and index >= limit:
            break
        batch.append(record)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def progress(kind: str, batch: int, articles: int, seconds: float) -> None:
    """Every tenth batch, on stderr (the parent passes it on): long runs show they move."""
    if batch % 10 == 0:
        print(f"  {kind}: {articles} articles, {seconds:.0f} s measured, "
              f"{articles / seconds if seconds else 0:.0f} articles/s", file=sys.stderr,
              flush=True)


def child_baseline(corpus: Path, pairs_out: Path, batch_size: int, limit: int | None, *,
                   shared_permutations: bool = False) -> RunResult:
    """MinHash + LSH as datasketch's documentation shows it: query, then insert.

    With ``shared_permutations`` the MinHash permutations are drawn once and handed to
    every MinHash (as qaznews does) instead of drawn again for every text."""
    from datasketch import MinHash, MinHashLSH

    rss_start = _current_rss_kb()
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    first = MinHash(num_perm=NUM_PERM)
    # datasketch 2 asks for the scheme of permutations handed in: the default one's.
    permutations, scheme = (first.permutations, first.scheme) if shared_permutations else (
        None, None)
    kind = "baseline-shared" if shared_permutations else "baseline"
    seconds = cpu = 0.0
    articles = found_pairs = 0
    with pairs_out.open("w", encoding="utf-8") as out:
        for number, records in enumerate(batches(read_records(corpus), batch_size, limit), 1):
            found: list[Pair] = []
            start, cpu_start = time.perf_counter(), time.process_time()
            for record in records:
                key = record["key"]
                minhash = MinHash(num_perm=NUM_PERM, permutations=permutations, scheme=scheme)
                minhash.update_batch(shingles(comparison_words(record["body"])))
                found.extend(pair(hit, key) for hit in lsh.query(minhash))
                lsh.insert(key, minhash)
            seconds += time.perf_counter() - start
            cpu += time.process_time() - cpu_start
            articles += len(records)
            found_pairs += len(found)
            out.writelines(f"{a}\t{b}\tcandidate\n" for a, b in found)
            progress(kind, number, articles, seconds)
    return RunResult(kind, articles, seconds, rss_start, _peak_rss_kb(), pairs=found_pairs,
                     cpu_seconds=cpu,
                     settings={"num_perm": NUM_PERM, "threshold": LSH_THRESHOLD,
                               "bands": lsh.b, "rows": lsh.r, "shingle_words": SHINGLE_WORDS})


def child_qaznews(corpus: Path, db: Path, pairs_out: Path, batch_size: int,
                  limit: int | None, profile_out: Path | None) -> RunResult:
    """Write each batch and assign its stories in one transaction, as ingest does."""
    from qaznews.core import assign_stories
    from qaznews.evaluation.story_eval import predicted_pairs
    from qaznews.model import Article, Published
    from qaznews.settings import load_settings
    from qaznews.store.sqlite import Store

    settings = load_settings()
    rss_start = _current_rss_kb()
    key_of: dict[str, str] = {}
    problems: list[str] = []
    build = write = assign = cpu = 0.0
    articles = links = 0
    profiler = cProfile.Profile() if profile_out is not None else None
    with Store(db) as store:
        for number, records in enumerate(batches(read_records(corpus), batch_size, limit), 1):
            started = time.perf_counter()
            batch = [
                Article(title=r["title"], body=r["body"], published=Published.from_iso(
                    r["published"]), outlet=r["outlet"], language=r["language"])
                for r in records
            ]
            built = time.perf_counter()
            for article, record in zip(batch, records, strict=True):
                if article.id in key_of:  # the store would merge the two into one article
                    problems.append(f"{record['key']} and {key_of[article.id]} have one id")
                key_of[article.id] = record["key"]
            before_write = time.perf_counter()
            with store.transaction():
                store.write(list(batch))
                written, cpu_written = time.perf_counter(), time.process_time()
                if profiler is not None:
                    profiler.enable()
                update = assign_stories(store, [a.id for a in batch], settings)
                if profiler is not None:
                    profiler.disable()
                assigned, cpu_assigned = time.perf_counter(), time.process_time()
            committed = time.perf_counter()
            build += built - started
            write += (written - before_write) + (committed - assigned)
            assign += assigned - written
            cpu += cpu_assigned - cpu_written
            articles += len(batch)
            links += update.links
            progress("qaznews assign_stories", number, articles, assign)
        rss_peak = _peak_rss_kb()
        stored = int(store.query("SELECT count(*) FROM articles")[0][0])
        if stored != len(key_of):
            problems.append(f"{len(key_of)} articles written, {stored} in the store")
        row = store.query("SELECT count(*), max(members) FROM stories WHERE members > 1")[0]
        stories, largest = int(row[0]), int(row[1] or 0)
        if profiler is not None and profile_out is not None:
            profiler.dump_stats(profile_out)
        started = time.perf_counter()
        predicted = predicted_pairs(store, settings)
        pairs_seconds = time.perf_counter() - started
        rss_after = _peak_rss_kb()
    unknown = 0
    with pairs_out.open("w", encoding="utf-8") as out:
        for (a, b), relation in predicted.items():
            if a not in key_of or b not in key_of:
                unknown += 1
                continue
            ka, kb = pair(key_of[a], key_of[b])
            out.write(f"{ka}\t{kb}\t{relation}\n")
    if unknown:
        problems.append(f"{unknown} predicted pairs name articles that were not written")
    return RunResult(
        "qaznews", articles, assign, rss_start, rss_peak, pairs=len(predicted),
        write_seconds=write, build_seconds=build, pairs_seconds=pairs_seconds, cpu_seconds=cpu,
        rss_peak_after_pairs_kb=rss_after, links=links, stories=stories, largest_story=largest,
        errors=len(problems), first_error=problems[0] if problems else None,
        settings={k: v for k, v in settings.items() if k.startswith("story")},
    )


def run_child(kind: str, corpus: StoryCorpus, work_dir: Path, batch_size: int, *,
              limit: int | None = None, profile_out: Path | None = None) -> tuple[
                  RunResult, Path]:
    """Run one measurement in a fresh interpreter; its result and its pairs file."""
    pairs_out = work_dir / f"{kind}{'-profile' if profile_out else ''}-pairs.tsv"
    command = [sys.executable, str(Path(__file__).resolve()), "--child", kind,
               "--corpus", str(corpus.corpus_path), "--pairs", str(pairs_out),
               "--batch-size", str(batch_size)]
    if limit is not None:
        command += ["--limit", str(limit)]
    if kind == "qaznews":
        db_dir = Path(tempfile.mkdtemp(prefix="stories-", dir=work_dir))
        command += ["--db", str(db_dir / "bench.db")]
    if profile_out is not None:
        command += ["--profile-out", str(profile_out)]
    # stderr is passed on as it comes (progress lines) and its tail kept for a failure.
    tail: list[str] = []
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True) as child:
        assert child.stdout is not None and child.stderr is not None
        for line in child.stderr:
            print(line, end="", file=sys.stderr, flush=True)
            tail = [*tail[-40:], line]
        stdout = child.stdout.read()
    if child.returncode != 0:
        raise RuntimeError(f"{kind} run failed ({child.returncode}):\n{''.join(tail)}")
    return RunResult(**json.loads(stdout.strip().splitlines()[-1])), pairs_out


def child_main(args: argparse.Namespace) -> int:
    if args.child in ("baseline", "baseline-shared"):
        result = child_baseline(args.corpus, args.pairs, args.batch_size, args.limit,
                                shared_permutations=args.child == "baseline-shared")
    else:
        assert args.db is not None, "qaznews needs --db"
        result = child_qaznews(args.corpus, args.db, args.pairs, args.batch_size, args.limit,
                               args.profile_out)
    print(json.dumps(asdict(result)))
    return 0


# --- scoring ------------------------------------------------------------------------------


@dataclass(slots=True)
class Score:
    """Planted pairs found, and predicted pairs that are right."""

    planted: int = 0
    found: int = 0
    predicted: int | None = None
    correct: int | None = None

    @property
    def recall(self) -> float | None:
        return self.found / self.planted if self.planted else None

    @property
    def precision(self) -> float | None:
        if self.predicted is None or self.correct is None:
            return None
        return self.correct / self.predicted if self.predicted else None

    def as_dict(self) -> dict[str, Any]:
        def rounded(value: float | None) -> float | None:
            return None if value is None else round(value, 4)

        return {"planted": self.planted, "found": self.found, "recall": rounded(self.recall),
                "predicted": self.predicted, "correct": self.correct,
                "precision": rounded(self.precision)}


COPY = frozenset(("exact", "near"))


@dataclass(slots=True)
class Planted:
    """The planted pairs by kind, and which near pairs are two near copies of one text."""

    pairs: dict[Pair, str]
    near_copy_pairs: set[Pair]
    groups: int
    articles_in_groups: int
    hard_negatives: int
    #: The kind of event of every article (meeting, law...).
    kinds: dict[str, str]

    @classmethod
    def of(cls, planted: dict[str, Any]) -> Planted:
        near_near: set[Pair] = set()
        for group in planted["groups"]:
            near = group["near"]
            near_near.update(pair(a, b) for i, a in enumerate(near) for b in near[i + 1:])
        return cls(
            planted_pairs(planted), near_near, len(planted["groups"]),
            sum(1 + len(g["exact"]) + len(g["near"]) + len(g["rewrite"])
                for g in planted["groups"]),
            sum(len(n["negatives"]) for n in planted["hard_negatives"]),
            planted["event_kinds"],
        )

    def kinds_of(self, pairs: Iterable[Pair]) -> dict[str, int]:
        """How many pairs by the kinds of event of their two articles ("law", "law/meeting")."""
        found = Counter("/".join(sorted({self.kinds.get(a, "?"), self.kinds.get(b, "?")}))
                        for a, b in pairs)
        return dict(found.most_common())

    def of_kind(self, *kinds: str) -> set[Pair]:
        return {p for p, kind in self.pairs.items() if kind in kinds}


def read_pairs(path: Path) -> dict[Pair, str]:
    pairs: dict[Pair, str] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            a, b, relation = line.rstrip("\n").split("\t")
            pairs[(a, b)] = relation
    return pairs


def score_qaznews(planted: Planted, predicted: dict[Pair, str]) -> dict[str, Score]:
    exact = planted.of_kind("exact")
    near = planted.of_kind("near")
    rewrite = planted.of_kind("rewrite")
    grouped = planted.of_kind("exact", "near", "rewrite")
    copies = exact | near
    predicted_exact = {p for p, r in predicted.items() if r == "exact"}
    predicted_copy = {p for p, r in predicted.items() if r in COPY}
    predicted_rewrite = {p for p, r in predicted.items() if r == "rewrite"}
    near_near = near & planted.near_copy_pairs
    near_source = near - planted.near_copy_pairs
    return {
        "exact": Score(len(exact), len(exact & predicted_exact), len(predicted_exact),
                       len(predicted_exact & exact)),
        "near": Score(len(near), len(near & predicted_copy), len(predicted_copy),
                      len(predicted_copy & copies)),
        "near_to_source": Score(len(near_source), len(near_source & predicted_copy)),
        "near_to_near": Score(len(near_near), len(near_near & predicted_copy)),
        "copies": Score(len(copies), len(copies & predicted_copy), len(predicted_copy),
                        len(predicted_copy & copies)),
        "rewrite": Score(len(rewrite), len(rewrite & predicted.keys()), len(predicted_rewrite),
                         len(predicted_rewrite & grouped)),
        "rewrite_labelled": Score(len(rewrite), len(rewrite & predicted_rewrite)),
        "story": Score(len(grouped), len(grouped & predicted.keys()), len(predicted),
                       len(predicted.keys() & grouped)),
    }


def score_baseline(planted: Planted, candidates: set[Pair]) -> dict[str, Score]:
    copies = planted.of_kind("exact", "near")
    near = planted.of_kind("near")
    return {
        "copies": Score(len(copies), len(copies & candidates), len(candidates),
                        len(candidates & copies)),
        "near": Score(len(near), len(near & candidates), len(candidates),
                      len(candidates & copies)),
    }


JACCARD_BANDS = ((0.0, 0.3), (0.3, 0.45), (0.45, 1.01))


@dataclass(slots=True)
class HardNegatives:
    pairs: int
    merged: int
    merged_as_copy: int
    baseline_hits: int | None
    #: (low, high, pairs, merged by qaznews) by Jaccard of the pair's word 3-shingles.
    by_jaccard: list[tuple[float, float, int, int]]
    #: Pairs and pairs merged by qaznews, by kind of event.
    by_kind: dict[str, tuple[int, int]]


def jaccard(a: str, b: str) -> float:
    sa, sb = shingle_set(a), shingle_set(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 0.0


def bodies_of(corpus: StoryCorpus, keys: set[str]) -> dict[str, str]:
    return {r["key"]: r["body"] for r in read_records(corpus.corpus_path) if r["key"] in keys}


def hard_negatives(planted: Planted, predicted: dict[Pair, str] | None,
                   candidates: set[Pair] | None, bodies: dict[str, str]) -> HardNegatives:
    pairs = planted.of_kind("hard_negative")
    merged = {p for p in pairs if predicted is not None and p in predicted}
    bands = []
    similarity = {p: jaccard(bodies[p[0]], bodies[p[1]]) for p in pairs}
    for low, high in JACCARD_BANDS:
        inside = {p for p, j in similarity.items() if low <= j < high}
        bands.append((low, high, len(inside), len(inside & merged)))
    all_kinds, merged_kinds = planted.kinds_of(pairs), planted.kinds_of(merged)
    return HardNegatives(
        len(pairs), len(merged),
        sum(1 for p in merged if predicted is not None and predicted[p] in COPY),
        None if candidates is None else len(pairs & candidates), bands,
        {kind: (count, merged_kinds.get(kind, 0)) for kind, count in all_kinds.items()},
    )


def error_examples(planted: Planted, predicted: dict[Pair, str],
                   bodies: dict[str, str]) -> dict[str, Any]:
    """Counts of each kind of error and a few examples, with their texts' Jaccard."""
    copies = planted.of_kind("exact", "near")

    def described(pairs: list[Pair], label: Any) -> list[dict[str, Any]]:
        return [{"a": a, "b": b, "planted": planted.pairs.get((a, b)),
                 "predicted": predicted.get((a, b)), "jaccard": round(jaccard(
                     bodies[a], bodies[b]), 3) if a in bodies and b in bodies else None,
                 "note": label} for a, b in pairs]

    missed_near = sorted(p for p in planted.of_kind("near") if predicted.get(p) not in COPY)
    false_copy = sorted(p for p, r in predicted.items() if r in COPY and p not in copies)
    false_story = sorted(p for p in predicted if p not in planted.pairs)
    return {
        "missed_near": {"count": len(missed_near),
                        "by_prediction": dict(Counter(str(predicted.get(p)) for p in missed_near)),
                        "examples": described(missed_near[:EXAMPLES], "planted near")},
        "false_copy": {"count": len(false_copy),
                       "by_planted": dict(Counter(str(planted.pairs.get(p)) for p in false_copy)),
                       "examples": described(false_copy[:EXAMPLES], "predicted exact/near")},
        "unplanted_story_pairs": {"count": len(false_story),
                                  "by_prediction": dict(Counter(predicted[p]
                                                                for p in false_story)),
                                  "by_kinds": planted.kinds_of(false_story),
                                  "examples": described(false_story[:EXAMPLES], "unplanted")},
    }


def example_keys(planted: Planted, predicted: dict[Pair, str]) -> set[str]:
    """Articles whose texts the error examples need."""
    copies = planted.of_kind("exact", "near")
    chosen = sorted(p for p in planted.of_kind("near") if predicted.get(p) not in COPY)[:EXAMPLES]
    chosen += sorted(p for p, r in predicted.items() if r in COPY and p not in copies)[:EXAMPLES]
    chosen += sorted(p for p in predicted if p not in planted.pairs)[:EXAMPLES]
    return {key for p in chosen for key in p}


# --- reporting ------------------------------------------------------------------------


@dataclass(slots=True)
class Results:
    corpus: StoryCorpus
    reused: bool
    planted: Planted
    baseline: RunResult
    #: The same with the permutations drawn once (same candidates; for its time only).
    baseline_shared: RunResult
    baseline_scores: dict[str, Score]
    qaznews: RunResult | None
    qaznews_failure: str | None
    scores: dict[str, Score] | None
    negatives: HardNegatives
    errors: dict[str, Any] | None
    profile: str | None = None
    #: qaznews's source (commit, uncommitted changes under src/) when the run began and ended.
    repeat: int = 1
    source_before: tuple[str | None, str | None] = (None, None)
    source_after: tuple[str | None, str | None] = (None, None)

    @property
    def source_changed(self) -> bool:
        return self.source_before != self.source_after

    @property
    def time_ratio(self) -> float | None:
        if self.qaznews is None or not self.baseline.seconds:
            return None
        return self.qaznews.seconds / self.baseline.seconds


def mb(kb: int) -> str:
    return f"{kb / 1024:.0f} MB"


def fraction(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def verdict(ok: bool, invalid: bool) -> str:
    return "INVALID (errors in the run)" if invalid else ("PASS" if ok else "FAIL")


def report_text(results: Results) -> str:
    corpus, planted, base, qaz = results.corpus, results.planted, results.baseline, results.qaznews
    rows: list[tuple[str, ...]] = [
        ("run", "articles", "seconds", "CPU s", "articles/s", "peak RSS", "start RSS"),
        ("datasketch MinHash+LSH", str(base.articles), f"{base.seconds:.1f}",
         f"{base.cpu_seconds:.1f}", f"{base.articles_per_second:.0f}", mb(base.rss_peak_kb),
         mb(base.rss_start_kb)),
        ("  permutations drawn once", str(results.baseline_shared.articles),
         f"{results.baseline_shared.seconds:.1f}", f"{results.baseline_shared.cpu_seconds:.1f}",
         f"{results.baseline_shared.articles_per_second:.0f}",
         mb(results.baseline_shared.rss_peak_kb), mb(results.baseline_shared.rss_start_kb)),
    ]
    if qaz is not None:
        both = qaz.seconds + qaz.write_seconds
        rows += [
            ("qaznews assign_stories", str(qaz.articles), f"{qaz.seconds:.1f}",
             f"{qaz.cpu_seconds:.1f}", f"{qaz.articles_per_second:.0f}", mb(qaz.rss_peak_kb),
             mb(qaz.rss_start_kb)),
            ("qaznews store.write + commit", str(qaz.articles), f"{qaz.write_seconds:.1f}", "",
             f"{qaz.articles / qaz.write_seconds:.0f}" if qaz.write_seconds else "", "", ""),
            ("qaznews write + assign", str(qaz.articles), f"{both:.1f}", "",
             f"{qaz.articles / both:.0f}" if both else "", "", ""),
            ("qaznews predicted_pairs", "", f"{qaz.pairs_seconds:.1f}", "", "",
             mb(qaz.rss_peak_after_pairs_kb), ""),
        ]
    out = [
        f"qaznews story benchmark: {corpus.articles} articles ({planted.articles_in_groups} in "
        f"{planted.groups} planted groups, {planted.hard_negatives} hard negatives; seed "
        f"{corpus.seed}{', corpus reused' if results.reused else ''})",
        "",
        table(rows),
        "",
    ]
    quality: list[tuple[str, ...]] = [
        ("pairs", "planted", "found", "recall", "predicted", "correct", "precision")]

    def line(label: str, score: Score) -> tuple[str, ...]:
        return (label, str(score.planted), str(score.found), fraction(score.recall),
                "" if score.predicted is None else str(score.predicted),
                "" if score.correct is None else str(score.correct), fraction(score.precision))

    if results.scores is not None:
        s = results.scores
        quality += [
            line("qaznews exact (as exact)", s["exact"]),
            line("qaznews near (as exact or near)", s["near"]),
            line("  near copy - its source", s["near_to_source"]),
            line("  near copy - near copy", s["near_to_near"]),
            line("qaznews exact + near", s["copies"]),
            line("qaznews rewrite (one story)", s["rewrite"]),
            line("  rewrite (as rewrite)", s["rewrite_labelled"]),
            line("qaznews one story, any relation", s["story"]),
        ]
    quality += [
        line("datasketch exact + near", results.baseline_scores["copies"]),
        line("datasketch near", results.baseline_scores["near"]),
    ]
    out += [table(quality), ""]
    negatives = results.negatives
    bands = ", ".join(f"J {low:.2f}-{min(high, 1.0):.2f}: {merged}/{count}"
                      for low, high, count, merged in negatives.by_jaccard)
    if qaz is not None:
        out.append(f"hard negatives merged into one story by qaznews: {negatives.merged} of "
                   f"{negatives.pairs} pairs ({negatives.merged_as_copy} as exact/near; {bands})")
    out.append(f"hard negatives among datasketch candidates: {negatives.baseline_hits} of "
               f"{negatives.pairs} pairs")
    if qaz is not None:
        kinds = ", ".join(f"{kind} {merged}/{count}"
                          for kind, (count, merged) in negatives.by_kind.items())
        out.append(f"  by kind of event: {kinds}")
        out.append(f"qaznews stories of two or more articles: {qaz.stories} (largest "
                   f"{qaz.largest_story}); planted groups: {planted.groups}")
    if results.errors is not None:
        e = results.errors
        out.append(f"qaznews errors: {e['missed_near']['count']} near pairs missed "
                   f"{e['missed_near']['by_prediction']}; {e['false_copy']['count']} exact/near "
                   f"pairs not planted as copies {e['false_copy']['by_planted']}; "
                   f"{e['unplanted_story_pairs']['count']} story pairs between articles of no "
                   f"common group {e['unplanted_story_pairs']['by_prediction']}, by kinds of "
                   f"event {e['unplanted_story_pairs']['by_kinds']}")
    out.append("")
    invalid = qaz is None or bool(qaz.errors)
    if results.scores is not None:
        near = results.scores["near"]
        recall, precision = near.recall or 0.0, near.precision or 0.0
        ok = recall >= NEAR_RECALL_TARGET and precision >= NEAR_PRECISION_TARGET
        out.append(f"near copies: recall {recall:.4f} at precision {precision:.4f} (target "
                   f"recall >= {NEAR_RECALL_TARGET:g} at precision >= "
                   f"{NEAR_PRECISION_TARGET:g}): {verdict(ok, invalid)}")
    ratio = results.time_ratio
    if qaz is not None and ratio is not None:
        out.append(f"time: assign_stories {qaz.seconds:.1f} s = {ratio:.2f}x datasketch "
                   f"{base.seconds:.1f} s (target <= {TIME_LIMIT:g}x): "
                   f"{verdict(ratio <= TIME_LIMIT, invalid)}")
        shared = results.baseline_shared
        if shared.seconds:
            out.append(f"  (for reference: {qaz.seconds / shared.seconds:.2f}x datasketch with "
                       f"its permutations drawn once, {shared.seconds:.1f} s)")
        if base.cpu_seconds and shared.cpu_seconds:
            out.append(f"  (CPU time: {qaz.cpu_seconds / base.cpu_seconds:.2f}x datasketch, "
                       f"{qaz.cpu_seconds / shared.cpu_seconds:.2f}x with its permutations "
                       "drawn once)")
    if results.baseline_shared.errors:
        out.append(f"WARNING: datasketch, permutations drawn once: "
                   f"{results.baseline_shared.first_error}")
    if results.qaznews_failure is not None:
        out.append("qaznews: INVALID (the run failed)")
        out.append(results.qaznews_failure.strip()[-3000:])
    elif qaz is None:
        out.append("qaznews: skipped (--no-qaznews)")
    elif qaz.errors:
        out.append(f"WARNING: qaznews: {qaz.errors} errors, the first: {qaz.first_error}")
    if results.source_changed:
        out.append("WARNING: qaznews's source changed during the run (commit or files under "
                   "src/): the runs may have measured different code")
    return "\n".join(out)


def report_json(results: Results, wall_seconds: float) -> dict[str, Any]:
    def version(package: str) -> str | None:
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return None

    qaz = results.qaznews
    negatives = results.negatives
    ratio = results.time_ratio
    near = results.scores["near"] if results.scores is not None else None
    return {
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {**machine_info(), "datasketch": version("datasketch"),
                    "numpy": version("numpy")},
        "source": {
            "commit_at_start": results.source_before[0],
            "src_uncommitted_changes_at_start": bool(results.source_before[1]),
            "changed_during_run": results.source_changed,
        },
        "corpus": {**results.corpus.manifest, "reused": results.reused},
        "baseline": {**results.baseline.as_dict(),
                     "scores": {k: v.as_dict() for k, v in results.baseline_scores.items()}},
        "baseline_permutations_drawn_once": results.baseline_shared.as_dict(),
        "qaznews": None if qaz is None else {
            **qaz.as_dict(),
            "write_and_assign_seconds": round(qaz.seconds + qaz.write_seconds, 2),
            "scores": ({k: v.as_dict() for k, v in results.scores.items()}
                       if results.scores is not None else None),
            "errors_by_kind": results.errors,
        },
        "qaznews_failure": results.qaznews_failure,
        "hard_negatives": {
            "pairs": negatives.pairs, "merged": negatives.merged,
            "merged_as_exact_or_near": negatives.merged_as_copy,
            "baseline_candidates": negatives.baseline_hits,
            "by_jaccard": [{"low": low, "high": min(high, 1.0), "pairs": count, "merged": merged}
                           for low, high, count, merged in negatives.by_jaccard],
            "by_kind": {kind: {"pairs": count, "merged": merged}
                        for kind, (count, merged) in negatives.by_kind.items()},
        },
        "targets": {
            "near_recall": NEAR_RECALL_TARGET, "near_precision": NEAR_PRECISION_TARGET,
            "near_pass": (near is not None and (near.recall or 0) >= NEAR_RECALL_TARGET
                          and (near.precision or 0) >= NEAR_PRECISION_TARGET),
            "time_limit": TIME_LIMIT,
            "time_ratio": None if ratio is None else round(ratio, 3),
            "cpu_time_ratio": (round(qaz.cpu_seconds / results.baseline.cpu_seconds, 3)
                               if qaz is not None and results.baseline.cpu_seconds else None),
            "time_pass": ratio is not None and ratio <= TIME_LIMIT,
            "valid": qaz is not None and not qaz.errors,
        },
        "repeat": results.repeat,
        "wall_seconds": round(wall_seconds, 1),
    }


# --- the run ------------------------------------------------------------------------------


def ensure_corpus(directory: Path, articles: int, seed: int) -> tuple[StoryCorpus, bool]:
    kept = load_story_corpus(directory, articles=articles, seed=seed)
    if kept is not None:
        return kept, True
    return build_story_corpus(directory, articles=articles, seed=seed), False


def profile_text(path: Path, top: int = 25) -> str:
    text = io.StringIO()
    stats = pstats.Stats(str(path), stream=text)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return text.getvalue()


def best_of(kind: str, repeat: int, corpus: StoryCorpus, work_dir: Path,
            batch_size: int) -> tuple[RunResult, dict[Pair, str]]:
    """The fastest of ``repeat`` runs and its pairs. Every run must predict the same pairs;
    a run that does not is counted as an error of the result."""
    best: RunResult | None = None
    pairs: dict[Pair, str] | None = None
    problems: list[str] = []
    for attempt in range(1, repeat + 1):
        if repeat > 1:
            say(f"  run {attempt} of {repeat}")
        result, path = run_child(kind, corpus, work_dir, batch_size)
        found = read_pairs(path)
        if pairs is not None and found != pairs:
            problems.append(f"run {attempt} predicted other pairs than run 1")
        pairs = pairs if pairs is not None else found
        if result.first_error is not None:
            problems.append(result.first_error)
        if best is None or result.seconds < best.seconds:
            best = result
    assert best is not None and pairs is not None
    best.errors, best.first_error = len(problems), problems[0] if problems else None
    return best, pairs


def source_state() -> tuple[str | None, str | None]:
    """The commit, and a digest of the uncommitted changes under src/ (None when clean)."""
    changes = (_git("status", "--porcelain", "--", "../src") or "") + (
        _git("diff", "HEAD", "--", "../src") or "")
    digest = hashlib.sha256(changes.encode()).hexdigest()[:16] if changes.strip() else None
    return _git("rev-parse", "HEAD"), digest


def measure(args: argparse.Namespace, directory: Path, work_dir: Path) -> Results:
    source_before = source_state()
    say(f"corpus: {args.articles} articles, seed {args.seed}, in {directory}")
    started = time.perf_counter()
    corpus, reused = ensure_corpus(directory, args.articles, args.seed)
    if not reused:
        say(f"corpus written in {time.perf_counter() - started:.0f} s")
    planted = Planted.of(corpus.planted())

    say("datasketch MinHash+LSH")
    baseline, baseline_pairs = best_of("baseline", args.repeat, corpus, work_dir,
                                       args.batch_size)
    candidates = set(baseline_pairs)
    say("datasketch MinHash+LSH, permutations drawn once")
    shared, shared_pairs = best_of("baseline-shared", args.repeat, corpus, work_dir,
                                   args.batch_size)
    if set(shared_pairs) != candidates:
        shared.errors += 1
        shared.first_error = "its candidates differ from the plain baseline's"

    qaznews: RunResult | None = None
    failure: str | None = None
    predicted: dict[Pair, str] | None = None
    if not args.no_qaznews:
        say("qaznews: store.write + assign_stories")
        try:
            qaznews, predicted = best_of("qaznews", args.repeat, corpus, work_dir,
                                         args.batch_size)
        except RuntimeError as exc:
            failure = str(exc)

    keys = {key for p in planted.of_kind("hard_negative") for key in p}
    if predicted is not None:
        keys |= example_keys(planted, predicted)
    bodies = bodies_of(corpus, keys)
    scores = score_qaznews(planted, predicted) if predicted is not None else None
    errors = error_examples(planted, predicted, bodies) if predicted is not None else None
    results = Results(corpus, reused, planted, baseline, shared,
                      score_baseline(planted, candidates),
                      qaznews, failure, scores,
                      hard_negatives(planted, predicted, candidates, bodies), errors,
                      repeat=args.repeat, source_before=source_before)
    if args.profile and not args.no_qaznews and failure is None:
        say(f"profiling assign_stories on the first {args.profile_articles} articles")
        prof = args.json.with_name("stories.prof")
        prof.parent.mkdir(parents=True, exist_ok=True)
        run_child("qaznews", corpus, work_dir, args.batch_size, limit=args.profile_articles,
                  profile_out=prof)
        results.profile = profile_text(prof)
    results.source_after = source_state()
    return results


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark qaznews story clustering against plain datasketch MinHash+LSH."
    )
    parser.add_argument("--articles", type=int, default=100_000,
                        help="corpus size in articles (default 100000)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="build the corpus here and keep it; reused when it matches")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run each measurement N times and keep the fastest (default 1)")
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE,
                        help=f"articles per batch (default {BATCH_SIZE})")
    parser.add_argument("--no-qaznews", action="store_true",
                        help="run the datasketch baseline only")
    parser.add_argument("--profile", action="store_true",
                        help="also profile assign_stories in a separate run and print the top "
                             "functions")
    parser.add_argument("--profile-articles", type=int, default=20_000, metavar="N",
                        help="articles in the profiled run (default 20000)")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON,
                        help=f"where to write the figures (default {DEFAULT_JSON})")
    # The parent starts itself with these to measure one run in a clean process.
    parser.add_argument("--child", choices=("baseline", "baseline-shared", "qaznews"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--pairs", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--profile-out", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        return child_main(args)

    started = time.perf_counter()
    with (
        corpus_dir(args.keep) as directory,
        tempfile.TemporaryDirectory(prefix="qaznews-bench-") as work,
    ):
        results = measure(args, directory, Path(work))

    print(report_text(results))
    if results.profile:
        print()
        print(results.profile)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    report = report_json(results, time.perf_counter() - started)
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    say(f"figures written to {args.json} ({time.perf_counter() - started:.0f} s in all)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
