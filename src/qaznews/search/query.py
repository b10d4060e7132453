"""The query language, parsed by us and rewritten for FTS5: user input never reaches FTS5.

Syntax (docs/SEARCH.md):

* ``word word``: both (AND is implied; ``AND`` may be written);
* ``"a phrase"``: these words in this order;
* ``a OR b``: either; ``OR`` binds looser than AND: ``a b OR c`` is ``(a b) OR c``;
* ``NOT word`` or ``-word`` (also before a phrase or parentheses): without it;
* ``( ... )``: grouping.

Operators are upper case; ``or``, ``and`` and ``not`` in lower case are words. A word
holding punctuation (``covid-19``, ``U.S.``) is the phrase of its parts. Every word is
stemmed with each stemmer (:func:`qaznews.search.text.query_variants`) and the variants
are OR-ed, since a query has no reliable language. The FTS5 expression is then written
from quoted index forms only, so no input can inject FTS5 syntax.

A query that cannot be read raises :class:`QuerySyntaxError` with the position (counted
from 1) of the offending character.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qaznews.errors import QaznewsError
from qaznews.search.text import QUERY_MODES, stem_word
from qaznews.search.tokens import tokens as index_tokens

#: Longest query read, in characters.
MAX_QUERY_CHARS = 2_000
#: Most words and phrases in one query (each becomes up to two FTS5 terms).
MAX_TERMS = 64


class QuerySyntaxError(QaznewsError):
    """A search query that cannot be read."""

    code = "Q500"

    def __init__(self, message: str, query: str, position: int) -> None:
        self.query = query
        #: Offending character, counted from 1.
        self.position = position
        super().__init__(f"{message} (at position {position} of the query)")


# -- syntax tree ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Term:
    """A word or a phrase: its words as typed."""

    words: tuple[str, ...]
    phrase: bool
    position: int


@dataclass(frozen=True, slots=True)
class And:
    include: tuple[Node, ...]
    exclude: tuple[Node, ...]
    position: int


@dataclass(frozen=True, slots=True)
class Or:
    options: tuple[Node, ...]


Node = Term | And | Or


# -- tokens -----------------------------------------------------------------------------

_TOKEN = re.compile(r'\s+|(?P<quote>")|(?P<open>\()|(?P<close>\))|(?P<word>[^\s"()]+)')


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "word", "phrase", "(", ")", "OR", "AND", "NOT", "-"
    text: str
    position: int  # 0-based


def _tokens(query: str) -> list[_Token]:
    tokens: list[_Token] = []
    at = 0
    while at < len(query):
        match = _TOKEN.match(query, at)
        assert match is not None  # the pattern accepts every character
        if match.group("quote"):
            end = query.find('"', at + 1)
            if end < 0:
                raise QuerySyntaxError("unclosed quote", query, at + 1)
            tokens.append(_Token("phrase", query[at + 1:end], at))
            at = end + 1
            continue
        if match.group("open"):
            tokens.append(_Token("(", "(", at))
        elif match.group("close"):
            tokens.append(_Token(")", ")", at))
        elif word := match.group("word"):
            if word in ("OR", "AND", "NOT"):
                tokens.append(_Token(word, word, at))
            elif word.startswith("-") and (len(word) > 1 or _next_opens(query, match.end())):
                tokens.append(_Token("-", "-", at))
                if len(word) > 1:  # "-word": read the rest as a word again
                    at += 1
                    continue
            elif index_tokens(word):  # punctuation alone ("a - b") is no word
                tokens.append(_Token("word", word, at))
        at = match.end()
    return tokens


def _next_opens(query: str, at: int) -> bool:
    """A lone "-" directly before a quote or a parenthesis negates it."""
    return at < len(query) and query[at] in '"('


# -- parser -----------------------------------------------------------------------------


class _Parser:
    def __init__(self, query: str) -> None:
        self.query = query
        self.tokens = _tokens(query)
        self.at = 0
        self.terms = 0

    def error(self, message: str, token: _Token | None = None) -> QuerySyntaxError:
        position = token.position if token is not None else len(self.query)
        return QuerySyntaxError(message, self.query, position + 1)

    def peek(self) -> _Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def parse(self) -> Node:
        if not self.tokens:
            raise QuerySyntaxError("nothing to search for: no words", self.query, 1)
        node = self.parse_or()
        token = self.peek()
        if token is not None:  # only a stray ")" stops parse_or early
            raise self.error("closing parenthesis without an opening one", token)
        return node

    def parse_or(self) -> Node:
        options = [self.parse_and()]
        while (token := self.peek()) is not None and token.kind == "OR":
            self.at += 1
            following = self.peek()
            if following is None or following.kind in (")", "OR", "AND"):
                raise self.error("OR needs something on both sides", token)
            options.append(self.parse_and())
        return options[0] if len(options) == 1 else Or(tuple(options))

    def parse_and(self) -> Node:
        include: list[Node] = []
        exclude: list[Node] = []
        first = self.peek()
        while (token := self.peek()) is not None and token.kind not in (")", "OR"):
            if token.kind == "AND":
                self.at += 1
                following = self.peek()
                if not (include or exclude) or following is None or following.kind in (
                        ")", "OR", "AND"):
                    raise self.error("AND needs something on both sides", token)
                continue
            negated = token.kind in ("NOT", "-")
            if negated:
                self.at += 1
                following = self.peek()
                if following is None or following.kind in (")", "OR", "AND", "NOT", "-"):
                    raise self.error(f"{token.text} needs a word, phrase or group after it",
                                     token)
            node = self.parse_unit()
            (exclude if negated else include).append(node)
        if first is None:
            raise self.error("nothing to search for")
        if first.kind == "OR":
            raise self.error("OR needs something on both sides", first)
        if first.kind == ")":
            raise self.error("closing parenthesis without an opening one", first)
        if not include:
            raise self.error("only excluded words: say what to search for as well", first)
        if not exclude and len(include) == 1:
            return include[0]
        return And(tuple(include), tuple(exclude), first.position)

    def parse_unit(self) -> Node:
        token = self.peek()
        assert token is not None
        self.at += 1
        if token.kind == "(":
            if (inner := self.peek()) is not None and inner.kind == ")":
                raise self.error("empty parentheses", token)
            node = self.parse_or()
            closing = self.peek()
            if closing is None or closing.kind != ")":
                raise self.error("unclosed parenthesis", token)
            self.at += 1
            return node
        if token.kind in ("word", "phrase"):
            found = tuple(index_tokens(token.text))
            if not found:
                what = "an empty phrase" if token.kind == "phrase" else (
                    f"{token.text!r} holds no letters or digits")
                raise self.error(what, token)
            self.terms += 1
            if self.terms > MAX_TERMS:
                raise self.error(f"more than {MAX_TERMS} words and phrases", token)
            return Term(found, token.kind == "phrase" or len(found) > 1, token.position)
        raise self.error(f"unexpected {token.text}", token)


def parse_query(query: str) -> Node:
    """The syntax tree of a query; :class:`QuerySyntaxError` when it cannot be read."""
    if len(query) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(f"longer than {MAX_QUERY_CHARS} characters", query,
                               MAX_QUERY_CHARS + 1)
    return _Parser(query).parse()


# -- FTS5 -------------------------------------------------------------------------------


def _quoted(forms: tuple[str, ...]) -> str:
    return '"' + " ".join(form.replace('"', '""') for form in forms) + '"'


def term_variants(term: Term) -> list[tuple[str, ...]]:
    """The index forms of a word or phrase under every stemming mode, distinct."""
    return list(dict.fromkeys(
        tuple(stem_word(word, mode) for word in term.words) for mode in QUERY_MODES))


def to_fts(node: Node) -> str:
    """The FTS5 expression of a syntax tree: quoted index forms and operators only."""
    if isinstance(node, Term):
        variants = [_quoted(forms) for forms in term_variants(node)]
        return variants[0] if len(variants) == 1 else "(" + " OR ".join(variants) + ")"
    if isinstance(node, Or):
        return "(" + " OR ".join(to_fts(option) for option in node.options) + ")"
    included = " AND ".join(to_fts(part) for part in node.include)
    if not node.exclude:
        return f"({included})"
    excluded = " OR ".join(to_fts(part) for part in node.exclude)
    return f"(({included}) NOT ({excluded}))"

