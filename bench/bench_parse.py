"""How fast qaznews reads captures, and whether its memory stays flat as the input grows.

One run builds (or reuses) a synthetic corpus with ``make_corpus`` and reports:

a. baseline: plain Python reading the same files and splitting them into lines (MB/s);
b. ``parse_paths(files, language=False)``: MB/s and how many times slower than the
   baseline (target: at most 10x); peak memory on the large file vs a small one;
c. ``ingest_paths`` end to end, language identification on, into a fresh SQLite store:
   articles/s and peak memory on a quarter of the corpus and on all of it (target:
   the full-corpus peak at most 1.3x the quarter's, i.e. memory does not grow with input).

Each parse and ingest runs in a fresh Python process that reports its own peak resident
memory, so one measurement never inherits another's heap or models. The peak is read from
``VmHWM`` in /proc/self/status, not from ``ru_maxrss``: on Linux a child's ``ru_maxrss``
starts at its parent's peak (the kernel carries it across fork and exec), which would hide
a small parse behind the parent's own footprint.

    python bench/bench_parse.py [--mb 50] [--keep DIR] [--ingest-mb N] [--profile]

The table goes to stdout and the same figures as JSON to bench/out/parse.json.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import os
import platform
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from make_corpus import MB, Corpus, build_corpus, load_corpus

if TYPE_CHECKING:
    from qaznews.core import FileReport

#: Parse may be at most this many times slower than reading and splitting the lines.
PARSE_SLOWDOWN_LIMIT = 10.0
#: Peak memory on the larger input may exceed the smaller input's by at most this factor.
FLAT_MEMORY_LIMIT = 1.3
#: Share of the corpus (by bytes) in the smaller of the two ingest runs.
SMALL_INGEST_SHARE = 0.25
#: Cheap measurements are repeated and the best kept, to shed noise from other processes.
BASELINE_REPEATS = 3

BENCH_DIR = Path(__file__).resolve().parent
DEFAULT_JSON = BENCH_DIR / "out" / "parse.json"


# --- measurements run in a child process -------------------------------------------------


@dataclass(slots=True)
class RunResult:
    """What one child process measured."""

    kind: str
    files: int
    bytes: int
    seconds: float
    articles: int
    links: int
    errors: int
    #: Resident memory after the imports, before any input is read (kB).
    rss_start_kb: int
    #: Peak resident memory of the process (kB).
    rss_peak_kb: int
    #: The first failed file or rejected item, so that a broken run is not read as a fast one.
    first_error: str | None = None
    #: Best time of read+splitlines over the same files, run in this process just before
    #: each parse (parse runs only): the pair meets the same machine load.
    paired_baseline_seconds: float | None = None
    #: How the child's reader ran: "compiled" (a wheel's build) or "pure" (qaznews.build).
    build: str = ""

    @property
    def mb_per_second(self) -> float:
        return self.bytes / MB / self.seconds if self.seconds else 0.0

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["mb"] = round(self.bytes / MB, 3)
        out["mb_per_second"] = round(self.mb_per_second, 3)
        out["articles_per_second"] = round(self.articles_per_second, 1)
        out["rss_peak_mb"] = round(self.rss_peak_kb / 1024, 1)
        out["rss_start_mb"] = round(self.rss_start_kb / 1024, 1)
        return out


def _proc_status_kb(field: str) -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def _peak_rss_kb() -> int:
    """This process's own high-water mark; ru_maxrss (kB on Linux) where /proc is missing."""
    peak = _proc_status_kb("VmHWM")
    return peak if peak is not None else int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _current_rss_kb() -> int:
    current = _proc_status_kb("VmRSS")
    return current if current is not None else _peak_rss_kb()


def _errors(reports: Sequence[FileReport]) -> tuple[int, str | None]:
    """How many files failed or items were rejected, and the first such message."""
    messages = [report.error for report in reports if report.error] + [
        f"{rejected.stage}: {rejected.reason}" for report in reports for rejected in report.rejected
    ]
    return len(messages), messages[0] if messages else None


