"""The fast reader of canonical YAML agrees with libyaml, and steps aside when unsure."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sysml_graph.corpus import yamlio
from sysml_graph.problems import InvalidInput
from sysml_graph.resources import default_data_dir


def _shape(node: yamlio.Node) -> Any:
    """Everything a Node holds, lines included, as plain comparable data."""
    if isinstance(node.value, dict):
        items = {k: _shape(v) for k, v in node.value.items()}
        return ("map", node.line, sorted(node.key_lines.items()), items)
    if isinstance(node.value, list):
        return ("seq", node.line, [_shape(v) for v in node.value])
    return (type(node.value).__name__, node.value, node.line)


def _libyaml(text: str, monkeypatch: pytest.MonkeyPatch) -> yamlio.Node:
    with monkeypatch.context() as m:
        m.setattr(yamlio, "_parse_canonical", lambda _text: None)
        return yamlio.parse_text(text, "f.yaml")


def test_fast_path_reads_every_shipped_file_as_libyaml_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    files = sorted(default_data_dir().rglob("*.yaml"))
    assert len(files) > 1500
    slow_files = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        fast = yamlio._parse_canonical(text)
        if fast is None:
            slow_files.append(path.name)
            continue
        assert _shape(fast) == _shape(_libyaml(text, monkeypatch)), path
    # Canonical files (a test in test_data.py keeps them so) all take the fast path.
    assert slow_files == []


TRICKY = [
    "a: 1\nb: '007'\nc: 2017-06-19\nd: true\ne: null\nf:\ng: ~\n",
    "title: 'It''s: quoted'\nauthors:\n- x\n- y\nn: 3\n",
    "- id: a\n  name: Ann\n- id: b\n  name: Bob\n  tags:\n  - one\n  - two\n",
    "a:\n  b:\n    c: d\n  e:\n  - 1\n  - - 2\n    - 3\n",
    "k: ünïcödé — text\nurl: https://example.org/a?b=c&d=e#frag\n",
]


@pytest.mark.parametrize("text", TRICKY)
def test_fast_path_agrees_on_tricky_but_canonical_text(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = yamlio._parse_canonical(text)
    assert fast is not None
    assert _shape(fast) == _shape(_libyaml(text, monkeypatch))


NOT_CANONICAL = [
    "a: 1 # comment\n",
    "# header\na: 1\n",
    'a: "double"\n',
    "a: [1, 2]\n",
    "a: &x 1\nb: *x\n",
    "a: !!python/object:os.system x\n",
    "a: 1\na: 2\n",
    "a: b: c\n",
    "a: |\n  block\n",
    "a: 1   \n",
    "a: 1",  # no final newline
    "a:\tb\n",
    "a: x:\n",
    "- a\n-b\n",
]


@pytest.mark.parametrize("text", NOT_CANONICAL)
def test_fast_path_steps_aside(text: str) -> None:
    assert yamlio._parse_canonical(text) is None


def test_refusals_still_come_with_their_line(tmp_path: Path) -> None:
    for text, line in (("a: 1\nb: &x 2\n", 2), ("a: 1\na: 2\n", 2)):
        with pytest.raises(InvalidInput) as err:
            yamlio.parse_text(text, "f.yaml")
        assert err.value.problems[0].line == line
