"""search(): full-text search over the stored articles, with filters, sorting, collapsing
by story and keyset pagination (docs/SEARCH.md).

A page is the FTS5 matches (with their BM25 score) joined to their sort and group keys
(``search_keys``), read in the sort's order as a top-k that grows until the page is full,
the first match of each story kept. Sorted by relevance without filters the top-k comes
from the index alone; the first page then counts the matches in the index and their
stories in ``search_grouped`` (the index of the articles sharing a story), unless the
top-k read every match already. With filters or another sort, the first page reads up
to :data:`STORY_COUNT_CAP` matches in one pass and counts them as it goes (without
filters, the indexes count them). Then the index gives the results' highlights and
snippets, and one statement reads their articles and the other matches of their
stories. The cursor carries the counts and the sort key of the page's
last result, so the next page starts right after it (``key > last key``) whatever was
read before, and costs no count.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Literal

from qaznews.errors import QaznewsError, StoreError
from qaznews.search.query import parse_query, to_fts
from qaznews.search.snippet import CLOSE, CUT, OPEN, SNIPPET_WORDS, render_pairs

if TYPE_CHECKING:
    from qaznews.store.sqlite import Store

Sort = Literal["relevance", "date", "views"]
SORTS: tuple[str, ...] = ("relevance", "date", "views")

#: Most results on one page.
MAX_LIMIT = 200
#: BM25 weights of the indexed columns: a word in the title counts as much as this many
#: in the body.
TITLE_WEIGHT = 2.0
BODY_WEIGHT = 1.0
#: Other matching articles of a story listed under its result.
MAX_OTHER_ARTICLES = 10
#: The first top-k read for a page of ``limit`` results holds this many times more (the
#: stories collapse some); it grows fourfold while the page is not full.
TOP_K_FACTOR = 2
_CURSOR_VERSION = 1

_BM25 = f"bm25(articles_search, {TITLE_WEIGHT}, {BODY_WEIGHT})"

#: Each sort's key: (column of the matches, direction), last the tie-breaker (rowid). The
#: BM25 of FTS5 is lower for better matches.
_KEYS: dict[str, tuple[tuple[str, str], ...]] = {
    "relevance": (("score", "ASC"), ("r", "ASC")),
    "date": (("pub", "DESC"), ("r", "DESC")),
    "views": (("vw", "DESC"), ("pub", "DESC"), ("r", "DESC")),
}


class SearchError(QaznewsError):
    """A search that cannot be run as asked (bad filter, cursor or limit)."""

    code = "Q501"


@dataclass(frozen=True, slots=True)
class OtherArticle:
    """Another matching article of a result's story (collapsed under it)."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    language: str | None


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One result: an article, or the best match of its story when collapsed."""

    id: str
    title: str | None
    published: str | None
    outlet: str | None
    language: str | None
    views: int | None
    story: str | None
    url: str | None
    #: Relevance: BM25 (title weighted), higher is better; the same for every sort.
    score: float
    #: The title and the best passage of the body, escaped, query words in <mark>.
    title_html: str
    snippet_html: str
    #: The same passage as plain text, query words in « ».
    snippet_text: str
    #: When collapsed: the outlets of the story's other matches (not this one's outlet),
    #: and those matches, best first (at most MAX_OTHER_ARTICLES).
    more_outlets: tuple[str, ...] = ()
    other_articles: tuple[OtherArticle, ...] = ()
    #: Matches of the story collapsed under this one (may exceed len(other_articles)).
    other_count: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class SearchPage:
    """One page of results."""

    results: list[SearchHit]
    #: Matching articles (filters applied), before collapsing.
    total: int
    #: Stories among them (an article without a story counts as its own).
    stories: int
    #: Pass as ``cursor`` for the next page; None on the last page.
    next_cursor: str | None
    query: str
    sort: str
    collapse: bool
    #: False when, with filters, the matches exceed STORY_COUNT_CAP: ``stories`` then
    #: counts the stories of the first matches only (a lower bound).
    stories_exact: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {"results": [hit.to_dict() for hit in self.results], "total": self.total,
                "stories": self.stories, "stories_exact": self.stories_exact,
                "next_cursor": self.next_cursor,
                "query": self.query, "sort": self.sort, "collapse": self.collapse}


DateLike = dt.date | dt.datetime | str | None


def _bound(name: str, value: DateLike, *, upper: bool) -> tuple[str, str] | None:
    """A date filter as (operator, ISO text) on ``published``; ``until`` takes its whole day."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        try:
            value = (dt.datetime.fromisoformat(text) if "T" in text or " " in text
                     else dt.date.fromisoformat(text))
        except ValueError:
            raise SearchError(f"{name}: not a date (YYYY-MM-DD or YYYY-MM-DDTHH:MM): "
                              f"{text!r}") from None
    if isinstance(value, dt.datetime) and (upper or value.time() != dt.time(0)):
        # A date without a time opens its day: it is after midnight, before any other time.
        stamp = value.strftime("%Y-%m-%dT%H:%M")
        return ("<=", stamp) if upper else (">=", stamp)
    day = value.date() if isinstance(value, dt.datetime) else value
    if upper:
        return "<", (day + dt.timedelta(days=1)).isoformat()
    return ">=", day.isoformat()


