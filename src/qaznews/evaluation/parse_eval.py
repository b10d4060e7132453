"""`qaznews eval parse`: how close the capture reader comes to hand-checked gold.

Gold files (one JSON per capture, named after it) list the articles a perfect
reader extracts, in file order, and the listing entries that are links.

Matching: a gold article matches the next unmatched parsed article, in file
order, with the same title after :func:`~qaznews.model.normalise_title`; a gold
title of "-" (the page has none) matches a parsed article without a title and
with the same source URL. Links match on title and publication date-time.

Body starts and ends are compared with white space removed and look-alike
letters unified (:func:`~qaznews.pipeline.clean.fold_for_comparison`): the gold
quotes bodies as captured, and the reader's repairs only add spaces and swap
look-alike letters, so every other difference (a missing or extra word, a
debris line) still counts as wrong.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qaznews.core import FileReport, parse_paths
from qaznews.errors import GoldError
from qaznews.model import Article, Item, Link, normalise_title
from qaznews.pipeline.clean import fold_for_comparison

FIELDS = ("published", "views", "url", "language", "outlet", "body_start", "body_end",
          "empty_body")


@dataclass(slots=True)
class Counts:
    gold: int = 0
    predicted: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"gold": self.gold, "predicted": self.predicted, "matched": self.matched,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}


@dataclass(slots=True)
class ParseEvaluation:
    articles: Counts = field(default_factory=Counts)
    links: Counts = field(default_factory=Counts)
    field_right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    captured_right: int = 0
    files: int = 0
    bodies_with_debris: int = 0
    mismatches: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def field_share(self, name: str) -> float:
        return self.field_right[name] / self.articles.matched if self.articles.matched else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "articles": self.articles.as_dict(),
            "links": self.links.as_dict(),
            "fields": {name: round(self.field_share(name), 4) for name in FIELDS},
            "captured": round(self.captured_right / self.files, 4) if self.files else 1.0,
            "bodies_with_debris": self.bodies_with_debris,
            "mismatches": self.mismatches,
            "errors": self.errors,
        }


def _first_words(text: str, count: int = 10) -> str:
    return " ".join(text.split()[:count])


def _last_words(text: str, count: int = 10) -> str:
    return " ".join(text.split()[-count:])


def load_gold(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise GoldError("gold file not found", where=str(path)) from exc
    except (OSError, ValueError) as exc:
        raise GoldError(f"cannot read gold: {exc}", where=str(path)) from exc
    if not isinstance(data, dict) or "articles" not in data:
        raise GoldError("not a gold file (no 'articles' list)", where=str(path))
    return data


def _match_articles(gold: list[dict[str, Any]], parsed: list[Article]) -> list[tuple[int, int]]:
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    cursor = 0
    for g_index, entry in enumerate(gold):
        title = entry.get("title")
        untitled = title in (None, "", "-")
        key = normalise_title(title)

        def fits(article: Article, *, untitled: bool = untitled, key: str = key,
                 entry: dict[str, Any] = entry) -> bool:
            if untitled:
                return not article.title and article.url == entry.get("source_url")
            return normalise_title(article.title) == key

        # Prefer the next article in file order; fall back to any unmatched one.
        order = list(range(cursor, len(parsed))) + list(range(cursor))
        for p_index in order:
            if p_index not in used and fits(parsed[p_index]):
                used.add(p_index)
                pairs.append((g_index, p_index))
                cursor = p_index + 1
                break
    return pairs


def _compare(entry: dict[str, Any], article: Article) -> dict[str, bool]:
    body = article.body
    gold_first = entry.get("body_first_words") or ""
    gold_last = entry.get("body_last_words") or ""
    folded = fold_for_comparison(body)
    return {
        "published": (article.published.iso() if article.published else None)
        == entry.get("published"),
        "views": article.views == entry.get("views"),
        "url": article.url == entry.get("source_url"),
        "language": article.language == entry.get("language"),
        "outlet": article.outlet == entry.get("outlet"),
        "body_start": folded.startswith(fold_for_comparison(gold_first)),
        "body_end": folded.endswith(fold_for_comparison(gold_last)),
        "empty_body": (not body.strip()) == bool(entry.get("empty_body")),
    }


def evaluate_parse(samples: Iterable[Path], gold_dir: Path, *,
                   settings: dict[str, Any] | None = None) -> ParseEvaluation:
    result = ParseEvaluation()
    for sample in samples:
        gold = load_gold(gold_dir / (sample.name.removesuffix(".gz").rsplit(".", 1)[0] + ".json"))
        reports: list[FileReport] = []
        items: list[Item] = list(parse_paths([sample], settings=settings,
                                             on_report=reports.append))
        for report in reports:
            if report.error:
                result.errors.append(report.error)
        result.files += 1
        articles = [i for i in items if isinstance(i, Article)]
        links = [i for i in items if isinstance(i, Link)]
        captured = {a.captured.isoformat() if a.captured else None for a in articles + links}
        if captured <= {gold.get("crawl_date")}:
            result.captured_right += 1
        else:
            result.mismatches.append(
                f"{sample.name}: captured {sorted(map(str, captured))} != {gold.get('crawl_date')}"
            )
        _score_articles(sample.name, gold, articles, result)
        _score_links(sample.name, gold.get("sidebar_links") or [], links, result)
    return result


def _score_articles(name: str, gold: dict[str, Any], articles: list[Article],
                    result: ParseEvaluation) -> None:
    gold_articles: list[dict[str, Any]] = gold["articles"]
    pairs = _match_articles(gold_articles, articles)
    result.articles.gold += len(gold_articles)
    result.articles.predicted += len(articles)
    result.articles.matched += len(pairs)
    matched_gold = {g for g, _ in pairs}
    matched_parsed = {p for _, p in pairs}
    for index, entry in enumerate(gold_articles):
        if index not in matched_gold:
            result.mismatches.append(f"{name}: missed article {entry.get('title')!r}")
    for index, article in enumerate(articles):
        if index not in matched_parsed:
            result.mismatches.append(f"{name}: extra article {article.title!r} "
                                     f"(line {article.source.line})")
    debris = {fold_for_comparison(line) for line in gold.get("boilerplate_lines") or []}
    for g_index, p_index in pairs:
        entry, article = gold_articles[g_index], articles[p_index]
        for field_name, right in _compare(entry, article).items():
            if right:
                result.field_right[field_name] += 1
            else:
                result.mismatches.append(
                    f"{name}: {field_name} wrong for {entry.get('title')!r}: "
                    + _explain(field_name, entry, article)
                )
        if any(fold_for_comparison(line) in debris for line in article.body.split("\n")):
            result.bodies_with_debris += 1
            result.mismatches.append(f"{name}: debris inside body of {entry.get('title')!r}")


def _explain(field_name: str, entry: dict[str, Any], article: Article) -> str:
    if field_name == "body_start":
        return f"{_first_words(article.body)!r} vs {entry.get('body_first_words')!r}"
    if field_name == "body_end":
        return f"{_last_words(article.body)!r} vs {entry.get('body_last_words')!r}"
    if field_name == "empty_body":
        return f"body {len(article.body.split())} words vs empty={entry.get('empty_body')}"
    gold_key = "source_url" if field_name == "url" else field_name
    value = getattr(article, field_name)
    if field_name == "published" and article.published:
        value = article.published.iso()
    return f"{value!r} vs {entry.get(gold_key)!r}"


def _score_links(name: str, gold_links: list[dict[str, Any]], links: list[Link],
                 result: ParseEvaluation) -> None:
    result.links.gold += len(gold_links)
    result.links.predicted += len(links)
    remaining = [(normalise_title(link.title), link.published.iso() if link.published else None,
                  link.views) for link in links]
    for entry in gold_links:
        key = (normalise_title(entry.get("title")), entry.get("published"), entry.get("views"))
        if key in remaining:
            remaining.remove(key)
            result.links.matched += 1
        else:
            result.mismatches.append(f"{name}: missed link {entry.get('title')!r}")
    for title, published, views in remaining:
        result.mismatches.append(f"{name}: extra link {title!r} {published} {views}")
