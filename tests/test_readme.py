"""README.md is the user's manual: its examples run and print what it says, and every
command-line option is documented in it."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from sysml_graph.cli import cli

from .conftest import DATA, REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def console_examples() -> list[tuple[str, str]]:
    """(command, expected output) pairs from the README's ```console blocks, in order."""
    pairs: list[tuple[str, str]] = []
    for block in re.findall(r"```console\n(.*?)```", README, re.S):
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


def make_broken_copy(target: Path) -> None:
    """The `broken-data/` the README describes: three mistakes in papers/eie.yaml."""
    shutil.copytree(DATA, target)
    eie = target / "papers" / "eie.yaml"
    text = eie.read_text(encoding="utf-8")
    text = text.replace("year: 2016", "year: 20l7").replace("- song-han\n", "- song-hann\n")
    text = re.sub(r"^url: .*$", "url: javascript:alert(1)", text, flags=re.M)
    eie.write_text(text, encoding="utf-8")


def test_readme_examples_print_what_the_readme_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    make_broken_copy(tmp_path / "broken-data")
    examples = console_examples()
    assert len(examples) >= 8
    for command, expected in examples:
        args = shlex.split(command)
        assert args[0] == "sysml-graph", command
        result = CliRunner().invoke(cli, args[1:])
        # Markdown keeps no trailing spaces; rich pads table cells with them.
        got = "\n".join(line.rstrip() for line in result.output.rstrip("\n").splitlines())
        assert got == expected, f"README example differs: {command}"


def all_options() -> list[tuple[str, str]]:
    group = cli
    assert isinstance(group, click.Group)
    out = []
    for name, command in group.commands.items():
        for param in command.params:
            if isinstance(param, click.Option):
                out.append((name, max(param.opts, key=len)))
    return out


@pytest.mark.parametrize("command,option", all_options())
def test_every_option_is_documented(command: str, option: str) -> None:
    section = README.split(f"### {command}", 1)
    assert len(section) == 2, f"README has no section '### {command}'"
    text = re.split(r"\n##+ ", section[1], maxsplit=1)[0]
    assert option in text, f"README's {command} section lacks {option}"


def test_readme_gives_the_two_setup_commands() -> None:
    assert "bash scripts/test" in README
    assert ".venv/bin/pip install . && .venv/bin/sysml-graph build" in README
    assert "bash scripts/test" in (REPO / ".ci" / "run").read_text()