def _values(name: str, values: Iterable[str] | str | None) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    out = list(dict.fromkeys(values))
    if any(not isinstance(v, str) for v in out):
        raise SearchError(f"{name}: expected text values")
    return out


def _marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


@dataclass(frozen=True, slots=True)
class _Filters:
    #: Conditions on the key columns (alias ``a``: published, outlet, languages, story),
    #: which both ``articles`` and its narrow copy ``search_keys`` have.
    keys: str
    key_params: tuple[Any, ...]
    #: Conditions on the JSON columns (topics, entities, events), with ``{t}`` for the
    #: alias of the ``articles`` row; empty when no such filter is given.
    json: str
    json_params: tuple[Any, ...]
    fingerprint: Any

    def on(self, json_alias: str) -> tuple[str, tuple[Any, ...]]:
        """All conditions as SQL, the JSON ones on ``json_alias``, and their parameters."""
        sql = self.keys if not self.json else f"{self.keys} AND {self.json.format(t=json_alias)}"
        return sql, (*self.key_params, *self.json_params)


def _filters(since: DateLike, until: DateLike, outlets: Iterable[str] | str | None,
             languages: Iterable[str] | str | None, topics: Iterable[str] | str | None,
             entities: Iterable[str] | str | None, event_types: Iterable[str] | str | None,
             story: str | None) -> _Filters:
    where: list[str] = []
    params: list[Any] = []
    lower, upper = _bound("since", since, upper=False), _bound("until", until, upper=True)
    if lower:
        where.append(f"a.published {lower[0]} ?")
        params.append(lower[1])
    if upper:
        where.append(f"a.published {upper[0]} ?")
        params.append(upper[1])
    outlet_list, language_list = _values("outlets", outlets), _values("languages", languages)
    topic_list, entity_list = _values("topics", topics), _values("entities", entities)
    event_list = _values("event_types", event_types)
    if outlet_list:
        where.append(f"a.outlet IN ({_marks(outlet_list)})")
        params += outlet_list
    if language_list:
        where.append(f"(a.language IN ({_marks(language_list)})"
                     f" OR a.body_language IN ({_marks(language_list)}))")
        params += language_list * 2
    if story is not None:
        where.append("a.story = ?")
        params.append(story)
    json_where: list[str] = []
    json_params: list[Any] = []
    if topic_list:
        json_where.append("EXISTS (SELECT 1 FROM json_each({t}.topics) AS t"
                          f" WHERE t.value IN ({_marks(topic_list)}))")
        json_params += topic_list
    if entity_list:
        json_where.append(
            "EXISTS (SELECT 1 FROM json_each({t}.entities) AS e WHERE"
            f" json_extract(e.value, '$.canonical') IN ({_marks(entity_list)})"
            f" OR json_extract(e.value, '$.text') IN ({_marks(entity_list)}))")
        json_params += entity_list * 2
    if event_list:
        json_where.append("EXISTS (SELECT 1 FROM json_each({t}.events) AS v"
                          f" WHERE json_extract(v.value, '$.type') IN ({_marks(event_list)}))")
        json_params += event_list
    fingerprint = [lower, upper, outlet_list, language_list, topic_list, entity_list,
                   event_list, story]
    return _Filters(" AND ".join(where) or "1", tuple(params), " AND ".join(json_where),
                    tuple(json_params), fingerprint)