def child_parse(paths: list[Path], repeat: int, paired: bool) -> RunResult:
    """Parse without language identification, consuming every item; best time of ``repeat``.

    Before each parse the baseline reads the same files once, in this process: on a
    machine whose load changes from second to second, the ratio of two best times
    measured side by side is far steadier than that of two measured minutes apart.
    """
    from qaznews.build import build_kind
    from qaznews.core import parse_paths
    from qaznews.model import Article

    rss_start = _current_rss_kb()
    best = best_baseline = float("inf")
    articles = links = errors = 0
    first_error = None
    for _ in range(repeat):
        if paired:  # not in the memory runs: the baseline holds whole files in memory
            start = time.perf_counter()
            read_and_splitlines(paths)
            best_baseline = min(best_baseline, time.perf_counter() - start)
        reports: list[FileReport] = []
        articles = links = 0
        start = time.perf_counter()
        for item in parse_paths(paths, language=False, on_report=reports.append):
            if isinstance(item, Article):
                articles += 1
            else:
                links += 1
        best = min(best, time.perf_counter() - start)
        errors, first_error = _errors(reports)
    return RunResult("parse", len(paths), sum(p.stat().st_size for p in paths), best,
                     articles, links, errors, rss_start, _peak_rss_kb(), first_error,
                     paired_baseline_seconds=best_baseline if paired else None,
                     build=build_kind())


def child_ingest(paths: list[Path], db: Path) -> RunResult:
    """Ingest end to end, language identification on, into a new store at ``db``."""
    from qaznews.build import build_kind
    from qaznews.core import ingest_paths
    from qaznews.store.sqlite import Store

    rss_start = _current_rss_kb()
    with Store(db) as store:
        start = time.perf_counter()
        summary = ingest_paths(paths, store)
        seconds = time.perf_counter() - start
    errors, first_error = _errors(summary.files)
    return RunResult("ingest", len(paths), sum(p.stat().st_size for p in paths), seconds,
                     summary.articles, summary.links, errors, rss_start, _peak_rss_kb(),
                     first_error, build=build_kind())


def run_child(kind: str, paths: Sequence[Path], work_dir: Path, *, repeat: int = 1,
              paired: bool = False, source: Path | None = None) -> RunResult:
    """Run one measurement in a fresh interpreter and read back its result; with
    ``source``, that folder's ``qaznews`` is imported instead of the installed one."""
    list_file = work_dir / f"{kind}-{len(paths)}-files.txt"
    list_file.write_text("\n".join(str(p) for p in paths), encoding="utf-8")
    command = [sys.executable, str(Path(__file__).resolve()), "--child", kind,
               "--files-from", str(list_file), "--repeat", str(repeat)]
    if paired:
        command.append("--paired-baseline")
    if kind == "ingest":
        db_dir = Path(tempfile.mkdtemp(prefix="ingest-", dir=work_dir))
        command += ["--db", str(db_dir / "bench.db")]
    env = None
    if source is not None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            [str(source), *filter(None, [os.environ.get("PYTHONPATH")])])}
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    if done.returncode != 0:
        raise RuntimeError(f"{kind} run failed ({done.returncode}):\n{done.stderr}")
    return RunResult(**json.loads(done.stdout.strip().splitlines()[-1]))


def child_main(kind: str, files_from: Path, db: Path | None, repeat: int,
               paired: bool = False) -> int:
    paths = [Path(line) for line in files_from.read_text(encoding="utf-8").splitlines() if line]
    if kind == "parse":
        result = child_parse(paths, repeat, paired)
    else:
        assert db is not None, "ingest needs --db"
        result = child_ingest(paths, db)
    print(json.dumps(asdict(result)))
    return 0


# --- measurements run here -------------------------------------------------------------


@dataclass(slots=True)
class BaselineResult:
    name: str
    bytes: int
    seconds: float
    lines: int

    @property
    def mb_per_second(self) -> float:
        return self.bytes / MB / self.seconds

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["mb_per_second"] = round(self.mb_per_second, 1)
        return out


def read_and_splitlines(paths: Sequence[Path]) -> int:
    lines = 0
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            lines += len(handle.read().splitlines())
    return lines


