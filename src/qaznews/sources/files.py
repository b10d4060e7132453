"""Opening the files a user hands us: finding them, deciding their encoding, streaming their lines.

Captures come from many tools, so the encoding is not trusted: UTF-8 first, UTF-16
when byte-order marks or NUL patterns say so, then cp1251 (the Windows Cyrillic code
page older Kazakh sites still use). Anything else is reported, not guessed.
Files are streamed line by line, never loaded whole, so a gigantic capture costs
no more memory than a small one.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from qaznews.errors import InputError

#: Endings of the plain-text captures our users keep.
CAPTURE_SUFFIXES = (".txt", ".text", ".txt.gz")
#: Endings of saved web material (read by sources/webfiles.py).
PAGE_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
FEED_SUFFIXES = (".rss", ".atom", ".rss.gz", ".atom.gz")
#: What a folder is searched for.
INPUT_SUFFIXES = CAPTURE_SUFFIXES + PAGE_SUFFIXES + WARC_SUFFIXES + FEED_SUFFIXES

_SNIFF_BYTES = 64 * 1024
_CHUNK_BYTES = 256 * 1024
#: A share of control characters above this in the first 64 KiB means a binary file.
_MAX_CONTROL_SHARE = 0.01
_GZIP_MAGIC = b"\x1f\x8b"
_LETTERS = re.compile(r"[^\W\d_]+")
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1f]")

#: How many undecodable bytes the counting handler has replaced, process-wide: a reader
#: compares the count before and after decoding a chunk to know the chunk was damaged.
_REPLACED = [0]
_COUNTING_REPLACE = "qaznews-count-and-replace"


def _count_and_replace(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    _REPLACED[0] += error.end - error.start
    return "\ufffd", error.end


codecs.register_error(_COUNTING_REPLACE, _count_and_replace)


@dataclass(slots=True)
class CaptureFile:
    """A readable text capture: its path, how to decode it, and what it contains by hash."""

    path: Path
    encoding: str
    content_hash: str
    size: int
    compressed: bool
    max_line_chars: int
    warnings: list[str] = field(default_factory=list)
    #: Warnings given already: a capture read more than once warns once.
    _warned: set[str] = field(default_factory=set)

    @property
    def name(self) -> str:
        return str(self.path)

    def _open_binary(self) -> IO[bytes]:
        if self.compressed:
            return gzip.open(self.path, "rb")  # type: ignore[return-value]
        return self.path.open("rb")

    def lines(self) -> Iterator[tuple[int, str]]:
        """(1-based line number, line without its end) pairs, streamed."""
        for first, block in self.line_blocks():
            yield from enumerate(block, first)

    def line_blocks(self) -> Iterator[tuple[int, list[str]]]:
        """The lines in blocks, each with the 1-based number of its first line, streamed.

        Blocks, not single lines, because a reader loops over a list far faster than it
        resumes a generator once per line. Decoded here, once: bytes that are not valid
        in the file's encoding become U+FFFD and a warning names their line; an
        incomplete last character means a cut-off file. A line longer than
        ``max_line_chars`` is cut there (a warning names it), so one runaway line cannot
        exhaust memory. Line ends may be \\n, \\r\\n or \\r.
        """
        limit = self.max_line_chars
        decoder = codecs.getincrementaldecoder(self.encoding)(_COUNTING_REPLACE)
        number = 0  # lines given out so far
        pending = ""  # the unfinished last line of the previous chunk
        cutting = False  # inside a runaway line: drop everything up to its end
        with self._open_binary() as raw:
            while True:
                data = raw.read(_CHUNK_BYTES)
                replaced_before = _REPLACED[0]
                chunk = decoder.decode(data, final=not data)
                damaged = _REPLACED[0] != replaced_before
                if not data and damaged:
                    self._warn(f"{self.name}: ends in a cut-off character (truncated file?)")
                    damaged = False
                if cutting:
                    end = chunk.find("\n")
                    if end < 0:
                        if not data:
                            break
                        continue
                    chunk, cutting = chunk[end + 1:], False
                size = len(pending) + len(chunk)
                if "\r" in chunk or "\r" in pending:
                    text = pending + chunk
                    hold = ""
                    if data and text.endswith("\r"):  # may be the first half of \r\n
                        text, hold = text[:-1], "\r"
                    text = text.replace("\r\n", "\n").replace("\r", "\n")
                    lines = text.split("\n")
                    pending = lines.pop() + hold
                else:  # the usual \n ends: no copy of the chunk to join the pending line
                    lines = chunk.split("\n")
                    lines[0] = pending + lines[0]
                    pending = lines.pop()
                if not data:
                    if pending:
                        lines.append(pending)
                    pending = ""
                if damaged or size > limit:  # else no line can need a warning
                    for index, line in enumerate(lines):
                        if len(line) > limit:
                            self._warn_cut(number + index + 1)
                            lines[index] = line = line[:limit]
                        if damaged and "\ufffd" in line:
                            self._warn(f"{self.name}:{number + index + 1}: bytes that are not "
                                       f"valid {self.encoding} replaced")
                if lines:
                    yield number + 1, lines
                    number += len(lines)
                if len(pending) > limit:
                    number += 1
                    self._warn_cut(number)
                    yield number, [pending[:limit]]
                    pending, cutting = "", True
                if not data:
                    break

    def _warn(self, message: str) -> None:
        if message not in self._warned:
            self._warned.add(message)
            self.warnings.append(message)

    def _warn_cut(self, number: int) -> None:
        self._warn(f"{self.name}:{number}: line longer than {self.max_line_chars} characters, cut")


def expand_inputs(paths: Iterable[Path | str]) -> Iterator[Path | InputError]:
    """Files named, and the capture files inside folders named, in a stable order.

    Problems come back as errors in the stream, so one bad path never stops the others.
    """
    for given in paths:
        path = Path(given)
        if not path.exists():
            yield InputError("no such file or directory", where=str(path))
        elif path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.name.lower().endswith(INPUT_SUFFIXES)
            )
            if not found:
                yield InputError(
                    "directory holds no captures, pages, web archives or feeds ("
                    + ", ".join(INPUT_SUFFIXES) + ")",
                    where=str(path),
                )
            yield from found
        else:
            yield path


def open_capture(path: Path, *, max_file_bytes: int, max_line_chars: int) -> CaptureFile:
    """Check a file and decide how to decode it; :class:`InputError` when it cannot be read."""
    where = str(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", where=where) from exc
    if size > max_file_bytes:
        raise InputError(
            f"file is {size:,} bytes, above the limit of {max_file_bytes:,} "
            "(raise the max_file_bytes setting, e.g. QAZNEWS_MAX_FILE_BYTES)",
            where=where,
        )
    compressed = head.startswith(_GZIP_MAGIC)
    if compressed:
        head = _gunzip_head(path)
    if not head.strip():
        raise InputError("empty file", where=where)

    encoding = encoding_from_bom(head) or _utf16_without_bom(head)
    if encoding is None and b"\x00" in head:
        raise InputError("binary file, not a text capture", where=where)

    capture = CaptureFile(
        path=path, encoding=encoding or "utf-8", content_hash="",
        size=size, compressed=compressed, max_line_chars=max_line_chars,
    )
    if encoding is None:
        # The first 64 KiB decide: captures are written by one tool in one encoding, and
        # decoding the whole file twice would double the cost of reading it.
        bad_at = first_bad_utf8_byte(head)
        if bad_at is not None:
            if not plausible_cp1251(head):
                raise InputError(
                    f"not UTF-8, UTF-16 or cp1251 text (bad byte at offset {bad_at})",
                    where=where,
                )
            capture.encoding = "cp1251"
            capture.warnings.append(f"{where}: not UTF-8; read as cp1251")
    capture.content_hash = _hash(capture)
    sample = head.decode(capture.encoding, errors="replace")
    controls = len(_CONTROL_CHARACTERS.findall(sample))
    if sample and controls / len(sample) > _MAX_CONTROL_SHARE:
        raise InputError("binary file, not a text capture", where=where)
    return capture


def _gunzip_head(path: Path) -> bytes:
    try:
        with gzip.open(path, "rb") as handle:
            return handle.read(_SNIFF_BYTES)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"damaged gzip file: {exc}", where=str(path)) from exc


def encoding_from_bom(head: bytes) -> str | None:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 text of mostly ASCII or Cyrillic has a NUL or 0x04 in every other byte."""
    sample = head[: len(head) - len(head) % 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    high = (0, 4)  # high bytes of Latin and Cyrillic code points
    share_odd = sum(odd.count(b) for b in high) / len(odd)
    share_even = sum(even.count(b) for b in high) / len(even)
    if share_odd > 0.9 and even.count(0) < len(even) * 0.1:
        return "utf-16-le"
    if share_even > 0.9 and odd.count(0) < len(odd) * 0.1:
        return "utf-16-be"
    return None


def first_bad_utf8_byte(head: bytes) -> int | None:
    """Offset of the first byte that is not UTF-8; a character cut by the end of the sniffed
    window is no error, and neither is one cut by the end of a (truncated) file."""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(head) - 3:
            return None
        return exc.start
    return None


def _hash(capture: CaptureFile) -> str:
    """Hash of the whole (decompressed) content: what identifies an input, whatever its name."""
    digest = hashlib.sha256()
    try:
        with capture._open_binary() as raw:
            while chunk := raw.read(_CHUNK_BYTES):
                digest.update(chunk)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"damaged or truncated file: {exc}", where=capture.name) from exc
    return digest.hexdigest()


def plausible_cp1251(head: bytes) -> bool:
    """cp1251 decodes almost any bytes; accept it only when the text reads as Cyrillic.

    Western European text (Latin-1) also decodes to Cyrillic letters, but scattered
    inside Latin words ("Cafй crиme"); real Cyrillic words are Cyrillic throughout.
    """
    text = head.decode("cp1251", errors="replace")
    high = [ch for ch in text if ord(ch) > 127]
    if not high:
        return False
    cyrillic = sum(1 for ch in high if "\u0400" <= ch <= "\u04ff")
    if cyrillic / len(high) <= 0.7:
        return False
    words = [w for w in _LETTERS.findall(text) if any("\u0400" <= ch <= "\u04ff" for ch in w)]
    mixed = sum(1 for w in words if any(ch.isascii() for ch in w))
    return mixed / len(words) < 0.2
