"""``python -m fundmatch``: the command line (how the background embedding is started)."""

from fundmatch.app.cli import main

main()
