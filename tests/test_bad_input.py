"""Bad input never crashes, never hides the other inputs, and always names the file."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path

import pytest

from qaznews.core import FileReport, ingest_paths, parse_paths
from qaznews.model import Article, Item
from qaznews.settings import load_settings
from qaznews.sources.files import open_capture
from qaznews.store.sqlite import Store, WriteCounts

GOOD = "03.03.2026, 12:00 150\nSpring Comes to Turkistan\nApricot trees blossomed early this year.\n"
RUSSIAN = "03.03.2026, 12:00 150\nВесна пришла в Туркестан\nАбрикосовые деревья зацвели рано.\n"


def _run(paths: list[Path], **settings: object) -> tuple[list[Article], list[FileReport]]:
    reports: list[FileReport] = []
    items = list(parse_paths(paths, settings=load_settings(None, **settings), language=False,
                             on_report=reports.append))
    return [i for i in items if isinstance(i, Article)], reports


def _error_for(reports: list[FileReport], path: Path) -> str | None:
    return next(r.error for r in reports if r.path == str(path))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"\n\n   \n", "empty file"),
        ("binary.txt", bytes(range(256)) * 40, "binary file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + b"\x00\x10" * 500, "binary file"),
        ("latin.txt", "Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e".encode("latin-1") * 50,
         "not UTF-8, UTF-16 or cp1251"),
        ("noitems.txt", b"Just a note to myself.\nNothing dated here.\n", "no news items"),
        ("truncated.txt.gz", gzip.compress(GOOD.encode() * 50)[:60], "damaged"),
    ],
)
def test_bad_file_is_reported_and_others_still_read(
    write_capture: Callable[..., Path], tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    good = write_capture("good.txt", GOOD)
    articles, reports = _run([bad, good])
    error = _error_for(reports, bad)
    assert error is not None and message in error and str(bad) in error
    assert [a.title for a in articles] == ["Spring Comes to Turkistan"]


@pytest.mark.parametrize("encoding", ["cp1251", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_other_encodings_are_read(write_capture: Callable[..., Path], encoding: str) -> None:
    path = write_capture(f"{encoding}.txt", RUSSIAN, encoding=encoding)
    articles, reports = _run([path])
    assert reports[0].error is None
    assert [a.title for a in articles] == ["Весна пришла в Туркестан"]
    if encoding == "cp1251":
        assert any("read as cp1251" in w for w in reports[0].warnings)


def test_truncated_utf8_keeps_what_is_there(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt"
    path.write_bytes(RUSSIAN.encode("utf-8")[:-3])  # drops "\n", "." and half of the last "о"
    articles, reports = _run([path])
    assert reports[0].error is None
    assert any("truncated" in w for w in reports[0].warnings)
    assert articles[0].title == "Весна пришла в Туркестан"


def test_gzip_capture_is_read(tmp_path: Path) -> None:
    path = tmp_path / "page.txt.gz"
    path.write_bytes(gzip.compress(GOOD.encode()))
    articles, reports = _run([path])
    assert reports[0].error is None and len(articles) == 1


def test_missing_path_and_directories(write_capture: Callable[..., Path], tmp_path: Path) -> None:
    empty_dir = tmp_path / "nothing"
    empty_dir.mkdir()
    folder = tmp_path / "captures"
    folder.mkdir()
    (folder / "one.txt").write_text(GOOD, encoding="utf-8")
    (folder / "notes.md").write_text("not a capture", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    articles, reports = _run([missing, empty_dir, folder])
    assert "no such file" in (_error_for(reports, missing) or "")
    assert "holds no captures, pages" in (_error_for(reports, empty_dir) or "")
    assert [a.title for a in articles] == ["Spring Comes to Turkistan"]


def test_gigantic_file_is_refused_with_the_limit(write_capture: Callable[..., Path]) -> None:
    path = write_capture("big.txt", GOOD * 100)
    _, reports = _run([path], max_file_bytes=1000)
    assert "above the limit of 1,000" in (reports[0].error or "")


def test_runaway_line_is_cut_and_named(write_capture: Callable[..., Path]) -> None:
    path = write_capture("long.txt", "x" * 5000 + "\n" + GOOD)
    articles, reports = _run([path], max_line_chars=1000)
    assert any(f"{path}:1: line longer than 1000" in w for w in reports[0].warnings)
    assert [a.title for a in articles] == ["Spring Comes to Turkistan"]


def test_failed_file_leaves_nothing_in_the_store(
    write_capture: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that fails half-way through is rolled back whole; the next file still lands."""
    first = write_capture("first.txt", GOOD + "04.03.2026, 09:00 20\nSecond Item\nMore text.\n")
    second = write_capture("second.txt", RUSSIAN)
    original_write = Store.write
    calls = {"first": 0}

    def failing_write(self: Store, items: list[Item], versions: object = None) -> WriteCounts:
        if any(item.source.file == str(first) for item in items):
            calls["first"] += 1
            if calls["first"] == 2:  # the first article is written, the second fails
                raise OSError("disk went away")
        return original_write(self, items, versions)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "write", failing_write)
    with Store(tmp_path / "s.db") as store:
        summary = ingest_paths([first, second], store,
                               settings=load_settings(None, batch_size=1), language=False)
        assert calls["first"] == 2
        assert [r.error is not None for r in summary.files] == [True, False]
        assert "disk went away" in (summary.files[0].error or "")
        titles = [row["title"] for row in store.query("SELECT title FROM articles")]
        assert titles == ["Весна пришла в Туркестан"]  # nothing of the first file
        assert store.counts()["inputs"] == 1  # the failed file is not marked as read
        assert store.counts()["sightings"] == 1


