"""A short account of what the store holds, for `qaznews report` and the demo."""

from __future__ import annotations

from typing import Any

from qaznews.store.sqlite import Store


def store_report(store: Store, *, top: int = 5) -> dict[str, Any]:
    first, last = store.query("SELECT min(published), max(published) FROM articles")[0]
    stories, shared = store.query(
        "SELECT count(*), coalesce(sum(members > 1), 0) FROM stories")[0]
    relations: dict[str, int] = {row[0]: row[1] for row in store.query(
        "SELECT duplicate_relation, count(*) FROM articles WHERE duplicate_relation IS NOT NULL"
        " GROUP BY duplicate_relation")}
    return {
        "totals": store.counts(),
        "stories": {"stories": stories, "carried_more_than_once": shared,
                    "copies": {kind: relations.get(kind, 0)
                               for kind in ("exact", "near", "rewrite")}},
        "published": {"first": first, "last": last},
        "outlets": [
            (row[0] or "(unknown)", row[1]) for row in store.query(
                "SELECT outlet, count(*) AS n FROM articles GROUP BY outlet "
                "ORDER BY n DESC, outlet LIMIT 12")
        ],
        "languages": [
            (row[0] or "(unknown)", row[1]) for row in store.query(
                "SELECT language, count(*) AS n FROM articles GROUP BY language "
                "ORDER BY n DESC, language")
        ],
        "most_viewed": [
            {"title": row["title"] or "(untitled)", "published": row["published"] or "",
             "views": row["views"], "sightings": row["n"]}
            for row in store.query(
                "SELECT a.title, a.published, a.views, "
                "(SELECT count(*) FROM sightings s WHERE s.item_id = a.id) AS n "
                "FROM articles a WHERE a.views IS NOT NULL ORDER BY a.views DESC LIMIT ?",
                (top,))
        ],
    }
