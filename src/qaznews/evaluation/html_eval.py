"""`eval html`: how well the article text of saved pages is extracted, against gold.

The measure is the common one of extraction benchmarks (trafilatura's, the
ScrapingHub article-extraction benchmark): the extracted text and the gold
``articleBody`` are each a bag of **lower-cased whitespace tokens, with counts**;
precision is the share of extracted tokens that are in the gold (as many times as
they occur there), recall the share of gold tokens extracted, F1 their harmonic mean.
Case is folded because extractors do not change case and the gold is typed by hand;
punctuation stays attached to its word, so a glued or split sentence costs a token.

Two extractors are measured in the same run on the same pages: qaznews
(:func:`qaznews.sources.html.extract_body`, with the page's URL so that the outlet
readers apply) and plain ``trafilatura.extract(html)`` with its defaults. Figures are
given per page and averaged two ways: **micro** (token counts summed over pages, so a
long page weighs more) and **macro** (the mean of per-page F1), over all article
pages and separately over our outlets' pages (Kazakhstan Today, Qazinform, gov.kz,
The Astana Times) and the others. Listing pages (gold with ``entries`` and no
``articleBody``) have no body to measure and are skipped.

Gold file: ``{ID: {"file": "ID.html[.gz]", "url": ..., "articleBody": ...}, ...}``;
pages are read from ``pages_dir`` by ``file``, else ``ID.html`` / ``ID.html.gz``.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qaznews.errors import GoldError
from qaznews.sources.html import extract_body
from qaznews.sources.outlets import reader_for

__all__ = ["EXTRACTORS", "HtmlEvalResult", "PageScore", "Score", "evaluate_html", "token_prf"]


@dataclass(slots=True)
class Score:
    """Token counts of one extractor on one page or summed over pages."""

    true_positives: int = 0
    extracted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.true_positives / self.extracted if self.extracted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.true_positives += other.true_positives
        self.extracted += other.extracted
        self.gold += other.gold

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "true_positives": self.true_positives,
                "extracted": self.extracted, "gold": self.gold}


def token_prf(extracted: str, gold: str) -> Score:
    """Bag-of-tokens overlap: lower-cased whitespace tokens, counted with multiplicity."""
    got = Counter(extracted.lower().split())
    want = Counter(gold.lower().split())
    return Score(sum((got & want).values()), sum(got.values()), sum(want.values()))


def _plain_trafilatura(html: bytes, url: str | None) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


#: The extractors compared, by name: qaznews and the plain baseline.
EXTRACTORS: dict[str, Callable[[bytes, str | None], str]] = {
    "qaznews": lambda html, url: extract_body(html, url),
    "trafilatura": _plain_trafilatura,
}


@dataclass(slots=True)
class PageScore:
    id: str
    ours: bool
    layout: str
    scores: dict[str, Score]

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "ours": self.ours, "layout": self.layout,
                **{name: score.as_dict() for name, score in self.scores.items()}}


@dataclass(slots=True)
class Summary:
    """Micro and macro averages of one extractor over a group of pages."""

    pages: int = 0
    micro: Score = field(default_factory=Score)
    macro_precision: float = 0.0
    macro_recall: float = 0.0
    macro_f1: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"pages": self.pages, "micro": self.micro.as_dict(),
                "macro": {"precision": round(self.macro_precision, 4),
                          "recall": round(self.macro_recall, 4), "f1": round(self.macro_f1, 4)}}


GROUPS = ("all", "ours", "others")


@dataclass(slots=True)
class HtmlEvalResult:
    """Per-page scores and, for each group ("all", "ours", "others") and extractor,
    micro and macro averages. ``rows()`` gives the lines of a printable table."""

    pages: list[PageScore]
    summary: dict[str, dict[str, Summary]]
    skipped: list[str] = field(default_factory=list)

    def rows(self) -> list[dict[str, Any]]:
        """One row per group and extractor: group, extractor, pages, micro P/R/F1, macro F1."""
        out = []
        for group in GROUPS:
            for name, s in self.summary[group].items():
                out.append({"group": group, "extractor": name, "pages": s.pages,
                            "precision": round(s.micro.precision, 3),
                            "recall": round(s.micro.recall, 3),
                            "f1": round(s.micro.f1, 3), "macro_f1": round(s.macro_f1, 3)})
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "measure": "bag of lower-cased whitespace tokens with counts",
            "summary": {g: {n: s.as_dict() for n, s in by.items()}
                        for g, by in self.summary.items()},
            "pages": [p.as_dict() for p in self.pages],
            "skipped": self.skipped,
        }


def _page_bytes(pages_dir: Path, page_id: str, gold: dict[str, Any]) -> bytes:
    names = [gold["file"]] if gold.get("file") else [f"{page_id}.html", f"{page_id}.html.gz"]
    for name in names:
        path = pages_dir / name
        if path.exists():
            data = path.read_bytes()
            if data.startswith(b"\x1f\x8b"):
                try:
                    return gzip.decompress(data)
                except (OSError, EOFError, zlib.error) as exc:
                    raise GoldError(f"damaged gzip page: {exc}", where=str(path)) from exc
            return data
    raise GoldError(f"no page for {page_id!r} ({', '.join(names)})", where=str(pages_dir))


def _load_truth(truth_file: Path) -> dict[str, dict[str, Any]]:
    try:
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise GoldError("no such truth file", where=str(truth_file)) from exc
    except (OSError, ValueError) as exc:
        raise GoldError(f"unreadable truth file: {exc}", where=str(truth_file)) from exc
    if not isinstance(truth, dict) or not all(isinstance(v, dict) for v in truth.values()):
        raise GoldError("truth must map page ids to objects", where=str(truth_file))
    return truth


def evaluate_html(pages_dir: Path | str, truth_file: Path | str,
                  extractors: dict[str, Callable[[bytes, str | None], str]] | None = None,
                  ) -> HtmlEvalResult:
    """Token precision, recall and F1 of each extractor's body text against the gold."""
    pages_dir, truth_file = Path(pages_dir), Path(truth_file)
    extractors = extractors or EXTRACTORS
    truth = _load_truth(truth_file)
    pages: list[PageScore] = []
    skipped: list[str] = []
    for page_id, gold in truth.items():
        body = gold.get("articleBody")
        if not isinstance(body, str):
            skipped.append(page_id)
            continue
        html = _page_bytes(pages_dir, page_id, gold)
        url = gold.get("url")
        reader = reader_for(url)
        scores = {name: token_prf(extract(html, url), body) for name, extract in extractors.items()}
        pages.append(PageScore(page_id, reader is not None,
                               reader.name if reader else "other", scores))
    summary: dict[str, dict[str, Summary]] = {}
    for group in GROUPS:
        chosen = [p for p in pages if group == "all" or (p.ours == (group == "ours"))]
        summary[group] = {}
        for name in extractors:
            s = Summary(pages=len(chosen))
            for page in chosen:
                s.micro.add(page.scores[name])
            if chosen:
                s.macro_precision = sum(p.scores[name].precision for p in chosen) / len(chosen)
                s.macro_recall = sum(p.scores[name].recall for p in chosen) / len(chosen)
                s.macro_f1 = sum(p.scores[name].f1 for p in chosen) / len(chosen)
            summary[group][name] = s
    return HtmlEvalResult(pages, summary, skipped)
