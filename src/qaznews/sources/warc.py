"""Reading web archives (WARC, as crawlers and `wget --warc-file` write them) into pages.

Only what a news reader needs: every ``response`` record of status 200 whose
Content-Type is HTML (or, lacking one, whose payload looks like HTML), as
``(url, body bytes, capture date)``. Other records (requests, metadata, images,
redirects, errors) are skipped. ``.warc`` and ``.warc.gz`` (record-wise or whole-file
gzip) are both read; warcio undoes chunked and gzip transfer encodings.

A truncated or damaged archive yields the records before the damage and then raises
:class:`~qaznews.errors.InputError` naming the file and how many pages were read.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from qaznews.errors import InputError

__all__ = ["WARC_SUFFIXES", "read_warc"]

WARC_SUFFIXES = (".warc", ".warc.gz")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
#: Bodies above this are skipped (a runaway record, not a news page).
MAX_BODY_BYTES = 20 * 1024 * 1024


def _capture_date(value: str | None) -> dt.date | None:
    """WARC-Date is ISO 8601 (`2026-03-12T10:15:00Z`); its date is the capture date."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _looks_html(head: bytes) -> bool:
    start = head[:512].lstrip().lower()
    return start.startswith((b"<!doctype html", b"<html", b"<head", b"<?xml")) or b"<html" in start


_DRAIN_BYTES = 1 << 16


def _starts_like_warc(head: bytes) -> bool:
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head)
        except zlib.error:
            return False
    return head.lstrip().startswith(b"WARC/")


def _html_response(record: Any) -> tuple[str, bytes, dt.date | None] | None:
    """(URL, body, capture date) of a successful HTML response record, else None."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    headers = record.http_headers
    if headers.get_statuscode() != "200":
        return None
    content_type = (headers.get_header("Content-Type") or "").lower()
    if content_type and not content_type.startswith(_HTML_TYPES):
        return None
    body: bytes = record.content_stream().read(MAX_BODY_BYTES + 1)
    if len(body) > MAX_BODY_BYTES or (not content_type and not _looks_html(body)):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    return url, body, _capture_date(record.rec_headers.get_header("WARC-Date"))


def read_warc(path: str | Path) -> Iterator[tuple[str, bytes, dt.date | None]]:
    """(URL, HTML body, capture date) of every successful HTML response in the archive."""
    where = str(path)
    pages = 0
    try:
        with Path(path).open("rb") as stream:
            if not _starts_like_warc(stream.read(512)):
                raise InputError("not a WARC file (no WARC/1.x record at its start)",
                                 where=where)
            stream.seek(0)
            for record in ArchiveIterator(stream):
                found = _html_response(record)
                # warcio reads a record cut short by the end of the file without complaint;
                # the bytes its Content-Length promised and the file lacks tell.
                while record.raw_stream.read(_DRAIN_BYTES):
                    pass
                if getattr(record.raw_stream, "limit", 0) > 0:
                    raise InputError(
                        f"truncated WARC: a {record.rec_type} record is cut off after "
                        f"{pages} pages", where=where)
                if found is not None:
                    pages += 1
                    yield found
    except OSError as exc:
        if isinstance(exc, FileNotFoundError):
            raise InputError("no such file or directory", where=where) from exc
        raise InputError(f"damaged or truncated WARC after {pages} pages: {exc}",
                         where=where) from exc
    except (ArchiveLoadFailed, EOFError, zlib.error, ValueError) as exc:
        raise InputError(f"damaged or truncated WARC after {pages} pages: {exc}",
                         where=where) from exc