def _order(sort: str) -> str:
    return ", ".join(f"{column} {direction}" for column, direction in _KEYS[sort])


def _after(sort: str, key: Sequence[Any]) -> tuple[str, list[Any]]:
    """``key > cursor`` in the sort's order, as SQL over the key columns."""
    keys = _KEYS[sort]
    clauses: list[str] = []
    params: list[Any] = []
    for depth, (column, direction) in enumerate(keys):
        equal = [f"{c} = ?" for c, _ in keys[:depth]]
        op = ">" if direction == "ASC" else "<"
        clauses.append("(" + " AND ".join([*equal, f"{column} {op} ?"]) + ")")
        params += [*key[:depth], key[depth]]
    return "(" + " OR ".join(clauses) + ")", params


def _connection(store_or_connection: Store | sqlite3.Connection) -> sqlite3.Connection:
    if isinstance(store_or_connection, sqlite3.Connection):
        return store_or_connection
    return store_or_connection.conn


def _encode_cursor(payload: dict[str, Any]) -> str:
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str, fingerprint: str, sort: str) -> dict[str, Any]:
    bad = SearchError("cursor: not one this search gave (start again without a cursor)")
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        payload = json.loads(raw)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise bad from None
    if not isinstance(payload, dict) or payload.get("v") != _CURSOR_VERSION:
        raise bad
    if payload.get("f") != fingerprint:
        raise SearchError("cursor: it belongs to another query, filters or sort"
                          " (start again without a cursor)")
    key, total, stories = payload.get("k"), payload.get("t"), payload.get("s")
    kinds = {"relevance": (float, int), "date": (str, int), "views": (int, str, int)}[sort]
    if (not isinstance(key, list) or len(key) != len(kinds)
            or not all(isinstance(v, k) and not isinstance(v, bool)
                       for v, k in zip(key, kinds, strict=True))
            or not isinstance(total, int) or not isinstance(stories, int)
            or not isinstance(payload.get("n", 0), int) or isinstance(payload.get("n"), bool)):
        raise bad
    if sort == "relevance":
        key[0] = float(key[0])
    return payload


