"""The systemd units in deploy/ name commands and options that exist.

A renamed management command or option would otherwise only show when a server
starts; here every ``python -m quartier …`` line is parsed by the command's own
argument parser, and the web unit's WSGI module is imported.
"""

import configparser
import importlib
import shlex
from pathlib import Path

import pytest
from django.core.management import get_commands, load_command_class

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
UNITS = sorted(DEPLOY.glob("*.service"))


def exec_lines(unit: Path) -> list[list[str]]:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    # Repeated ExecStart= lines are allowed in oneshot units; keep them all.
    lines = []
    for raw in unit.read_text().replace("\\\n", " ").splitlines():
        if raw.startswith("ExecStart="):
            lines.append(shlex.split(raw.removeprefix("ExecStart=")))
    parser.read_string(unit.read_text().replace("\\\n", " "))
    assert parser.has_section("Service"), unit.name
    return lines


def test_there_are_units_for_the_web_server_the_task_workers_and_the_timers():
    names = {unit.name for unit in DEPLOY.iterdir()}
    assert {
        "quartier-web.service",
        "quartier-worker@.service",
        "quartier-daily.service",
        "quartier-daily.timer",
    } <= names


@pytest.mark.parametrize("unit", UNITS, ids=lambda unit: unit.name)
def test_every_command_in_a_unit_exists_with_its_options(unit, settings):
    # As in production: the worker refuses a queue that is not in the database.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    commands = get_commands()
    lines = exec_lines(unit)
    assert lines, f"{unit.name} starts nothing"
    for argv in lines:
        if argv[0].endswith("/gunicorn"):
            module, _, name = argv[1].partition(":")
            assert hasattr(importlib.import_module(module), name or "application")
            continue
        assert argv[1:3] == ["-m", "quartier"], argv
        name, *options = argv[3:]
        assert name in commands, f"{unit.name}: no command {name}"
        command = load_command_class(commands[name], name)
        # Raises SystemExit (a failed test) on an option the command does not know.
        command.create_parser("quartier", name).parse_args(
            [option.replace("%H-%i", "host-1") for option in options]
        )
