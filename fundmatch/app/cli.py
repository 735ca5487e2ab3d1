"""The ``fundmatch`` command line. Each command lives in ``fundmatch/app/commands/``."""

from __future__ import annotations

import logging
import sys

import click

from fundmatch import __version__


@click.group()
@click.version_option(__version__, prog_name="fundmatch")
@click.option(
    "--verbose",
    is_flag=True,
    help="Log what each step does on stderr, and show the full traceback of an unexpected error.",
)
@click.pass_context
def cli(context: click.Context, verbose: bool) -> None:
    """fundmatch: find the EU funding that fits a project, offline."""
    context.obj = {"verbose": verbose}
    if verbose:
        logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")


def main() -> None:
    """Console-script entry point: every error becomes one line on stderr and exit code 1.

    Domain errors and wrong arguments are printed as ``Error: ...``; an unexpected exception too,
    with its type (``--verbose`` shows its traceback). Ctrl-C exits with 130.
    """
    from fundmatch.app.commands import register_all
    from fundmatch.core.errors import FundmatchError

    register_all(cli)
    args = sys.argv[1:]
    try:
        code = cli.main(args=args, prog_name="fundmatch", standalone_mode=False)
    except FundmatchError as exc:
        _fail(str(exc))
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("Aborted.", err=True)
        raise SystemExit(130) from None
    except click.exceptions.NoArgsIsHelpError as exc:  # a bare `fundmatch`: its help, as --help
        click.echo(exc.format_message())
        raise SystemExit(0) from None
    except click.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx else "fundmatch"
        _fail(f"{exc.format_message()} (see `{command} --help`)")
    except click.ClickException as exc:
        _fail(exc.format_message())
    except SystemExit:
        raise
    except Exception as exc:  # the last line of defence: one line, never a traceback, unless asked
        if _asked_verbose(args):
            raise
        _fail(f"unexpected {type(exc).__name__}: {_one_line(str(exc))} (run with --verbose for details)")
    raise SystemExit(code if isinstance(code, int) else 0)


def _asked_verbose(args: list[str]) -> bool:
    """Whether ``--verbose`` was given to the group (before the command name)."""
    for arg in args:
        if not arg.startswith("-"):
            return False
        if arg == "--verbose":
            return True
    return False


def _one_line(text: str, limit: int = 300) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _fail(message: str) -> None:
    click.echo(f"Error: {_one_line(message, 2000)}", err=True)
    raise SystemExit(1) from None
