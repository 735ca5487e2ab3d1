#!/usr/bin/env bash
# Create .venv and install fundmatch with pinned dependencies. Idempotent; no network beyond PyPI.
# Usage: scripts/setup.sh [extra,...]   e.g. scripts/setup.sh dev,local-llm
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
python_bin="${PYTHON:-python3.11}"
command -v "$python_bin" >/dev/null 2>&1 || python_bin=python3
if [ ! -x .venv/bin/python ]; then
    "$python_bin" -m venv .venv
    .venv/bin/python -m pip install -q --upgrade pip
fi
# torch first and pinned: the CPU build (a bare `torch` would pull a multi-GB CUDA build).
.venv/bin/python -m pip install -q torch==2.13.0
target="."
[ -n "$extras" ] && target=".[${extras}]"
.venv/bin/python -m pip install -q -e "$target"
.venv/bin/python -m pip check
