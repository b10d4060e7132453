"""Stages and the runner that applies them.

A stage is a plain function from a batch of items to a batch of items, declared
with a name, a version and the fields it reads and sets. Defining a pipeline is
separate from running it: :class:`Pipeline` checks at build time that every stage
finds the fields it needs, and :func:`run_local` applies it in this process. A
distributed runner later takes the same stages and maps them over partitions.

A record that makes a stage fail is set aside with its reason (as Scrapy drops an
item) and the rest of the batch goes on: the batch is retried one record at a
time to find the culprit, so the normal path stays a single call per batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from qaznews.model import Item

BatchFunction = Callable[[list[Item]], list[Item]]

#: Fields every reader fills; the first stage may need only these.
READER_FIELDS = frozenset(
    {"title", "body", "published", "views", "url", "captured", "source", "sightings"}
)


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    version: str
    function: BatchFunction
    needs: frozenset[str]
    sets: frozenset[str]

    def __call__(self, batch: list[Item]) -> list[Item]:
        return self.function(batch)


def stage(name: str, version: str, *, needs: Iterable[str] = (),
          sets: Iterable[str] = ()) -> Callable[[BatchFunction], Stage]:
    """Declare a batch function as a stage."""

    def wrap(function: BatchFunction) -> Stage:
        return Stage(name, version, function, frozenset(needs), frozenset(sets))

    return wrap


class PipelineError(Exception):
    """A pipeline whose stages are out of order."""


@dataclass(slots=True)
class Rejected:
    """A record set aside by a stage, with the reason."""

    item: Item
    stage: str
    reason: str


@dataclass(slots=True)
class Pipeline:
    stages: Sequence[Stage]
    available: frozenset[str] = READER_FIELDS

    def __post_init__(self) -> None:
        have = set(self.available)
        for each in self.stages:
            missing = each.needs - have
            if missing:
                raise PipelineError(
                    f"stage {each.name!r} needs {sorted(missing)}, which no earlier stage sets"
                )
            have |= each.sets

    @property
    def versions(self) -> dict[str, str]:
        """Stage versions, stored with what they produced so that upgrades know what to re-run."""
        return {each.name: each.version for each in self.stages}


@dataclass(slots=True)
class RunResult:
    items: list[Item]
    rejected: list[Rejected] = field(default_factory=list)


def run_batch(pipeline: Pipeline, batch: list[Item]) -> RunResult:
    result = RunResult(items=list(batch))
    for each in pipeline.stages:
        try:
            result.items = each(result.items)
        except Exception:  # a bad record must not sink its batch: isolate it
            kept: list[Item] = []
            for item in result.items:
                try:
                    kept.extend(each([item]))
                except Exception as exc:
                    reason = f"{type(exc).__name__}: {exc}"
                    result.rejected.append(Rejected(item, each.name, reason))
            result.items = kept
    return result


def run_local(pipeline: Pipeline, batches: Iterable[list[Item]]) -> Iterator[RunResult]:
    """Apply the pipeline to each batch in this process, lazily."""
    for batch in batches:
        yield run_batch(pipeline, batch)
