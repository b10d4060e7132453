"""Every command, option and setting has help and is described in the docs."""

from __future__ import annotations

from typing import Any

import typer.core
import typer.main

from qaznews.cli import app
from qaznews.settings import SETTINGS

from .conftest import REPO

DOCS = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "docs").glob("*.md"))
README = (REPO / "README.md").read_text(encoding="utf-8")


def _commands(group: Any, prefix: str = "") -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    for name, command in group.commands.items():
        full = f"{prefix}{name}"
        if isinstance(command, typer.core.TyperGroup):
            found.extend(_commands(command, full + " "))
        else:
            found.append((full, command))
    return found


def test_every_command_and_option_has_help_and_docs() -> None:
    root = typer.main.get_command(app)
    assert isinstance(root, typer.core.TyperGroup)
    commands = _commands(root)
    assert {name for name, _ in commands} >= {"parse", "ingest", "export", "report", "eval parse"}
    for name, command in commands:
        assert command.help, f"{name} has no help"
        assert f"qaznews {name}" in DOCS, f"`qaznews {name}` is not in docs/"
        for param in command.params:
            if isinstance(param, typer.core.TyperOption):
                assert param.help, f"{name} {param.opts} has no help"
                assert any(opt in DOCS for opt in param.opts), f"{name} {param.opts} not in docs/"


def test_every_setting_is_documented() -> None:
    for setting in SETTINGS:
        assert setting.help
        assert f"`{setting.name}`" in DOCS, f"setting {setting.name} is not in docs/"
        assert f"QAZNEWS_{setting.name.upper()}" in DOCS


def test_readme_opens_with_the_two_commands() -> None:
    head = README[:1500]
    assert "make demo" in head and "make test" in head