def search(store_or_connection: Store | sqlite3.Connection, query: str, *,
           since: DateLike = None, until: DateLike = None,
           outlets: Iterable[str] | str | None = (), languages: Iterable[str] | str | None = (),
           topics: Iterable[str] | str | None = (), entities: Iterable[str] | str | None = (),
           event_types: Iterable[str] | str | None = (), story: str | None = None,
           sort: Sort | str = "relevance", collapse: bool = True, limit: int = 20,
           cursor: str | None = None) -> SearchPage:
    """One page of the articles matching ``query`` (syntax: docs/SEARCH.md).

    ``since``/``until`` bound ``published`` (a date, a date-time or ISO text; ``until``
    takes its whole day); ``outlets``, ``languages`` (the article's or its body's),
    ``topics``, ``entities`` (canonical name or text) and ``event_types`` keep the
    articles with any of the values given, each filter on top of the others; ``story``
    keeps one story. ``sort``: ``relevance`` (BM25), ``date`` (newest first) or
    ``views`` (most viewed first). ``collapse``: one result per story, its best match
    by the sort, with the story's other matches. Pass a page's ``next_cursor`` as
    ``cursor`` for the next page, with the same query and options.

    Works on a store or on any connection to one, read-only included. Raises
    :class:`QuerySyntaxError` for a query that cannot be read and :class:`SearchError`
    for bad options (both :class:`QaznewsError`).
    """
    if sort not in SORTS:
        raise SearchError(f"sort: one of {', '.join(SORTS)}, not {sort!r}")
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise SearchError(f"limit: a whole number from 1 to {MAX_LIMIT}, not {limit!r}")
    tree = parse_query(query)
    expression = to_fts(tree)
    filters = _filters(since, until, outlets, languages, topics, entities, event_types, story)
    fingerprint = hashlib.sha256(json.dumps(
        [expression, sort, collapse, filters.fingerprint], ensure_ascii=False
    ).encode()).hexdigest()[:16]
    state = _decode_cursor(cursor, fingerprint, sort) if cursor else None

    conn = _connection(store_or_connection)
    db = conn.cursor()
    db.row_factory = None
    score = _BM25 if sort == "relevance" else "0.0"
    # The matches' sort and group keys come from search_keys, a narrow copy of those
    # columns kept by triggers: reading them from articles would read every match's
    # body. articles itself is joined only for filters on its JSON columns.
    where, where_params = filters.on("j")
    unfiltered = where == "1"
    keys = (
        f"SELECT {_ROW_COLUMNS} FROM {{matches}} AS m JOIN search_keys AS a ON a.r = m.r"
        + (" JOIN articles AS j ON j.rowid = m.r" if filters.json else "")
        + f" WHERE {where}"
    )
    order = _order(sort)
    after = state["k"] if state else None
    from_index = unfiltered and sort == "relevance"
    try:
        if not collapse and after is not None:
            rows, scanned, complete = _after_page(db, keys, score, expression, where_params,
                                                  order, sort, limit, after)
            reached = 0
        else:
            # The first page of a filtered or date or views search reads up to the cap
            # in one pass: most such searches are answered whole by it, counts included.
            # A later page reads past the rows the pages before it read (the cursor says
            # how many).
            wanted = (limit + 1) * TOP_K_FACTOR
            if state is None and not from_index:
                wanted = max(wanted, STORY_COUNT_CAP + 1)
            elif state is not None:
                wanted += max(0, int(state.get("n", 0)))
            rows, scanned, complete, reached = _page(
                db, keys, score, expression, where_params, order, sort, collapse, limit,
                after, wanted, from_index=from_index)
        stories_exact = True
        more = len(rows) > limit
        rows = rows[:limit]
        rowids = [int(row[0]) for row in rows]
        if state is not None:
            total, stories = int(state["t"]), int(state["s"])
        elif complete:  # every match was read: count them
            total, stories = len(scanned), len({row[4] for row in scanned})
        elif unfiltered:  # the index counts the matches, search_grouped their stories
            total = _count_index(db, expression)
            stories = _stories(db, expression, total)
        else:
            total = _count(db, keys, expression, where_params)
            stories = len({row[4] for row in scanned[:STORY_COUNT_CAP]})
            stories_exact = total <= STORY_COUNT_CAP
        next_cursor = None
        if more:
            key = _key_of(rows[-1], sort)
            next_cursor = _encode_cursor({"v": _CURSOR_VERSION, "f": fingerprint, "k": key,
                                          "t": total, "s": stories, "n": reached})
        marked = _marked(db, expression, rowids, total,
                         with_score=sort != "relevance") if rowids else {}
        results = _hits(db, rows, marked, sort == "relevance", scanned if collapse else [])
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            raise StoreError("this store has no search index yet: open it once with this"
                             " qaznews to upgrade it") from exc
        raise
    return SearchPage(results, total, stories, next_cursor, query, sort, collapse,
                      stories_exact=stories_exact)


#: With filters, stories are counted exactly up to this many matches; beyond it ``stories``
#: counts those of the first matches only and ``total`` stays exact (a page says "more
#: than"). Without filters both are counted exactly from the indexes, however many.
STORY_COUNT_CAP = 2000


def _count_index(db: sqlite3.Cursor, expression: str) -> int:
    """The matches without filters: FTS5 counts them alone, without reading a row."""
    return int(db.execute("SELECT count(*) FROM articles_search WHERE articles_search"
                          " MATCH ?", (expression,)).fetchone()[0])


def _stories(db: sqlite3.Cursor, expression: str, total: int) -> int:
    """The stories of a query's ``total`` matches (no filters), exactly: a match not in
    ``search_groups`` is a story of its own; those in it, which ``search_grouped`` (the
    same index forms, of those articles only) finds by itself, count once per story."""
    grouped, groups = db.execute(
        "SELECT count(*), count(DISTINCT g.story) FROM search_grouped"
        " JOIN search_groups AS g ON g.r = search_grouped.rowid"
        " WHERE search_grouped MATCH ?", (expression,)).fetchone()
    return total - int(grouped) + int(groups)


def _count(db: sqlite3.Cursor, keys: str, expression: str, params: Sequence[Any]) -> int:
    """The matches, filters applied, exactly."""
    return int(db.execute(
        f"SELECT count(*) FROM ({keys.format(matches=_MATCHES.format(score='0.0'))})",
        (expression, *params)).fetchone()[0])


