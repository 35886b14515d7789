"""Docs that cannot drift: every CLI command and every list format is in the README."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from tracewire.cli.main import cli
from tracewire.lists.registry import FORMATS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str) -> list[str]:
    out = []
    for name, sub in group.commands.items():
        path = f"{prefix} {name}"
        if isinstance(sub, click.Group):
            out.extend(_commands(sub, path))
        else:
            out.append(path)
    return out


COMMANDS = _commands(cli, "tracewire")


def test_every_group_is_registered() -> None:
    assert {c.split()[1] for c in COMMANDS} >= {
        "lists", "entities", "screen", "serve", "parts", "teardowns", "report",
    }  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS)
def test_command_is_documented(command: str) -> None:
    assert command in README, f"README does not show `{command}`"


@pytest.mark.parametrize("command", COMMANDS)
def test_command_has_help(command: str) -> None:
    words = command.split()[1:]
    cmd: click.Command = cli
    for word in words:
        assert isinstance(cmd, click.Group)
        cmd = cmd.commands[word]
    assert cmd.help, f"`{command}` has no help text"


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_list_format_is_documented(fmt: str) -> None:
    assert f"`{fmt}`" in README


def test_readme_shows_the_two_commands() -> None:
    assert "make demo" in README and "make test" in README