def iterate_lines(paths: Sequence[Path]) -> int:
    lines = 0
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for _ in handle:
                lines += 1
    return lines


def measure_baseline(name: str, read: Callable[[Sequence[Path]], int],
                     paths: Sequence[Path]) -> BaselineResult:
    best = float("inf")
    lines = 0
    for _ in range(BASELINE_REPEATS):
        start = time.perf_counter()
        lines = read(paths)
        best = min(best, time.perf_counter() - start)
    return BaselineResult(name, sum(p.stat().st_size for p in paths), best, lines)


def profile_parse(path: Path, out_file: Path, top: int = 15) -> str:
    """cProfile of parsing one file (no language identification): the top functions by self time."""
    from qaznews.core import parse_paths

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in parse_paths([path], language=False):
        pass
    profiler.disable()
    out_file.parent.mkdir(parents=True, exist_ok=True)
    profiler.dump_stats(out_file)
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(top)
    return text.getvalue()


# --- choosing inputs -----------------------------------------------------------------


def prefix_up_to(paths: Sequence[Path], limit_bytes: int) -> list[Path]:
    """The leading files whose sizes add up to at most ``limit_bytes`` (at least one file)."""
    chosen: list[Path] = []
    total = 0
    for path in paths:
        size = path.stat().st_size
        if chosen and total + size > limit_bytes:
            break
        chosen.append(path)
        total += size
    return chosen


def prefix_reaching(paths: Sequence[Path], share: float) -> list[Path]:
    """The fewest leading files holding at least ``share`` of the bytes of ``paths``."""
    target = share * sum(p.stat().st_size for p in paths)
    chosen: list[Path] = []
    total = 0
    for path in paths:
        chosen.append(path)
        total += path.stat().st_size
        if total >= target:
            break
    return chosen


@contextmanager
def corpus_dir(keep: Path | None) -> Iterator[Path]:
    if keep is not None:
        yield keep
    else:
        with tempfile.TemporaryDirectory(prefix="qaznews-corpus-") as temp:
            yield Path(temp)


def ensure_corpus(directory: Path, megabytes: float, seed: int) -> tuple[Corpus, bool]:
    """The corpus in ``directory``, built unless a matching one is there; whether it was reused."""
    kept = load_corpus(directory, megabytes=megabytes, seed=seed)
    if kept is not None:
        return kept, True
    return build_corpus(directory, megabytes=megabytes, seed=seed), False


# --- reporting -----------------------------------------------------------------------