#: A page row: (r, score, pub, vw, grp) of a match ``m`` and its keys ``a``.
_ROW_COLUMNS = ("a.r AS r, m.score AS score, coalesce(a.published, '') AS pub,"
                " coalesce(a.views, -1) AS vw, coalesce(a.story, '#' || a.r) AS grp")

_MATCHES = ("(SELECT rowid AS r, {score} AS score FROM articles_search"
            " WHERE articles_search MATCH ?)")


def _relevance_key(row: Sequence[Any]) -> tuple[float, int]:
    return row[1], row[0]


def _key_of(row: Sequence[Any], sort: str) -> list[Any]:
    """The cursor key of a page row (r, score, pub, vw, grp)."""
    return {"relevance": [row[1], row[0]], "date": [row[2], row[0]],
            "views": [row[3], row[2], row[0]]}[sort]


def _is_after(key: Sequence[Any], cursor: Sequence[Any], sort: str) -> bool:
    """Whether ``key`` comes after ``cursor`` in the sort's order."""
    for (_, direction), mine, theirs in zip(_KEYS[sort], key, cursor, strict=True):
        if mine != theirs:
            return bool(mine > theirs) if direction == "ASC" else bool(mine < theirs)
    return False


def _after_page(db: sqlite3.Cursor, keys: str, score: str, expression: str,
                params: Sequence[Any], order: str, sort: str, limit: int,
                after: Sequence[Any]) -> tuple[list[Sequence[Any]], list[Sequence[Any]], bool]:
    """Without collapsing, a later page: the ``limit + 1`` rows after the cursor."""
    clause, clause_params = _after(sort, after)
    sql = (f"SELECT * FROM ({keys.format(matches=_MATCHES.format(score=score))})"
           f" WHERE {clause} ORDER BY {order} LIMIT ?")
    return db.execute(sql, (expression, *params, *clause_params, limit + 1)).fetchall(), [], False


def _page(db: sqlite3.Cursor, keys: str, score: str, expression: str,
          params: Sequence[Any], order: str, sort: str, collapse: bool, limit: int,
          after: Sequence[Any] | None, wanted: int, *, from_index: bool
          ) -> tuple[list[Sequence[Any]], list[Sequence[Any]], bool, int]:
    """Up to ``limit + 1`` rows (r, score, pub, vw, grp) after the cursor, in order, every
    row read to find them (the stories' other matches are taken from those), whether
    those are every match, and how many of them come up to the page's last result.

    Collapsed, a story shows at its best match, so the matches are read in order from
    the start, the first of each story kept: a top-k of ``wanted`` rows that grows until
    the page is full, never a sort and numbering of every match. With ``from_index``
    (relevance, no filters) the top-k is taken from the index before any row is read.
    """
    while True:
        if from_index:
            # The top-k as the outer loop (CROSS JOIN: read as it comes, not stored and
            # sorted again), each joined to its keys; its order is the sort's.
            rows = sorted(db.execute(
                f"SELECT {_ROW_COLUMNS} FROM (SELECT rowid AS r, {score} AS score"
                " FROM articles_search WHERE articles_search MATCH ? ORDER BY score, rowid"
                f" LIMIT {int(wanted)}) AS m CROSS JOIN search_keys AS a ON a.r = m.r",
                (expression,)).fetchall(), key=_relevance_key)
        else:
            sql = (f"SELECT * FROM ({keys.format(matches=_MATCHES.format(score=score))})"
                   f" ORDER BY {order} LIMIT ?")
            rows = db.execute(sql, (expression, *params, wanted)).fetchall()
        complete = len(rows) < wanted
        picked: list[Sequence[Any]] = []
        seen: set[str] = set()
        reached = 0
        for number, row in enumerate(rows):
            if collapse:
                if row[4] in seen:
                    continue
                seen.add(row[4])
            if after is not None and not _is_after(_key_of(row, sort), after, sort):
                continue
            picked.append(row)
            if len(picked) == limit:
                reached = number + 1
            if len(picked) > limit:
                return picked, rows, complete, reached
        if complete:
            return picked, rows, True, reached  # every match was read
        wanted *= 4


