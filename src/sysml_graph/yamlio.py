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
    return _plain_value(event.value)


def _plain_value(text: str) -> Any:
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if _INT.match(text):
        return int(text)
    return text


# --- the fast path: files in the project's canonical form ------------------------------
#
# Nearly every file is written by dump_canonical (block style, one scalar per line), and
# libyaml's event stream costs ~90 µs per paper file in Python: 9 s of a 100,000-paper
# build. Lines of that form are read here directly; anything else (comments, flow style,
# double quotes, anchors, tags, multi-line or unusual scalars, duplicate keys) makes the
# fast path give up and the file goes through libyaml, which also gives the messages.
# tests/test_yamlio.py checks both paths agree on every shipped file and on generated ones.
_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?\Z")
_QUOTED = re.compile(r"'((?:[^']|'')*)'\Z")
# Plain scalars the fast path trusts: no indicator first, no ": " or " #" inside, no
# character libyaml treats as a line break or refuses, nothing that ends in ":".
_PLAIN = re.compile(
    r"[^-?:,\[\]{}#&*!|>'\"%@`\s](?:[^\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]*[^\s:])?\Z"
)


class _NotCanonical(Exception):
    pass


def _fast_scalar(text: str | None, line: int) -> Node:
    if text is None:
        return Node(None, line)
    m = _QUOTED.match(text)
    if m:
        inner = m.group(1)
        if any(c in inner for c in "\n\r\x85\u2028\u2029\ufeff"):
            raise _NotCanonical
        return Node(inner.replace("''", "'"), line)
    if not _PLAIN.match(text) or ": " in text or " #" in text or "\t" in text:
        raise _NotCanonical
    return Node(_plain_value(text), line)


def _fast_block(lines: list[tuple[int, str, int]], i: int, indent: int) -> tuple[Node, int]:
    """The block starting at ``lines[i]`` (at column ``indent``) and the index after it."""
    col, text, line = lines[i]
    if col != indent:
        raise _NotCanonical
    if text.startswith("- ") or text == "-":
        first = line
        items: list[Node] = []
        while i < len(lines) and lines[i][0] == indent and lines[i][1][:2] in ("- ", "-"):
            col, text, line = lines[i]
            rest = text[2:]
            if _KEY_LINE.match(rest) or rest.startswith("- "):
                lines[i] = (indent + 2, rest, line)  # "- " is indentation of the nested block
                node, i = _fast_block(lines, i, indent + 2)
            else:
                node, i = _fast_scalar(rest or None, line), i + 1
            items.append(node)
        return Node(items, first), i
    mapping = Node({}, line)
    while i < len(lines) and lines[i][0] == indent:
        col, text, line = lines[i]
        m = _KEY_LINE.match(text)
        if not m or m.group(1) in mapping.value:
            raise _NotCanonical
        key, inline = m.group(1), m.group(2)
        mapping.key_lines[key] = line
        i += 1
        if inline is not None and inline != "":
            mapping.value[key] = _fast_scalar(inline, line)
        elif i < len(lines) and (
            lines[i][0] > indent or (lines[i][0] == indent and lines[i][1][:2] in ("- ", "-"))
        ):
            mapping.value[key], i = _fast_block(lines, i, lines[i][0])
        else:
            mapping.value[key] = Node(None, line)
    return mapping, i


def _parse_canonical(text: str) -> Node | None:
    """``text`` read by the fast path, or None when it is not in the plain block form."""
    if not text.endswith("\n") or "\r" in text or "\t" in text:
        return None
    lines: list[tuple[int, str, int]] = []
    for number, raw in enumerate(text[:-1].split("\n"), start=1):
        stripped = raw.lstrip(" ")
        if not stripped or stripped[0] == "#" or raw != raw.rstrip():
            return None
        lines.append((len(raw) - len(stripped), stripped, number))
    if not lines:
        return None
    try:
        node, end = _fast_block(lines, 0, 0)
    except _NotCanonical:
        return None
    return node if end == len(lines) else None


def parse_text(text: str, file: str) -> Node:
    """Parse one YAML document into :class:`Node` values; raise :class:`InvalidInput`.

    >>> parse_text("- &a x\\n- *a\\n", "bomb.yaml")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    sysml_graph.problems.InvalidInput: bomb.yaml:1: YAML anchors and aliases are not allowed...
    """
    fast = _parse_canonical(text)
    if fast is not None and fast.value is not None:
        return fast
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


def read_yaml(path: Path, display: str | None = None, data: bytes | None = None) -> Node:
    """Read a YAML file (or its ``data``, already read) as :class:`Node` values; bytes must
    be UTF-8."""
    name = display or str(path)
    if data is None:
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
