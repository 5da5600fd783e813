"""The paper record as YAML: the keys in their canonical order and a record written back, and a
draft record checked by the loader's own rules.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..problems import Problem
from .records import Paper
from .yamlio import Node

PAPER_KEYS = (
    "id",
    "type",
    "status",
    "title",
    "authors",
    "authors_incomplete",
    "venue",
    "year",
    "pages",
    "doi",
    "arxiv",
    "url",
    "code",
    "website",
    "publisher",
    "techniques",
    "platforms",
    "inferred_techniques",
    "inferred_platforms",
    "extends",
    "cites",
    "topics",
    "sources",
    "note",
)


def _paper_yaml(p: Paper) -> dict[str, Any]:
    return {
        "id": p.id,
        "type": str(p.kind),
        "status": str(p.status),
        "title": p.title,
        "authors": list(p.authors),
        "authors_incomplete": p.authors_incomplete or None,
        "venue": p.venue,
        "year": p.year,
        "pages": p.pages,
        "doi": p.doi,
        "arxiv": p.arxiv,
        "url": p.url,
        "code": p.code,
        "website": p.website,
        "publisher": p.publisher,
        "inferred_techniques": list(p.inferred_techniques),
        "inferred_platforms": list(p.inferred_platforms),
        "topics": list(p.topics),
        "sources": [
            {
                k: v
                for k, v in {
                    "list": s.list,
                    "commit": s.commit,
                    "file": s.file,
                    "line": s.line,
                }.items()
                if v is not None
            }
            for s in p.sources
        ],
        "note": p.note,
    }


class _Numbered:
    """A record as the loader's :class:`Node` tree, each value on a line of its own, so
    that a problem the loader reports names the field (and list item) it is about."""

    def __init__(self) -> None:
        self.fields: dict[int, tuple[str, int | None]] = {}

    def node(self, value: Any, key: str = "", index: int | None = None) -> Node:
        line = len(self.fields) + 1
        self.fields[line] = (key, index)
        if isinstance(value, dict):
            return Node({k: self.node(v, key or k, index) for k, v in value.items()}, line)
        if isinstance(value, list):
            return Node(
                [self.node(v, key, i if index is None else index) for i, v in enumerate(value)],
                line,
            )
        return Node(value, line)


# A field the loader refuses: (field, list index or None, the loader's message). The
# field is "" for a problem with the record as a whole.
FieldProblem = tuple[str, int | None, str]


def record_problems(
    parse: Callable[[Node, str, list[Problem]], object], record: dict[str, Any], listed: bool
) -> list[FieldProblem]:
    """What the loader's ``parse`` function (``parse_paper``, ``parse_people``…) says of
    ``record``, by field; ``listed`` for files that hold a list of such records."""
    numbered = _Numbered()
    node = numbered.node(record)
    found: list[Problem] = []
    parse(Node([node], 0) if listed else node, "draft", found)
    return [(*numbered.fields.get(p.line, ("", None)), p.message) for p in found]
