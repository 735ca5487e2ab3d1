"""The ``fundmatch`` command line. Each command lives in ``fundmatch/app/commands/``."""

from __future__ import annotations

import click

from fundmatch import __version__


@click.group()
@click.version_option(__version__, prog_name="fundmatch")
def cli() -> None:
    """fundmatch: find the EU funding that fits a project, offline."""


def main() -> None:
    """Console-script entry point: domain errors become one line on stderr and exit code 1."""
    from fundmatch.app.commands import register_all
    from fundmatch.core.errors import FundmatchError

    register_all(cli)
    try:
        cli.main(standalone_mode=False)
    except FundmatchError as exc:
        click.echo(f"Error: {exc}", err=True)
        raise SystemExit(1) from None
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        raise SystemExit(130) from None
    except click.ClickException as exc:
        exc.show()
        raise SystemExit(exc.exit_code) from None
    except SystemExit:
        raise
