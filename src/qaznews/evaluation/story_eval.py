"""`qaznews eval stories`: story clustering against hand-checked gold.

Gold (``duplicates.json``) lists groups of articles that are one story, each with a
``kind`` (``exact``, ``near`` or ``rewrite``) and members named by capture file and
title. Groups that share a member are one gold story. An optional traps file lists
sets of articles that look alike but are different events.

The samples are ingested into a temporary store exactly as ``qaznews ingest`` does,
and then scored:

* **pairs per relation**: a gold pair of kind K is found when qaznews puts both
  articles in one story and relates them as K. Members the foundation already merged
  into one article (the same article seen in two captures) count as found. A
  predicted pair of kind K is wrong when gold puts the two in different stories or
  names another kind for them; a pair inside one gold story that no gold group lists
  is not scored by kind.
* **same story**: pairwise precision and recall whatever the kind, over every article
  read, and B-cubed precision, recall and F1 of the clustering.
* **different events merged**: predicted same-story pairs that gold keeps apart
  (trap pairs among them).
"""

from __future__ import annotations

import itertools
import json
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qaznews.core import ingest_paths
from qaznews.errors import GoldError
from qaznews.model import normalise_title
from qaznews.pipeline.stories import StoryParams, relate
from qaznews.settings import load_settings
from qaznews.store.sqlite import Store
from qaznews.store.stories import StoryIndex

RELATIONS = ("exact", "near", "rewrite")
Pair = tuple[str, str]


def _pair(a: str, b: str) -> Pair:
    return (a, b) if a < b else (b, a)


def predicted_pairs(store: Store, settings: dict[str, Any] | None = None) -> dict[Pair, str]:
    """Every pair of articles in one story, with the relation of the two: their own link
    when they have one, else what their texts say (exact, near, or rewrite)."""
    params = StoryParams.from_settings(settings if settings is not None else load_settings())
    index = StoryIndex(store, params)
    links = {_pair(row["a"], row["b"]): str(row["relation"])
             for row in store.conn.execute("SELECT a, b, relation FROM story_links")}
    members: dict[str, list[str]] = defaultdict(list)
    for row in store.conn.execute(
        "SELECT a.story, a.id FROM articles a JOIN stories s ON s.id = a.story"
        " WHERE s.members > 1 ORDER BY a.story, a.id"
    ):
        members[row[0]].append(row[1])
    pairs: dict[Pair, str] = {}
    for ids in members.values():
        known = index.features_of(ids)
        for a, b in itertools.combinations(ids, 2):
            pair = _pair(a, b)
            if pair in links:
                pairs[pair] = links[pair]
                continue
            link = relate(known[a], known[b], params) if a in known and b in known else None
            pairs[pair] = link.relation if link else "rewrite"
    return pairs


@dataclass(slots=True)
class Scores:
    gold: int = 0
    predicted: int = 0
    found: int = 0  # gold pairs found
    right: int = 0  # predicted pairs that are right

    @property
    def precision(self) -> float | None:
        return self.right / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        def rounded(value: float | None) -> float | None:
            return None if value is None else round(value, 4)

        return {"gold": self.gold, "predicted": self.predicted, "found": self.found,
                "right": self.right, "precision": rounded(self.precision),
                "recall": rounded(self.recall), "f1": rounded(self.f1)}


@dataclass(slots=True)
class StoryEvaluation:
    articles: int = 0
    relations: dict[str, Scores] = field(
        default_factory=lambda: {name: Scores() for name in RELATIONS})
    same_story: Scores = field(default_factory=Scores)
    bcubed_precision: float = 1.0
    bcubed_recall: float = 1.0
    #: Predicted same-story pairs that gold keeps apart, as "title | title".
    wrongly_merged: list[str] = field(default_factory=list)
    trap_pairs: int = 0
    traps_merged: int = 0
    unmatched_gold: list[str] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)

    @property
    def bcubed_f1(self) -> float:
        p, r = self.bcubed_precision, self.bcubed_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "relations": {name: s.as_dict() for name, s in self.relations.items()},
            "same_story": self.same_story.as_dict(),
            "bcubed": {"precision": round(self.bcubed_precision, 4),
                       "recall": round(self.bcubed_recall, 4), "f1": round(self.bcubed_f1, 4)},
            "wrongly_merged": self.wrongly_merged,
            "traps": {"pairs": self.trap_pairs, "merged": self.traps_merged},
            "unmatched_gold": self.unmatched_gold,
        }


def _load(path: Path, what: str) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise GoldError(f"{what} file not found", where=str(path)) from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError(f"cannot read {what}: {exc}", where=str(path)) from exc
    if not isinstance(data, list) or not all(
        isinstance(g, dict) and isinstance(g.get("members"), list) for g in data
    ):
        raise GoldError(f"{what} must be a list of objects with members", where=str(path))
    return data


class _MemberIndex:
    """Finds the stored article a gold member (capture file, title) names."""

    def __init__(self, store: Store) -> None:
        self.by_key: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.titles: dict[str, str] = {}
        for row in store.conn.execute(
            "SELECT a.id, a.title, s.file FROM articles a JOIN sightings s ON s.item_id = a.id"
        ):
            name = Path(row["file"] or "").name
            self.by_key[(name, normalise_title(row["title"]))].add(row["id"])
            self.titles[row["id"]] = row["title"] or "-"

    def find(self, member: dict[str, Any]) -> str | None:
        title = str(member.get("title") or "")
        key = (Path(str(member.get("file", ""))).name,
               "" if title == "-" else normalise_title(title))
        ids = self.by_key.get(key)
        return min(ids) if ids else None


