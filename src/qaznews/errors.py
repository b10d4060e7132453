"""Errors a user can act on. Each has a stable code so messages stay consistent and testable."""

from __future__ import annotations


class QaznewsError(Exception):
    """Base class: a problem with the user's input or setup, reported without a traceback."""

    code = "Q000"

    def __init__(self, message: str, *, where: str | None = None) -> None:
        self.where = where
        super().__init__(message)

    def __str__(self) -> str:
        text = super().__str__()
        return f"{self.where}: {text}" if self.where else text


class InputError(QaznewsError):
    """An input file or path that cannot be read as a capture."""

    code = "Q100"


class NoItemsError(InputError):
    """A readable file in which no news item was recognised."""

    code = "Q101"


class StoreError(QaznewsError):
    """The store cannot be opened or written."""

    code = "Q200"


class GoldError(QaznewsError):
    """A gold file for evaluation is missing or malformed."""

    code = "Q300"


class StoryVersionError(StoreError):
    """The stored story index was built with settings the current ones cannot extend."""

    code = "Q201"
