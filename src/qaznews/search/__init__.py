"""Full-text search over the stored articles (docs/SEARCH.md).

:func:`search` is the one entry point: a query in our query language, filters, a sort,
collapsing by story and keyset pagination, on a store or any connection to one.
"""

from qaznews.search.engine import (
    MAX_LIMIT,
    SORTS,
    OtherArticle,
    SearchError,
    SearchHit,
    SearchPage,
    Sort,
    search,
)
from qaznews.search.query import QuerySyntaxError, parse_query, to_fts
from qaznews.search.text import register_functions, search_text, stem_word

__all__ = [
    "MAX_LIMIT", "SORTS", "OtherArticle", "QuerySyntaxError", "SearchError", "SearchHit",
    "SearchPage", "Sort", "parse_query", "register_functions", "search", "search_text",
    "stem_word", "to_fts",
]
