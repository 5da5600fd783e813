"""Read YAML safely, keeping the line of every value, and write it in canonical form.

Curated files are small and trusted only as data: anchors and aliases (the way to an
"alias bomb"), explicit tags (``!!python/object``…), duplicate keys and non-UTF-8 bytes are
all refused with the line where they occur. Scalars resolve by a deliberately small rule
set: plain digits are integers, ``true``/``false`` booleans, ``null``/``~``/empty nothing,
everything else (quoted or not) a string, so ``2017-06-19`` stays text and ``20l7`` is
reported as a bad year rather than silently accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import InvalidInput, Problem

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_INT = re.compile(r"[-+]?[0-9]+\Z")


@dataclass
class Node:
    """A YAML value with the 1-based line where it starts.

    ``value`` is a ``dict[str, Node]``, a ``list[Node]``, or a scalar
    (``str``, ``int``, ``bool`` or ``None``).
    """

    value: Any
    line: int
    key_lines: dict[str, int] = field(default_factory=dict)

    def plain(self) -> Any:
        """The value with all line information dropped.

        >>> parse_text("a: [1, x]\\n", "f.yaml").plain()
        {'a': [1, 'x']}
        """
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value


def _scalar(event: yaml.ScalarEvent) -> Any:
    if event.style:  # quoted or block scalars are always text (libyaml says "" for plain)
        return event.value
    text = event.value
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if _INT.match(text):
        return int(text)
    return text


def parse_text(text: str, file: str) -> Node:
    """Parse one YAML document into :class:`Node` values; raise :class:`InvalidInput`.

    >>> parse_text("- &a x\\n- *a\\n", "bomb.yaml")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    sysml_graph.problems.InvalidInput: bomb.yaml:1: YAML anchors and aliases are not allowed...
    """
    problems: list[Problem] = []
    stack: list[tuple[Node, str | None]] = []  # open containers, pending mapping key
    root: Node | None = None
    documents = 0

    def attach(node: Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent, key = stack[-1]
        if isinstance(parent.value, list):
            parent.value.append(node)
        elif key is None:  # this node is a mapping key
            if not isinstance(node.value, str | int) or isinstance(node.value, bool):
                problems.append(Problem(file, node.line, "mapping keys must be plain words"))
                stack[-1] = (parent, "\0invalid")
            else:
                k = str(node.value)
                if k in parent.value:
                    problems.append(
                        Problem(file, node.line, f"duplicate key '{k}'; keep only one of them")
                    )
                stack[-1] = (parent, k)
                parent.key_lines[k] = node.line
        else:
            parent.value[key] = node
            stack[-1] = (parent, None)

    try:
        for event in yaml.parse(text, Loader=_Loader):
            line = event.start_mark.line + 1 if event.start_mark else 1
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise InvalidInput(
                    [
                        Problem(
                            file,
                            line,
                            "YAML anchors and aliases are not allowed; write the value out in full",
                        )
                    ]
                )
            tag = getattr(event, "tag", None)
            if tag is not None and tag != "!":
                raise InvalidInput(
                    [Problem(file, line, f"YAML tags like '{tag}' are not allowed; use plain data")]
                )
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise InvalidInput(
                        [Problem(file, line, "more than one YAML document; keep one per file")]
                    )
            elif isinstance(event, yaml.ScalarEvent):
                attach(Node(_scalar(event), line))
            elif isinstance(event, yaml.SequenceStartEvent):
                node = Node([], line)
                attach(node)
                stack.append((node, None))
            elif isinstance(event, yaml.MappingStartEvent):
                node = Node({}, line)
                attach(node)
                stack.append((node, None))
            elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
                stack.pop()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = mark.line + 1 if mark else 1
        what = err.problem or str(err)
        if err.context and err.context_mark and err.context_mark.line + 1 != where:
            what += f" ({err.context} at line {err.context_mark.line + 1})"
        raise InvalidInput([Problem(file, where, f"YAML syntax error: {what}")]) from None
    except yaml.YAMLError as err:  # pragma: no cover - libyaml reports marks for all we know
        raise InvalidInput([Problem(file, 1, f"YAML error: {err}")]) from None
    if problems:
        raise InvalidInput(problems)
    if root is None or root.value is None:
        raise InvalidInput([Problem(file, 1, "file is empty; expected YAML data")])
    return root


def read_yaml(path: Path, display: str | None = None) -> Node:
    """Read a YAML file as :class:`Node` values; bytes must be UTF-8."""
    name = display or str(path)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise InvalidInput(
            [
                Problem(
                    name,
                    line,
                    f"bytes that are not UTF-8 (0x{data[err.start]:02x}); save the file as UTF-8",
                )
            ]
        ) from None
    return parse_text(text, name)


def dump_canonical(value: Any) -> str:
    """YAML text in the project's canonical form: block style, keys in the given order,
    unicode as is, no line wrapping.

    >>> print(dump_canonical({"id": "eie", "year": 2016, "authors": ["song-han"]}), end="")
    id: eie
    year: 2016
    authors:
    - song-han
    """
    text: str = yaml.dump(
        value,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=10_000,
        default_flow_style=False,
    )
    return text
