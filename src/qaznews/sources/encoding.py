"""Decoding web pages whose charset declarations cannot be trusted.

One set of rules for every page, fetched or saved: the crawler's responses
(sources/fetch.py) and saved pages (sources/html.py) decode the same way.
"""

from __future__ import annotations

import codecs
import re

from qaznews.sources.files import plausible_cp1251

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I
)
_WESTERN = {"latin-1", "iso8859-1", "cp1252", "ascii", "iso8859-15"}


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def decode_page(content: bytes, declared: str | None = None) -> tuple[str, str]:
    """Text of a page and the encoding used, trusting the bytes over what they claim.

    Order: a byte-order mark; valid UTF-8 (random single-byte text is almost never
    valid UTF-8, so a page declaring cp1251 that is really UTF-8 reads right); the
    declared charset of the headers, then of the ``<meta>`` tag, except that a
    Western single-byte charset is not believed for text that reads as Cyrillic in
    cp1251; then cp1251 when the text reads as Cyrillic; else UTF-8 with replacement.
    """
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if content.startswith(bom):
            return content.decode(name, errors="replace"), name
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    meta = _META_CHARSET.search(content[:4096])
    candidates = [_codec(declared), _codec(meta.group(1).decode("ascii") if meta else None)]
    cyrillic = plausible_cp1251(content[:65536])
    for codec in candidates:
        if codec is None or codec == "utf-8":
            continue
        if codec in _WESTERN and cyrillic:
            continue
        try:
            return content.decode(codec), codec
        except (UnicodeDecodeError, LookupError):
            continue
    if cyrillic:
        return content.decode("cp1251", errors="replace"), "cp1251"
    return content.decode("utf-8", errors="replace"), "utf-8"
