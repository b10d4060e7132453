"""The search index (migration 7): our words are the tokenizer's tokens, so the index's own
highlights and snippets mark the words matched; the story groups counting reads; the
counts a page derives from what it read; a store of version 6 migrated."""

from __future__ import annotations

import random
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qaznews.core import ingest_paths, restory
from qaznews.model import Article, Item, Published
from qaznews.search import engine as search_engine
from qaznews.search import parse_query, search, search_text, stem_word, to_fts
from qaznews.search.snippet import CLOSE, CUT, OPEN, render, render_pairs
from qaznews.search.text import query_variants, register_functions
from qaznews.search.tokens import TOKENIZER, probe, tokens
from qaznews.settings import load_settings
from qaznews.store.sqlite import MIGRATIONS, Store

from .conftest import DATA

# -- tokens ---------------------------------------------------------------------------------


def test_the_table_is_the_running_sqlites() -> None:
    """The table in data/unicode61.txt says what this SQLite's tokenizer does: probed again
    over the Basic Multilingual Plane and a sample of the planes beyond."""
    from qaznews.search.tokens import _table

    rng = random.Random(7)
    points = sorted({*range(0x10000), *rng.sample(range(0x10000, 0x110000), 3000),
                     0x1F914, 0x1D400, 0xE0001})
    found = probe(points)
    wanted = set(points)
    for kind in ("separator", "vanishing"):
        table = {p for a, b in _table()[kind] for p in range(a, b + 1) if p in wanted}
        probed = {p for a, b in found[kind] for p in range(a, b + 1)}
        if kind == "vanishing":  # the probe asks only of the characters that are no separator
            table -= {p for a, b in found["separator"] for p in range(a, b + 1)}
        assert probed == table, kind


@pytest.fixture(scope="module")
def fts() -> Iterator[sqlite3.Connection]:
    """An index like the store's: external content, fed with our index forms."""
    conn = sqlite3.connect(":memory:")
    register_functions(conn)
    conn.execute("CREATE TABLE docs (title TEXT, body TEXT)")
    conn.execute(f"CREATE VIRTUAL TABLE idx USING fts5(body, content='docs',"
                 f" tokenize='{TOKENIZER}')")
    yield conn
    conn.close()


TRICKY = ("Astana", "Астана", "Қазақстан", "café", "cafe\u0301", "за\u0301мок", "½", "x_y",
          "wow🤔", "\ue000x", " \u0301 ", "İstanbul", "ǅ", "1⁄2", "Ꙁ", "\u0483", "🇰🇿", "«»",
          "—", "\x00", "₸", "№", "ﬁ", "Ⅻ", "²", "ß", "\u200b", "ı", "\u0300a", "a\u0308")
#: Any text but the two characters the test marks highlights with.
_WORDS = st.one_of(st.sampled_from(TRICKY),
                   st.text(st.characters(codec="utf-8", blacklist_characters="\x02\x03"),
                           min_size=1, max_size=6),
                   st.sampled_from(["minister", "meetings", "встречи", "кездесу"]))


@given(st.lists(_WORDS, min_size=1, max_size=12), st.sampled_from(["en", "ru", "kk"]),
       st.data())
