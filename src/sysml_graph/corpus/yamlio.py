"""Read YAML safely, keeping the line of every value, and write it in canonical form.

Curated files are small and trusted only as data: anchors and aliases (the way to an
"alias bomb"), explicit tags (``!!python/object``…), duplicate keys and non-UTF-8 bytes are
all refused with the line where they occur, as are control characters and files beyond the
limits below (checked before libyaml or the fast path could run out of stack or memory on
them). Scalars resolve by a deliberately small rule
set: plain digits are integers, ``true``/``false`` booleans, ``null``/``~``/empty nothing,
everything else (quoted or not) a string, so ``2017-06-19`` stays text and ``20l7`` is
reported as a bad year rather than silently accepted.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..problems import InvalidInput, Problem

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

_INT = re.compile(r"[-+]?[0-9]+\Z")

# Limits of one file, far above what real data needs (the shipped data's largest file is
# 111 KB, its deepest nesting 4, its longest value 224 characters; a generated
# 100,000-paper people.yaml is 3.4 MB and 240,000 values) and low enough that a hostile
# file is refused within seconds and a few hundred MB: without them 3,000 nested levels
# overflowed the stack, a 50 MB quoted value took 7 GB, and 4 million one-letter values
# 1.5 GB and 27 s.
MAX_FILE_BYTES = 16 * 1024 * 1024

MAX_DEPTH = 32

MAX_SCALAR = 10_000

MAX_VALUES = 1_000_000

# The characters libyaml refuses in a stream (C0 controls but tab and line breaks, DEL, C1
# but NEL, surrogates, U+FFFE/U+FFFF): looked for before either reader runs, so that both
# give the same message with its line (libyaml's own is multi-line and without one).
_REFUSED = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# Control characters a quoted scalar can still spell as escapes ("\e", "\0", "\x1b").
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(slots=True)  # a file holds up to MAX_VALUES of them
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


def _fast_block(
    lines: list[tuple[int, str, int]], i: int, indent: int, depth: int = 1
) -> tuple[Node, int]:
    """The block starting at ``lines[i]`` (at column ``indent``, ``depth`` containers deep)
    and the index after it."""
    col, text, line = lines[i]
    if col != indent or depth > MAX_DEPTH:  # libyaml's reader says where it is too deep
        raise _NotCanonical
    if text.startswith("- ") or text == "-":
        first = line
        items: list[Node] = []
        while i < len(lines) and lines[i][0] == indent and lines[i][1][:2] in ("- ", "-"):
            col, text, line = lines[i]
            rest = text[2:]
            if _KEY_LINE.match(rest) or rest.startswith("- "):
                lines[i] = (indent + 2, rest, line)  # "- " is indentation of the nested block
                node, i = _fast_block(lines, i, indent + 2, depth + 1)
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
            mapping.value[key], i = _fast_block(lines, i, lines[i][0], depth + 1)
        else:
            mapping.value[key] = Node(None, line)
    return mapping, i


def _parse_canonical(text: str) -> Node | None:
    """``text`` read by the fast path, or None when it is not in the plain block form."""
    if not text.endswith("\n") or "\r" in text or "\t" in text:
        return None
    # A line makes at most two values (a key's and a new mapping's) plus one per "- " that
    # opens a nested list on it: beyond the limit, the slow path counts exactly (and holds
    # one Node a value, not first a string and a tuple a line).
    if 2 * text.count("\n") + text.count("- ") > MAX_VALUES:
        return None
    lines: list[tuple[int, str, int]] = []
    for number, raw in enumerate(text[:-1].split("\n"), start=1):
        stripped = raw.lstrip(" ")
        # A line longer than any value may be leaves the fast path (the slow one says which
        # value is too long): the quoted-scalar pattern took 140 bytes a character.
        if not stripped or stripped[0] == "#" or raw != raw.rstrip() or len(raw) > MAX_SCALAR:
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
    refused = _REFUSED.search(text)
    if refused:
        raise InvalidInput([_control_problem(file, text, refused.start())])
    fast = _parse_canonical(text)
    if fast is not None and fast.value is not None:
        return fast
    problems: list[Problem] = []
    stack: list[tuple[Node, str | None]] = []  # open containers, pending mapping key
    root: Node | None = None
    documents = 0
    values = 0

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
                _check_scalar(event.value, file, line)
                values += 1
                attach(Node(_scalar(event), line))
            elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
                values += 1
                if len(stack) >= MAX_DEPTH:
                    raise InvalidInput(
                        [
                            Problem(
                                file,
                                line,
                                f"values nested more than {MAX_DEPTH} levels deep; "
                                "flatten the data",
                            )
                        ]
                    )
                node = Node([] if isinstance(event, yaml.SequenceStartEvent) else {}, line)
                attach(node)
                stack.append((node, None))
            if values > MAX_VALUES:
                raise InvalidInput(
                    [
                        Problem(
                            file,
                            line,
                            f"more than {MAX_VALUES:,} values in one file; split the file",
                        )
                    ]
                )
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


def _check_scalar(value: str, file: str, line: int) -> None:
    if len(value) > MAX_SCALAR:
        raise InvalidInput(
            [
                Problem(
                    file,
                    line,
                    f"a value of {len(value):,} characters; at most {MAX_SCALAR:,} are allowed",
                )
            ]
        )
    control = _CONTROL.search(value)
    if control:
        raise InvalidInput(
            [
                Problem(
                    file,
                    line,
                    f"control character U+{ord(control.group()):04X} in a value; delete it",
                )
            ]
        )


def _control_problem(file: str, text: str, at: int) -> Problem:
    return Problem(
        file,
        text.count("\n", 0, at) + 1,
        f"control character U+{ord(text[at]):04X} is not allowed in YAML; delete it",
    )


def read_bounded(path: Path) -> bytes:
    """The bytes of the file at ``path``, at most ``MAX_FILE_BYTES + 1`` of them (enough for
    :func:`read_yaml` to refuse a larger file without holding it); an ``OSError`` when it
    is not a regular file (a FIFO would block, a device never end)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        chunks: list[bytes] = []
        left = MAX_FILE_BYTES + 1
        want = min(info.st_size + 1, left)  # all in one read, unless it grows meanwhile
        while left > 0 and (chunk := os.read(fd, want)):
            chunks.append(chunk)
            left -= len(chunk)
            want = min(left, 1 << 16)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_yaml(path: Path, display: str | None = None, data: bytes | None = None) -> Node:
    """Read a YAML file (or its ``data``, already read) as :class:`Node` values; bytes must
    be UTF-8, at most ``MAX_FILE_BYTES`` of them."""
    name = display or str(path)
    if data is None:
        data = read_bounded(path)
    if len(data) > MAX_FILE_BYTES:
        raise InvalidInput(
            [
                Problem(
                    name,
                    1,
                    f"file larger than {MAX_FILE_BYTES // 2**20} MiB; split it into smaller files",
                )
            ]
        )
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