def evaluate_stories(samples: Sequence[Path], gold: Path, *, traps: Path | None = None,
                     settings: dict[str, Any] | None = None) -> StoryEvaluation:
    groups = _load(gold, "gold")
    trap_sets = _load(traps, "traps") if traps is not None else []
    settings = dict(settings if settings is not None else load_settings())
    settings["stories"] = True
    result = StoryEvaluation()
    with tempfile.TemporaryDirectory(prefix="qaznews-eval-") as folder:
        settings["db"] = str(Path(folder) / "eval.db")
        with Store(settings["db"]) as store:
            summary = ingest_paths(samples, store, settings=settings)
            result.mismatches.extend(f.error for f in summary.files if f.error)
            _score(store, settings, groups, trap_sets, result)
    return result


def _score(store: Store, settings: dict[str, Any], groups: list[dict[str, Any]],
           trap_sets: list[dict[str, Any]], result: StoryEvaluation) -> None:
    members = _MemberIndex(store)
    article_ids = [row[0] for row in store.conn.execute("SELECT id FROM articles")]
    result.articles = len(article_ids)
    predicted = predicted_pairs(store, settings)

    # Gold pairs by kind, and gold stories (groups sharing a member are one story).
    gold_kind: dict[Pair, str] = {}
    merged_by_foundation: dict[str, int] = defaultdict(int)
    parent = {i: i for i in article_ids}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for group in groups:
        kind = str(group.get("kind"))
        if kind not in RELATIONS:
            raise GoldError(f"unknown kind {kind!r} in gold")
        ids = []
        for member in group["members"]:
            found = members.find(member)
            if found is None:
                result.unmatched_gold.append(f"{member.get('file')}: {member.get('title')}")
            else:
                ids.append(found)
        for a, b in itertools.combinations(ids, 2):
            if a == b:
                merged_by_foundation[kind] += 1
                continue
            gold_kind[_pair(a, b)] = kind
            parent[root(a)] = root(b)
        # Pairs with a member the samples do not yield still count against recall.
        listed = len(group["members"])
        result.relations[kind].gold += listed * (listed - 1) // 2 - len(ids) * (len(ids) - 1) // 2

    for kind in RELATIONS:
        scores = result.relations[kind]
        scores.gold += merged_by_foundation[kind] + sum(1 for k in gold_kind.values() if k == kind)
        scores.found += merged_by_foundation[kind]
    for pair, kind in gold_kind.items():
        if predicted.get(pair) == kind:
            result.relations[kind].found += 1
        elif pair not in predicted:
            result.mismatches.append(f"missed {kind}: {members.titles[pair[0]]} | "
                                     f"{members.titles[pair[1]]}")
        else:
            result.mismatches.append(f"{kind} read as {predicted[pair]}: "
                                     f"{members.titles[pair[0]]} | {members.titles[pair[1]]}")
    for pair, relation in predicted.items():
        scores = result.relations[relation]
        listed_kind = gold_kind.get(pair)
        same_gold_story = root(pair[0]) == root(pair[1])
        if listed_kind is None and same_gold_story:
            continue  # inside one gold story but not listed: not scored by kind
        scores.predicted += 1
        if listed_kind == relation:
            scores.right += 1

    # Same story, whatever the kind.
    gold_story: dict[str, set[str]] = defaultdict(set)
    for article in article_ids:
        gold_story[root(article)].add(article)
    gold_pairs = {
        _pair(a, b) for story in gold_story.values() for a, b in itertools.combinations(story, 2)
    }
    same = result.same_story
    same.gold = len(gold_pairs) + sum(merged_by_foundation.values())
    same.found = len(gold_pairs & predicted.keys()) + sum(merged_by_foundation.values())
    same.predicted = len(predicted)
    same.right = len(gold_pairs & predicted.keys())
    for pair in sorted(predicted.keys() - gold_pairs):
        result.wrongly_merged.append(f"{members.titles[pair[0]]} | {members.titles[pair[1]]}")

    # B-cubed over every article read.
    predicted_story = {
        row[0]: row[1] for row in store.conn.execute("SELECT id, story FROM articles")
    }
    by_story: dict[str | None, set[str]] = defaultdict(set)
    for article, story in predicted_story.items():
        by_story[story if story else article].add(article)
    precision = recall = 0.0
    for article in article_ids:
        mine = by_story[predicted_story[article] or article]
        theirs = gold_story[root(article)]
        both = len(mine & theirs)
        precision += both / len(mine)
        recall += both / len(theirs)
    if article_ids:
        result.bcubed_precision = precision / len(article_ids)
        result.bcubed_recall = recall / len(article_ids)

    for trap in trap_sets:
        ids = [found for m in trap["members"] if (found := members.find(m)) is not None]
        for a, b in itertools.combinations(sorted(set(ids)), 2):
            result.trap_pairs += 1
            if _pair(a, b) in predicted:
                result.traps_merged += 1
                result.mismatches.append(
                    f"trap merged: {members.titles[a]} | {members.titles[b]}")