def test_cp1251_with_its_undefined_byte(tmp_path: Path) -> None:
    path = tmp_path / "cp1251.txt"
    path.write_bytes(RUSSIAN.encode("cp1251").replace("рано".encode("cp1251"), b"\x98" + "рано".encode("cp1251")))
    articles, reports = _run([path])
    assert reports[0].error is None
    assert articles[0].title == "Весна пришла в Туркестан"
    assert "\ufffd" in articles[0].body


def test_runaway_line_longer_than_a_read_chunk(tmp_path: Path) -> None:
    """A line with no end in sight is cut once, and the lines after it keep their numbers."""
    path = tmp_path / "runaway.txt"
    path.write_text("y" * 700_000 + "\n" + GOOD + "z" * 5000, encoding="utf-8")
    reports: list[FileReport] = []
    settings = load_settings(None, max_line_chars=2000)
    items = list(parse_paths([path], settings=settings, language=False,
                             on_report=reports.append))
    assert [w.split(": ")[0] for w in reports[0].warnings] == [f"{path}:1", f"{path}:5"]
    article = next(i for i in items if isinstance(i, Article))
    assert article.source.line == 2 and article.title == "Spring Comes to Turkistan"
    assert article.body.endswith("z" * 2000)  # the unfinished last line, cut at the limit


def test_line_numbers_survive_crlf_and_chunking(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    filler = "".join(f"0{d}.01.2026, 10:00 {d}\r\nTitle {d}\r\nBody {d}.\r\n" for d in range(1, 10))
    path.write_bytes((filler * 3000).encode("utf-8"))
    articles, _ = _run([path])
    assert [a.source.line for a in articles[:3]] == [1, 4, 7]
    assert articles[-1].source.line == 3 * 9 * 3000 - 2


def test_bad_byte_deep_in_a_utf8_file_is_replaced_and_named(tmp_path: Path) -> None:
    filler = "".join(f"0{d}.01.2026, 10:00 {d}\nTitle {d}\nBody of item {d}.\n" for d in range(1, 10))
    repeats = 70_000 // len(filler) + 1  # past the 64 KiB the encoding is decided on
    broken = "03.03.2026, 12:00 150\nBroken Item\nA byte \udcff went bad.\n"
    path = tmp_path / "late.txt"
    path.write_bytes((filler * repeats + broken).encode("utf-8", "surrogateescape"))
    articles, reports = _run([path])
    assert reports[0].error is None
    bad_line = 3 * 9 * repeats + 3
    assert f"{path}:{bad_line}: bytes that are not valid utf-8 replaced" in reports[0].warnings
    assert articles[-1].title == "Broken Item" and articles[-1].body == "A byte \ufffd went bad."


def test_old_mac_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "mac.txt"
    path.write_bytes(GOOD.replace("\n", "\r").encode("utf-8"))
    articles, reports = _run([path])
    assert reports[0].error is None
    assert [(a.title, a.body, a.source.line) for a in articles] == [
        ("Spring Comes to Turkistan", "Apricot trees blossomed early this year.", 1)]


def test_size_limit_message_names_a_setting_that_exists(write_capture: Callable[..., Path]) -> None:
    _, reports = _run([write_capture("big.txt", GOOD * 10)], max_file_bytes=100)
    assert "QAZNEWS_MAX_FILE_BYTES" in (reports[0].error or "")


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_streamed_lines_equal_the_split_file(tmp_path: Path, ending: str) -> None:
    # Lines of every length, so that chunk boundaries fall inside lines, inside line
    # ends and right after them; a file of several chunks, with and without a final end.
    lines = [("ж" if number % 3 else "w") * (number * 7919 % 700) for number in range(3000)]
    for final in ("", ending):
        path = tmp_path / f"lines{len(final)}.txt"
        text = ending.join(lines) + final
        path.write_bytes(text.encode("utf-8"))
        capture = open_capture(path, max_file_bytes=10**9, max_line_chars=10**6)
        streamed = list(capture.lines())
        expected = text.splitlines()
        assert len(text) > 3 * 256 * 1024 and len(expected) >= 2999
        assert [text for _, text in streamed] == expected
        assert [number for number, _ in streamed] == list(range(1, len(expected) + 1))
