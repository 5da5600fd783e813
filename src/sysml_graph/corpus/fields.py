"""Load a data folder: YAML files → typed records, with ``file:line`` for every problem.

Layout of a data folder::

    papers/<id>.yaml          one paper, book or preprint per file
    people.yaml               everyone who authors a paper
    venues.yaml               venue series with their editions; journals
    taxonomies/<scheme>.yaml  SKOS concept schemes (techniques, platforms)

This module checks each file on its own (syntax, types, ranges, required fields);
:mod:`sysml_graph.corpus.rules` then checks the records against each other.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import TypeVar

from ..problems import Problem
from .iri import CONTROL, LinkError, codepoint, web_link
from .records import (
    Where,
)
from .yamlio import Node

ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")

DOI_RE = re.compile(r"10\.\d{4,9}/\S+\Z")

ARXIV_RE = re.compile(r"\d{4}\.\d{4,5}\Z")

PAGES_RE = re.compile(r"[0-9]+(?:-[0-9]+)?\Z")

COMMIT_RE = re.compile(r"[0-9a-f]{7,40}\Z")

# An SPDX licence id (MIT, Apache-2.0, GPL-2.0+, LicenseRef-x): it becomes part of the
# IRI https://spdx.org/licenses/<id>.
SPDX_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+-]*\Z")

# Where str.splitlines() cuts a line: one line of text holds none of them.
LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")

# Unicode's 66 noncharacters, never meant as text: rapper (raptor2) cuts a literal short
# at U+FFFE or U+FFFF, or refuses the whole file.
NONCHARACTER = re.compile(
    "[\ufdd0-\ufdef"
    + "".join(f"{chr((plane << 16) + 0xFFFE)}{chr((plane << 16) + 0xFFFF)}" for plane in range(17))
    + "]"
)

FIRST_YEAR = 1950

T = TypeVar("T")


def last_valid_year() -> int:
    """Papers may carry next year's date (camera-ready versions), never later."""
    return datetime.date.today().year + 1


