"""Exporting the store: JSON Lines, CSV or Parquet, streamed record by record.

Every record has the keys `parse` prints plus `id` and `sightings`. CSV and
Parquet are flat, so their nested fields (`source`, `sightings`, `duplicate_of`,
`entities`, `events`, `topics`) hold JSON text.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from qaznews.model import item_to_record
from qaznews.store.sqlite import Store

EXPORT_FORMATS = ("jsonl", "csv", "parquet")

#: Column order of the flat formats.
COLUMNS = (
    "id", "kind", "title", "published", "views", "body", "url", "outlet", "language",
    "title_language", "body_language", "captured", "source", "sightings", "story",
    "duplicate_of", "entities", "events", "topics",
)
_NESTED = ("source", "sightings", "duplicate_of", "entities", "events", "topics")
_PARQUET_BATCH = 2000


def export_records(store: Store) -> Iterator[dict[str, Any]]:
    for item in store.iter_items():
        record = item_to_record(item)
        record["sightings"] = [s.as_dict() for s in item.sightings]
        yield record


def _flat(record: dict[str, Any]) -> dict[str, Any]:
    row = {column: record.get(column) for column in COLUMNS}
    for column in _NESTED:
        if row[column] is not None:
            row[column] = json.dumps(row[column], ensure_ascii=False)
    return row


def export_store(store: Store, format: str, output: Path | None) -> int:
    """Write every stored record to ``output`` (standard output when None); return the count."""
    if format == "parquet":
        if output is None:
            raise ValueError("parquet export needs an output file")
        return _write_parquet(store, output)
    if output is None:
        return _write_text(store, format, sys.stdout)
    # Written beside the target and moved into place, so a failed export leaves no half file.
    partial = output.with_name(output.name + ".partial")
    with partial.open("w", encoding="utf-8", newline="") as handle:
        count = _write_text(store, format, handle)
    partial.replace(output)
    return count


def _write_text(store: Store, format: str, handle: IO[str] | io.TextIOBase) -> int:
    count = 0
    if format == "jsonl":
        for record in export_records(store):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
        return count
    writer = csv.DictWriter(handle, fieldnames=COLUMNS)
    writer.writeheader()
    for record in export_records(store):
        writer.writerow(_flat(record))
        count += 1
    return count


def _write_parquet(store: Store, output: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([
        (column, pa.int64() if column == "views" else pa.string()) for column in COLUMNS
    ])
    partial = output.with_name(output.name + ".partial")
    count = 0
    with pq.ParquetWriter(partial, schema) as writer:
        batch: list[dict[str, Any]] = []
        for record in export_records(store):
            batch.append(_flat(record))
            if len(batch) >= _PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    partial.replace(output)
    return count
