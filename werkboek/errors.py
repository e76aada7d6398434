"""Errors that reach a user: Dutch, naming the file, saying what to do."""

from __future__ import annotations

import os

# Exit codes of every command.
OK, FINDINGS, UNREADABLE = 0, 1, 2


class WerkboekError(Exception):
    """A problem the user can act on; the CLI prints it without a traceback."""

    exit_code = UNREADABLE

    def __init__(self, message: str, todo: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.todo = todo

    def __str__(self) -> str:
        return f"{self.message} {self.todo}".strip()


class FileProblem(WerkboekError):
    """A file that cannot be read as a Netwerkkaart workbook (exit code 2)."""

    def __init__(self, path: str | os.PathLike[str], what: str, todo: str) -> None:
        self.path = str(path)
        self.what = what
        super().__init__(f"{self.path}: {what}", todo)
