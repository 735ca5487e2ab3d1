"""CLI commands, one module each; every module exposes ``COMMANDS``, a list of click commands."""

from __future__ import annotations

import importlib

import click

COMMAND_MODULES = (
    "ingest",
    "embed",
    "index",
    "update",
    "models",
    "recommend",
    "evaluate",
    "train_ranker",
    "app",
    "llm",
    "profiles",
    "digest",
    "serve",
)


def register_all(group: click.Group) -> None:
    """Attach every command module's commands to the top-level group."""
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"fundmatch.app.commands.{name}")
        for command in module.COMMANDS:
            group.add_command(command)
