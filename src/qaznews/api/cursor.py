"""Opaque keyset cursors: the sort key of the last row served, never an offset.

A cursor is URL-safe base64 of a small JSON list: the route's kind (``articles:newest``...)
and the key values of the last row of the page. The next page starts strictly after that
key, so rows inserted meanwhile never shift a page (no duplicates, no omissions of rows
that were there). A cursor of another route or sort, or one that does not decode, is a
:class:`CursorError` (a 400).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence

Key = str | int | float | None


class CursorError(ValueError):
    """The cursor does not decode, or belongs to another list or sort order."""


def encode_cursor(kind: str, key: Sequence[Key]) -> str:
    raw = json.dumps([kind, *key], separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, kind: str, types: Sequence[tuple[type, ...]]) -> list[Key]:
    """The key of ``cursor``, checked against ``kind`` and the allowed types of each value."""
    if len(cursor) > 2048:
        raise CursorError("cursor is too long")
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw.decode())
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise CursorError("cursor does not decode; use the next_cursor of a page") from None
    if not isinstance(data, list) or not data or data[0] != kind:
        raise CursorError("cursor belongs to another list or sort order")
    values = data[1:]
    if len(values) != len(types):
        raise CursorError("cursor does not decode; use the next_cursor of a page")
    for value, allowed in zip(values, types, strict=True):
        if isinstance(value, bool) or not isinstance(value, allowed):
            raise CursorError("cursor does not decode; use the next_cursor of a page")
    return list(values)
