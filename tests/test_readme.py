"""README.md is the user's manual: its examples run and print what it says, and every
command-line option is documented in it. (`python -m tests.readme_examples --write`
refreshes the outputs after a deliberate change; review the diff.)"""

from __future__ import annotations

import re

import click
import pytest

from sysml_graph.cli.main import cli

from .readme_examples import README, REPO, actual_outputs, examples

TEXT = README.read_text(encoding="utf-8")


def test_readme_examples_print_what_the_readme_says() -> None:
    assert len(examples(TEXT)) >= 12
    for command, expected, got in actual_outputs(TEXT):
        assert got == expected, f"README example differs: {command}"


def all_options() -> list[tuple[str, str]]:
    out = []

    def walk(group: click.Group, prefix: str) -> None:
        for name, command in group.commands.items():
            if isinstance(command, click.Group):
                walk(command, f"{prefix}{name} ")
                continue
            for param in command.params:
                if isinstance(param, click.Option):
                    out.append((f"{prefix}{name}", max(param.opts, key=len)))

    assert isinstance(cli, click.Group)
    walk(cli, "")
    return out


@pytest.mark.parametrize("command,option", all_options())
def test_every_option_is_documented(command: str, option: str) -> None:
    section_name = command.split()[0]
    section = TEXT.split(f"### {section_name}", 1)
    assert len(section) == 2, f"README has no section '### {section_name}'"
    text = re.split(r"\n##+ ", section[1], maxsplit=1)[0]
    assert option in text, f"README's {section_name} section lacks {option} ({command})"


def test_readme_gives_the_two_setup_commands() -> None:
    assert "bash scripts/test" in TEXT
    assert ".venv/bin/pip install . && .venv/bin/sysml-graph build" in TEXT
    assert "bash scripts/test" in (REPO / ".ci" / "run").read_text()
