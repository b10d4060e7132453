"""Settings, each declared once with its default and help.

Precedence: default < settings file (`qaznews.toml` in the user's config directory,
or `--config`) < environment (`QAZNEWS_<NAME>`) < command line.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from qaznews import __version__
from qaznews.errors import QaznewsError


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", str(Path(platformdirs.user_data_dir("qaznews")) / "qaznews.db"),
            "Path of the SQLite store."),
    Setting("max_file_bytes", 8 * 1024**3,
            "Largest input file read, in bytes; larger ones are refused with a message."),
    Setting("max_line_chars", 1_000_000,
            "Longest line read, in characters; a longer line is cut and reported."),
    Setting("debris_min_repeats", 3,
            "A short line repeated in at least this many items of a capture is debris."),
    Setting("debris_min_item_share", 0.3,
            "... and in at least this share of the capture's items."),
    Setting("batch_size", 500, "Items per batch handed to the pipeline and written per statement."),
    # Stories (docs/STORIES.md says how each was chosen).
    Setting("stories", True, "Link articles into stories while ingesting."),
    Setting("enrich", True,
            "Enrich articles (entities with roles, events, topics) while ingesting and"
            " crawling."),
    Setting("story_num_perm", 128, "MinHash permutations per article (near copies)."),
    Setting("story_shingle_words", 3, "Words per shingle for near-copy detection."),
    Setting("story_lsh_threshold", 0.4,
            "Jaccard similarity the LSH bands are tuned to: pairs above it become candidates."),
    Setting("story_near_jaccard", 0.5,
            "Estimated Jaccard similarity of shingles from which two texts are near copies."),
    Setting("story_near_containment", 0.8,
            "... or the share of the shorter text's shingles found in the longer one."),
    Setting("story_near_max_conflict", 0.2,
            "Near copies may differ by at most this share of names and numbers on both sides."),
    Setting("story_min_words", 12,
            "Texts with fewer words are compared with their title and never as near copies."),
    Setting("story_rewrite_days", 2, "Rewrites are looked for within this many days."),
    Setting("story_rewrite_min_shared", 3,
            "Names and numbers two rewrites in one language must share at least."),
    Setting("story_rewrite_overlap", 0.6,
            "Share of the smaller article's names and numbers the other must also carry."),
    Setting("story_rewrite_cosine", 0.3,
            "Word cosine similarity two rewrites in one language must reach."),
    Setting("story_rewrite_max_conflict", 0.3,
            "Rewrites in one language may differ by at most this share of names and numbers"
            " on both sides (two events from one template differ on both)."),
    Setting("story_cross_language_min_shared", 4,
            "Names and numbers two versions in different languages must share at least."),
    # -- Crawler (docs/CRAWL.md): feeds, listings and article pages of the web sources. --
    Setting("crawl_delay", 1.0,
            "Seconds between two requests to one host (a source's own delay, or a larger"
            " robots.txt Crawl-delay, wins)."),
    Setting("crawl_timeout", 20.0,
            "Seconds to wait for a connection or for the next bytes of a response."),
    Setting("crawl_retries", 3,
            "Retries of a request after a connection error, a timeout, 429 or 5xx."),
    Setting("crawl_backoff", 1.0,
            "Seconds before the first retry, doubled for each retry after it."),
    Setting("crawl_max_wait", 300.0,
            "Longest wait before a retry; a longer Retry-After leaves the URL for a later crawl."),
    Setting("crawl_max_bytes", 10 * 1024**2,
            "Largest response read, in bytes; a larger one is stopped and refused."),
    Setting("crawl_max_redirects", 5, "Most redirects followed for one URL."),
    Setting("crawl_max_attempts", 3,
            "Crawls in which a page may fail for a passing reason before it is given up."),
    Setting("crawl_user_agent",
            f"qaznews/{__version__} (news-intelligence crawler; obeys robots.txt)",
            "User-Agent sent with every request; add a contact address for the sites."),
    # -- API (docs/API.md). --
    Setting("api_token", "",
            "Bearer token of the API's write endpoint (POST /ingest); empty: no write"
            " endpoints at all, the API is read-only."),
    Setting("api_max_upload_bytes", 64 * 1024**2,
            "Largest file POST /ingest accepts, in bytes; a larger upload is refused (413)."),
    # -- Topics (docs/TOPICS.md). --
    Setting("topics_dir", str(Path(platformdirs.user_data_dir("qaznews")) / "topics"),
            "Folder of the fitted topic model and of the user's topic labels (labels.jsonl)."),
)
_BY_NAME = {s.name: s for s in SETTINGS}


def default_config_path() -> Path:
    return Path(platformdirs.user_config_dir("qaznews")) / "qaznews.toml"


def load_settings(config: Path | None = None, **overrides: Any) -> dict[str, Any]:
    """Resolved settings: defaults, then the file, then the environment, then ``overrides``."""
    values = {s.name: s.default for s in SETTINGS}
    path = config or default_config_path()
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise QaznewsError(f"cannot read settings: {exc}", where=str(path)) from exc
        for key, value in data.items():
            if key not in _BY_NAME:
                raise QaznewsError(f"unknown setting {key!r}", where=str(path))
            values[key] = _coerce(key, value)
    elif config is not None:
        raise QaznewsError("settings file not found", where=str(path))
    for setting in SETTINGS:
        env = os.environ.get("QAZNEWS_" + setting.name.upper())
        if env is not None:
            values[setting.name] = _coerce(setting.name, env)
    for key, value in overrides.items():
        if value is not None:
            values[key] = _coerce(key, value)
    return values


def _coerce(name: str, value: Any) -> Any:
    default = _BY_NAME[name].default
    try:
        if isinstance(default, bool):
            return value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes")
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
    except ValueError as exc:
        raise QaznewsError(f"setting {name!r} must be a number, got {value!r}") from exc
    return str(value)
