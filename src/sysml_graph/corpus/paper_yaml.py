"""The paper record as YAML: the keys in their canonical order and a record written back, and a
draft record checked by the loader's own rules.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable
from typing import Any

from ..problems import Problem
from .records import Paper
from .yamlio import Node

# (attribute, YAML key) of every field of a paper record that is written, in order.
PAPER_FIELDS: tuple[tuple[str, str], ...] = tuple(
    (f.name, f.metadata.get("yaml", f.name))
    for f in dataclasses.fields(Paper)
    if f.metadata.get("yaml", f.name)
)
PAPER_KEYS: tuple[str, ...] = tuple(key for _, key in PAPER_FIELDS)


def _yaml_value(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return str(value)
    if isinstance(value, bool):
        return value or None  # a flag is written only when set
    if isinstance(value, list):
        return [_yaml_value(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: v for k, v in dataclasses.asdict(value).items() if v is not None}
    return value


def paper_yaml(p: Paper) -> dict[str, Any]:
    """The YAML mapping of a paper record, every key in order (empty ones too).

    >>> from sysml_graph.corpus.records import PaperKind, Where
    >>> paper = Paper(id="x", kind=PaperKind.BOOK, title="X", where=Where("papers/x.yaml", 1))
    >>> {k: v for k, v in paper_yaml(paper).items() if v not in (None, [])}
    {'id': 'x', 'type': 'book', 'status': 'curated', 'title': 'X'}
    """
    return {key: _yaml_value(getattr(p, name)) for name, key in PAPER_FIELDS}


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
