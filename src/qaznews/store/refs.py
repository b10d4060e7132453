"""The public id of an entity: its type and name, case folded, hashed.

The REST API names an entity so (``/entities/{id}``): stable across stores, the same for
two records that show the same name. The store keeps it with each entity record and
totals the records of one id in ``entity_refs`` (migration 8), so that the API pages
entities with an index. Both functions are registered on every store connection for the
migration and the writers (:func:`register_functions`).
"""

from __future__ import annotations

import hashlib
import sqlite3


def entity_ref(type_: str, name: str) -> str:
    """The public id of the entity of this type and name."""
    return hashlib.sha1(f"{type_.casefold()}\x1f{name.casefold()}".encode()).hexdigest()[:16]


def casefold(text: str | None) -> str | None:
    """Python's case folding, for sorting and matching names as the API does."""
    return None if text is None else text.casefold()


def register_functions(conn: sqlite3.Connection) -> None:
    conn.create_function("qaznews_entity_ref", 2, entity_ref, deterministic=True)
    conn.create_function("qaznews_casefold", 1, casefold, deterministic=True)