def _git(*args: str) -> str | None:
    try:
        return subprocess.run(["git", *args], cwd=BENCH_DIR, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def machine_info() -> dict[str, Any]:
    def version(package: str) -> str | None:
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return None

    pages = os.sysconf("SC_PHYS_PAGES") if hasattr(os, "sysconf") else 0
    src_changes = _git("status", "--porcelain", "--", "../src")
    return {
        "cpu_count": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "memory_mb": round(pages * os.sysconf("SC_PAGE_SIZE") / MB) if pages else None,
        "qaznews": version("qaznews"),
        "lingua": version("lingua-language-detector"),
        "git_commit": _git("rev-parse", "HEAD"),
        # Figures from a work tree with uncommitted changes under src/ belong to no commit.
        "src_uncommitted_changes": None if src_changes is None else bool(src_changes),
    }


@dataclass(slots=True)
class Results:
    corpus: Corpus
    reused: bool
    baseline: BaselineResult
    line_iteration: BaselineResult
    parse_all: RunResult
    parse_small: RunResult
    parse_big: RunResult
    ingest_small: RunResult | None
    ingest_all: RunResult | None
    ingest_mb: float | None
    repeat: int

    @property
    def slowdown(self) -> float:
        """Parse time over baseline time, both measured side by side in the parse process."""
        paired = self.parse_all.paired_baseline_seconds
        if paired:
            return self.parse_all.seconds / paired
        return self.separate_slowdown

    @property
    def separate_slowdown(self) -> float:
        """The same against the baseline measured on its own, before the parse runs."""
        return self.baseline.mb_per_second / self.parse_all.mb_per_second

    @property
    def parse_memory_growth(self) -> float:
        return self.parse_big.rss_peak_kb / self.parse_small.rss_peak_kb

    @property
    def ingest_memory_growth(self) -> float | None:
        if self.ingest_all is None or self.ingest_small is None:
            return None
        return self.ingest_all.rss_peak_kb / self.ingest_small.rss_peak_kb

    def runs(self) -> list[tuple[str, RunResult]]:
        runs = [("parse, all files", self.parse_all), ("parse, small file", self.parse_small),
                ("parse, large file", self.parse_big)]
        if self.ingest_small is not None and self.ingest_all is not None:
            runs += [("ingest, first quarter", self.ingest_small), ("ingest, all", self.ingest_all)]
        return runs


def verdict(ok: bool, *runs: RunResult) -> str:
    """PASS or FAIL; INVALID when a run behind the figure failed files or rejected items."""
    if any(run.errors for run in runs):
        return "INVALID (errors in the run)"
    return "PASS" if ok else "FAIL"


def say(message: str) -> None:
    """Progress, on stderr so that stdout holds only the report."""
    print(message, file=sys.stderr, flush=True)


def table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for number, row in enumerate(rows):
        cells = [cell.ljust(w) if i == 0 else cell.rjust(w)
                 for i, (cell, w) in enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(cells).rstrip())
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def mb(value_bytes: int) -> str:
    return f"{value_bytes / MB:.1f}"


def report_text(results: Results) -> str:
    corpus = results.corpus
    parse_speed_verdict = verdict(results.slowdown <= PARSE_SLOWDOWN_LIMIT, results.parse_all)
    parse_memory_verdict = verdict(results.parse_memory_growth <= FLAT_MEMORY_LIMIT,
                                   results.parse_big, results.parse_small)
    rows: list[tuple[str, ...]] = [
        ("measurement", "files", "MB", "seconds", "MB/s", "articles", "links", "articles/s",
         "peak RSS", "errors"),
    ]
    for base in (results.baseline, results.line_iteration):
        rows.append((f"baseline {base.name}", str(len(corpus.files)), mb(base.bytes),
                     f"{base.seconds:.2f}", f"{base.mb_per_second:.1f}", "", "", "", "", ""))
    for label, run in results.runs():
        rows.append((label, str(run.files), mb(run.bytes), f"{run.seconds:.2f}",
                     f"{run.mb_per_second:.2f}", str(run.articles), str(run.links),
                     f"{run.articles_per_second:.0f}", f"{run.rss_peak_kb / 1024:.0f} MB",
                     str(run.errors)))

    out = [
        f"qaznews parse/ingest benchmark: {len(corpus.files)} files, {mb(corpus.bytes)} MB "
        f"({corpus.articles} articles, {corpus.links} links generated, seed {corpus.seed}"
        f"{', corpus reused' if results.reused else ''});"
        f" reader build: {results.parse_all.build} (make bench measures the compiled one)",
        "",
        table(rows),
        "",
        f"parse is {results.slowdown:.1f}x slower than read+splitlines "
        f"(target <= {PARSE_SLOWDOWN_LIMIT:g}x): {parse_speed_verdict}",
        f"  (best of {results.repeat} each, side by side in one process; against the "
        f"baseline measured alone above: {results.separate_slowdown:.1f}x)",
        f"parse peak memory, large file ({mb(results.parse_big.bytes)} MB) vs small "
        f"({mb(results.parse_small.bytes)} MB): {results.parse_memory_growth:.2f}x "
        f"(target <= {FLAT_MEMORY_LIMIT:g}x): {parse_memory_verdict}",
    ]
    growth = results.ingest_memory_growth
    if results.ingest_all is not None and results.ingest_small is not None and growth is not None:
        out.append(
            f"ingest peak memory, {mb(results.ingest_all.bytes)} MB vs "
            f"{mb(results.ingest_small.bytes)} MB: {growth:.2f}x "
            f"(target <= {FLAT_MEMORY_LIMIT:g}x): "
            f"{verdict(growth <= FLAT_MEMORY_LIMIT, results.ingest_all, results.ingest_small)}"
        )
        if results.ingest_all.files == results.ingest_small.files:
            out.append("note: both ingest runs read the same files; the memory comparison "
                       "needs a larger corpus or --ingest-mb")
        if results.ingest_all.bytes < corpus.bytes:
            out.append(f"note: ingest covered {mb(results.ingest_all.bytes)} of "
                       f"{mb(corpus.bytes)} MB (--ingest-mb {results.ingest_mb:g})")
    else:
        out.append("ingest: skipped (--no-ingest)")
    parsed = results.parse_all
    if (parsed.articles, parsed.links) != (corpus.articles, corpus.links):
        out.append(f"note: parse found {parsed.articles} articles and {parsed.links} links; "
                   f"the generator wrote {corpus.articles} and {corpus.links}")
    for label, run in results.runs():
        if run.errors:
            out.append(f"WARNING: {label}: {run.errors} errors, the first: {run.first_error}")
    return "\n".join(out)


def report_json(results: Results, wall_seconds: float) -> dict[str, Any]:
    corpus = results.corpus
    growth = results.ingest_memory_growth
    ingest: dict[str, Any] | None = None
    if results.ingest_all is not None and results.ingest_small is not None and growth is not None:
        ingest = {
            "first_quarter": results.ingest_small.as_dict(),
            "all": results.ingest_all.as_dict(),
            "ingest_mb_option": results.ingest_mb,
            "peak_memory_growth": round(growth, 3),
            "peak_memory_limit": FLAT_MEMORY_LIMIT,
            "peak_memory_pass": growth <= FLAT_MEMORY_LIMIT,
        }
    return {
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine_info(),
        "corpus": {
            "megabytes": corpus.megabytes, "seed": corpus.seed, "files": len(corpus.files),
            "bytes": corpus.bytes, "articles": corpus.articles, "links": corpus.links,
            "large_file": corpus.big_file, "large_file_bytes": results.parse_big.bytes,
            "reused": results.reused,
        },
        "baseline": results.baseline.as_dict(),
        "baseline_line_iteration": results.line_iteration.as_dict(),
        "parse": {
            "all": results.parse_all.as_dict(),
            "small_file": results.parse_small.as_dict(),
            "large_file": results.parse_big.as_dict(),
            "slowdown_vs_baseline": round(results.slowdown, 2),
            "slowdown_vs_separate_baseline": round(results.separate_slowdown, 2),
            "repeat": results.repeat,
            "slowdown_limit": PARSE_SLOWDOWN_LIMIT,
            "speed_pass": results.slowdown <= PARSE_SLOWDOWN_LIMIT,
            "peak_memory_growth": round(results.parse_memory_growth, 3),
            "peak_memory_limit": FLAT_MEMORY_LIMIT,
            "peak_memory_pass": results.parse_memory_growth <= FLAT_MEMORY_LIMIT,
        },
        "ingest": ingest,
        "errors": sum(run.errors for _, run in results.runs()),
        "wall_seconds": round(wall_seconds, 1),
    }


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark qaznews parse and ingest against plain line reading."
    )
    parser.add_argument("--mb", type=float, default=50.0, help="corpus size in MB (default 50)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="build the corpus here and keep it; reused when it matches")
    parser.add_argument("--ingest-mb", type=float, metavar="N",
                        help="ingest only the leading files up to N MB (default: all)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="parse runs over the full corpus, each after a baseline run in "
                             "the same process; the best of each is kept (default 3)")
    parser.add_argument("--no-ingest", action="store_true", help="skip the ingest runs")
    parser.add_argument("--against", metavar="REV",
                        help="also time parse of a git revision's src against this tree's, "
                             "alternating (--repeat rounds), and report the time ratio")
    parser.add_argument("--profile", action="store_true",
                        help="also profile parsing the first file and print the top functions")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON,
                        help=f"where to write the figures (default {DEFAULT_JSON})")
    # The parent starts itself with these to measure one run in a clean process.
    parser.add_argument("--child", choices=("parse", "ingest"), help=argparse.SUPPRESS)
    parser.add_argument("--files-from", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--paired-baseline", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def measure(args: argparse.Namespace, directory: Path, work_dir: Path) -> Results:
    say(f"corpus: {args.mb:g} MB, seed {args.seed}, in {directory}")
    corpus, reused = ensure_corpus(directory, args.mb, args.seed)
    paths = corpus.paths
    big_file = corpus.directory / corpus.big_file
    small_file = min((p for p in paths if p != big_file), key=lambda p: p.stat().st_size,
                     default=big_file)

    say("baseline: read + splitlines, line iteration")
    baseline = measure_baseline("read+splitlines", read_and_splitlines, paths)
    line_iteration = measure_baseline("line iteration", iterate_lines, paths)

    say(f"parse (no language) of {mb(corpus.bytes)} MB")
    parse_all = run_child("parse", paths, work_dir, repeat=args.repeat, paired=True)
    say("parse peak memory: small file, large file")
    parse_small = run_child("parse", [small_file], work_dir)
    parse_big = run_child("parse", [big_file], work_dir)

    ingest_small = ingest_all = None
    if not args.no_ingest:
        ingest_paths = paths
        if args.ingest_mb is not None:
            ingest_paths = prefix_up_to(paths, int(args.ingest_mb * MB))
        for share in (prefix_reaching(ingest_paths, SMALL_INGEST_SHARE), ingest_paths):
            say(f"ingest (with language) of {len(share)} files, "
                f"{mb(sum(p.stat().st_size for p in share))} MB")
            result = run_child("ingest", share, work_dir)
            if ingest_small is None:
                ingest_small = result
            else:
                ingest_all = result
    return Results(corpus, reused, baseline, line_iteration, parse_all, parse_small, parse_big,
                   ingest_small, ingest_all, args.ingest_mb, args.repeat)


def compare_with(revision: str, paths: Sequence[Path], work_dir: Path,
                 rounds: int) -> dict[str, Any]:
    """Parse time of this tree's ``src`` against ``revision``'s, alternating fresh processes
    (each a paired parse, as for the verdict), best of ``rounds`` each: a change's speed-up
    measured under the same machine load as its baseline."""
    old_tree = work_dir / "against"
    old_tree.mkdir()
    archive = subprocess.run(["git", "-C", str(BENCH_DIR.parent), "archive", revision, "src"],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(old_tree)], input=archive, check=True)
    trees = {"against": old_tree / "src", "this": BENCH_DIR.parent / "src"}
    best: dict[str, RunResult] = {}
    for number in range(rounds):
        for name, source in trees.items():
            say(f"parse, {name} tree, round {number + 1} of {rounds}")
            run = run_child("parse", paths, work_dir, paired=True, source=source)
            if name not in best or run.seconds < best[name].seconds:
                best[name] = run
    ratio = best["this"].seconds / best["against"].seconds
    return {
        "revision": revision, "rounds": rounds, "time_ratio": round(ratio, 3),
        "against": best["against"].as_dict(), "this": best["this"].as_dict(),
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        return child_main(args.child, args.files_from, args.db, args.repeat,
                          args.paired_baseline)

    started = time.perf_counter()
    profile_text = None
    with (
        corpus_dir(args.keep) as directory,
        tempfile.TemporaryDirectory(prefix="qaznews-bench-") as work,
    ):
        results = measure(args, directory, Path(work))
        comparison = None
        if args.against:
            comparison = compare_with(args.against, results.corpus.paths, Path(work),
                                      args.repeat)
        if args.profile:
            first = results.corpus.paths[0]
            say(f"profiling parse of {first.name}")
            profile_text = profile_parse(first, args.json.with_name("parse.prof"))

    print(report_text(results))
    if comparison:
        print(f"parse time against {comparison['revision']}: "
              f"{comparison['time_ratio']:.3f} of it (best of {comparison['rounds']} "
              "alternating runs each)")
    if profile_text:
        print()
        print(profile_text)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    report = report_json(results, time.perf_counter() - started)
    report["against"] = comparison
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    say(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
