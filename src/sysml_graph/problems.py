"""Problems found in input: one line each, ``FILE:LINE: message``."""

from __future__ import annotations

import re
from dataclasses import dataclass

# What must not reach a terminal raw: control characters (ESC starts the sequences that
# move the cursor or rewrite a terminal's title, and C1's CSI/OSC do the same in one byte;
# CR and backspace overwrite what is shown), line and paragraph separators, the bidi
# overrides and isolates that reorder a line as shown, and lone surrogates (which cannot
# even be written as UTF-8). Tab and newline are layout.
_UNSAFE_IN_TEXT = re.compile(
    "\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escape(c: str, json: bool) -> str:
    code = ord(c)
    return f"\\u{code:04x}" if json or code > 0xFF else f"\\x{code:02x}"


def one_line(text: str) -> str:
    """``text`` as one printable line: every character that does not print (controls,
    line breaks, invisible format characters) as its Python escape.

    >>> print(one_line("papers/\\x1b]0;owned\\x07.yaml\\nnext"))
    papers/\\x1b]0;owned\\x07.yaml\\nnext
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def terminal_safe(text: str, json: bool = False) -> str:
    """``text`` (lines of data, such as a query's answer) for a terminal: the characters
    that could change what a terminal shows or does escaped, ``\\x1b`` for ESC (``\\u001b``
    when ``json``, so that a JSON answer stays valid JSON); tabs, newlines and CRLF kept.

    >>> print(terminal_safe("a,b\\n\\x1b]0;title\\x07,\\u202ex\\rc\\n"), end="")
    a,b
    \\x1b]0;title\\x07,\\u202ex\\x0dc
    """
    return _UNSAFE_IN_TEXT.sub(lambda m: _escape(m.group(), json), text)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located in a file.

    >>> str(Problem("data/papers/eie.yaml", 3, "year must be a 4-digit integer, got '20l7'"))
    "data/papers/eie.yaml:3: year must be a 4-digit integer, got '20l7'"

    Shown as one line whatever the file's name or the message quotes:

    >>> print(Problem("papers/\\x1b[2Jx.yaml", 1, "got 'a\\nb'"))
    papers/\\x1b[2Jx.yaml:1: got 'a\\nb'
    """

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return one_line(f"{self.file}:{self.line}: {self.message}")


class InvalidInput(Exception):
    """Raised when input has problems; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))