class Fields:
    """Typed access to one YAML mapping, collecting problems instead of raising."""

    def __init__(self, node: Node, file: str, problems: list[Problem], what: str) -> None:
        self.file = file
        self.problems = problems
        self.what = what
        self.line = node.line
        self.ok = isinstance(node.value, dict)
        if not self.ok:
            self.problem(node.line, f"{what} must be a mapping of fields, got {_kind(node)}")
        self.items: dict[str, Node] = node.value if self.ok else {}
        self.used: set[str] = set()
        # Lines of list items, as "key:value", for messages about one item.
        self.item_lines: dict[str, int] = {}

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.file, line, message))

    def line_of(self, key: str) -> int:
        node = self.items.get(key)
        return node.line if node is not None else self.line

    def _get(self, key: str, required: bool) -> Node | None:
        self.used.add(key)
        node = self.items.get(key)
        if node is None or node.value is None:
            if required and self.ok:
                self.problem(self.line, f"{self.what} is missing required field '{key}'")
            return None
        return node

    def text(self, key: str, required: bool = False) -> str | None:
        node = self._get(key, required)
        if node is None:
            return None
        if not isinstance(node.value, str) or not node.value.strip():
            self.problem(node.line, f"'{key}' must be non-empty text, got {_kind(node)}")
            return None
        self.check_chars(key, node.value, node.line)
        return str(node.value)

    def check_chars(self, key: str, value: str, line: int) -> None:
        """Text is one line of characters: a control character or a noncharacter in a
        title is an accident of copying or decoding, never meant, and line breaks would
        split it in every line-based tool downstream."""
        if value != value.strip() or LINE_BREAK.search(value):
            self.problem(line, f"'{key}' must be one line without surrounding spaces")
        elif bad := CONTROL.search(value) or NONCHARACTER.search(value):
            self.problem(
                line,
                f"'{key}' must not contain control characters or noncharacters; delete the "
                f"{codepoint(bad.group(0))} in '{shown(value)}'",
            )

    def ident(self, key: str, required: bool = False) -> str | None:
        value = self.text(key, required)
        if value is not None and not ID_RE.match(value):
            self.problem(
                self.line_of(key),
                f"'{key}' must be an id of lower-case letters, digits and single hyphens "
                f"(like 'deep-x-2016'), got '{shown(value)}'",
            )
            return None
        return value

    def year(self, key: str, required: bool = False) -> int | None:
        node = self._get(key, required)
        if node is None:
            return None
        value = node.value
        if not isinstance(value, int) or isinstance(value, bool):
            self.problem(
                node.line, f"'{key}' must be a 4-digit integer year, got '{shown(str(value))}'"
            )
            return None
        if not FIRST_YEAR <= value <= last_valid_year():
            self.problem(
                node.line,
                f"'{key}' must be between {FIRST_YEAR} and {last_valid_year()}, got {value}",
            )
            return None
        return value

    def link(self, key: str) -> str | None:
        """An http(s) link as the IRI to write (see :mod:`sysml_graph.corpus.iri`): percent-encoded
        where a browser would encode it, ``None`` (and a problem) where it is no link."""
        before = len(self.problems)
        value = self.text(key)
        if value is None or len(self.problems) > before:
            return None
        try:
            return web_link(value)
        except LinkError as err:
            self.problem(self.line_of(key), f"'{key}' {err}, got '{shown(value)}'")
            return None

    def pattern(self, key: str, regex: re.Pattern[str], example: str) -> str | None:
        value = self.text(key)
        if value is not None and not regex.match(value):
            self.problem(
                self.line_of(key), f"'{key}' must look like '{example}', got '{shown(value)}'"
            )
            return None
        return value

    def choice(self, key: str, kind: Callable[[str], T], required: bool = False) -> T | None:
        value = self.text(key, required)
        if value is None:
            return None
        try:
            return kind(value)
        except ValueError:
            allowed = ", ".join(str(v) for v in getattr(kind, "__members__", {}).values())
            self.problem(
                self.line_of(key), f"'{key}' must be one of {allowed}; got '{shown(value)}'"
            )
            return None

    def one_of(self, key: str, allowed: tuple[str, ...], required: bool = False) -> str | None:
        value = self.text(key, required)
        if value is not None and value not in allowed:
            self.problem(
                self.line_of(key),
                f"'{key}' must be one of {', '.join(allowed)}; got '{shown(value)}'",
            )
            return None
        return value

    def date(self, key: str, required: bool = False) -> str | None:
        """A calendar date, written YYYY-MM-DD (quoted or not)."""
        node = self._get(key, required)
        if node is None:
            return None
        if isinstance(node.value, datetime.date) and not isinstance(node.value, datetime.datetime):
            return node.value.isoformat()
        value = self.text(key)
        try:
            return datetime.date.fromisoformat(value or "").isoformat()
        except ValueError:
            self.problem(self.line_of(key), f"'{key}' must be a date such as 2026-12-01")
            return None

    def nodes(self, key: str, required: bool = False) -> list[Node]:
        node = self._get(key, required)
        if node is None:
            return []
        if not isinstance(node.value, list):
            self.problem(node.line, f"'{key}' must be a list, got {_kind(node)}")
            return []
        return list(node.value)

    def flag(self, key: str) -> bool:
        node = self._get(key, False)
        if node is None:
            return False
        if not isinstance(node.value, bool):
            self.problem(node.line, f"'{key}' must be true or false, got {_kind(node)}")
            return False
        return bool(node.value)

    def integer(self, key: str, required: bool = False) -> int | None:
        node = self._get(key, required)
        if node is None:
            return None
        if not isinstance(node.value, int) or isinstance(node.value, bool) or node.value < 1:
            self.problem(node.line, f"'{key}' must be a positive whole number, got {_kind(node)}")
            return None
        return int(node.value)

    def ids(self, key: str, required: bool = False) -> list[str]:
        out: list[str] = []
        for item in self.nodes(key, required):
            self.item_lines[f"{key}:{item.value}"] = item.line
            if not isinstance(item.value, str) or not ID_RE.match(item.value):
                self.problem(
                    item.line,
                    f"each entry of '{key}' must be an id, got '{shown(str(item.value))}'",
                )
            elif item.value in out:
                self.problem(item.line, f"'{item.value}' is listed twice in '{key}'")
            else:
                out.append(item.value)
        return out

    def texts(self, key: str) -> list[str]:
        out: list[str] = []
        for item in self.nodes(key):
            if not isinstance(item.value, str) or not item.value.strip():
                self.problem(item.line, f"each entry of '{key}' must be text, got {_kind(item)}")
            else:
                self.check_chars(key, item.value, item.line)
                out.append(item.value)
        return out

    def finish(self) -> None:
        """Report fields nobody asked for: usually a typo of a known field."""
        for key, node in self.items.items():
            if key not in self.used:
                known = ", ".join(sorted(self.used))
                self.problem(
                    node.line,
                    f"unknown field '{shown(str(key))}' in {self.what}; known fields are: {known}",
                )


def _kind(node: Node) -> str:
    value = node.value
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"{type(value).__name__} '{shown(str(value))}'"


def shown(text: str) -> str:
    """``text`` for a message: what does not print (controls, line breaks, invisible
    characters) as Python escapes, so that each problem stays one readable line.

    >>> print(shown("a\\x1bb\\u2028c"))
    a\\x1bb\\u2028c
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _where(fields: Fields) -> Where:
    return Where(fields.file, fields.line)


def _list_of(node: Node, file: str, problems: list[Problem], what: str) -> list[Node]:
    if not isinstance(node.value, list):
        problems.append(Problem(file, node.line, f"{what} must be a list of entries"))
        return []
    return list(node.value)
