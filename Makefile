# fundmatch: the two commands of the README are `make run` and `make test`.
.PHONY: setup run test test-slow lint catalogues

setup:
	scripts/setup.sh dev

# The keyword index goes live first; the passages are embedded in the background while the app answers.
run: setup
	.venv/bin/fundmatch ingest --background
	.venv/bin/fundmatch app

test: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/pytest

test-slow: setup
	.venv/bin/pytest -m slow

lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check .

catalogues:
	.venv/bin/python -m fundmatch.lang.catalogues update