#: Up to this many matches, the results' highlights are read in one pass over the
#: matches; beyond, the index is asked for each result. A lookup reads a word's list of
#: matches from its start unless FTS5 indexed its pages (once it spans 4 pages, 8 KB with
#: the pages of migration 10). For 20 results of one word at 100,000 articles: 0.75 ms
#: for the pass against 1.04 for the lookups at 928 matches, 0.88 against 0.78 at 1,836,
#: 1.0 against 0.75 at 2,727, 2.2 against 1.0 at 8,111.
HIT_SCAN_MAX = 1200

_MARKED = (f"highlight(articles_search, 0, ?, ?),"
           f" snippet(articles_search, 1, ?, ?, ?, {SNIPPET_WORDS})")
_MARKS_PARAMS = (OPEN, CLOSE, OPEN, CLOSE, CUT)


def _marked(db: sqlite3.Cursor, expression: str, rowids: list[int], total: int, *,
            with_score: bool) -> dict[int, tuple[Any, ...]]:
    """The index's highlight of the title and snippet of the body of these results (and
    their BM25 scores when ``with_score``): up to :data:`HIT_SCAN_MAX` matches in one
    pass over those between the results, beyond by asking the index for each."""
    scan = total <= HIT_SCAN_MAX
    # "+rowid IN": checked on each match of one pass, not asked of the index for each.
    which = "rowid BETWEEN ? AND ? AND +rowid" if scan else "rowid"
    bounds = (min(rowids), max(rowids)) if scan else ()
    bm25 = _BM25 if with_score else "NULL"
    return {int(row[0]): row[1:] for row in db.execute(
        f"SELECT rowid, {_MARKED}, {bm25} FROM articles_search"
        f" WHERE articles_search MATCH ? AND {which} IN ({_marks(rowids)})",
        (*_MARKS_PARAMS, expression, *bounds, *rowids))}


def _hits(db: sqlite3.Cursor, rows: Sequence[Sequence[Any]],
          marked: dict[int, tuple[Any, ...]], relevance: bool,
          scanned: Sequence[Sequence[Any]]) -> list[SearchHit]:
    """The results: their articles, the index's marks of them, and the other matches of
    their stories among the rows the page was found in, best first by the sort: all of
    them when the scan read every match (any query that is not very common), else those
    of the first matches read (asking the index again for each story's matches cost more
    than the rest of the page). The articles of both are read in one statement."""
    if not rows:
        return []
    shown = {row[0] for row in rows}
    groups = {row[4] for row in rows}
    members = [row for row in scanned if row[4] in groups and row[0] not in shown]
    wanted = [row[0] for row in rows] + [row[0] for row in members]
    articles = {row[0]: row for row in db.execute(
        "SELECT rowid, id, title, published, outlet, language, views, story, url"
        f" FROM articles WHERE rowid IN ({_marks(wanted)})", wanted)}
    others: dict[str, list[OtherArticle]] = {}
    for row in members:
        other = articles.get(row[0])
        if other is not None:
            others.setdefault(row[4], []).append(OtherArticle(
                id=other[1], title=other[2], outlet=other[4], published=other[3],
                language=other[5]))
    # (an article deleted since the page was read is left out)
    present = [(row, articles[row[0]], marked.get(row[0]) or (articles[row[0]][2], None, 0.0))
               for row in rows if row[0] in articles]
    rendered = render_pairs([part for _, _, text in present for part in text[:2]])
    results = []
    for number, (row, article, (_, _, bm25)) in enumerate(present):
        _, article_id, title, published, outlet, language, views, story, url = article
        (title_html, _), (snippet_html, snippet_text) = rendered[2 * number:2 * number + 2]
        found = others.get(row[4])
        results.append(SearchHit(
            id=article_id, title=title, published=published, outlet=outlet,
            language=language, views=views, story=story, url=url,
            score=-(row[1] if relevance else float(bm25)),
            title_html=title_html, snippet_html=snippet_html, snippet_text=snippet_text,
            more_outlets=tuple(dict.fromkeys(
                o.outlet for o in found if o.outlet and o.outlet != outlet)) if found else (),
            other_articles=tuple(found[:MAX_OTHER_ARTICLES]) if found else (),
            other_count=len(found) if found else 0,
        ))
    return results
