"""Search: the index (stemming, triggers, transactions), the query language, filters,
sorts, collapsing by story, pagination and snippets."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qaznews.core import ingest_paths
from qaznews.errors import QaznewsError
from qaznews.model import Article, Entity, Event, Published, Sighting, SourceRef
from qaznews.search import (
    QuerySyntaxError,
    SearchError,
    SearchPage,
    parse_query,
    search,
    search_text,
    stem_word,
)
from qaznews.settings import load_settings
from qaznews.store.sqlite import MIGRATIONS, Store

from .conftest import DATA, undo_migrations_from


def article(title: str, body: str, *, day: str = "2025-02-05", outlet: str = "Qazinform",
            language: str = "en", views: int | None = None, **extra: Any) -> Article:
    seen = [Sighting(SourceRef(file="test.txt", line=1), views=views)] if views else []
    return Article(title=title, body=body, published=Published.from_iso(day), outlet=outlet,
                   language=language, title_language=language, body_language=language,
                   views=views, sightings=seen, **extra)


def write(store: Store, *articles: Article) -> None:
    with store.transaction():
        store.write(list(articles))


def ids(page: SearchPage) -> list[str]:
    return [hit.id for hit in page.results]


def titles(page: SearchPage) -> set[str | None]:
    return {hit.title for hit in page.results}


@pytest.fixture
def news(store: Store) -> Store:
    write(
        store,
        article("Ministers hold a meeting in Astana",
                "The foreign ministers met in Astana. The meeting covered trade and transit.",
                day="2025-02-03", views=500),
        article("Trade turnover grows", "Trade between Kazakhstan and China grew by 10 percent.",
                day="2025-02-04", outlet="Kazakhstan Today", views=1500),
        article("Встреча министров в Астане",
                "Министры иностранных дел провели встречу в Астане и обсудили транзит.",
                day="2025-02-05", outlet="Kazinform RU", language="ru", views=50),
        article("Астанада министрлер кездесуі өтті",
                "Сыртқы істер министрлері Астанада кездесу өткізді. Кездесуде сауда талқыланды.",
                day="2025-02-06", outlet="Kazinform KZ", language="kk", views=10),
        article("Astanada ministrler kezdesui otti",
                "Syrtqy ister ministrleri Astanada kezdesu otkizdi.",
                day="2025-02-07", outlet="Kazinform KZ", language="kk"),
        article("Affairs of the foreign kind", "Nothing about the ministry; foreign affairs of"
                " another kind.", day="2025-02-08", outlet="Blog", views=5),
    )
    return store


# -- stemming ---------------------------------------------------------------------------------


def test_stemming_per_language() -> None:
    assert stem_word("meetings", "script") == stem_word("meeting", "script") == "meet"
    assert stem_word("встречи", "script") == stem_word("встреча", "script")
    assert stem_word("кездесуі", "kk") == stem_word("кездесу", "kk") == "кездесу"
    assert stem_word("кездесулерінде", "kk") == "кездесу"
    assert stem_word("kezdesui", "kk") == stem_word("kezdesu", "kk")
    assert stem_word("заң", "kk") == "заң"  # a one-letter possessive is not stripped alone
    assert stem_word("Café", "script") == "cafe"
    assert search_text("Ёлка и «йод»", "ru") == search_text("елка и йод", "ru")


def test_stemmed_queries_find_every_language(news: Store) -> None:
    assert "Ministers hold a meeting in Astana" in titles(search(news, "meetings"))
    assert "Встреча министров в Астане" in titles(search(news, "встречи"))
    assert "Астанада министрлер кездесуі өтті" in titles(search(news, "кездесуде"))
    assert "Астанада министрлер кездесуі өтті" in titles(search(news, "кездесу"))
    assert "Astanada ministrler kezdesui otti" in titles(search(news, "kezdesulerinde"))
    assert titles(search(news, "ASTANA")) >= {"Ministers hold a meeting in Astana"}


# -- query language -----------------------------------------------------------------------------


def test_phrases_keep_word_order(news: Store) -> None:
    found = titles(search(news, '"foreign ministers"'))
    assert "Ministers hold a meeting in Astana" in found
    assert "Affairs of the foreign kind" not in found
    assert "Affairs of the foreign kind" in titles(search(news, '"foreign affairs"'))
    assert "Affairs of the foreign kind" not in titles(search(news, '"affairs foreign"'))


def test_boolean_operators(news: Store) -> None:
    assert titles(search(news, "trade transit")) == {"Ministers hold a meeting in Astana"}
    assert titles(search(news, "trade AND transit")) == {"Ministers hold a meeting in Astana"}
    assert titles(search(news, "China OR transit")) == {
        "Ministers hold a meeting in Astana", "Trade turnover grows"}
    assert titles(search(news, "(China OR transit) trade")) == {
        "Ministers hold a meeting in Astana", "Trade turnover grows"}
    # lower-case "or" is a word, and "or" appears in no text
    assert search(news, "China or transit").total == 0


def test_not_and_minus(news: Store) -> None:
    assert titles(search(news, "trade -China")) == {"Ministers hold a meeting in Astana"}
    assert titles(search(news, "trade NOT China")) == {"Ministers hold a meeting in Astana"}
    assert titles(search(news, 'foreign -"foreign ministers"')) == {"Affairs of the foreign kind"}
    assert search(news, "trade -(China OR transit)").total == 0
    assert search(news, "grew-by").total == 1  # a hyphenated word is a phrase
    assert search(news, "by-grew").total == 0


@pytest.mark.parametrize(("query", "position", "words"), [
    ("", 1, "nothing to search for"),
    ("   ", 1, "nothing to search for"),
    ('trade "foreign', 7, "unclosed quote"),
    ("(trade", 1, "unclosed parenthesis"),
    ("trade)", 6, "closing parenthesis"),
    ("trade OR", 7, "OR needs"),
    ("OR trade", 1, "OR needs"),
    ("trade AND", 7, "AND needs"),
    ("-trade", 1, "only excluded"),
    ("trade NOT", 7, "NOT needs"),
    ("trade ()", 7, "empty parentheses"),
    ('trade ""', 7, "empty phrase"),
    ("a OR -b", 6, "only excluded"),
])
def test_malformed_queries_say_where(news: Store, query: str, position: int,
                                     words: str) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        search(news, query)
    assert caught.value.position == position
    assert words in str(caught.value) and f"position {position}" in str(caught.value)
    assert isinstance(caught.value, QaznewsError)


def test_fts_syntax_in_input_is_only_words(news: Store) -> None:
    for query in ('trade*', "NEAR(trade china)", "title:trade", "trade^", "{title}: x",
                  "'; DROP TABLE articles; --", 'trade "" ', "a:b:c"):
        with contextlib.suppress(QuerySyntaxError):
            search(news, query)
    assert search(news, "title:trade").total == 0  # "title trade" as a phrase, not a column
    assert news.counts()["articles"] == 6


@given(st.text(max_size=60))
@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_arbitrary_queries_raise_only_qaznews_errors(news: Store, query: str) -> None:
    try:
        parse_query(query)
    except QaznewsError:
        return
    search(news, query)  # a query that parses must run


@given(st.lists(st.sampled_from(['trade', 'China', '"', '(', ')', 'OR', 'AND', 'NOT', '-',
                                 'встречи', '*', ':', '^', 'NEAR', '"a b"', '-x']),
                max_size=8))
@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_operator_soup_raises_only_qaznews_errors(news: Store, parts: list[str]) -> None:
    with contextlib.suppress(QaznewsError):
        search(news, " ".join(parts))


# -- filters --------------------------------------------------------------------------------


def test_date_outlet_language_filters(news: Store) -> None:
    assert titles(search(news, "Astana OR Астане OR Астанада OR Astanada",
                         since="2025-02-05", until=dt.date(2025, 2, 6))) == {
        "Встреча министров в Астане", "Астанада министрлер кездесуі өтті"}
    assert search(news, "trade", until="2025-02-03").total == 1
    assert search(news, "trade", since=dt.datetime(2025, 2, 4, 0, 0)).total == 1
    assert titles(search(news, "trade", outlets=["Kazakhstan Today"])) == {"Trade turnover grows"}
    assert titles(search(news, "kezdesu OR кездесу", languages=("kk",))) == {
        "Астанада министрлер кездесуі өтті", "Astanada ministrler kezdesui otti"}
    assert search(news, "trade", languages=["ru"]).total == 0
    with pytest.raises(SearchError, match="since"):
        search(news, "trade", since="last week")


def test_topic_entity_and_event_filters(store: Store) -> None:
    write(
        store,
        article("Grain exports", "Grain exports to China rose.", topics=["economy", "trade"],
                entities=[Entity("China", "GPE", canonical="People's Republic of China")],
                events=[Event("agreement")]),
        article("Grain harvest", "Grain harvest in Kostanay region.", topics=["agriculture"],
                entities=[Entity("Kostanay", "GPE")], events=[Event("meeting")]),
    )
    assert titles(search(store, "grain", topics=["trade"])) == {"Grain exports"}
    assert titles(search(store, "grain", topics=["agriculture", "trade"])) == {
        "Grain exports", "Grain harvest"}
    assert titles(search(store, "grain", entities=["People's Republic of China"])) == {
        "Grain exports"}
    assert titles(search(store, "grain", entities=["Kostanay"])) == {"Grain harvest"}
    assert titles(search(store, "grain", event_types=["meeting"])) == {"Grain harvest"}
    assert search(store, "grain", event_types=["meeting"], topics=["trade"]).total == 0


# -- sorting ----------------------------------------------------------------------------------


def test_sorts(news: Store) -> None:
    query = "trade OR transit OR foreign OR министры"
    by_date = search(news, query, sort="date")
    days = [hit.published or "" for hit in by_date.results]
    assert days == sorted(days, reverse=True) and len(days) == 5  # министр: ru and kk
    by_views = search(news, query, sort="views")
    views = [hit.views or -1 for hit in by_views.results]
    assert views == sorted(views, reverse=True) and views[0] == 1500
    relevance = search(news, "trade")
    assert relevance.results[0].title == "Trade turnover grows"  # in the title, weighed more
    scores = [hit.score for hit in relevance.results]
    assert scores == sorted(scores, reverse=True)
    with pytest.raises(SearchError, match="sort"):
        search(news, "trade", sort="random")


# -- snippets ---------------------------------------------------------------------------------


def test_snippets_are_escaped_and_marked(store: Store) -> None:
    write(store, article("Alert <b>bold</b>",
                         "Before <script>alert('x')</script> the budget & the meetings."))
    hit = search(store, "meeting alert").results[0]
    assert "<script>" not in hit.snippet_html and "&lt;script&gt;" in hit.snippet_html
    assert "<mark>meetings</mark>" in hit.snippet_html
    assert "&amp;" in hit.snippet_html
    assert "«meetings»" in hit.snippet_text and "<script>" in hit.snippet_text
    assert hit.title_html == "<mark>Alert</mark> &lt;b&gt;bold&lt;/b&gt;"


def test_snippet_picks_the_passage_with_the_words(store: Store) -> None:
    filler = " ".join(f"word{i}" for i in range(200))
    write(store, article("Long", f"{filler} the pipeline opened. {filler}"))
    hit = search(store, "pipelines").results[0]
    assert "«pipeline»" in hit.snippet_text
    assert hit.snippet_text.startswith("… ") and hit.snippet_text.endswith(" …")
    assert len(hit.snippet_text.split()) < 40


# -- the index follows the articles ----------------------------------------------------------


def test_index_follows_merges_and_deletes(store: Store) -> None:
    short = article("Pipeline opened", "A pipeline opened.", url="https://example.kz/a/1")
    write(store, short)
    assert search(store, "compressor").total == 0
    fuller = article("Pipeline opened",
                     "A pipeline opened in Mangystau with a new compressor station built.",
                     url="https://example.kz/a/1")
    write(store, fuller)
    assert store.counts()["articles"] == 1
    assert ids(search(store, "compressor")) == [short.id]
    assert search(store, "Mangystau pipeline").total == 1
    with store.transaction():  # story and views changes do not touch the index
        store.conn.execute("UPDATE articles SET views = 7, story = 's1'")
    assert search(store, "compressor").results[0].views == 7
    with store.transaction():
        store.conn.execute("DELETE FROM articles")
    assert search(store, "pipeline").total == 0
    assert store.conn.execute("SELECT count(*) FROM articles_search_docsize").fetchone()[0] == 0


def test_rolled_back_transaction_leaves_no_index_rows(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        store.write([article("Vanishing", "This text never lands.")])
        assert search(store, "vanishing").total == 1  # visible inside the transaction
        raise RuntimeError("stop")
    assert search(store, "vanishing").total == 0
    assert store.conn.execute("SELECT count(*) FROM articles_search_docsize").fetchone()[0] == 0


def test_migration_indexes_stored_articles(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with Store(db) as store:
        write(store, article("Old article", "Stored before the search index existed."))
        with store.transaction():  # back to the store of version 3
            for name in ("articles_search_insert", "articles_search_delete",
                         "articles_search_update", "search_keys_insert",
                         "search_keys_update", "search_keys_delete"):
                store.conn.execute(f"DROP TRIGGER {name}")
            store.conn.execute("DROP TABLE articles_search")
            store.conn.execute("DROP TABLE search_keys")
            store.conn.execute("DROP INDEX articles_views")
            undo_migrations_from(store.conn, 3)  # and what every later migration made
    with Store(db) as store:
        assert store.schema_version == len(MIGRATIONS)
        assert search(store, "existed").total == 1


def test_read_only_connection(news: Store) -> None:
    conn = sqlite3.connect(f"file:{news.path}?mode=ro", uri=True)
    try:
        page = search(conn, "meetings")
        assert page.total >= 1 and page.results[0].snippet_html
    finally:
        conn.close()


# -- stories and pagination --------------------------------------------------------------------


@pytest.fixture(scope="module")
def stories(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    db = tmp_path_factory.mktemp("stories") / "q.db"
    with Store(db) as store:
        summary = ingest_paths(sorted((DATA / "stories").glob("*.txt")), store,
                               settings=load_settings(None, db=db))
        assert not summary.errors
        yield store


def test_collapse_by_story(stories: Store) -> None:
    shared = stories.conn.execute(
        "SELECT id, title FROM stories WHERE members > 1 ORDER BY members DESC").fetchall()
    assert shared
    query = "Kazakhstan OR Казахстан OR Қазақстан"
    collapsed = search(stories, query, limit=200)
    flat = search(stories, query, limit=200, collapse=False)
    assert collapsed.total == flat.total == len(flat.results)
    assert collapsed.stories == len(collapsed.results) < len(flat.results)
    assert len({hit.story for hit in collapsed.results}) == len(collapsed.results)
    assert collapsed.stories == len({hit.story or hit.id for hit in flat.results})
    grouped = [hit for hit in collapsed.results if hit.other_articles]
    assert grouped
    for hit in grouped:
        members = {h.id for h in flat.results if h.story == hit.story}
        assert {o.id for o in hit.other_articles} | {hit.id} == members
        assert hit.other_count == len(members) - 1
        assert hit.outlet not in hit.more_outlets
    one = search(stories, query, story=grouped[0].story, collapse=False)
    assert {hit.story for hit in one.results} == {grouped[0].story} and one.total >= 2


@pytest.mark.parametrize("sort", ["relevance", "date", "views"])
@pytest.mark.parametrize("collapse", [True, False])
def test_pagination_to_the_end(stories: Store, sort: str, collapse: bool) -> None:
    query = "Kazakhstan OR Казахстан OR minister OR министр"
    everything = search(stories, query, sort=sort, collapse=collapse, limit=200)
    assert everything.next_cursor is None
    paged: list[str] = []
    page = search(stories, query, sort=sort, collapse=collapse, limit=3)
    pages = 1
    while True:
        assert page.total == everything.total and page.stories == everything.stories
        paged += ids(page)
        if page.next_cursor is None:
            break
        page = search(stories, query, sort=sort, collapse=collapse, limit=3,
                      cursor=page.next_cursor)
        pages += 1
    assert paged == ids(everything)
    assert len(paged) == len(set(paged)) and pages > 2


def test_bad_cursors(stories: Store) -> None:
    page = search(stories, "Kazakhstan", limit=2)
    assert page.next_cursor
    with pytest.raises(SearchError, match="another query"):
        search(stories, "minister", limit=2, cursor=page.next_cursor)
    with pytest.raises(SearchError, match="cursor"):
        search(stories, "Kazakhstan", limit=2, cursor="not-a-cursor")
    with pytest.raises(SearchError, match="limit"):
        search(stories, "Kazakhstan", limit=0)


def test_search_keys_follow_the_articles(stories: Store) -> None:
    """The narrow copy search ranks on holds exactly the articles' key columns, stories
    (set by updates after the articles were written) included."""
    columns = "story, published, views, outlet, language, body_language"
    copied = stories.conn.execute(f"SELECT r, {columns} FROM search_keys ORDER BY r").fetchall()
    original = stories.conn.execute(
        f"SELECT rowid, {columns} FROM articles ORDER BY rowid").fetchall()
    assert [tuple(row) for row in copied] == [tuple(row) for row in original]
    assert any(row[1] for row in copied)


def test_story_counts_are_capped_and_pages_stay_whole(stories: Store,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """With filters, beyond the cap, stories are counted over the first matches only (and
    said to be a lower bound), while collapsed pages still walk every story exactly once.
    Without filters the indexes count them exactly, whatever the cap."""
    import qaznews.search.engine as engine

    options = {"languages": ["en"]}
    full = search(stories, "Kazakhstan", limit=200, **options)  # type: ignore[arg-type]
    assert full.stories_exact and full.total > 6
    unfiltered = search(stories, "Kazakhstan", limit=200)
    monkeypatch.setattr(engine, "STORY_COUNT_CAP", 3)
    first = search(stories, "Kazakhstan", limit=2, **options)  # type: ignore[arg-type]
    assert not first.stories_exact and first.stories <= 3 and first.total == full.total
    seen = [hit.id for hit in first.results]
    cursor = first.next_cursor
    while cursor:
        page = search(stories, "Kazakhstan", limit=2, cursor=cursor, **options)  # type: ignore[arg-type]
        seen += [hit.id for hit in page.results]
        cursor = page.next_cursor
    assert seen == [hit.id for hit in full.results]
    for sort in ("relevance", "date", "views"):
        exact = search(stories, "Kazakhstan", limit=2, sort=sort)
        assert exact.stories_exact and exact.total > 3
        assert (exact.total, exact.stories) == (unfiltered.total, unfiltered.stories)
