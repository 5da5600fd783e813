"""Run README.md's console examples, in the folder they assume.

    python -m tests.readme_examples           # show which examples differ
    python -m tests.readme_examples --write   # write the real outputs into README.md

The folder: a copy of the shipped data as ``data/``, the source lists as ``sources/``, and
``broken-data/``: ``data/`` without the drafts and with three mistakes in papers/eie.yaml.
Commands run in-process through click, as a user would type them."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from click.testing import CliRunner

from sysml_graph.cli.main import cli
from sysml_graph.resources import default_data_dir

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def examples(text: str) -> list[tuple[str, str]]:
    """(command, expected output) pairs from the README's ```console blocks, in order."""
    pairs: list[tuple[str, str]] = []
    for block in BLOCK.findall(text):
        command, output = None, []
        for line in block.splitlines():
            if line.startswith("$ "):
                if command is not None:
                    pairs.append((command, "\n".join(output)))
                command, output = line[2:], []
            else:
                output.append(line)
        if command is not None:
            pairs.append((command, "\n".join(output)))
    return pairs


@contextmanager
def example_folder() -> Iterator[Path]:
    data = default_data_dir()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(data, root / "data")
        shutil.copytree(REPO / "sources", root / "sources")
        broken = root / "broken-data"
        shutil.copytree(data, broken, ignore=shutil.ignore_patterns("imported"))
        eie = broken / "papers" / "eie.yaml"
        text = eie.read_text(encoding="utf-8")
        text = text.replace("year: 2016", "year: 20l7").replace("- song-han\n", "- song-hann\n")
        text = re.sub(r"^url: .*$", "url: javascript:alert(1)", text, flags=re.M)
        eie.write_text(text, encoding="utf-8")
        old = Path.cwd()
        os.chdir(root)
        try:
            yield root
        finally:
            os.chdir(old)


def run(command: str) -> str:
    args = shlex.split(command)
    assert args[0] == "sysml-graph", command
    result = CliRunner().invoke(cli, args[1:])
    # Markdown keeps no trailing spaces; rich pads table cells with them.
    return "\n".join(line.rstrip() for line in result.output.rstrip("\n").splitlines())


def actual_outputs(text: str) -> list[tuple[str, str, str]]:
    """(command, README's output, real output) for every example."""
    with example_folder():
        return [(cmd, expected, run(cmd)) for cmd, expected in examples(text)]


def write(text: str) -> str:
    """README text with every example's output replaced by the real one."""
    results = iter(actual_outputs(text))

    def block(m: re.Match[str]) -> str:
        lines: list[str] = []
        for line in m.group(1).splitlines():
            if line.startswith("$ "):
                cmd, _, got = next(results)
                lines += [f"$ {cmd}"] + ([got] if got else [])
        return "```console\n" + "\n".join(lines) + "\n```"

    return BLOCK.sub(block, text)


if __name__ == "__main__":
    text = README.read_text(encoding="utf-8")
    if "--write" in sys.argv:
        README.write_text(write(text), encoding="utf-8")
    else:
        for cmd, expected, got in actual_outputs(text):
            print(("same   " if expected == got else "DIFFERS") + f" $ {cmd}")