@settings(max_examples=400, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_index_forms_line_up_with_the_tokens(fts: sqlite3.Connection, parts: list[str],
                                             language: str, data: st.DataObject) -> None:
    """One index form a token, in order: the index's highlight of a form marks exactly the
    tokens that stem to it, however odd the text."""
    text = " ".join(parts)
    found = tokens(text)
    forms = search_text(text, language).split()
    assert len(forms) == len(found)
    fts.execute("DELETE FROM docs")
    fts.execute("INSERT INTO idx (idx) VALUES ('delete-all')")
    fts.execute("INSERT INTO docs (rowid, body) VALUES (1, ?)", (text,))
    fts.execute("INSERT INTO idx (rowid, body) VALUES (1, ?)", (" ".join(forms),))
    size = fts.execute("SELECT sz FROM idx_docsize WHERE id = 1").fetchone()[0]
    assert size[0] == len(forms) or (len(forms) > 127 and size[0] >= 128)
    if not forms:
        return
    form = data.draw(st.sampled_from(forms))
    marked = fts.execute("SELECT highlight(idx, 0, char(2), char(3)) FROM idx"
                         " WHERE idx MATCH ?", ('"' + form.replace('"', '""') + '"',)).fetchone()
    assert marked is not None
    inside = re.findall("\x02(.*?)\x03", marked[0], flags=re.S)
    wanted = [t for t, f in zip(found, forms, strict=True) if f == form]
    assert [t for piece in inside for t in tokens(piece)] == wanted


def test_a_form_is_one_token() -> None:
    assert stem_word("½", "script") == "12"
    assert stem_word("за\u0301мок", "script") == stem_word("замок", "script")
    assert tokens("a \u0301 b wow🤔 x_y") == ["a", "b", "wow🤔", "x", "y"]
    assert tokens("Астана, 3 March — «Қазақстан»") == ["Астана", "3", "March", "Қазақстан"]


# -- rendering the index's marks ------------------------------------------------------------------


def test_render_escapes_and_marks() -> None:
    out = render(f"{CUT}a <b> {OPEN}wind farm{CLOSE} &\n\n c{CUT}")
    assert out.html == "… a &lt;b&gt; <mark>wind farm</mark> &amp; c …"
    assert out.text == "… a <b> «wind farm» & c …"
    assert render(None).html == "" and render("").text == ""


def test_stray_marks_in_the_text_never_open_a_tag() -> None:
    for marked in (f"x{CLOSE}y{OPEN}z", f"{OPEN}{OPEN}a", f"a{OPEN}<script>", f"{CLOSE}{CLOSE}"):
        out = render(marked)
        assert out.html.count("<mark>") == out.html.count("</mark>")
        assert "<script>" not in out.html
        assert re.fullmatch(r"(?:[^<]|<mark>|</mark>)*", out.html)


_MARKED_TEXT = st.lists(st.one_of(
    st.sampled_from([OPEN, CLOSE, CUT, " ", "\n", "\t", "\xa0", "\u3000", "\x00", "&", "<",
                     ">", '"', "'", "«", "…", "wind", "Астана"]),
    st.text(max_size=4)), max_size=12).map("".join)


@given(st.lists(st.one_of(st.none(), _MARKED_TEXT,
                          st.builds(lambda a, b, c: f"{CUT}{a}{OPEN}{b}{CLOSE}{c}{CUT}",
                                    _MARKED_TEXT, _MARKED_TEXT, _MARKED_TEXT)),
                max_size=8))
@settings(max_examples=400, deadline=None)
def test_rendering_a_page_at_once_is_rendering_each(pieces: list[str | None]) -> None:
    assert render_pairs(pieces) == [(marked.html, marked.text) for marked in map(render, pieces)]


# -- story groups and counts ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def stories(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    db = tmp_path_factory.mktemp("groups") / "q.db"
    with Store(db) as store:
        ingest_paths(sorted((DATA / "stories").glob("*.txt")), store,
                     settings=load_settings(None, db=db))
        yield store


def _groups(store: Store) -> set[tuple[int, str]]:
    return {(int(r[0]), str(r[1])) for r in store.conn.execute("SELECT r, story FROM search_groups")}


def _expected_groups(store: Store) -> set[tuple[int, str]]:
    return {(int(r[0]), str(r[1])) for r in store.conn.execute(
        "SELECT rowid, story FROM articles WHERE story IN (SELECT story FROM articles"
        " WHERE story IS NOT NULL GROUP BY story HAVING count(*) > 1)")}


def test_story_groups_follow_the_stories(stories: Store) -> None:
    assert _groups(stories) == _expected_groups(stories) and _groups(stories)
    restory(stories, load_settings(None, db=stories.path))
    assert _groups(stories) == _expected_groups(stories)
    first, second = [r[0] for r in stories.conn.execute(
        "SELECT story FROM search_groups GROUP BY story ORDER BY story LIMIT 2")]
    with stories.transaction():  # a story torn apart, one of its articles joining another
        stories.conn.execute("UPDATE articles SET story = 'solo-' || rowid WHERE story = ?",
                             (first,))
        stories.conn.execute("UPDATE articles SET story = ? WHERE rowid IN (SELECT rowid FROM"
                             " articles WHERE story LIKE 'solo-%' LIMIT 1)", (second,))
    assert _groups(stories) == _expected_groups(stories)
    assert first not in {story for _, story in _groups(stories)}
    with stories.transaction():  # members deleted down to one
        while stories.conn.execute("SELECT count(*) FROM articles WHERE story = ?",
                                   (second,)).fetchone()[0] > 1:
            stories.conn.execute("DELETE FROM articles WHERE rowid = (SELECT min(rowid) FROM"
                                 " articles WHERE story = ?)", (second,))
    assert _groups(stories) == _expected_groups(stories)
    assert second not in {story for _, story in _groups(stories)}


def _grouped_is_consistent(store: Store) -> None:
    """search_grouped (migration 9) holds exactly the articles of search_groups, each with
    the index forms of its current title and body, and answers a query with exactly the
    main index's matches among them."""
    conn = store.conn
    conn.execute("INSERT INTO search_grouped (search_grouped) VALUES ('integrity-check')")
    held = {int(r[0]): (r[1], r[2]) for r in conn.execute(
        "SELECT rowid, title, body FROM search_grouped")}
    assert set(held) == {r for r, _ in _groups(store)}
    for rowid, title, body, language, title_language, body_language in conn.execute(
            "SELECT rowid, title, body, language, title_language, body_language FROM articles"
            " WHERE rowid IN (SELECT r FROM search_groups)"):
        assert held[rowid] == (search_text(title, title_language or language),
                               search_text(body, body_language or language))
    grouped = set(held)
    for query in QUERIES:
        expression = to_fts(parse_query(query))
        found = {int(r[0]) for r in conn.execute(
            "SELECT rowid FROM search_grouped WHERE search_grouped MATCH ?", (expression,))}
        every = {int(r[0]) for r in conn.execute(
            "SELECT rowid FROM articles_search WHERE articles_search MATCH ?", (expression,))}
        assert found == every & grouped, query


def test_the_grouped_index_follows_the_groups(tmp_path: Path) -> None:
    """Through ingest, restory, stories torn apart, merged and moved, texts rewritten and
    articles deleted (in random order), search_grouped stays the grouped articles' index."""
    db = tmp_path / "q.db"
    with Store(db) as store:
        ingest_paths(sorted((DATA / "stories").glob("*.txt")), store,
                     settings=load_settings(None, db=db))
        assert _groups(store)
        _grouped_is_consistent(store)
        restory(store, load_settings(None, db=db))
        _grouped_is_consistent(store)
        conn = store.conn
        rng = random.Random(6)
        for step in range(60):
            rowids = [int(r[0]) for r in conn.execute("SELECT rowid FROM articles")]
            stories = [r[0] for r in conn.execute(
                "SELECT DISTINCT story FROM articles WHERE story IS NOT NULL")]
            rowid = rng.choice(rowids)
            kind = rng.choice(["join", "join", "alone", "none", "new", "text", "both", "delete"])
            with store.transaction():
                if kind == "join":  # into another story, grouped or not
                    conn.execute("UPDATE articles SET story = ? WHERE rowid = ?",
                                 (rng.choice(stories), rowid))
                elif kind == "alone":
                    conn.execute("UPDATE articles SET story = 'alone-' || rowid WHERE rowid = ?",
                                 (rowid,))
                elif kind == "none":
                    conn.execute("UPDATE articles SET story = NULL WHERE rowid = ?", (rowid,))
                elif kind == "new":  # two articles make a story of their own
                    conn.execute("UPDATE articles SET story = ? WHERE rowid IN (?, ?)",
                                 (f"pair-{step}", rowid, rng.choice(rowids)))
                elif kind in ("text", "both"):  # a fuller body (and a story) at once
                    story = rng.choice(stories) if kind == "both" else None
                    conn.execute(
                        "UPDATE articles SET body = body || ' Minister met wind farm builders"
                        " in Астана.', story = coalesce(?, story) WHERE rowid = ?",
                        (story, rowid))
                elif len(rowids) > 20:
                    conn.execute("DELETE FROM articles WHERE rowid = ?", (rowid,))
            assert _groups(store) == _expected_groups(store), (step, kind)
            _grouped_is_consistent(store)


QUERIES = ["Kazakhstan", "minister OR министр", '"foreign ministers"', "Kazakhstan -China",
           "Astana OR Астана OR Kazakhstan OR Казахстан OR minister"]
OPTIONS = [{}, {"sort": "date"}, {"sort": "views"}, {"languages": ["en"]},
           {"since": "2025-01-01", "sort": "date"}]


@pytest.mark.parametrize("cap", [3, 10, 2000])
@pytest.mark.parametrize("options", OPTIONS)
@pytest.mark.parametrize("query", QUERIES)
def test_counts_are_those_of_every_match(stories: Store, monkeypatch: pytest.MonkeyPatch,
                                         query: str, options: dict[str, object],
                                         cap: int) -> None:
    """Whichever way a page counts (from the rows it read, from the index and the story
    groups, or in a pass of its own), it counts what a walk through every match finds;
    beyond the cap, the stories are a lower bound and said to be."""
    monkeypatch.setattr(search_engine, "STORY_COUNT_CAP", cap)
    flat = search(stories, query, collapse=False, limit=200, **options)  # type: ignore[arg-type]
    every = {hit.story or hit.id for hit in flat.results}
    page = search(stories, query, limit=2, **options)  # type: ignore[arg-type]
    assert page.total == len(flat.results)
    if page.stories_exact:
        assert page.stories == len(every)
    else:
        assert page.total > cap and 1 <= page.stories <= len(every)
    if page.next_cursor:  # a later page carries the counts
        later = search(stories, query, limit=2, cursor=page.next_cursor, **options)  # type: ignore[arg-type]
        assert (later.total, later.stories) == (page.total, page.stories)


@pytest.mark.parametrize("scan_max", [0, 2, 10_000])
def test_every_way_of_reading_the_results_gives_the_same_page(
        stories: Store, monkeypatch: pytest.MonkeyPatch, scan_max: int) -> None:
    """A pass over the matches or a lookup for each result: the same results, marks,
    scores and counts."""
    wanted = {(query, sort): search(stories, query, sort=sort, limit=5)
              for query in [*QUERIES, '"wind farm" OR Kazakhstan']
              for sort in ("relevance", "date")}
    monkeypatch.setattr(search_engine, "HIT_SCAN_MAX", scan_max)
    for (query, sort), page in wanted.items():
        again = search(stories, query, sort=sort, limit=5)
        assert again.to_dict() == page.to_dict(), (query, sort)
        assert all(hit.title_html for hit in again.results)


def test_highlights_mark_what_the_index_matched(stories: Store) -> None:
    for hit in search(stories, '"foreign ministers"').results:  # a phrase: one mark
        marks = re.findall(r"<mark>(.*?)</mark>", hit.title_html + hit.snippet_html)
        assert marks and all(re.fullmatch(r"foreign minister\w*", m, re.I) for m in marks)
    forms = set(query_variants("ministers"))
    for hit in search(stories, "ministers", limit=20).results:
        marked = re.findall(r"«([^»]*)»", hit.snippet_text + hit.title_html.replace(
            "<mark>", "«").replace("</mark>", "»"))
        assert marked
        assert all({stem_word(m, "script"), stem_word(m, "kk")} & forms for m in marked), marked


# -- migration 7 --------------------------------------------------------------------------------------


def _version_6_store(path: Path, articles: list[Article]) -> None:
    """A store as qaznews wrote it before migration 7 (its contentless index included)."""
    conn = sqlite3.connect(path, isolation_level=None)
    register_functions(conn)
    from qaznews.store.sqlite import _statements

    for script in MIGRATIONS[:6]:
        for statement in _statements(script):
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 6")
    for number, item in enumerate(articles):
        conn.execute(
            "INSERT INTO articles (id, title, body, published, outlet, language, story,"
            " first_stored) VALUES (?, ?, ?, ?, ?, ?, ?, '2026-01-01')",
            (item.id, item.title, item.body, item.published.iso() if item.published else None,
             item.outlet, item.language, f"s{number % 3}" if number < 4 else None))
    conn.close()


def test_migration_7_keeps_every_result_and_adds_highlights(tmp_path: Path) -> None:
    texts = [("Wind farm agreed", "A wind farm will be built in Mangystau region."),
             ("Ветряная электростанция", "В Мангистау построят ветряную электростанцию."),
             ("Жел электр стансасы", "Маңғыстауда жел электр стансасы салынады."),
             ("Trade talks", "Ministers discussed trade and a wind farm."),
             ("Grain", "Grain exports rose.")]
    items = [Article(title=t, body=b, published=Published.from_iso(f"2026-01-0{n + 1}"),
                     outlet="kt.kz", language=("en", "ru", "kk", "en", "en")[n])
             for n, (t, b) in enumerate(texts)]
    old = tmp_path / "old.db"
    _version_6_store(old, items)
    fresh = tmp_path / "fresh.db"
    with Store(fresh) as store, store.transaction():
        store.write(list[Item](items))
        for number, item in enumerate(items[:4]):
            store.conn.execute("UPDATE articles SET story = ? WHERE id = ?",
                               (f"s{number % 3}", item.id))
    with Store(old) as migrated, Store(fresh) as written:
        assert migrated.schema_version == len(MIGRATIONS)
        assert _groups(migrated) == _groups(written) == _expected_groups(migrated)
        _grouped_is_consistent(migrated)
        _grouped_is_consistent(written)
        for query in ("wind", '"wind farm"', "электростанция", "Маңғыстау", "trade -grain"):
            for sort in ("relevance", "date"):
                a, b = search(migrated, query, sort=sort), search(written, query, sort=sort)
                assert [h.id for h in a.results] == [h.id for h in b.results]
                assert (a.total, a.stories) == (b.total, b.stories)
                assert [h.snippet_html for h in a.results] == [h.snippet_html for h in b.results]
        assert "<mark>wind farm</mark>" in search(migrated, '"wind farm"').results[0].snippet_html


def test_migration_10_writes_the_index_again_in_smaller_pages(tmp_path: Path) -> None:
    """Migration 10 sets the index's page size and writes it whole again: every query
    finds the same articles with the same BM25 scores, and lookups still work."""
    db = tmp_path / "q.db"
    sql = ("SELECT rowid, bm25(articles_search, 2.0, 1.0) AS s FROM articles_search"
           " WHERE articles_search MATCH ? ORDER BY s, rowid")
    expressions = [to_fts(parse_query(query)) for query in QUERIES]
    with Store(db) as store:
        ingest_paths(sorted((DATA / "stories").glob("*.txt")), store,
                     settings=load_settings(None, db=db))
        with store.transaction():  # back to version 9: FTS5's page size, the pages again
            store.conn.execute("DELETE FROM articles_search_config WHERE k = 'pgsz'")
            store.conn.execute("INSERT INTO articles_search (articles_search) VALUES"
                               " ('optimize')")
            store.conn.execute("PRAGMA user_version = 9")
        before = [store.conn.execute(sql, (e,)).fetchall() for e in expressions]
        pages = search(store, "Kazakhstan", limit=3).to_dict()
        assert all(before)
    with Store(db) as store:
        assert store.schema_version == len(MIGRATIONS)
        assert store.conn.execute("SELECT v FROM articles_search_config WHERE k = 'pgsz'"
                                  ).fetchone()[0] == 2000
        assert [store.conn.execute(sql, (e,)).fetchall() for e in expressions] == before
        assert store.conn.execute("SELECT count(*) FROM articles_search_docsize WHERE id < 1"
                                  ).fetchone()[0] == 0
        assert search(store, "Kazakhstan", limit=3).to_dict() == pages
