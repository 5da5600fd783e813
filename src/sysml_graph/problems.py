"""Problems found in input: one line each, ``FILE:LINE: message``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located in a file.

    >>> str(Problem("data/papers/eie.yaml", 3, "year must be a 4-digit integer, got '20l7'"))
    "data/papers/eie.yaml:3: year must be a 4-digit integer, got '20l7'"
    """

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class InvalidInput(Exception):
    """Raised when input has problems; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))
